import Foundation
import XCTest
import Xapian
@testable import BulletinSearch

/// Measures what the incremental check costs on a large index. Off by default (it writes
/// 100 000 small documents): `BULLETIN_SCALE=100000 swift test --filter IndexingScaleTests`.
final class IndexingScaleTests: XCTestCase {
    func testLoadingSignaturesOfALargeIndex() throws {
        guard let count = ProcessInfo.processInfo.environment["BULLETIN_SCALE"].flatMap(Int.init) else {
            throw XCTSkip("set BULLETIN_SCALE=N to run")
        }
        let dir = try makeTemporaryDirectory(self)
        let path = dir.appendingPathComponent("index").path
        var clock = Date()
        do {
            let db = try WritableDatabase(path: path)
            for i in 0..<count {
                let doc = try Document()
                try doc.setData("{}")
                try doc.addBooleanTerm("Q\(i / 1000)/f\(i).txt")
                try doc.addBooleanTerm("XR/root")
                try doc.addTerm("word\(i % 97)")
                try doc.setValue("\(1000 + i):\(1_700_000_000_000 + i):0123456789abcdef", slot: IndexSchema.signatureSlot)
                try db.add(doc)
            }
            try db.commit()
        }
        print("built \(count) documents in \(Date().timeIntervalSince(clock)) s")
        let db = try Database(path: path)
        clock = Date()
        let terms = try db.allTerms(prefix: "Q")
        print("allTerms(Q): \(terms.count) in \(Date().timeIntervalSince(clock)) s")
        clock = Date()
        var signatures: [String: String] = [:]
        for (term, _) in terms {
            if let id = try db.documentID(withTerm: term) {
                signatures[term] = try db.document(id).value(slot: IndexSchema.signatureSlot)
            }
        }
        print("Q terms + docid + signature value: \(signatures.count) in \(Date().timeIntervalSince(clock)) s")
        clock = Date()
        var roots = 0
        for (term, _) in terms {
            if let id = try db.documentID(withTerm: term), try !db.document(id).terms(prefix: "XR").isEmpty { roots += 1 }
        }
        print("…plus each document's XR terms: \(roots) in \(Date().timeIntervalSince(clock)) s")
        clock = Date()
        let enquire = try Enquire(database: db)
        try enquire.setQuery(try Query.term("XR/root"))
        let mset = try enquire.mset(first: 0, count: count)
        var ids = Set<UInt32>()
        for i in 0..<mset.count { ids.insert(mset[i].documentID) }
        print("docids under one root via Enquire: \(ids.count) in \(Date().timeIntervalSince(clock)) s")
    }
}
