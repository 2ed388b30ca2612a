import Foundation
import XCTest
import Xapian
@testable import BulletinSearch

/// Newest-first pages found year by year (`Searcher.newestFirstPage`) are the pages a sort of
/// every match gives: same ids in the same order, same totals, same collapsed copies.
final class NewestFirstTests: XCTestCase {
    func testYearSlicesGiveThePagesOfAFullSort() throws {
        let (index, summary) = try indexDemoCorpus(self)
        XCTAssertGreaterThan(summary.indexed, 300)
        let sliced = try Searcher(indexPath: index)
        sliced.slicingFrom = 5          // the demo corpus has no query with 1000 matches
        let full = try Searcher(indexPath: index)
        full.slicingFrom = .max

        var compared = 0
        for (query, countries, collapse) in [("", ["RU"], true), ("", ["BY"], true), ("", ["IN", "CN"], false),
                                             ("поставка", [], true), ("контракт OR заседание", [], true)] as [(String, [String], Bool)] {
            for (offset, limit) in [(0, 10), (7, 15), (40, 20), (0, 100)] {
                var request = SearchRequest(query: query)
                request.filters.countries = countries
                request.sort = .newest
                request.collapse = collapse
                request.offset = offset
                request.limit = limit
                let a = try sliced.search(request), b = try full.search(request)
                let label = "«\(query)» \(countries) offset \(offset) limit \(limit) collapse \(collapse)"
                XCTAssertEqual(a.hits.map(\.id), b.hits.map(\.id), label)
                XCTAssertEqual(a.hits.map(\.duplicates), b.hits.map(\.duplicates), label)
                XCTAssertEqual(a.total, b.total, label)
                XCTAssertEqual(a.totalIsExact, b.totalIsExact, label)
                compared += a.hits.count
            }
        }
        XCTAssertGreaterThan(compared, 300, "the pages compared hold hits")
        // The slices were really used: a page within the latest years needs fewer than all.
        let enquire = try Enquire(database: sliced.database)
        try enquire.setSort(.value(slot: IndexSchema.dateSlot, descending: true))
        var request = SearchRequest(query: "")
        request.filters.countries = ["RU"]
        let plan = try sliced.makePlan(request)
        XCTAssertNotNil(try sliced.newestFirstPage(enquire, query: plan.query, collapse: true, offset: 0, limit: 10))
    }
}
