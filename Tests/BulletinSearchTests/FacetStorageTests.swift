import Foundation
import XCTest
import Xapian
@testable import BulletinSearch

/// Facet values tagged and packed into value slots, counted by one pass that reads each slot
/// once per match (schema 5): the counts must be exact, one per value per matching document.
final class FacetStorageTests: XCTestCase {
    /// The shipped demo corpus (the project's own text), beside this file's package.
    static var demoCorpus: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Corpora")
    }

    func testFacetSlotsAndTagsDoNotCollide() {
        let others: Set<UInt32> = [IndexSchema.dateSlot, IndexSchema.duplicateKeySlot, IndexSchema.signatureSlot,
                                   IndexSchema.sequenceSlot, IndexSchema.indexedAtSlot]
        for facet in IndexSchema.facets {
            XCTAssertFalse(others.contains(facet.slot), "\(facet.name) uses slot \(facet.slot) of another value")
            XCTAssertTrue(IndexSchema.facetSlots.contains(facet.slot))
        }
        XCTAssertEqual(Set(IndexSchema.facets.map(\.tag)).count, IndexSchema.facets.count, "one tag per facet")
        XCTAssertEqual(IndexSchema.facets.map(\.name), FacetKind.allCases.map(\.rawValue), "one table line per facet kind")
        for facet in IndexSchema.facets { XCTAssertEqual(FacetKind(rawValue: facet.name)?.prefix, facet.prefix) }
        // `--facets` reads one slot: the four standard facets share it, the others do not.
        let standard = Set(IndexSchema.facets.filter { FacetKind.standard.map(\.rawValue).contains($0.name) }.map(\.slot))
        XCTAssertEqual(standard.count, 1)
        XCTAssertFalse(IndexSchema.facets.contains { !FacetKind.standard.map(\.rawValue).contains($0.name) && standard.contains($0.slot) })
    }

    func testManyValuesAreStoredOnceEachAndCountedOnceEach() throws {
        let country = try XCTUnwrap(IndexSchema.facets.first { $0.name == "country" })
        XCTAssertEqual(country.parts(["RU", "BY", "CN", "IN", "VE", "CU", "RU", "", "EG"]), ["cRU", "cBY", "cCN", "cIN", "cVE", "cCU", "cEG"])
        let person = try XCTUnwrap(IndexSchema.facets.first { $0.name == "person" })
        XCTAssertEqual(person.parts(["Иван\nИванов", String(repeating: "я", count: 200)]), ["pИван Иванов"], "a line break is a space; a value over the term limit is not a facet value")

        let docs = [
            storedDocument("a", title: "Поставка", text: "Поставка вертолетов", date: "2020-01-01", countries: ["RU", "BY", "CN", "IN", "VE", "CU", "EG"], types: ["delivery", "contract", "meeting", "visit", "test"]),
            storedDocument("b", title: "Поставка", text: "Поставка танков", date: "2020-02-01", countries: ["RU", "IN", "VE", "CU", "EG"], types: ["delivery"]),
            storedDocument("c", title: "Поставка", text: "Поставка катеров", date: "2021-02-01", countries: ["RU"], types: ["delivery", "test"]),
        ]
        let searcher = try Searcher(indexPath: try buildIndex(self, docs).path)
        var request = SearchRequest(query: "поставка")
        request.facets = true
        request.facetLimit = 100
        let facets = try XCTUnwrap(try searcher.search(request).facets)
        XCTAssertEqual(Dictionary(uniqueKeysWithValues: facets.country.map { ($0.value, $0.count) }),
                       ["RU": 3, "IN": 2, "VE": 2, "CU": 2, "EG": 2, "BY": 1, "CN": 1])
        XCTAssertEqual(Dictionary(uniqueKeysWithValues: facets.type.map { ($0.value, $0.count) }),
                       ["delivery": 3, "test": 2, "contract": 1, "meeting": 1, "visit": 1])
        XCTAssertEqual(facets.country.first?.value, "RU")
        XCTAssertEqual(facets.year.map(\.value), ["2020", "2021"])
    }

    /// On the demo corpus, every facet count equals the number of matches that hold the facet's
    /// term (what the schema-2 counter computed from the packed terms), for word queries,
    /// any-word queries, filters and collapsing.
    func testCountsOnTheDemoCorpusEqualTermCounts() throws {
        let (index, summary) = try indexDemoCorpus(self)
        XCTAssertGreaterThan(summary.indexed, 300)
        let searcher = try Searcher(indexPath: index)
        let database = try Database(path: index)
        let all = try database.documentCount()

        for (query, country) in [("контракт", nil), ("военно-техническое сотрудничество Кубой", nil), ("поставка OR учения", nil),
                                 ("Су-30МКИ", nil), ("", "BY"), ("заседание", "IN")] as [(String, String?)] {
            var request = SearchRequest(query: query)
            request.facets = true
            request.facetKinds = FacetKind.allCases
            request.facetLimit = 10_000
            if let country { request.filters.countries = [country] }
            let response = try searcher.search(request)
            let facets = try XCTUnwrap(response.facets)
            let plan = try searcher.makePlan(request)
            for kind in FacetKind.allCases {
                let name = kind.rawValue, got = facets[kind]
                let facet = try XCTUnwrap(IndexSchema.facets.first { $0.name == name })
                var expected: [String: Int] = [:]
                for (term, _) in try database.allTerms(prefix: facet.prefix) {
                    let value = String(term.dropFirst(facet.prefix.count))
                    let enquire = try Enquire(database: database)
                    try enquire.setQuery(try Query.combine(.filter, [plan.query, try Query.term(term)]))
                    let mset = try enquire.mset(first: 0, count: 0, checkAtLeast: all)
                    if mset.matchesEstimated > 0 { expected[kind.displayValue(value)] = mset.matchesEstimated }
                }
                XCTAssertEqual(Dictionary(uniqueKeysWithValues: got.map { ($0.value, $0.count) }), expected, "\(name) for «\(query)» \(country ?? "")")
            }
            XCTAssertTrue(response.totalIsExact)
            // `matches`: every match, near-duplicates included, exactly (what facets count over).
            let enquire = try Enquire(database: database)
            try enquire.setQuery(plan.query)
            XCTAssertEqual(response.matches, try enquire.mset(first: 0, count: 0, checkAtLeast: all).matchesLowerBound, "matches for «\(query)»")
            XCTAssertGreaterThanOrEqual(response.matches ?? 0, response.total)
        }
    }
}
