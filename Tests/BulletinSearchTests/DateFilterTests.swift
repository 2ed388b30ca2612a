import Foundation
import XCTest
import Xapian
@testable import BulletinSearch

/// Date filters are an OR of the boolean date terms that cover the range (`Searcher.dateQuery`),
/// not a value range that reads every document's date: the documents must be the same.
final class DateFilterTests: XCTestCase {
    func testTermsCoverTheRangeWithWholeYearsAndMonths() {
        let years = [2018, 2019, 2020]
        XCTAssertEqual(Searcher.dateTerms(lower: "20190101", upper: "20191231", years: years), ["Y2019"])
        XCTAssertEqual(Searcher.dateTerms(lower: "00000000", upper: "99999999", years: years), ["Y2018", "Y2019", "Y2020"])
        XCTAssertEqual(Searcher.dateTerms(lower: "20190329", upper: "20190402", years: years),
                       ["D20190329", "D20190330", "D20190331", "D20190401", "D20190402"])
        // A leap February is a whole month; the year's end, then the next year whole, then a month.
        XCTAssertEqual(Searcher.dateTerms(lower: "20191201", upper: "20200229", years: years), ["M201912", "M202001", "M202002"])
        XCTAssertEqual(Searcher.dateTerms(lower: "20181231", upper: "20200131", years: years), ["D20181231", "Y2019", "M202001"])
        // Clipped to the index's years; a range outside them covers nothing.
        XCTAssertEqual(Searcher.dateTerms(lower: "20200301", upper: "99999999", years: years),
                       ["M202003", "M202004", "M202005", "M202006", "M202007", "M202008", "M202009", "M202010", "M202011", "M202012"])
        XCTAssertEqual(Searcher.dateTerms(lower: "20210101", upper: "20211231", years: years), [])
        XCTAssertEqual(Searcher.dateTerms(lower: "20190101", upper: "20191231", years: []), [])
        let day = Searcher.dateTerms(lower: "20190315", upper: "20190315", years: years)
        XCTAssertEqual(day, ["D20190315"])
    }

    /// On the demo corpus, every range matches the documents a value range on the date slot
    /// matches, open ends and undated bulletins included.
    func testSameDocumentsAsAValueRangeOnTheDemoCorpus() throws {
        let index = try indexDemoCorpus(self).path
        let searcher = try Searcher(indexPath: index)
        let database = try Database(path: index)
        let all = try database.documentCount()
        func ids(_ query: Query) throws -> Set<UInt32> {
            let enquire = try Enquire(database: database)
            try enquire.setQuery(query)
            return Set(try enquire.mset(first: 0, count: all).map(\.documentID))
        }
        let ranges = [("00000000", "99999999"), ("20200101", "20201231"), ("20190315", "20200610"), ("00000000", "20191130"),
                      ("20240229", "99999999"), ("20210701", "20210701"), ("19000101", "19001231"), ("20181231", "20260115")]
        var nonEmpty = 0
        for (lower, upper) in ranges {
            let expected = try ids(try Query.valueRange(slot: IndexSchema.dateSlot, lower, upper))
            XCTAssertEqual(try ids(try searcher.dateQuery(lower, upper)), expected, "\(lower)…\(upper)")
            if !expected.isEmpty { nonEmpty += 1 }
        }
        XCTAssertGreaterThanOrEqual(nonEmpty, 5, "the ranges must select documents")
        // Through the public filter: --from/--to and --year give the same hits and totals.
        var request = SearchRequest(query: "")
        request.filters.from = "2020-03"
        request.filters.to = "2021-02-14"
        request.filters.countries = ["RU"]
        request.limit = 1000
        request.collapse = false
        let response = try searcher.search(request)
        let expected = try ids(try Query.combine(.filter, [try Query.term(IndexSchema.countryPrefix + "RU"),
                                                           try Query.valueRange(slot: IndexSchema.dateSlot, "20200301", "20210214")]))
        XCTAssertEqual(response.total, expected.count)
        XCTAssertEqual(Set(try response.hits.map { hit in try XCTUnwrap(try database.documentID(withTerm: "Q" + hit.id)) }), expected)
        XCTAssertGreaterThan(response.total, 0)
    }
}
