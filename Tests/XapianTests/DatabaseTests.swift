import Foundation
import XCTest
@testable import Xapian

final class DatabaseTests: XCTestCase {
    func testOpeningMissingDatabaseIsNotFound() throws {
        let dir = try makeTemporaryDirectory(self)
        XCTAssertThrowsError(try Database(path: dir.appendingPathComponent("nothing").path)) { error in
            let kind = (error as? XapianError)?.kind
            XCTAssertTrue(kind == .databaseNotFound || kind == .databaseOpening, "got \(error)")
            XCTAssertTrue(kind?.isOpeningFailure ?? false)
        }
    }

    func testOpeningADirectoryThatIsNotADatabaseFails() throws {
        let dir = try makeTemporaryDirectory(self)
        try "hello".write(to: dir.appendingPathComponent("README.md"), atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try Database(path: dir.path)) { error in
            XCTAssertTrue((error as? XapianError)?.kind.isOpeningFailure ?? false, "got \(error)")
        }
    }

    func testSecondWriterGetsLockError() throws {
        let dir = try makeTemporaryDirectory(self)
        let first = try WritableDatabase(path: dir.path)
        XCTAssertThrowsError(try WritableDatabase(path: dir.path)) { error in
            XCTAssertEqual((error as? XapianError)?.kind, .databaseLock)
        }
        try first.close()
        // Once closed, the lock is free.
        let second = try WritableDatabase(path: dir.path)
        try second.commit()
    }

    func testAddReplaceDeleteByUniqueTerm() throws {
        let dir = try makeTemporaryDirectory(self)
        let db = try WritableDatabase(path: dir.path)
        for text in ["first", "second"] {
            let doc = try Document()
            try doc.setData(text)
            try doc.addBooleanTerm("Qdoc-1")
            try doc.addTerm(text)
            try db.replace(uniqueTerm: "Qdoc-1", with: doc)
        }
        try db.commit()
        XCTAssertEqual(try db.documentCount(), 1)
        let id = try XCTUnwrap(try db.documentID(withTerm: "Qdoc-1"))
        XCTAssertEqual(try db.document(id).data(), "second")
        XCTAssertEqual(try db.termFrequency("first"), 0)
        try db.delete(uniqueTerm: "Qdoc-1")
        try db.commit()
        XCTAssertEqual(try db.documentCount(), 0)
        XCTAssertNil(try db.documentID(withTerm: "Qdoc-1"))
    }

    func testReaderSeesOnlyCommittedChanges() throws {
        let dir = try makeTemporaryDirectory(self)
        let writer = try WritableDatabase(path: dir.path)
        try writer.commit()
        let reader = try Database(path: dir.path)
        let doc = try Document()
        try doc.addTerm("word")
        try writer.add(doc)
        XCTAssertEqual(try reader.documentCount(), 0)
        try writer.commit()
        try reader.reopen()
        XCTAssertEqual(try reader.documentCount(), 1)
    }

    func testTooLongTermIsRejectedBeforeCommit() throws {
        let doc = try Document()
        XCTAssertThrowsError(try doc.addTerm(String(repeating: "я", count: 200))) { error in
            XCTAssertEqual((error as? XapianError)?.kind, .invalidArgument)
        }
        XCTAssertThrowsError(try doc.addTerm(""))
    }

    func testCancelledTransactionLeavesNothing() throws {
        let dir = try makeTemporaryDirectory(self)
        let db = try WritableDatabase(path: dir.path)
        struct Boom: Error {}
        XCTAssertThrowsError(try db.transaction {
            let doc = try Document()
            try doc.addTerm("x")
            try db.add(doc)
            throw Boom()
        })
        XCTAssertEqual(try db.documentCount(), 0)
    }

    func testCheckReportsAHealthyDatabase() throws {
        let dir = try makeTemporaryDirectory(self)
        let db = try WritableDatabase(path: dir.path)
        let doc = try Document()
        try doc.addTerm("x")
        try db.add(doc)
        try db.commit()
        try db.close()
        XCTAssertEqual(try Database.check(path: dir.path).errors, 0)
    }

    func testMetadataRoundTrip() throws {
        let dir = try makeTemporaryDirectory(self)
        let db = try WritableDatabase(path: dir.path)
        try db.setMetadata("schema", "1")
        try db.commit()
        XCTAssertEqual(try db.metadata("schema"), "1")
        XCTAssertEqual(try db.metadata("absent"), "")
    }

    func testSynonymsReadBackAfterCommit() throws {
        let dir = try makeTemporaryDirectory(self)
        let db = try WritableDatabase(path: dir.path)
        try db.addSynonym("индии", "XCIN")
        try db.addSynonym("индии", "индия")
        try db.commit()
        let reader = try Database(path: dir.path)
        XCTAssertEqual(try reader.synonyms(of: "индии"), ["XCIN", "индия"])
        XCTAssertEqual(try reader.synonyms(of: "китая"), [])
    }

    /// A spelling batch gathers documents' unprefixed terms with their wdf and adds each word
    /// once with the summed count: the table `addSpelling` per word and occurrence writes.
    func testSpellingBatchAddsWhatAddSpellingPerDocumentAdds() throws {
        let dir = try makeTemporaryDirectory(self)
        let batched = try WritableDatabase(path: dir.appendingPathComponent("batched").path)
        let direct = try WritableDatabase(path: dir.appendingPathComponent("direct").path)
        let batch = try SpellingBatch()
        XCTAssertEqual(batch.count, 0)
        let documents: [[(String, Int)]] = [[("контракт", 2), ("ZSx", 1), ("поставка", 1), ("Qid", 1)],
                                            [("контракт", 3), ("су30мки", 1), ("XCIN", 4)], []]
        for terms in documents {
            let doc = try Document()
            for (term, wdf) in terms { try doc.addTerm(term, wdfIncrement: wdf) }
            let one = try SpellingBatch()
            try one.addUnprefixedTerms(of: doc)
            try batch.merge(one)
            for (term, wdf) in terms where !(term.utf8.first.map { (0x41...0x5A).contains($0) } ?? true) {
                try direct.addSpelling(term, count: wdf)
            }
        }
        XCTAssertEqual(batch.count, 3)
        try batched.addSpellings(batch)
        XCTAssertEqual(batch.count, 0, "adding empties the batch")
        try batched.commit()
        try direct.commit()
        let got = try batched.spellings(), expected = try direct.spellings()
        XCTAssertEqual(got.map(\.word), ["контракт", "поставка", "су30мки"])
        XCTAssertEqual(got.map(\.word), expected.map(\.word))
        XCTAssertEqual(got.map(\.frequency), expected.map(\.frequency))
        XCTAssertEqual(got.first?.frequency, 5)
    }
}
