import Foundation
import XCTest
@testable import BulletinSearch

/// Saved searches over a real index: "new" is by indexing sequence number, not by date.
final class WatchTests: XCTestCase {
    private var dir: URL!
    private var corpus: URL { dir.appendingPathComponent("corpus") }
    private var index: String { dir.appendingPathComponent("index").path }

    override func setUpWithError() throws {
        dir = try makeTemporaryDirectory(self)
        try write(["2019/a.txt": " date 2019-05-06\nЦАМТО, 6 мая. Индия получила истребители Су-30МКИ. Поставка завершена.",
                   "2019/b.txt": " date 2019-05-07\nЦАМТО, 7 мая. Китай провел учения с Россией."], under: corpus)
        try indexCorpus()
    }

    private func indexCorpus() throws {
        let summary = try Indexer(options: IndexOptions(indexPath: index)).index([corpus.path])
        XCTAssertEqual(summary.failed, 0)
    }

    /// Runs the watch like `watch run NAME` (marking seen unless `dryRun`); the ids shown.
    private func run(_ name: String, dryRun: Bool = false, since: String? = nil) throws -> [String] {
        let store = WatchStore(indexPath: index)
        let result = try Searcher(indexPath: index).run(try store.watch(named: name), since: since, limit: 100)
        if !dryRun { try store.markSeen(name, through: result.throughSequence) }
        XCTAssertEqual(result.response.total, result.response.hits.count)
        return result.response.hits.map(\.id).sorted()
    }

    private func add(_ name: String, _ query: String, countries: [String] = []) throws {
        var filters = SearchFilters()
        filters.countries = countries
        let searcher = try Searcher(indexPath: index)
        try WatchStore(indexPath: index).add(Watch(name: name, query: query, filters: filters, seenSequence: try searcher.lastSequence()))
    }

    func testARunShowsOnlyWhatWasIndexedSinceTheLastRun() throws {
        try add("india", "поставка", countries: ["IN"])
        XCTAssertEqual(try run("india"), [], "documents indexed before the watch was saved are not new")

        // Two new files that match (one published in 2015: indexing order decides, not dates) and one that does not.
        try write(["2024/c.txt": " date 2024-01-10\nЦАМТО, 10 января. Индии поставлены танки Т-90С.",
                   "2015/d.txt": " date 2015-02-01\nЦАМТО, 1 февраля. Поставка вертолетов в Индию.",
                   "2024/e.txt": " date 2024-01-11\nЦАМТО, 11 января. Учения в Китае."], under: corpus)
        try indexCorpus()
        XCTAssertEqual(try run("india", dryRun: true), ["2015/d.txt", "2024/c.txt"])
        XCTAssertEqual(try run("india"), ["2015/d.txt", "2024/c.txt"], "a dry run marks nothing")
        XCTAssertEqual(try run("india"), [], "the second run in a row shows nothing")

        // An updated file (same id, new content) is new again; an untouched re-index adds nothing.
        try indexCorpus()
        XCTAssertEqual(try run("india"), [])
        try write(["2019/a.txt": " date 2019-05-06\nЦАМТО, 6 мая. Индия получила истребители Су-30МКИ. Поставка завершена досрочно."], under: corpus)
        try indexCorpus()
        XCTAssertEqual(try run("india"), ["2019/a.txt"])
        XCTAssertEqual(try run("india"), [])

        // --since looks back by indexing date, whatever was seen.
        XCTAssertEqual(try run("india", dryRun: true, since: "2000-01-01"), ["2015/d.txt", "2019/a.txt", "2024/c.txt"])
        XCTAssertEqual(try run("india", dryRun: true, since: "2999"), [])

        let watch = try WatchStore(indexPath: index).watch(named: "india")
        XCTAssertEqual(watch.seenSequence, try Searcher(indexPath: index).lastSequence())
        XCTAssertNotNil(watch.lastRun)
    }

    func testWatchesAreKeptAcrossReindexingAndChecksAndWrittenAtomically() throws {
        try add("one", "учения")
        try add("two", "", countries: ["CN"])
        XCTAssertThrowsError(try add("one", "другое")) { XCTAssertEqual(($0 as? BulletinError)?.exitCode, 2) }
        try indexCorpus()
        XCTAssertEqual(try IndexChecker.check(indexPath: index).documents, 2)
        let store = WatchStore(indexPath: index)
        XCTAssertEqual(try store.list().map(\.name), ["one", "two"])
        XCTAssertEqual(try store.list().last?.filters.countries, ["CN"])
        try store.remove("one")
        XCTAssertEqual(try store.list().map(\.name), ["two"])
        XCTAssertThrowsError(try store.remove("one")) { error in
            XCTAssertEqual((error as? BulletinError)?.exitCode, 2)
            XCTAssertTrue("\(error)".contains("there are: two"), "\(error)")
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: index)
        XCTAssertFalse(names.contains { $0.hasSuffix(".new") }, "\(names)")
        // The file is plain JSON a person can read.
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: store.filePath))) as? [String: Any]
        XCTAssertEqual(object?["version"] as? Int, 1)
    }

    func testACorruptWatchFileIsAnErrorNamingItNeverReset() throws {
        try add("one", "учения")
        let store = WatchStore(indexPath: index)
        for garbage in ["{\"version\":1,\"watches\":[{\"name\":1}]}", "not json", "{\"version\":7,\"watches\":[]}"] {
            try Data(garbage.utf8).write(to: URL(fileURLWithPath: store.filePath))
            for attempt in [{ _ = try store.list() }, { try store.add(Watch(name: "x", query: "y")) }, { try store.remove("one") }] as [() throws -> Void] {
                XCTAssertThrowsError(try attempt()) { error in
                    guard case BulletinError.indexCorrupt(_, let detail) = error else { return XCTFail("\(error)") }
                    XCTAssertTrue(detail.contains(store.filePath), detail)
                    XCTAssertEqual((error as? BulletinError)?.exitCode, 3)
                }
            }
            XCTAssertEqual(try String(contentsOfFile: store.filePath, encoding: .utf8), garbage, "left as it was")
        }
    }
}
