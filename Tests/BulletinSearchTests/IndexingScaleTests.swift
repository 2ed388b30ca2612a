import Foundation
import XCTest
import Xapian
@testable import BulletinSearch

/// What the incremental check reads from an index of many documents: every unique id, its
/// signature, and the documents under one root, each complete past the first pages Xapian
/// hands out. `BULLETIN_SCALE=N` sets the size (default 3000; the cost is in `make bench`).
final class IndexingScaleTests: XCTestCase {
    func testLoadingSignaturesOfALargeIndex() throws {
        let count = ProcessInfo.processInfo.environment["BULLETIN_SCALE"].flatMap(Int.init) ?? 3000
        let dir = try makeTemporaryDirectory(self)
        let path = dir.appendingPathComponent("index").path
        do {
            let db = try WritableDatabase(path: path)
            for i in 0..<count {
                let doc = try Document()
                try doc.setData("{}")
                try doc.addBooleanTerm("Q\(i / 1000)/f\(i).txt")
                try doc.addBooleanTerm(i % 3 == 0 ? "XR/other" : "XR/root")
                try doc.addTerm("word\(i % 97)")
                try doc.setValue("\(1000 + i):\(1_700_000_000_000 + i):0123456789abcdef", slot: IndexSchema.signatureSlot)
                try db.add(doc)
            }
            try db.commit()
        }
        let db = try Database(path: path)
        let terms = try db.allTerms(prefix: "Q")
        XCTAssertEqual(terms.count, count)
        XCTAssertTrue(terms.allSatisfy { $0.frequency == 1 })
        var signatures: [String: String] = [:]
        for (term, _) in terms {
            let id = try XCTUnwrap(try db.documentID(withTerm: term), term)
            signatures[term] = try db.document(id).value(slot: IndexSchema.signatureSlot)
        }
        XCTAssertEqual(signatures.count, count)
        XCTAssertEqual(signatures["Q0/f7.txt"], "1007:1700000000007:0123456789abcdef")
        let last = "Q\((count - 1) / 1000)/f\(count - 1).txt"
        XCTAssertEqual(signatures[last], "\(1000 + count - 1):\(1_700_000_000_000 + count - 1):0123456789abcdef")

        let enquire = try Enquire(database: db)
        try enquire.setQuery(try Query.term("XR/root"))
        let mset = try enquire.mset(first: 0, count: count)
        var ids = Set<UInt32>()
        for i in 0..<mset.count { ids.insert(mset[i].documentID) }
        XCTAssertEqual(ids.count, count - (count + 2) / 3, "every document under the root, none of the other")
    }
}
