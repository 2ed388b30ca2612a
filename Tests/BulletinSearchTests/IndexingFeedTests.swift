import Foundation
import XCTest
@testable import BulletinSearch

/// `bulletin index --jsonl`: records indexed with their fields, malformed lines named by
/// line number and skipped.
final class IndexingFeedTests: XCTestCase {
    func feed(_ lines: [String], in dir: URL, name: String = "feed.jsonl") throws -> String {
        let url = dir.appendingPathComponent(name)
        try Data(lines.joined(separator: "\n").utf8).write(to: url)
        return url.path
    }

    func testRecordsAreIndexedAndBadLinesReportedByNumber() throws {
        let dir = try makeTemporaryDirectory(self)
        let path = try feed([
            #"{"id": "tass-1", "text": "Россия поставила Индии фрегаты.", "date": "2024-05-06T10:00:00Z", "source": "ТАСС", "url": "https://example.org/1", "title": "Фрегаты для Индии"}"#,
            "",
            "not json",
            #"{"id": "x"}"#,
            #"{"text": "без id"}"#,
            #"[1, 2]"#,
            #"{"id": 42, "text": "ЦАМТО, 7 мая. Числовой идентификатор про корветы."}"#,
            #"{"id": true, "text": "x"}"#,
            #"{"id": "d", "text": "x", "date": "2024-02-30"}"#,
            #"{"id": "e", "text": "   "}"#,
            #"{"id": "f", "text": "x", "url": 5}"#,
            #"{"id": "crlf", "text": "Строка\r\nвторая строка про эсминцы", "title": null}"# + "\r",
        ], in: dir)
        let index = dir.appendingPathComponent("index")
        let summary = try Indexer(options: IndexOptions(indexPath: index.path)).index(paths: [], feeds: [path])
        XCTAssertEqual(summary.indexed, 3)
        XCTAssertEqual(summary.failures.map(\.description), [
            "\(path):3: malformed JSON",
            "\(path):4: missing \"text\"",
            "\(path):5: missing \"id\"",
            "\(path):6: not a JSON object",
            "\(path):8: \"id\" must be a string or an integer",
            "\(path):9: \"date\" must start with YYYY-MM-DD, got 2024-02-30",
            "\(path):10: empty \"text\"",
            "\(path):11: \"url\" must be a string",
        ])
        let searcher = try Searcher(indexPath: index.path)
        var request = SearchRequest(query: "фрегаты")
        let hit = try XCTUnwrap(searcher.search(request).hits.first)
        XCTAssertEqual(hit.id, "tass-1")
        XCTAssertEqual(hit.url, "https://example.org/1")
        XCTAssertEqual(hit.date, "2024-05-06")
        XCTAssertEqual(hit.source, "ТАСС")
        XCTAssertEqual(hit.title, "Фрегаты для Индии")
        XCTAssertNil(hit.path)
        request.query = "корветы"
        XCTAssertEqual(try searcher.search(request).hits.map(\.id), ["42"])
        XCTAssertEqual(try ids(searcher, "эсминцы"), ["crlf"])

        // Again: nothing changed. A changed record is updated in place.
        var again = try Indexer(options: IndexOptions(indexPath: index.path)).index(paths: [], feeds: [path])
        XCTAssertEqual([again.indexed, again.updated, again.unchanged], [0, 0, 3])
        let changed = try feed([#"{"id": "tass-1", "text": "Россия поставила Индии корветы.", "url": "https://example.org/1b"}"#], in: dir, name: "second.jsonl")
        again = try Indexer(options: IndexOptions(indexPath: index.path)).index(paths: [], feeds: [changed])
        XCTAssertEqual([again.indexed, again.updated, again.unchanged], [0, 1, 0])
        XCTAssertEqual(try ids(try Searcher(indexPath: index.path), "корветы"), ["42", "tass-1"])
        XCTAssertEqual(try Searcher(indexPath: index.path).documentCount(), 3)
    }

    func testLongLinesAndMissingFeeds() throws {
        let dir = try makeTemporaryDirectory(self)
        let long = #"{"id": "long", "text": ""# + String(repeating: "а", count: 6000) + #""}"#
        let path = try feed([long, #"{"id": "ok", "text": "ЦАМТО, 1 мая. Короткий про танки."}"#], in: dir)
        var options = IndexOptions(indexPath: dir.appendingPathComponent("index").path)
        options.maxBytes = 1000
        let summary = try Indexer(options: options).index(paths: [], feeds: [path, dir.appendingPathComponent("none.jsonl").path])
        XCTAssertEqual(summary.indexed, 1)
        XCTAssertEqual(summary.failures.map(\.description), [
            "\(path):1: line is 12026 bytes, over the limit of 6096",
            "\(dir.appendingPathComponent("none.jsonl").path): cannot open feed: no such file",
        ].map { $0.replacingOccurrences(of: "12026", with: "\(long.utf8.count)") })
        // A record's text over --max-bytes (on a line under the line limit).
        let medium = try feed([#"{"id": "m", "text": ""# + String(repeating: "б", count: 700) + #""}"#], in: dir, name: "m.jsonl")
        let second = try Indexer(options: options).index(paths: [], feeds: [medium])
        XCTAssertEqual(second.failures.map(\.reason), ["text is 1400 bytes, over the size limit of 1000"])
    }

    func testLineSplittingAcrossChunks() throws {
        let dir = try makeTemporaryDirectory(self)
        // Lines of ~100 KB straddle the reader's 64 KB chunks.
        var lines: [String] = []
        for i in 0..<5 {
            lines.append(#"{"id": "big\#(i)", "text": "ЦАМТО, 1 мая. Слово\#(i) "# + String(repeating: "текст ", count: 9000) + #""}"#)
        }
        let reader = FeedReader(path: try feed(lines, in: dir), maxLineBytes: 1 << 20)
        var ids: [String] = []
        while let item = reader.next() { ids.append(try item.get().id) }
        XCTAssertEqual(ids, ["big0", "big1", "big2", "big3", "big4"])
        XCTAssertNotNil(SimpleDate(iso: "2024-02-29"))
        XCTAssertNil(SimpleDate(iso: "2023-02-29"))
        XCTAssertNil(SimpleDate(iso: "24-02-2023"))
    }
}
