import Foundation
import XCTest
import Xapian
@testable import BulletinSearch

/// Filters, in-query fields, facet counts, ranking modes and spelling, over documents
/// written straight through DocumentBuilder (so metadata is exactly what the test says).
final class SearchFeatureTests: XCTestCase {
    private func doc(_ id: String, _ text: String, date: String? = nil, countries: [String] = [], types: [String] = [],
                     source: String? = "ЦАМТО", persons: [String] = [], weapons: [String] = []) -> StoredDocument {
        StoredDocument(id: id, path: nil, root: nil, url: nil, date: date, dateSource: date == nil ? "none" : "header",
                       source: source, origin: nil, title: String(text.prefix(40)), countries: countries, venue: nil,
                       types: types, persons: persons, organisations: [], weapons: weapons, text: text)
    }

    private func index(_ docs: [StoredDocument]) throws -> Searcher {
        try Searcher(indexPath: try buildIndex(self, docs).path)
    }

    private var corpus: [StoredDocument] {
        [
            doc("a", "Поставка вертолетов в Беларусь и Китай", date: "2019-03-01", countries: ["BY", "CN"], types: ["delivery"], persons: ["Олег Мищенко"]),
            doc("b", "Контракт на поставку танков Индии", date: "2019-12-31", countries: ["IN"], types: ["contract", "delivery"], weapons: ["Т-90С"]),
            doc("c", "Заседание комиссии Беларусь Венесуэла", date: "2020-01-01", countries: ["BY", "VE"], types: ["meeting"], source: "ТАСС", persons: ["Олег Мищенко"]),
            doc("d", "Учения с Китаем прошли успешно", date: "2021-06-15", countries: ["CN"], types: ["exercise"]),
            doc("e", "Выставка вооружений без стран", date: "2021-07-01", types: ["exhibition"], source: "РИА Новости"),
        ]
    }

    private func run(_ searcher: Searcher, _ query: String, _ configure: (inout SearchRequest) -> Void = { _ in }) throws -> SearchResponse {
        var request = SearchRequest(query: query)
        request.limit = 50
        configure(&request)
        return try searcher.search(request)
    }

    private func ids(_ response: SearchResponse) -> [String] { response.hits.map(\.id).sorted() }

    func testFlagAndFieldFiltersAreEquivalent() throws {
        let searcher = try index(corpus)
        let byFlag = try run(searcher, "") { $0.filters.countries = ["BY"] }
        let byField = try run(searcher, "country:BY")
        let lower = try run(searcher, "страна:by")
        XCTAssertEqual(ids(byFlag), ["a", "c"])
        XCTAssertEqual(ids(byField), ids(byFlag))
        XCTAssertEqual(ids(lower), ids(byFlag))
    }

    func testOrWithinAFacetAndAcrossFacets() throws {
        let searcher = try index(corpus)
        XCTAssertEqual(ids(try run(searcher, "") { $0.filters.countries = ["BY", "IN"] }), ["a", "b", "c"])
        XCTAssertEqual(ids(try run(searcher, "") { $0.filters.countries = ["BY,IN"] }), ["a", "b", "c"])
        XCTAssertEqual(ids(try run(searcher, "") { $0.filters.countries = ["BY", "IN"]; $0.filters.types = ["delivery"] }), ["a", "b"])
        XCTAssertEqual(ids(try run(searcher, "country:by country:in type:delivery")), ["a", "b"])
        XCTAssertEqual(ids(try run(searcher, "поставка -country:cn")), ["b"])
        XCTAssertEqual(ids(try run(searcher, "поставка NOT country:cn")), ["b"])
    }

    func testDateBoundsAreInclusive() throws {
        let searcher = try index(corpus)
        XCTAssertEqual(ids(try run(searcher, "") { $0.filters.from = "2019-12-31"; $0.filters.to = "2020-01-01" }), ["b", "c"])
        XCTAssertEqual(ids(try run(searcher, "") { $0.filters.from = "2019"; $0.filters.to = "2019" }), ["a", "b"])
        XCTAssertEqual(ids(try run(searcher, "date:2019..2020")), ["a", "b", "c"])
        XCTAssertEqual(ids(try run(searcher, "дата:2019-03-01..2019-06-30")), ["a"])
        XCTAssertEqual(ids(try run(searcher, "year:2021")), ["d", "e"])
        XCTAssertEqual(ids(try run(searcher, "год:2021-06")), ["d"])
        XCTAssertThrowsError(try run(searcher, "date:2019-13")) { XCTAssertEqual(($0 as? BulletinError)?.exitCode, 2) }
    }

    func testFiltersAloneListNewestFirst() throws {
        let searcher = try index(corpus)
        XCTAssertEqual(try run(searcher, "") { $0.filters.countries = ["CN", "BY"] }.hits.map(\.id), ["d", "c", "a"])
    }

    func testFacetCountsEqualBruteForceCounts() throws {
        let docs = corpus
        let searcher = try index(docs)
        let response = try run(searcher, "") { $0.filters.from = "2000"; $0.facets = true; $0.limit = 1 }
        XCTAssertEqual(response.total, docs.count)
        let facets = try XCTUnwrap(response.facets)
        var expected: [String: Int] = [:]
        for d in docs { for c in Set(d.countries) { expected[c, default: 0] += 1 } }
        XCTAssertEqual(Dictionary(uniqueKeysWithValues: facets.country.map { ($0.value, $0.count) }), expected)
        XCTAssertEqual(facets.country.first?.value, "BY")
        XCTAssertEqual(Dictionary(uniqueKeysWithValues: facets.year.map { ($0.value, $0.count) }), ["2019": 2, "2020": 1, "2021": 2])
        XCTAssertEqual(facets.type.first { $0.value == "delivery" }?.count, 2)
        XCTAssertEqual(facets.source.first?.value, "ЦАМТО")
        XCTAssertEqual(facets.source.first?.count, 3)
        // Counts cover every match, not just the page.
        let words = try run(searcher, "поставка") { $0.facets = true; $0.limit = 1 }
        XCTAssertEqual(words.facets?.country.reduce(0) { $0 + $1.count }, 3)   // BY, CN from a; IN from b
    }

    func testAllWordsRankFirstThenPartialMatches() throws {
        let searcher = try index([
            doc("all", "Поставка вертолетов Индии состоялась"),
            doc("two", "Поставка вертолетов завершена, вертолеты, вертолеты, вертолеты"),
            doc("one", "Индии"),
            doc("none", "Погода"),
        ])
        let any = try run(searcher, "поставка вертолетов Индии")
        XCTAssertEqual(any.hits.first?.id, "all")
        XCTAssertEqual(any.hits.first?.matchedAll, true)
        XCTAssertEqual(Set(any.hits.map(\.id)), ["all", "two", "one"])
        XCTAssertEqual(any.hits.filter { !$0.matchedAll }.map(\.id).sorted(), ["one", "two"])
        XCTAssertTrue(any.hits.allSatisfy { $0.score < Searcher.allWordsBoost })
        let strict = try run(searcher, "поставка вертолетов Индии") { $0.allWords = true }
        XCTAssertEqual(strict.hits.map(\.id), ["all"])
    }

    func testUnknownValuesAreUsageErrorsWithSuggestions() throws {
        let searcher = try index(corpus)
        XCTAssertThrowsError(try run(searcher, "") { $0.filters.types = ["shopping"] }) { XCTAssertEqual(($0 as? BulletinError)?.exitCode, 2) }
        XCTAssertThrowsError(try run(searcher, "source:TACC")) { error in
            guard case .usage(let message) = error as? BulletinError else { return XCTFail("\(error)") }
            XCTAssertTrue(message.contains("ТАСС"), message)
        }
    }

    func testSourcePersonAndWeaponFilters() throws {
        let searcher = try index(corpus)
        XCTAssertEqual(ids(try run(searcher, "") { $0.filters.sources = ["тасс"] }), ["c"])
        XCTAssertEqual(ids(try run(searcher, "источник:\"РИА Новости\"")), ["e"])
        XCTAssertEqual(ids(try run(searcher, "") { $0.filters.persons = ["Мищенко"] }), ["a", "c"])
        XCTAssertEqual(ids(try run(searcher, "персона:\"олег мищенко\"")), ["a", "c"])
        XCTAssertEqual(ids(try run(searcher, "weapon:т-90с")), ["b"])
    }

    func testLatinAndCyrillicDesignationsMeet() throws {
        let searcher = try index([
            doc("cyr", "Индия получила истребители Су-30МКИ и комплексы С-400", weapons: ["Су-30МКИ", "С-400"]),
            doc("lat", "India ordered more Su-30MKI fighters", weapons: ["Су-30МКИ"]),
            doc("other", "Поставка танков"),
        ])
        XCTAssertEqual(ids(try run(searcher, "Su-30MKI")), ["cyr", "lat"])
        XCTAssertEqual(ids(try run(searcher, "Су-30МКИ")), ["cyr", "lat"])
        XCTAssertEqual(ids(try run(searcher, "S-400")), ["cyr"])
        XCTAssertEqual(ids(try run(searcher, "оружие:S-400")), ["cyr"])
        XCTAssertEqual(ids(try run(searcher, "") { $0.filters.weapons = ["su-30mki"] }), ["cyr", "lat"])
    }

    func testSpellingSuggestion() throws {
        let searcher = try index([doc("v", "Делегация Венесуэлы и Венесуэла обсудили сотрудничество"),
                                  doc("w", "Венесуэла получила вертолеты")])
        let response = try run(searcher, "Венесуела")
        XCTAssertEqual(response.correctedQuery, "венесуэла")
        XCTAssertTrue(response.hits.isEmpty)
        let corrected = try run(searcher, "Венесуела") { $0.autoCorrect = true }
        XCTAssertEqual(corrected.hits.map(\.id).sorted(), ["v", "w"])
    }
}

/// Near-duplicate collapsing through the real indexing path.
final class CollapseTests: XCTestCase {
    func testRetoldStoryShowsOnceWithItsCopies() throws {
        let story = "В Минске 3 марта прошло заседание белорусско-китайской комиссии по военно-техническому сотрудничеству. Стороны обсудили поставки техники и подписали протокол о сотрудничестве на 2021 год. Делегации возглавили Иван Петров и Ли Вэй."
        let retold = "В Минске 3 марта состоялось заседание белорусско-китайской комиссии по военно-техническому сотрудничеству. Стороны обсудили поставки техники и подписали протокол о сотрудничестве на 2021 год. Делегации возглавили Иван Петров и Ли Вэй."
        let (searcher, _, _) = try makeIndex([
            "2021/a.txt": "ЦАМТО, 4 марта. " + story,
            "2021/b.txt": "Москва, 4 марта. /ТАСС/. " + retold,
            "2021/c.txt": "ЦАМТО, 5 марта. В Пекине прошли переговоры о поставках вертолетов и сотрудничестве в области ПВО.",
        ])
        let collapsed = try searcher.search(SearchRequest(query: "заседание комиссии сотрудничество"))
        XCTAssertEqual(collapsed.hits.count, 2, "\(collapsed.hits.map(\.id))")
        let kept = try XCTUnwrap(collapsed.hits.first { $0.id == "2021/a.txt" || $0.id == "2021/b.txt" })
        XCTAssertEqual(kept.duplicates.count, 1)
        XCTAssertTrue(["2021/a.txt", "2021/b.txt"].contains(kept.duplicates[0]))
        XCTAssertNotEqual(kept.duplicates[0], kept.id)
        var all = SearchRequest(query: "заседание комиссии сотрудничество")
        all.collapse = false
        XCTAssertEqual(try searcher.search(all).hits.count, 3)
    }
}
