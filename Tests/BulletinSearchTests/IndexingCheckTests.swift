import Foundation
import XCTest
import Xapian
@testable import BulletinSearch

/// `bulletin check`: Xapian's consistency check and the bulletin invariants; damaged and
/// foreign directories are reported (exit 3), never crash.
final class IndexingCheckTests: XCTestCase {
    func corpus() -> [String: String] {
        var files: [String: String] = [:]
        for i in 0..<40 { files["\(2019 + i % 3)/f\(i).txt"] = "ЦАМТО, \(1 + i % 28) мая. Бюллетень номер \(i) про поставки танков и вертолетов. " + String(repeating: "Текст для объема. ", count: 40) }
        return files
    }

    func testHealthyIndexPassesAndListsItsIDs() throws {
        let (_, index, _) = try makeIndex(corpus())
        let report = try IndexChecker.check(indexPath: index.path, listIDs: true)
        XCTAssertEqual(report.documents, 40)
        XCTAssertEqual(report.schemaVersion, IndexSchema.version)
        XCTAssertEqual(Set(report.ids), Set(corpus().keys))
        XCTAssertTrue(report.line(indexPath: "I").hasPrefix("index I ok: 40 documents (schema \(IndexSchema.version), Xapian 1."), report.line(indexPath: "I"))
    }

    func testMissingForeignAndDamagedIndexesAreExit3() throws {
        let dir = try makeTemporaryDirectory(self)
        XCTAssertEqual(try checkError(dir.appendingPathComponent("none")), .indexMissing(path: dir.appendingPathComponent("none").path))
        // A directory with something else in it.
        let foreign = dir.appendingPathComponent("foreign")
        try write(["notes.txt": "hello"], under: foreign)
        XCTAssertEqual(try checkError(foreign)?.exitCode, 3)
        XCTAssertEqual(searchError(foreign)?.exitCode, 3)
        // A file, not a directory.
        let file = foreign.appendingPathComponent("notes.txt")
        XCTAssertEqual(try checkError(file), .notAnIndex(path: file.path, detail: "it is not a directory, nor a stub file listing shards (`auto PATH`, `remote HOST:PORT`)"))
        XCTAssertEqual(searchError(file)?.exitCode, 3)

        // Garbage over the start of a table, and a mangled version file.
        let (_, index, _) = try makeIndex(corpus())
        for (table, offset) in [("postlist.glass", 0), ("docdata.glass", 0), ("position.glass", 100), ("iamglass", 0)] {
            let damaged = dir.appendingPathComponent("damaged-\(table)")
            try FileManager.default.copyItem(at: index, to: damaged)
            let handle = try FileHandle(forWritingTo: damaged.appendingPathComponent(table))
            try handle.seek(toOffset: UInt64(offset))
            handle.write(Data(String(repeating: "GARBAGE!", count: 4).utf8))
            try handle.close()
            let error = try checkError(damaged)
            XCTAssertEqual(error?.exitCode, 3, table)
            XCTAssertTrue(error?.description.hasPrefix("index \(damaged.path) is corrupt or unreadable: ") ?? false, "\(table): \(String(describing: error))")
            _ = searchError(damaged)   // may or may not notice; must not crash
        }
    }

    func testBulletinInvariantsAreChecked() throws {
        let dir = try makeTemporaryDirectory(self)
        let (_, index, _) = try makeIndex(["a.txt": "ЦАМТО, 1 мая. Про танки."])
        // A document without a unique id (written behind the indexer's back).
        let orphan = dir.appendingPathComponent("orphan")
        try FileManager.default.copyItem(at: index, to: orphan)
        do {
            let db = try WritableDatabase(path: orphan.path)
            let doc = try Document()
            try doc.setData("{}")
            try db.add(doc)
            try db.commit()
        }
        XCTAssertEqual(try checkError(orphan), .indexCorrupt(path: orphan.path, detail: "2 documents but 1 unique ids (documents without an id)"))
        // Two documents under one unique id.
        let twice = dir.appendingPathComponent("twice")
        try FileManager.default.copyItem(at: index, to: twice)
        do {
            let db = try WritableDatabase(path: twice.path)
            let id = try XCTUnwrap(try db.documentID(withTerm: "Qa.txt"))
            try db.add(try db.document(id))
            try db.commit()
        }
        XCTAssertEqual(try checkError(twice), .indexCorrupt(path: twice.path, detail: "unique term Qa.txt indexes 2 documents"))
        // Another schema.
        let schema = dir.appendingPathComponent("schema")
        try FileManager.default.copyItem(at: index, to: schema)
        do {
            let db = try WritableDatabase(path: schema.path)
            try db.setMetadata(IndexSchema.versionKey, "999")
            try db.commit()
        }
        XCTAssertEqual(try checkError(schema), .indexCorrupt(path: schema.path, detail: "written with schema version 999, this bulletin uses \(IndexSchema.version); re-index into a new directory"))
        XCTAssertThrowsError(try Indexer(options: IndexOptions(indexPath: schema.path))) { error in
            XCTAssertEqual((error as? BulletinError)?.exitCode, 3)
        }
    }

    func checkError(_ url: URL) throws -> BulletinError? {
        do {
            _ = try IndexChecker.check(indexPath: url.path)
            return nil
        } catch {
            return error
        }
    }

    func searchError(_ url: URL) -> BulletinError? {
        do {
            _ = try Searcher(indexPath: url.path).search(SearchRequest(query: "танки"))
            return nil
        } catch {
            return error
        }
    }
}
