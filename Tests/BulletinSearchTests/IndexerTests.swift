import Foundation
import XCTest
import Xapian
@testable import BulletinSearch

/// Incremental indexing: unchanged, updated, new, pruned; dry runs; batches; stopping.
final class IndexerTests: XCTestCase {
    func run(_ index: URL, _ paths: [String], configure: (inout IndexOptions) -> Void = { _ in }) throws -> IndexSummary {
        var options = IndexOptions(indexPath: index.path)
        configure(&options)
        return try Indexer(options: options).index(paths)
    }

    /// Sets a file's modification time (to make a touch observable within one second).
    func touch(_ url: URL, secondsAgo: TimeInterval) throws {
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -secondsAgo)], ofItemAtPath: url.path)
    }

    func signature(_ index: URL, _ id: String) throws -> String {
        let db = try Database(path: index.path)
        let docid = try XCTUnwrap(try db.documentID(withTerm: DocumentBuilder.uniqueTerm(for: id)))
        return try db.document(docid).value(slot: IndexSchema.signatureSlot)
    }

    func testChangedFileReplacesItsDocument() throws {
        let (_, index, corpus) = try makeIndex(["2020/a.txt": "ЦАМТО, 1 мая. Первая версия про танки."])
        try Data("ЦАМТО, 1 мая. Вторая версия про вертолеты.".utf8).write(to: corpus.appendingPathComponent("2020/a.txt"))
        let summary = try run(index, [corpus.path])
        XCTAssertEqual(summary.updated, 1)
        let searcher = try Searcher(indexPath: index.path)
        XCTAssertEqual(try searcher.documentCount(), 1)
        XCTAssertEqual(try ids(searcher, "вертолеты"), ["2020/a.txt"])
        XCTAssertEqual(try ids(searcher, "танки"), [])
    }

    func testRerunSkipsUnchangedNewAndTouchedFiles() throws {
        let (_, index, corpus) = try makeIndex(["a.txt": "ЦАМТО, 1 мая. Про танки.", "b.txt": "ЦАМТО, 2 мая. Про корветы."])
        var summary = try run(index, [corpus.path])
        XCTAssertEqual([summary.indexed, summary.updated, summary.unchanged, summary.failed], [0, 0, 2, 0])
        XCTAssertTrue(summary.line.hasPrefix("indexed 0, updated 0, unchanged 2, removed 0, failed 0 in "), summary.line)

        // Touched (new mtime, same bytes): unchanged, and the new mtime is remembered.
        let a = corpus.appendingPathComponent("a.txt")
        try touch(a, secondsAgo: 3600)
        let before = try signature(index, "a.txt")
        try write(["c.txt": "ЦАМТО, 3 мая. Про фрегаты."], under: corpus)
        summary = try run(index, [corpus.path])
        XCTAssertEqual([summary.indexed, summary.updated, summary.unchanged], [1, 0, 2])
        let after = try signature(index, "a.txt")
        XCTAssertNotEqual(before, after)
        XCTAssertEqual(before.split(separator: ":").last, after.split(separator: ":").last, "same content hash")
        let attributes = try FileManager.default.attributesOfItem(atPath: a.path)
        let size = try XCTUnwrap(attributes[.size] as? NSNumber).intValue
        XCTAssertTrue(after.hasPrefix("\(size):"), after)
        XCTAssertEqual(try Searcher(indexPath: index.path).documentCount(), 3)
    }

    func testPruneRemovesOnlyVanishedFilesOfTheGivenRoots() throws {
        let dir = try makeTemporaryDirectory(self)
        let one = dir.appendingPathComponent("one"), two = dir.appendingPathComponent("two")
        try write(["x/a.txt": "ЦАМТО, 1 мая. Первый про танки.", "x/b.txt": "ЦАМТО, 1 мая. Второй про танки."], under: one)
        try write(["c.txt": "ЦАМТО, 1 мая. Третий про танки."], under: two)
        let index = dir.appendingPathComponent("index")
        _ = try run(index, [one.path, two.path])
        try FileManager.default.removeItem(at: one.appendingPathComponent("x/b.txt"))
        try FileManager.default.removeItem(at: two.appendingPathComponent("c.txt"))

        // Without --prune nothing is removed; a dry run says what would go and removes nothing.
        XCTAssertEqual(try run(index, [one.path]).removed, 0)
        let dry = try run(index, [one.path]) { $0.prune = true; $0.dryRun = true }
        XCTAssertEqual(dry.removed, 1)
        XCTAssertTrue(dry.line.hasPrefix("dry run: would index 0, update 0, remove 1; unchanged 1, failed 0"), dry.line)
        XCTAssertEqual(try Searcher(indexPath: index.path).documentCount(), 3)

        // --prune on `one` removes x/b.txt, never c.txt of the other root.
        let pruned = try run(index, [one.path]) { $0.prune = true }
        XCTAssertEqual(pruned.removed, 1)
        let searcher = try Searcher(indexPath: index.path)
        // ids are relative to the index's base root (the first root indexed): `one`.
        XCTAssertEqual(try ids(searcher, "танки"), ["../two/c.txt", "x/a.txt"])
        // `two` is now empty: pruning it is refused unless forced (an unmounted disk looks so).
        XCTAssertThrowsError(try run(index, [two.path]) { $0.prune = true })
        XCTAssertEqual(try run(index, [two.path]) { $0.prune = true; $0.force = true }.removed, 1)
        XCTAssertEqual(try Searcher(indexPath: index.path).documentCount(), 1)
    }

    func testDryRunWritesNothing() throws {
        let dir = try makeTemporaryDirectory(self)
        try write(["a.txt": "ЦАМТО, 1 мая. Про танки.", "bad.txt": ""], under: dir.appendingPathComponent("c"))
        let index = dir.appendingPathComponent("index")
        let summary = try run(index, [dir.appendingPathComponent("c").path]) { $0.dryRun = true }
        XCTAssertEqual([summary.indexed, summary.failed], [1, 1])
        XCTAssertTrue(summary.line.hasPrefix("dry run: would index 1, update 0, remove 0; unchanged 0, failed 1 in "), summary.line)
        XCTAssertFalse(FileManager.default.fileExists(atPath: index.path), "a dry run creates no index")
    }

    func testSmallBatchesCommitAndRerunIsUnchanged() throws {
        let dir = try makeTemporaryDirectory(self)
        let old = dir.appendingPathComponent("old")
        var files: [String: String] = [:]
        for i in 0..<25 { files["\(i / 10)/f\(i).txt"] = "ЦАМТО, 1 мая. Бюллетень номер \(i) про танки." }
        try write(files, under: old)
        let index = dir.appendingPathComponent("index")
        var committed = 0
        var options = IndexOptions(indexPath: index.path)
        options.commitEvery = 4
        let summary = try Indexer(options: options).index(paths: [old.path], feeds: []) { event in
            if case .committed = event { committed += 1 }
        }
        XCTAssertEqual(summary.indexed, 25)
        XCTAssertEqual(committed, 7, "6 batches of 4, then the final commit")

        // (A moved tree keeps its ids no more since schema 2: ids are relative to the index's
        // base root. See the report/README: re-index a moved archive into a new index.)
        XCTAssertEqual(try run(index, [old.path]).unchanged, 25)
    }

    func testStopRequestCommitsWhatIsDoneAndSaysSo() throws {
        let dir = try makeTemporaryDirectory(self)
        var files: [String: String] = [:]
        for i in 0..<10 { files["f\(i).txt"] = "ЦАМТО, 1 мая. Бюллетень \(i)." }
        try write(files, under: dir.appendingPathComponent("c"))
        let index = dir.appendingPathComponent("index")
        let stop = StopSignal()
        var options = IndexOptions(indexPath: index.path)
        options.stop = stop
        let summary = try Indexer(options: options).index(paths: [dir.appendingPathComponent("c").path], feeds: []) { event in
            if case .file(_, _, _, let progress) = event, progress.done == 3 { stop.request(SIGINT) }
        }
        XCTAssertEqual(summary.interruptedBy, SIGINT)
        XCTAssertEqual(summary.indexed, 3)
        XCTAssertEqual(try Searcher(indexPath: index.path).documentCount(), 3, "the stopped run committed its work")
        XCTAssertFalse(stop.request(SIGTERM), "only the first request counts")
        XCTAssertEqual(try run(index, [dir.appendingPathComponent("c").path]).indexed, 7)
    }

    func testBadFilesAreNamedAndOthersIndexed() throws {
        let dir = try makeTemporaryDirectory(self)
        try write(["good.txt": "ЦАМТO, 1 мая. Нормальный текст.", "empty.txt": "  \n "], under: dir)
        try Data([0x41, 0x00, 0x42]).write(to: dir.appendingPathComponent("binary.txt"))
        try Data([0xD0, 0xC1, 0xFF, 0xFE, 0x80]).write(to: dir.appendingPathComponent("latin1.txt"))
        let index = dir.appendingPathComponent("index")
        let summary = try run(index, [dir.path, dir.appendingPathComponent("missing.txt").path])
        XCTAssertEqual(summary.indexed, 1)
        XCTAssertEqual(Set(summary.failures.map { URL(fileURLWithPath: $0.path).lastPathComponent }),
                       ["empty.txt", "binary.txt", "latin1.txt", "missing.txt"])
        XCTAssertTrue(summary.line.hasPrefix("indexed 1, updated 0, unchanged 0, removed 0, failed 4 in "), summary.line)
    }

    func testSecondWriterIsLocked() throws {
        let dir = try makeTemporaryDirectory(self)
        let first = try Indexer(options: IndexOptions(indexPath: dir.path))
        XCTAssertThrowsError(try Indexer(options: IndexOptions(indexPath: dir.path))) { error in
            XCTAssertEqual(error as? BulletinError, .indexLocked(path: dir.path))
            XCTAssertEqual((error as? BulletinError)?.description, "index \(dir.path) is locked: indexing in progress in another process; try again when it finishes")
        }
        withExtendedLifetime(first) {}
    }

    func testSearchesWorkWhileAnIndexingRunWrites() throws {
        let (searcher, index, corpus) = try makeIndex(["a.txt": "ЦАМТО, 1 мая. Про танки."])
        var files: [String: String] = [:]
        for i in 0..<30 { files["n\(i).txt"] = "ЦАМТО, 2 мая. Новые танки \(i)." }
        try write(files, under: corpus)
        var options = IndexOptions(indexPath: index.path)
        options.commitEvery = 5
        var seen: [Int] = []
        var longLived: [Int] = []
        _ = try Indexer(options: options).index(paths: [corpus.path], feeds: []) { event in
            guard case .committed = event else { return }
            // A new reader sees the last commit; one opened before the run keeps working.
            seen.append((try? self.ids(Searcher(indexPath: index.path), "танки").count) ?? -1)
            longLived.append((try? self.ids(searcher, "танки").count) ?? -1)
        }
        XCTAssertEqual(seen, [6, 11, 16, 21, 26, 31, 31])
        XCTAssertFalse(longLived.contains(-1), "a search during the run failed: \(longLived)")
    }

    func testMissingIndexIsReported() throws {
        let dir = try makeTemporaryDirectory(self)
        XCTAssertThrowsError(try Searcher(indexPath: dir.appendingPathComponent("none").path)) { error in
            XCTAssertEqual((error as? BulletinError)?.exitCode, 3)
        }
    }
}

final class SchemaVersionTests: XCTestCase {
    func testAnIndexOfAnotherSchemaIsRefusedBySearch() throws {
        let (_, index, _) = try makeIndex(["a.txt": "ЦАМТО, 1 мая. Текст."])
        let db = try WritableDatabase(path: index.path)
        try db.setMetadata(IndexSchema.versionKey, "999")
        try db.commit()
        try db.close()
        XCTAssertThrowsError(try Searcher(indexPath: index.path)) { error in
            guard case .indexCorrupt(_, let detail) = error as? BulletinError else { return XCTFail("\(error)") }
            XCTAssertTrue(detail.contains("schema version 999"), detail)
        }
    }
}
