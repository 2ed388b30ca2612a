import Foundation
import XCTest
@testable import BulletinSearch
@testable import Xapian

/// A search for `query` with every facet counted, 20 hits (an empty query: India's bulletins).
func facetRequest(_ query: String, collapse: Bool) -> SearchRequest {
    var request = SearchRequest(query: query)
    request.facets = true
    request.facetKinds = FacetKind.allCases
    request.collapse = collapse
    request.limit = 20
    if query.isEmpty { request.filters.countries = ["IN"] }
    return request
}

/// With facets, the count runs on another thread over a second handle of the index while the
/// ranking pass runs (issues 12 and 14): the response must be the one counting after ranking
/// on one handle gives.
final class ParallelFacetCountTests: XCTestCase {
    func testCountingBesideTheRankingGivesTheSameResponse() throws {
        let (index, summary) = try indexDemoCorpus(self)
        XCTAssertGreaterThan(summary.indexed, 300)
        let parallel = try Searcher(indexPath: index), serial = try Searcher(indexPath: index)
        parallel.countsFacetsInParallel = true
        serial.countsFacetsInParallel = false
        for query in ["контракт", "поставка Су-30", "Китай", "ПВО", "\"военно-техническое сотрудничество\"", "контрокт",
                      "переговоры OR выставка", "Индия -Россия", "title:испытания", "Беларусь Узбекистан", "зенит*", ""] {
            for collapse in [false, true] {
                let request = facetRequest(query, collapse: collapse)
                let a = try parallel.search(request), b = try serial.search(request)
                XCTAssertEqual(a.total, b.total, query)
                XCTAssertEqual(a.totalIsExact, b.totalIsExact, query)
                XCTAssertEqual(a.matches, b.matches, query)
                XCTAssertEqual(a.facets, b.facets, query)
                XCTAssertEqual(a.hits.map(\.id), b.hits.map(\.id), query)
                XCTAssertEqual(a.hits.map(\.score), b.hits.map(\.score), query)
            }
        }
        XCTAssertNotNil(parallel.countingDatabase, "the parallel count opened its own handle")
        XCTAssertNil(serial.countingDatabase)
    }

    /// The count reaches the other thread as Xapian's serialisation of the query: it must
    /// rebuild the same query, constant-weight posting sources and wildcards included.
    func testQueriesSurviveSerialisation() throws {
        let queries = [
            try Query.term("Zконтракт"),
            try Query.combine(.or, [try Query.term("a"), try Query.scaled(try Query.term("b"), by: 0)]),
            try Query.combine(.filter, [try Query.fixedWeight(10_000), try Query.combine(.and, [try Query.term("x"), try Query.term("y")])]),
            try Query.wildcard("зенит", maxExpansion: 100),
            try Query.combine(.phrase, [try Query.term("военно"), try Query.term("техническое")]),
        ]
        for query in queries {
            let bytes = try query.serialised()
            XCTAssertFalse(bytes.isEmpty)
            XCTAssertEqual(try Query.unserialised(bytes).description, query.description)
        }
        XCTAssertThrowsError(try Query.unserialised(Array("not a query".utf8)))
    }
}

/// `bulletin serve` counts facets from a column of the index's facet values kept in memory
/// (`FacetColumns`): the responses must be those of counting from each match's values, and a
/// column of an older revision must never answer for a newer one.
final class FacetColumnTests: XCTestCase {
    private func request(_ query: String, collapse: Bool) -> SearchRequest { facetRequest(query, collapse: collapse) }

    private func assertSame(_ a: Searcher, _ b: Searcher, _ query: String, collapse: Bool = false,
                            file: StaticString = #filePath, line: UInt = #line) throws {
        let x = try a.search(request(query, collapse: collapse)), y = try b.search(request(query, collapse: collapse))
        XCTAssertEqual(x.total, y.total, query, file: file, line: line)
        XCTAssertEqual(x.matches, y.matches, query, file: file, line: line)
        XCTAssertEqual(x.facets, y.facets, query, file: file, line: line)
        XCTAssertEqual(x.hits.map(\.id), y.hits.map(\.id), query, file: file, line: line)
    }

    func testCountsFromTheColumnAreTheCountsOfTheValues() throws {
        let (index, _) = try indexDemoCorpus(self)
        let columns = FacetColumns(indexPath: index)
        XCTAssertTrue(columns.build())
        let withColumn = try Searcher(indexPath: index), plain = try Searcher(indexPath: index)
        withColumn.facetColumns = columns
        for parallel in [false, true] {
            withColumn.countsFacetsInParallel = parallel
            for query in ["контракт", "поставка Су-30", "Китай", "ПВО", "\"военно-техническое сотрудничество\"", "контрокт",
                          "переговоры OR выставка", "Индия -Россия", "title:испытания", "person:\"Лю Гуанмин\"", "зенит*", ""] {
                for collapse in [false, true] { try assertSame(withColumn, plain, query, collapse: collapse) }
            }
        }
        XCTAssertEqual(columns.statistics.builds, 1)
        XCTAssertEqual(columns.statistics.answers, 48, "every count came from the column")
    }

    func testAColumnOfAnOlderRevisionIsNotUsed() throws {
        let (index, _) = try indexDemoCorpus(self)
        let columns = FacetColumns(indexPath: index)
        XCTAssertTrue(columns.build())
        let withColumn = try Searcher(indexPath: index), plain = try Searcher(indexPath: index)
        withColumn.facetColumns = columns
        try assertSame(withColumn, plain, "контракт")
        XCTAssertEqual(columns.statistics.answers, 1)

        // One more bulletin: a contract with Belarus changes the counts of several facets.
        let more = try makeTemporaryDirectory(self)
        try "Минск, 3 марта 2024 г. Беларусь и Россия подписали контракт на поставку зенитных комплексов.\n"
            .write(to: more.appendingPathComponent("2024-03-03-extra.txt"), atomically: true, encoding: .utf8)
        _ = try Indexer(options: IndexOptions(indexPath: index)).index([more.path])
        try withColumn.refresh()
        try plain.refresh()
        let before = try plain.search(request("контракт", collapse: false))
        try assertSame(withColumn, plain, "контракт")
        XCTAssertEqual(columns.statistics.answers, 1, "the old column did not answer for the new revision")
        XCTAssertTrue(columns.build())
        try assertSame(withColumn, plain, "контракт")
        XCTAssertEqual(columns.statistics.answers, 2, "the new revision's column answered")
        XCTAssertEqual(try withColumn.search(request("контракт", collapse: false)).matches, before.matches)
    }

    func testYearShardsCountFromTheirValues() throws {
        let index = try makeTemporaryDirectory(self).appendingPathComponent("index").path
        var options = IndexOptions(indexPath: index)
        options.shardByYear = true
        _ = try Indexer(options: options).index([FacetStorageTests.demoCorpus.path])
        let columns = FacetColumns(indexPath: index)
        XCTAssertFalse(columns.build(), "a stub of shards has no column")
        let withColumn = try Searcher(indexPath: index), plain = try Searcher(indexPath: index)
        withColumn.facetColumns = columns
        try assertSame(withColumn, plain, "контракт")
        try assertSame(withColumn, plain, "")
        XCTAssertEqual(columns.statistics.answers, 0)
        XCTAssertEqual(columns.statistics.builds, 0)
    }
}

/// A query that matches most of the index has its term-backed facets (country, type, year,
/// source) counted over the documents it does not match, subtracted from the facet terms'
/// document frequencies: the response must be the direct count's.
final class ComplementFacetCountTests: XCTestCase {
    func testCountingTheOtherSideGivesTheSameResponse() throws {
        let (index, _) = try indexDemoCorpus(self)
        let complement = try Searcher(indexPath: index), direct = try Searcher(indexPath: index)
        complement.complementFrom = 0
        direct.complementFrom = 2
        var compared = 0
        for query in ["контракт", "поставка Су-30", "Китай", "ПВО", "\"военно-техническое сотрудничество\"", "контрокт",
                      "переговоры OR выставка", "Индия -Россия", "title:испытания", "зенит*", "сотрудничество", "нет-такого-слова", ""] {
            for kinds in [FacetKind.standard, [.country], [.year, .source], FacetKind.allCases] {
                for limit in [20, 3, 0, 1000] {
                    var request = SearchRequest(query: query)
                    request.facets = true
                    request.facetKinds = kinds
                    request.facetLimit = limit
                    if query.isEmpty { request.filters.countries = ["IN"] }
                    let a = try complement.search(request), b = try direct.search(request)
                    XCTAssertEqual(a.matches, b.matches, query)
                    XCTAssertEqual(a.total, b.total, query)
                    XCTAssertEqual(a.facets, b.facets, "\(query) \(kinds) \(limit)")
                    XCTAssertEqual(a.hits.map(\.id), b.hits.map(\.id), query)
                    compared += 1
                }
            }
        }
        XCTAssertEqual(compared, 13 * 4 * 4)
        // After deletions (pruned files) the frequencies still agree with the values.
        var request = SearchRequest(query: "контракт")
        request.facets = true
        XCTAssertGreaterThan(try direct.search(request).matches ?? 0, 100)
    }

    func testDeletedDocumentsLeaveTheCountsExact() throws {
        let dir = try makeTemporaryDirectory(self)
        let corpus = dir.appendingPathComponent("corpus")
        try FileManager.default.copyItem(at: FacetStorageTests.demoCorpus, to: corpus)
        let index = dir.appendingPathComponent("index").path
        _ = try Indexer(options: IndexOptions(indexPath: index)).index([corpus.path])
        // Remove a fifth of the files and prune: their documents leave the index.
        let files = try FileManager.default.subpathsOfDirectory(atPath: corpus.path).filter { $0.hasSuffix(".txt") }.sorted()
        for file in files.enumerated().filter({ $0.offset % 5 == 0 }).map(\.element) {
            try FileManager.default.removeItem(at: corpus.appendingPathComponent(file))
        }
        var options = IndexOptions(indexPath: index)
        options.prune = true
        XCTAssertGreaterThan(try Indexer(options: options).index([corpus.path]).removed, 50)
        let complement = try Searcher(indexPath: index), direct = try Searcher(indexPath: index)
        complement.complementFrom = 0
        direct.complementFrom = 2
        for query in ["контракт", "сотрудничество", "Китай"] {
            var request = SearchRequest(query: query)
            request.facets = true
            request.facetLimit = 1000
            let a = try complement.search(request), b = try direct.search(request)
            XCTAssertEqual(a.matches, b.matches, query)
            XCTAssertEqual(a.facets, b.facets, query)
        }
    }
}
