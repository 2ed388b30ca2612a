import Foundation
import XCTest
@testable import BulletinSearch
@testable import Xapian

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
                var request = SearchRequest(query: query)
                request.facets = true
                request.facetKinds = FacetKind.allCases
                request.collapse = collapse
                request.limit = 20
                if query.isEmpty { request.filters.countries = ["IN"] }
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
