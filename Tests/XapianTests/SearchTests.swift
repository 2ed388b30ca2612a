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

    func testCountValuePartsCountsEachPartOfEveryMatchGroupedByTag() throws {
        // Slot 5 holds tagged parts joined by "\n"; one part is over 16 bytes (kept apart by
        // the counter), and 600 distinct parts make its table grow several times.
        let long = "pОлег Владимирович Длинная-Фамилия"
        var texts = ["контракт один", "контракт два", "контракт три", "другое"]
        var values = ["cBY\ncIN\ny2019\n\(long)", "cBY\ny2019", "cIN\ncCN\ny2020\n\(long)", "cBY\ny2021"]
        for i in 0..<600 {
            texts.append("контракт номер \(i)")
            values.append("n\(i)\ncRU")
        }
        let db = try makeIndex(texts, facets: values)
        let enquire = try Enquire(database: db)
        try enquire.setQuery(try parser(db).parse("контракт"))
        let all = try enquire.countValueParts(slots: [5, 6], separator: 0x0A, checkAtLeast: try db.documentCount())
        XCTAssertEqual(all.matches, 603)
        XCTAssertFalse(all.builtinSpies, "a local database is counted by the shim's spy")
        let counts = Dictionary(uniqueKeysWithValues: all.parts.map { ($0.value, $0.count) })
        XCTAssertEqual(counts["cRU"], 600)
        XCTAssertEqual(counts["cBY"], 2)
        XCTAssertEqual(counts["cIN"], 2)
        XCTAssertEqual(counts["cCN"], 1)
        XCTAssertEqual(counts["y2019"], 2)
        XCTAssertEqual(counts["y2020"], 1)
        XCTAssertNil(counts["y2021"], "«другое» does not match")
        XCTAssertEqual(counts[long], 2)
        XCTAssertEqual((0..<600).filter { counts["n\($0)"] == 1 }.count, 600)
        XCTAssertEqual(all.parts.count, 600 + 4 + 2 + 1)
        // Groups in tag order; within one, most frequent first, ties in byte order; a limit per group.
        let top = try enquire.countValueParts(slots: [5], separator: 0x0A, checkAtLeast: try db.documentCount(), limitPerGroup: 2)
        XCTAssertEqual(top.parts.map(\.value), ["cRU", "cBY", "n0", "n1", long, "y2019", "y2020"])
        XCTAssertEqual(top.parts.map(\.count), [600, 2, 1, 1, 2, 2, 1])
        XCTAssertTrue(try enquire.countValueParts(slots: [5], separator: 0x0A, checkAtLeast: 10_000, limitPerGroup: 0).parts.isEmpty)
    }

    func testFacetColumnCountsWhatReadingTheValuesCounts() throws {
        // Parts over 16 bytes, documents without a value, deleted documents, and a slot
        // that only some documents have.
        let long = "pОлег Владимирович Длинная-Фамилия"
        var texts: [String] = [], values: [String] = []
        for i in 0..<300 {
            texts.append(i % 3 == 0 ? "контракт поставка \(i)" : "поставка номер \(i)")
            values.append(i % 7 == 0 ? "" : "c\(["BY", "IN", "CN", "RU"][i % 4])\ny\(2015 + i % 5)\n\(i % 2 == 0 ? long : "n\(i)")")
        }
        let db = try makeIndex(texts, facets: values)
        for id in stride(from: 5, to: 300, by: 11) { try db.delete(documentID: UInt32(id)) }
        let doc = try db.document(2)
        try doc.setValue("t\u{1}x\n\nclone", slot: 6)
        try db.replace(documentID: 2, with: doc)
        try db.commit()
        let reader = try Database(path: db.path)
        let column = try FacetColumn(database: reader, slots: [5, 6], separator: 0x0A)
        XCTAssertTrue(column.matches(reader))
        XCTAssertGreaterThan(column.bytes, 300 * 4)
        for query in ["контракт", "поставка", "поставка -контракт", "нет-такого"] {
            for (slots, limit) in [([UInt32(5), 6], nil), ([5], 2), ([6], nil), ([5], 0)] as [([UInt32], Int?)] {
                let enquire = try Enquire(database: reader)
                try enquire.setQuery(try parser(reader).parse(query))
                let read = try enquire.countValueParts(slots: slots, separator: 0x0A, checkAtLeast: 1000, limitPerGroup: limit)
                let counted = try enquire.countValueParts(column: column, slots: slots, checkAtLeast: 1000, limitPerGroup: limit)
                XCTAssertEqual(counted.matches, read.matches, query)
                XCTAssertEqual(counted.parts.map(\.value), read.parts.map(\.value), "\(query) \(slots)")
                XCTAssertEqual(counted.parts.map(\.count), read.parts.map(\.count), "\(query) \(slots)")
            }
        }
        // A slot the column does not hold is refused, never counted as empty.
        let enquire = try Enquire(database: reader)
        try enquire.setQuery(try parser(reader).parse("поставка"))
        XCTAssertThrowsError(try enquire.countValueParts(column: column, slots: [7], checkAtLeast: 1000))
        // After the next commit the column no longer answers for a reader that moved on.
        try db.delete(documentID: 1)
        try db.commit()
        XCTAssertTrue(column.matches(reader), "the reader still sees the old revision")
        try reader.reopen()
        XCTAssertFalse(column.matches(reader))
        XCTAssertFalse(column.matches(db), "a database is not matched by a column of another handle's older revision")
    }

    func testFacetColumnNeedsOneDatabase() throws {
        let one = try makeIndex(["контракт"], facets: ["cBY"]), two = try makeIndex(["поставка"], facets: ["cIN"])
        let stub = try makeTemporaryDirectory(self).appendingPathComponent("both.stub")
        try "auto \(one.path)\nauto \(two.path)\n".write(to: stub, atomically: true, encoding: .utf8)
        let shards = try Database(path: stub.path)
        XCTAssertEqual(try shards.documentCount(), 2)
        XCTAssertThrowsError(try FacetColumn(database: shards, slots: [5], separator: 0x0A)) { error in
            XCTAssertEqual((error as? XapianError)?.kind, .invalidOperation)
        }
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
