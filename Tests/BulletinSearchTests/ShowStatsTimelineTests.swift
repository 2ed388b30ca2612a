import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import XCTest
@testable import BulletinSearch

/// `show`, `stats` and `timeline` as library calls (what the CLI and the web server call).
final class ShowStatsTimelineTests: XCTestCase {
    /// 2020 has no documents: timelines must show it as zero.
    private var corpus: [StoredDocument] {
        [
            storedDocument("2019/a.txt", title: "Поставка вертолетов", text: "Поставка вертолетов в Беларусь и Китай.\nВторой абзац о поставке.",
                           date: "2019-03-01", countries: ["BY", "CN"], types: ["delivery"], persons: ["Олег Мищенко"], weapons: ["Ми-35М"]),
            storedDocument("2019/b.txt", title: "Контракт с Индией", text: "Контракт на поставку танков Индии подписан.",
                           date: "2019-12-31", countries: ["IN", "RU"], types: ["contract", "delivery"], weapons: ["Т-90С"]),
            storedDocument("2021/c.txt", title: "Заседание комиссии", text: "Заседание комиссии Беларусь Венесуэла по поставке.",
                           date: "2021-01-01", countries: ["BY", "VE", "RU"], types: ["meeting"], source: "ТАСС", persons: ["Олег Мищенко"], venue: "VE"),
            storedDocument("2021/d.txt", title: "Учения с Китаем", text: "Учения с Китаем прошли успешно.",
                           date: "2021-06-15", countries: ["CN", "RU"], types: ["exercise"]),
            storedDocument("2022/e.txt", title: "Выставка", text: "Выставка вооружений, поставка образцов.",
                           date: "2022-07-01", types: ["exhibition"], source: "РИА Новости"),
            storedDocument("x/f.txt", title: "Без даты", text: "Поставка без даты в Беларусь.", countries: ["BY"], types: ["delivery"]),
        ]
    }

    private func searcher() throws -> Searcher { try Searcher(indexPath: try buildIndex(self, corpus).path) }

    private func total(_ searcher: Searcher, _ configure: (inout SearchRequest) -> Void) throws -> Int {
        var request = SearchRequest(query: "")
        request.collapse = false
        request.limit = 0
        request.facets = true
        configure(&request)
        return try searcher.search(request).total
    }

    // MARK: show

    /// `show --query` marks the text as written: Xapian's snippet (which picks the words)
    /// dropped list dashes and ended paragraphs with `…`; the marks now go onto the paragraph.
    func testShowMarksTheTextAsWritten() throws {
        let (marked, marks) = try Snippet.mark("- Поставка вертолетов: военно-технического сотрудничества!",
                                               words: ["поставка", "технического"], compoundStems: [], stem: { $0 })
        XCTAssertEqual(marked, "- **Поставка** вертолетов: военно-**технического** сотрудничества!")
        XCTAssertEqual(marks, 2)
        let (compound, _) = try Snippet.mark("Су-30МКИ и **жирный** текст", words: [], compoundStems: ["су30мки"], stem: { $0 })
        XCTAssertEqual(compound, "**Су-30МКИ** и жирный текст")
        XCTAssertEqual(Snippet.highlightedWords("\u{2}Поставка\u{3} и \u{2}военно-технического\u{3}…", start: "\u{2}", end: "\u{3}"),
                       ["поставка", "военно-технического"])
    }

    func testShowGivesTheWholeDocumentWithMetadataAndHighlights() throws {
        let searcher = try searcher()
        let view = try searcher.show("2021/c.txt", query: "поставка")
        XCTAssertEqual(view.id, "2021/c.txt")
        XCTAssertEqual(view.countries.map(\.value), ["BY", "VE", "RU"])
        XCTAssertEqual(view.countries.first?.name, "Беларусь")
        XCTAssertEqual(view.venue?.name, "Венесуэла")
        XCTAssertEqual(view.types, [NamedValue(value: "meeting", name: "встреча")])
        XCTAssertEqual(view.pairs, ["BY–VE", "BY–RU", "RU–VE"])
        XCTAssertEqual(view.persons, ["Олег Мищенко"])
        XCTAssertEqual(view.text, "Заседание комиссии Беларусь Венесуэла по **поставке**.")
        XCTAssertEqual(view.highlights, 1)
        XCTAssertNotNil(view.sequence)
        // Paragraphs stay paragraphs; without a query nothing is marked.
        let plain = try searcher.show("2019/a.txt")
        XCTAssertEqual(plain.text, "Поставка вертолетов в Беларусь и Китай.\nВторой абзац о поставке.")
        XCTAssertEqual(plain.highlights, 0)
        XCTAssertNil(plain.query)
        // JSON round trip through the Codable model (what the web server sends).
        let decoded = try JSONDecoder().decode(DocumentView.self, from: Data(view.json.serialized().utf8))
        XCTAssertEqual(decoded, view)
    }

    func testShowOfAnUnknownIdIsAUsageErrorNamingTheClosestIds() throws {
        let searcher = try searcher()
        XCTAssertThrowsError(try searcher.show("2021/cc.txt")) { error in
            guard case BulletinError.usage(let message) = error else { return XCTFail("\(error)") }
            XCTAssertTrue(message.contains("closest ids: 2021/c.txt"), message)
            XCTAssertEqual((error as? BulletinError)?.exitCode, 2)
        }
    }

    // MARK: stats

    func testStatsCountsEqualSearchTotalsForTheSameFilters() throws {
        let searcher = try searcher()
        let stats = try searcher.stats(facetLimit: 50)
        XCTAssertEqual(stats.documents, 6)
        XCTAssertEqual(stats.firstDate, "2019-03-01")
        XCTAssertEqual(stats.lastDate, "2022-07-01")
        XCTAssertEqual(stats.undated, 1)
        XCTAssertEqual(stats.years.map(\.value), ["2019", "2021", "2022"])
        XCTAssertEqual(stats.schemaVersion, IndexSchema.version)
        XCTAssertEqual(stats.lastSequence, 6)
        XCTAssertGreaterThan(stats.sizeBytes, 0)
        XCTAssertNotNil(stats.lastIndexed)
        for year in stats.years {
            XCTAssertEqual(year.count, try total(searcher) { $0.filters.from = year.value; $0.filters.to = year.value }, year.value)
        }
        for country in stats.facets.country {
            XCTAssertEqual(country.count, try total(searcher) { $0.filters.countries = [country.value] }, country.value)
        }
        for type in stats.facets.type {
            XCTAssertEqual(type.count, try total(searcher) { $0.filters.types = [type.value] }, type.value)
        }
        for source in stats.facets.source {
            XCTAssertEqual(source.count, try total(searcher) { $0.filters.sources = [source.value] }, source.value)
        }
        for person in stats.facets.person {
            XCTAssertEqual(person.count, try total(searcher) { $0.filters.persons = [person.value] }, person.value)
        }
        for weapon in stats.facets.weapon {
            XCTAssertEqual(weapon.count, try total(searcher) { $0.filters.weapons = [weapon.value] }, weapon.value)
        }
        let pairs = Dictionary(uniqueKeysWithValues: stats.facets.pair.map { ($0.value, $0.count) })
        XCTAssertEqual(pairs, ["BY–CN": 1, "IN–RU": 1, "BY–VE": 1, "BY–RU": 1, "RU–VE": 1, "CN–RU": 1])
        XCTAssertEqual(stats.facets.pair.first?.name, "Беларусь – Китай")
    }

    // MARK: facets

    func testSearchCountsThePersonWeaponVenueAndPairFacets() throws {
        let searcher = try searcher()
        var request = SearchRequest(query: "поставка")
        request.facets = true
        request.collapse = false
        // `--facets` counts the standard four; the others when named.
        let standard = try XCTUnwrap(try searcher.search(request).facets)
        XCTAssertFalse(standard.country.isEmpty)
        XCTAssertTrue(standard.person.isEmpty && standard.weapon.isEmpty && standard.venue.isEmpty && standard.pair.isEmpty)
        request.facetKinds = try FacetKind.parseList("all").get()
        XCTAssertEqual(request.facetKinds, FacetKind.allCases)
        let facets = try XCTUnwrap(try searcher.search(request).facets)
        XCTAssertEqual(facets.person.first, FacetCount(value: "Олег Мищенко", name: "Олег Мищенко", count: 2))
        XCTAssertEqual(Set(facets.weapon.map(\.value)), ["Ми-35М", "Т-90С"])
        XCTAssertEqual(facets.venue, [FacetCount(value: "VE", name: "Венесуэла", count: 1)])
        XCTAssertTrue(facets.pair.contains(FacetCount(value: "BY–VE", name: "Беларусь – Венесуэла", count: 1)), "\(facets.pair)")
        // --facet picks which.
        request.facetKinds = [.pair]
        let picked = try XCTUnwrap(try searcher.search(request).facets)
        XCTAssertTrue(picked.country.isEmpty)
        XCTAssertFalse(picked.pair.isEmpty)
        XCTAssertEqual(try FacetKind.parseList("person, weapon,pair").get(), [.person, .weapon, .pair])
        XCTAssertEqual(FacetKind.parseList("people"), .failure(FacetListError(item: "people")))
    }

    // MARK: timeline

    func testTimelineCountsEqualTheYearFacetAndShowEmptyPeriodsAsZero() throws {
        let searcher = try searcher()
        var request = SearchRequest(query: "поставка")
        request.facets = true
        let facets = try XCTUnwrap(try searcher.search(request).facets)
        let timeline = try searcher.timeline(TimelineRequest(query: "поставка"))
        XCTAssertEqual(timeline.periods, ["2019", "2020", "2021", "2022"])
        XCTAssertEqual(timeline.totals[1], 0)
        for year in facets.year {
            let i = try XCTUnwrap(timeline.periods.firstIndex(of: year.value))
            XCTAssertEqual(timeline.totals[i], year.count, year.value)
        }
        XCTAssertEqual(timeline.undated, 1)
        XCTAssertEqual(timeline.total, timeline.totals.reduce(0, +) + timeline.undated)

        var byMonth = TimelineRequest(query: "поставка")
        byMonth.by = .month
        let months = try searcher.timeline(byMonth)
        XCTAssertEqual(months.periods.first, "2019-03")
        XCTAssertEqual(months.periods.last, "2022-07")
        XCTAssertEqual(months.periods.count, 41)
        XCTAssertEqual(months.totals.reduce(0, +), timeline.totals.reduce(0, +))

        var split = TimelineRequest()
        split.by = .quarter
        split.split = .country
        split.top = 2
        let bySplit = try searcher.timeline(split)
        XCTAssertEqual(bySplit.series.map(\.value), ["BY", "RU", "other"])
        XCTAssertEqual(bySplit.series[0].total, 2)   // the undated BY document is in no period
        XCTAssertEqual(bySplit.series[1].total, 3)
        XCTAssertEqual(bySplit.series[2].total, 1)   // e, which names no country
    }

    func testTimelineSVGParsesAndHasOneBarPerPeriod() throws {
        let searcher = try searcher()
        let timeline = try searcher.timeline(TimelineRequest(query: "поставка <&>"))
        let svg = TimelineSVG().render(timeline)
        let collector = SVGCollector()
        let parser = XMLParser(data: Data(svg.utf8))
        parser.delegate = collector
        XCTAssertTrue(parser.parse(), "\(parser.parserError.map { "\($0)" } ?? "")\n\(svg)")
        XCTAssertEqual(collector.bars, timeline.periods)
        XCTAssertEqual(collector.barCounts, timeline.totals)
        XCTAssertTrue(collector.title.contains("«поставка <&>»"), collector.title)

        var split = TimelineRequest()
        split.split = .type
        let splitTimeline = try searcher.timeline(split)
        let splitCollector = SVGCollector()
        let splitParser = XMLParser(data: Data(TimelineSVG().render(splitTimeline).utf8))
        splitParser.delegate = splitCollector
        XCTAssertTrue(splitParser.parse())
        XCTAssertEqual(splitCollector.periodGroups, splitTimeline.periods)
        XCTAssertEqual(splitCollector.legendEntries, splitTimeline.series.count)
    }

    func testTerminalChartFitsEightyColumns() throws {
        let searcher = try searcher()
        for split in [nil, TimelineSplit.country] {
            var request = TimelineRequest()
            request.by = .month
            request.split = split
            let text = TimelineRenderer().text(try searcher.timeline(request))
            for line in text.split(separator: "\n") { XCTAssertLessThanOrEqual(line.count, 80, String(line)) }
            XCTAssertTrue(text.contains("2020-06  "), text)   // an empty month has its row
        }
    }
}

/// Collects the bars, groups and title of a timeline SVG.
private final class SVGCollector: NSObject, XMLParserDelegate {
    var bars: [String] = []
    var barCounts: [Int] = []
    var periodGroups: [String] = []
    var legendEntries = 0
    var title = ""
    private var inTitle = false

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        if name == "rect", attributes["class"] == "bar" {
            bars.append(attributes["data-period"] ?? "")
            barCounts.append(Int(attributes["data-count"] ?? "") ?? -1)
        }
        if name == "g", attributes["class"] == "period" { periodGroups.append(attributes["data-period"] ?? "") }
        if name == "g", attributes["class"] == "legend" { legendEntries += 1 }
        if name == "text", attributes["class"] == "title" { inTitle = true }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { if inTitle { title += string } }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if name == "text" { inTitle = false }
    }
}
