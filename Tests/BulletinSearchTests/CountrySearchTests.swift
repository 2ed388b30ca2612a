import XCTest
@testable import BulletinSearch

/// Country names in queries and filters, through extraction, synonyms and the facet terms.
final class CountrySearchTests: XCTestCase {
    private func index() throws -> Searcher {
        try makeIndex([
            "2021/by.txt": "ЦАМТО, 3 марта. В Минске прошло заседание белорусско-китайской комиссии. Республика Беларусь и КНР подписали протокол.",
            "2021/in-adj.txt": "ЦАМТО, 4 марта. Поставка завершена: индийской стороне переданы вертолеты Ми-17В-5.",
            "2021/in-name.txt": "ЦАМТО, 5 марта. Индия получила партию танков Т-90С. Поставка Индии продолжится.",
            "2021/vn.txt": "ЦАМТО, 6 марта. Вьетнам и Россия обсудили поставки. Делегация Вьетнама прибыла в Москву.",
            "2021/vn2.txt": "ЦАМТО, 7 марта. Вьетнаму поставлены корветы.",
            "2021/none.txt": "ЦАМТО, 8 марта. Поставка катеров завершена, заявил представитель завода.",
        ]).searcher
    }

    private func run(_ searcher: Searcher, _ query: String, _ configure: (inout SearchRequest) -> Void = { _ in }) throws -> [String] {
        var request = SearchRequest(query: query)
        request.limit = 50
        configure(&request)
        return try searcher.search(request).hits.map(\.id)
    }

    func testFilterFlagFieldAndRussianNameAreEquivalent() throws {
        let searcher = try index()
        let byFlag = try run(searcher, "") { $0.filters.countries = ["BY"] }.sorted()
        XCTAssertEqual(byFlag, ["2021/by.txt"])
        for query in ["country:BY", "страна:Беларусь", "страна:Белоруссии", "country:РБ", "страна:белорусский"] {
            XCTAssertEqual(try run(searcher, query).sorted(), byFlag, query)
        }
        XCTAssertEqual(try run(searcher, "") { $0.filters.countries = ["Беларусь"] }.sorted(), byFlag)
        XCTAssertEqual(try run(searcher, "") { $0.filters.countries = ["Индия", "CN"] }.sorted(), ["2021/by.txt", "2021/in-adj.txt", "2021/in-name.txt"])
    }

    func testCountryFilterResolvesFormsTheIndexDoesNotHold() throws {
        let searcher = try index()
        // Single-word forms are looked up in the synonym table first; a country no document
        // names, and a multi-word name, still resolve through the full table.
        XCTAssertEqual(try run(searcher, "") { $0.filters.countries = ["Индии"] }.sorted(), ["2021/in-adj.txt", "2021/in-name.txt"])
        XCTAssertEqual(try run(searcher, "") { $0.filters.countries = ["Бразилии"] }, [])
        XCTAssertEqual(try run(searcher, "") { $0.filters.countries = ["Республика Беларусь"] }, ["2021/by.txt"])
    }

    func testUnknownCountryIsAUsageErrorWithSuggestions() throws {
        let searcher = try index()
        XCTAssertThrowsError(try run(searcher, "") { $0.filters.countries = ["Беларусия"] }) { error in
            guard case .usage(let message) = error as? BulletinError else { return XCTFail("\(error)") }
            XCTAssertTrue(message.contains("Беларусь"), message)
        }
    }

    func testCountryWordFindsOtherFormsAndAdjectives() throws {
        let searcher = try index()
        // `Индия` finds the text that only says `индийской стороне`.
        XCTAssertEqual(Set(try run(searcher, "Индия")), ["2021/in-adj.txt", "2021/in-name.txt"])
        XCTAssertEqual(Set(try run(searcher, "индийский")), ["2021/in-adj.txt", "2021/in-name.txt"])
        // Snowball splits Вьетнам/Вьетнама/Вьетнаму; the country table joins them.
        for query in ["Вьетнам", "Вьетнама", "Вьетнаму", "вьетнамский"] {
            XCTAssertEqual(Set(try run(searcher, query)), ["2021/vn.txt", "2021/vn2.txt"], query)
        }
    }

    func testDocumentsAboutTheCountryOutrankPassingMentions() throws {
        let searcher = try index()
        let hits = try run(searcher, "поставка Индия")
        XCTAssertEqual(Set(hits.prefix(2)), ["2021/in-adj.txt", "2021/in-name.txt"])
        XCTAssertTrue(hits.contains("2021/none.txt"), "any-word mode still lists other deliveries")
    }

    func testOrganisationShortNameFindsTheLongName() throws {
        let (searcher, _, _) = try makeIndex([
            "2021/long.txt": "ЦАМТО, 3 марта. Федеральная служба по военно-техническому сотрудничеству сообщила о новых контрактах.",
            "2021/short.txt": "ЦАМТО, 4 марта. В ФСВТС прошло совещание.",
            "2021/other.txt": "ЦАМТО, 5 марта. Завод выпустил новые танки.",
        ])
        XCTAssertEqual(try ids(searcher, "ФСВТС"), ["2021/long.txt", "2021/short.txt"])
    }

    func testHitsCarryExtractedMetadata() throws {
        let searcher = try index()
        let hit = try XCTUnwrap(searcher.search(SearchRequest(query: "заседание")).hits.first)
        XCTAssertEqual(hit.countries.sorted(), ["BY", "CN"])
        XCTAssertEqual(hit.venue, "BY")
        XCTAssertEqual(hit.types.first, "meeting")
        XCTAssertEqual(hit.date, "2021-03-03")
        XCTAssertEqual(hit.dateSource, "dateline+path")
    }
}
