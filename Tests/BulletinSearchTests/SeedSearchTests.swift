import Foundation
import XCTest
@testable import BulletinSearch

/// The foundation's acceptance searches over the two real bulletins.
final class SeedSearchTests: XCTestCase {
    private static let seed000 = "000_b22510b1d9f8402a.txt"
    private static let seed004 = "004_f35e3b4db778a177.txt"

    private func seedIndex() throws -> (Searcher, URL) {
        let seeds = try Seeds.requireDirectory()
        let index = try makeTemporaryDirectory(self).appendingPathComponent("index")
        let summary = try Indexer(options: IndexOptions(indexPath: index.path)).index([seeds.path])
        XCTAssertEqual(summary.indexed, 2)
        return (try Searcher(indexPath: index.path), index)
    }

    func testSeedQueries() throws {
        let (searcher, _) = try seedIndex()
        XCTAssertEqual(try ids(searcher, "Пантус"), [Self.seed000])
        XCTAssertEqual(try ids(searcher, "Венесуэла"), [Self.seed004])
        XCTAssertEqual(try ids(searcher, "сотрудничество"), [Self.seed000, Self.seed004])
        XCTAssertEqual(try ids(searcher, "белорусско-кубинская"), [Self.seed004])
        XCTAssertEqual(try ids(searcher, "Кубой"), [Self.seed004])
        XCTAssertEqual(try ids(searcher, "Кубой"), try ids(searcher, "кубой"))
    }

    func testSeedMetadataInHits() throws {
        let (searcher, _) = try seedIndex()
        let hit = try XCTUnwrap(searcher.search(SearchRequest(query: "Мищенко")).hits.first)
        XCTAssertEqual(hit.id, Self.seed004)
        XCTAssertEqual(hit.date, "2025-11-18")
        XCTAssertEqual(hit.dateSource, "header")
        XCTAssertEqual(hit.source, "ЦАМТО")
        XCTAssertTrue(hit.title.hasPrefix("В Каракасе 13-14 ноября"), hit.title)
        XCTAssertLessThanOrEqual(hit.title.count, 121)
        XCTAssertTrue(hit.snippet.contains("**Мищенко**"), hit.snippet)
        XCTAssertEqual(hit.rank, 1)
    }

    func testReindexingKeepsTwoDocuments() throws {
        let (_, index) = try seedIndex()
        let seeds = try Seeds.requireDirectory()
        for _ in 0..<2 {
            let summary = try Indexer(options: IndexOptions(indexPath: index.path)).index([seeds.path])
            XCTAssertEqual(summary.unchanged, 2)
            XCTAssertEqual(summary.indexed, 0)
        }
        XCTAssertEqual(try Searcher(indexPath: index.path).documentCount(), 2)
    }
}
