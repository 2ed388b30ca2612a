import Foundation
import XCTest
@testable import Xapian

final class SearchTests: XCTestCase {
    private func makeIndex(_ texts: [String], facets: [String] = []) throws -> WritableDatabase {
        let dir = try makeTemporaryDirectory(self)
        let db = try WritableDatabase(path: dir.path)
        let tg = try TermGenerator()
        try tg.setStemmer(try Stem(language: "russian"))
        try tg.setStemmingStrategy(.some)
        for (i, text) in texts.enumerated() {
            let doc = try Document()
            try tg.setDocument(doc)
            try tg.indexText(text)
            try doc.setData(text)
            if i < facets.count { try doc.setValue(facets[i], slot: 5) }
            try db.add(doc)
        }
        try db.commit()
        return db
    }

    private func parser(_ db: Database) throws -> QueryParser {
        let qp = try QueryParser()
        try qp.setStemmer(try Stem(language: "russian"))
        try qp.setStemmingStrategy(.some)
        try qp.setDatabase(db)
        return qp
    }

    func testMalformedQueryIsQueryParserError() throws {
        let db = try makeIndex(["текст"])
        let qp = try parser(db)
        for bad in ["foo AND", "OR OR", "NOT"] {
            XCTAssertThrowsError(try qp.parse(bad), bad) { error in
                XCTAssertEqual((error as? XapianError)?.kind, .queryParser, bad)
            }
        }
    }

    func testStemmedSearchAndRanking() throws {
        let db = try makeIndex(["Делегация посетила Минск", "переговоры с делегацией и делегацией", "погода"])
        let enquire = try Enquire(database: db)
        try enquire.setQuery(try parser(db).parse("делегации"))
        let mset = try enquire.mset(first: 0, count: 10)
        XCTAssertEqual(mset.count, 2)
        XCTAssertEqual(mset.matchesEstimated, 2)
        XCTAssertEqual(mset.first?.rank, 0)
        XCTAssertEqual(try mset[0].document.data(), "переговоры с делегацией и делегацией")
    }

    func testSnippetHighlightsMatchedForms() throws {
        let text = "В Минске прошло заседание комиссии. Стороны обсудили сотрудничество."
        let db = try makeIndex([text])
        let enquire = try Enquire(database: db)
        try enquire.setQuery(try parser(db).parse("заседания"))
        let mset = try enquire.mset(first: 0, count: 1)
        let snippet = try mset.snippet(of: text, length: 200, stemmer: try Stem(language: "russian"), highlightStart: "[", highlightEnd: "]")
        XCTAssertTrue(snippet.contains("[заседание]"), snippet)
    }

    func testValueCountSpyCountsEveryMatchOncePerValue() throws {
        let db = try makeIndex(
            ["контракт один", "контракт два", "контракт три", "другое"],
            facets: ["BY", "BY", "IN", "BY"])
        let enquire = try Enquire(database: db)
        try enquire.setQuery(try parser(db).parse("контракт"))
        let spy = try ValueCountMatchSpy(slot: 5)
        let unused = try ValueCountMatchSpy(slot: 6)
        try enquire.add(spy)
        try enquire.add(unused)
        _ = try enquire.mset(first: 0, count: 1, checkAtLeast: try db.documentCount())
        XCTAssertEqual(spy.documentsSeen, 3)
        let counts = try spy.counts()
        XCTAssertEqual(counts.map(\.value), ["BY", "IN"])
        XCTAssertEqual(counts.map(\.count), [2, 1])
        XCTAssertTrue(try unused.counts().isEmpty)
    }

    func testWildcardExpansionLimitIsAWildcardError() throws {
        let db = try makeIndex(["аа1 аа2 аа3 аа4 аа5"])
        let qp = try parser(db)
        try qp.setMaxExpansion(2)
        let enquire = try Enquire(database: db)
        try enquire.setQuery(try qp.parse("аа*", flags: [.wildcard, .boolean]))
        XCTAssertThrowsError(try enquire.mset(first: 0, count: 10)) { error in
            XCTAssertEqual((error as? XapianError)?.kind, .wildcard)
        }
    }

    func testValueSortAndRange() throws {
        let dir = try makeTemporaryDirectory(self)
        let db = try WritableDatabase(path: dir.path)
        for date in ["20190101", "20210505", "20200303"] {
            let doc = try Document()
            try doc.addTerm("bulletin")
            try doc.setValue(date, slot: 0)
            try doc.setData(date)
            try db.add(doc)
        }
        try db.commit()
        let enquire = try Enquire(database: db)
        let query = try Query.combine(.filter, [try Query.term("bulletin"), try Query.valueRange(slot: 0, "20200101", "20211231")])
        try enquire.setQuery(query)
        try enquire.setSort(.value(slot: 0, descending: true))
        let mset = try enquire.mset(first: 0, count: 10)
        XCTAssertEqual(try mset.map { try $0.document.data() }, ["20210505", "20200303"])
    }

    func testExpandFindsCharacteristicTerms() throws {
        let db = try makeIndex(["вертолеты вертолеты поставка", "вертолеты танки", "погода солнце"])
        let enquire = try Enquire(database: db)
        let terms = try enquire.expand(documents: [1], count: 5, skippingPrefixes: "Z")
        XCTAssertTrue(terms.contains { $0.term == "поставка" }, "\(terms)")
        XCTAssertFalse(terms.contains { $0.term.hasPrefix("Z") })
    }
}

final class FixedWeightTests: XCTestCase {
    func testFixedWeightFilterAddsAConstant() throws {
        let dir = try makeTemporaryDirectory(self)
        let db = try WritableDatabase(path: dir.path)
        for words in [["a", "b"], ["a"], ["b"]] {
            let doc = try Document()
            for w in words { try doc.addTerm(w) }
            try db.add(doc)
        }
        try db.commit()
        let any = try Query.combine(.or, [try Query.term("a"), try Query.term("b")])
        let all = try Query.combine(.and, [try Query.term("a"), try Query.term("b")])
        let boost = try Query.combine(.filter, [try Query.fixedWeight(100), all])
        let enquire = try Enquire(database: db)
        try enquire.setQuery(try Query.combine(.andMaybe, [any, boost]))
        let mset = try enquire.mset(first: 0, count: 10)
        XCTAssertEqual(mset.count, 3)
        XCTAssertEqual(mset[0].documentID, 1)
        XCTAssertGreaterThan(mset[0].weight, 100)
        XCTAssertLessThan(mset[1].weight, 100)
    }

    func testScaledMultipliesTheWeight() throws {
        let dir = try makeTemporaryDirectory(self)
        let db = try WritableDatabase(path: dir.path)
        for words in [["a", "a", "b"], ["b"]] {
            let doc = try Document()
            for w in words { try doc.addTerm(w) }
            try db.add(doc)
        }
        try db.commit()
        func weight(_ query: Query) throws -> Double {
            let enquire = try Enquire(database: db)
            try enquire.setQuery(query)
            return try enquire.mset(first: 0, count: 1)[0].weight
        }
        let plain = try weight(try Query.term("a"))
        XCTAssertGreaterThan(plain, 0)
        XCTAssertEqual(try weight(try Query.scaled(try Query.term("a"), by: 2)), plain * 2, accuracy: 1e-9)
        XCTAssertEqual(try weight(try Query.scaled(try Query.term("a"), by: 0)), 0)
    }
}
