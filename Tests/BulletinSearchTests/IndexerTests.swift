import Foundation
import XCTest
@testable import BulletinSearch

final class IndexerTests: XCTestCase {
    func testChangedFileReplacesItsDocument() throws {
        let (_, index, corpus) = try makeIndex(["2020/a.txt": "ЦАМТО, 1 мая. Первая версия про танки."])
        try Data("ЦАМТО, 1 мая. Вторая версия про вертолеты.".utf8).write(to: corpus.appendingPathComponent("2020/a.txt"))
        let summary = try Indexer(options: IndexOptions(indexPath: index.path)).index([corpus.path])
        XCTAssertEqual(summary.updated, 1)
        let searcher = try Searcher(indexPath: index.path)
        XCTAssertEqual(try searcher.documentCount(), 1)
        XCTAssertEqual(try ids(searcher, "вертолеты"), ["2020/a.txt"])
        XCTAssertEqual(try ids(searcher, "танки"), [])
    }

    func testBadFilesAreNamedAndOthersIndexed() throws {
        let dir = try makeTemporaryDirectory(self)
        try write(["good.txt": "ЦАМТO, 1 мая. Нормальный текст.", "empty.txt": "  \n "], under: dir)
        try Data([0x41, 0x00, 0x42]).write(to: dir.appendingPathComponent("binary.txt"))
        try Data([0xD0, 0xC1, 0xFF, 0xFE, 0x80]).write(to: dir.appendingPathComponent("latin1.txt"))
        let index = dir.appendingPathComponent("index")
        let summary = try Indexer(options: IndexOptions(indexPath: index.path)).index([dir.path, dir.appendingPathComponent("missing.txt").path])
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
        }
        withExtendedLifetime(first) {}
    }

    func testMissingIndexIsReported() throws {
        let dir = try makeTemporaryDirectory(self)
        XCTAssertThrowsError(try Searcher(indexPath: dir.appendingPathComponent("none").path)) { error in
            XCTAssertEqual((error as? BulletinError)?.exitCode, 3)
        }
    }
}
