import Foundation
import XCTest
@testable import BulletinSearch
@testable import Xapian

/// The frequency table every commit of the indexer writes (`IndexSchema.frequencyTableKey`),
/// which a search process's snippets read instead of looking each word up.
final class FrequencyTableTests: XCTestCase {
    private var corpora: URL { SharedText.packageRoot.appendingPathComponent("Corpora") }

    private func index(_ paths: [String], into index: URL, shards: Bool = false) throws -> IndexSummary {
        var options = IndexOptions(indexPath: index.path)
        options.shardByYear = shards
        let indexer = try Indexer(options: options)
        defer { indexer.close() }
        return try indexer.index(paths: paths, feeds: [])
    }

    /// The table terms a fresh Searcher's snippets read, and the lookups it answered.
    private func tableUse(_ index: URL) throws -> (terms: Int, hits: Int) {
        let searcher = try Searcher(indexPath: index.path)
        XCTAssertFalse(try searcher.search(SearchRequest(query: "контракт")).hits.isEmpty)
        let stats = searcher.termFrequencies.statistics
        return (stats.tableTerms, stats.tableHits)
    }

    func testEveryRunLeavesATableForItsLastCommit() throws {
        let dir = try makeTemporaryDirectory(self)
        let index = dir.appendingPathComponent("index")
        let years = try FileManager.default.contentsOfDirectory(atPath: corpora.path).filter { $0.hasPrefix("20") }.sorted()
        _ = try self.index(years.dropLast().map { corpora.appendingPathComponent($0).path }, into: index)
        let first = try tableUse(index)
        XCTAssertGreaterThan(first.terms, 1000)
        XCTAssertGreaterThan(first.hits, 0)

        // A run with nothing to index still commits (the index-wide data): with a table.
        let revision = try Database(path: index.path).revision()
        let unchanged = try self.index(years.dropLast().map { corpora.appendingPathComponent($0).path }, into: index)
        XCTAssertEqual(unchanged.indexed, 0)
        XCTAssertEqual(try tableUse(index).terms, first.terms)

        // A run that adds the last year rewrites it with the same terms and new frequencies.
        let added = try self.index(years.map { corpora.appendingPathComponent($0).path }, into: index)
        XCTAssertGreaterThan(added.indexed, 0)
        XCTAssertGreaterThan(try Database(path: index.path).revision(), revision)
        XCTAssertEqual(try tableUse(index).terms, first.terms)

        // The frequencies it gives are the database's.
        let database = try Database(path: index.path)
        let cache = try TermFreqCache(tableKey: IndexSchema.frequencyTableKey)
        for word in ["контракт", "россии", "сотрудничества", "минобороны", "в", "и"] {
            XCTAssertEqual(try cache.frequency(of: word, in: database), try database.termFrequency(word), word)
        }
        XCTAssertGreaterThan(cache.statistics.tableHits, 0)
    }

    func testAStubOfShardsReadsNoTable() throws {
        let dir = try makeTemporaryDirectory(self)
        let index = dir.appendingPathComponent("index")
        _ = try self.index([corpora.path], into: index, shards: true)
        // Several databases have no single revision: every word is looked up.
        XCTAssertEqual(try tableUse(index).terms, 0)
    }
}
