import Foundation
import XCTest
@testable import BulletinSearch

/// A one-word query leaves out the all-words boost (`Searcher.omitsConstantBoost`): it would add
/// the same constant to every match. Hits, order, scores, "matched all", copies and totals must
/// be what the query with the boost gives.
final class ConstantBoostTests: XCTestCase {
    func testOneWordQueriesRankAsWithTheBoost() throws {
        let index = try indexDemoCorpus(self).path
        let lean = try Searcher(indexPath: index)
        let full = try Searcher(indexPath: index)
        full.omitsConstantBoost = false

        var compared = 0, typeOnly = 0
        // Type words (widened by their type), other words, a word with case forms, an abbreviation
        // concept, a hyphenated designation, a capital (widened by its country: the boost stays).
        for query in ["контракт", "поставки", "учения", "выставка", "заседание", "сотрудничество", "Кубой", "ПВО",
                      "Су-30МКИ", "Минск", "контракт -Индия"] {
            for (offset, limit, collapse) in [(0, 10, true), (5, 30, false), (0, 200, true)] {
                var request = SearchRequest(query: query)
                request.offset = offset
                request.limit = limit
                request.collapse = collapse
                let a = try lean.search(request), b = try full.search(request)
                let label = "«\(query)» offset \(offset) limit \(limit) collapse \(collapse)"
                XCTAssertEqual(a.hits.map(\.id), b.hits.map(\.id), label)
                XCTAssertEqual(a.hits.map(\.score), b.hits.map(\.score), label)
                XCTAssertEqual(a.hits.map(\.matchedAll), b.hits.map(\.matchedAll), label)
                XCTAssertEqual(a.hits.map(\.duplicates), b.hits.map(\.duplicates), label)
                XCTAssertEqual(a.total, b.total, label)
                compared += a.hits.count
                typeOnly += a.hits.filter { !$0.matchedAll }.count
            }
        }
        XCTAssertGreaterThan(compared, 500, "the pages compared hold hits")
        // The lean plan really is leaner where it may be, and only there.
        for (query, omitted) in [("контракт", true), ("учения", true), ("Минск", false), ("поставка вертолетов", false)] {
            let leanPlan = try lean.makePlan(SearchRequest(query: query)).query.description
            let fullPlan = try full.makePlan(SearchRequest(query: query)).query.description
            XCTAssertEqual(!leanPlan.contains("wt=10000") && fullPlan.contains("wt=10000"), omitted, "\(query): \(leanPlan)")
        }
        XCTAssertGreaterThan(typeOnly, 0, "some hits match by their type only (not all the words as written)")
    }
}
