import XCTest
@testable import BulletinSearch

final class QueryFieldsTests: XCTestCase {
    func testFieldsAreLiftedOutOfTheQuery() throws {
        let result = try QueryFields.extract("поставка country:BY страна:Индия тип:контракт танки")
        XCTAssertEqual(result.words, "поставка танки")
        XCTAssertEqual(result.include.countries, ["BY", "Индия"])
        XCTAssertEqual(result.include.types, ["контракт"])
    }

    func testQuotedValuesAndExclusions() throws {
        let result = try QueryFields.extract("персона:\"Олег Мищенко\" -country:cn NOT type:exercise")
        XCTAssertEqual(result.words, "")
        XCTAssertEqual(result.include.persons, ["Олег Мищенко"])
        XCTAssertEqual(result.exclude.countries, ["cn"])
        XCTAssertEqual(result.exclude.types, ["exercise"])
    }

    func testDanglingOperatorsLeftByFieldsAreDropped() throws {
        XCTAssertEqual(try QueryFields.extract("танки AND country:by").words, "танки")
        XCTAssertEqual(try QueryFields.extract("(country:by OR country:cn) танки").words, "танки")
        XCTAssertEqual(try QueryFields.extract("танки OR country:by OR самолеты").words, "танки OR самолеты")
        // No field: the query is left alone so Xapian reports its syntax errors.
        XCTAssertEqual(try QueryFields.extract("танки AND").words, "танки AND")
        // Unknown field names are ordinary words (title: is QueryParser's).
        XCTAssertEqual(try QueryFields.extract("title:заседание foo:bar").words, "title:заседание foo:bar")
    }

    func testDateFields() throws {
        let range = try QueryFields.extract("date:2019..2021")
        XCTAssertEqual(range.include.from, "2019")
        XCTAssertEqual(range.include.to, "2021")
        let open = try QueryFields.extract("дата:..2019-06-30")
        XCTAssertNil(open.include.from)
        XCTAssertEqual(open.include.to, "2019-06-30")
        XCTAssertEqual(DateBound.lower("2019-03"), "20190301")
        XCTAssertEqual(DateBound.upper("2019"), "20191231")
        XCTAssertNil(DateBound.lower("2019-3"))
        XCTAssertNil(DateBound.upper("20x9"))
        XCTAssertNil(DateBound.upper("2019-02-30"))
        XCTAssertEqual(DateBound.upper("2020-02-29"), "20200229")
        XCTAssertThrowsError(try QueryFields.extract("year:abc"))
    }
}

final class SyntaxHintTests: XCTestCase {
    func testOperatorsWithAMissingOperandAreLocated() {
        XCTAssertEqual(SyntaxHint.locate("танки AND")?.hasPrefix("at character 7 («AND»): AND needs words after it"), true)
        XCTAssertEqual(SyntaxHint.locate("OR OR")?.hasPrefix("at character 1 («OR»): OR needs words before it"), true)
        XCTAssertEqual(SyntaxHint.locate("NOT")?.hasPrefix("at character 1 («NOT»): NOT needs words after it"), true)
        XCTAssertEqual(SyntaxHint.locate("(танки or) самолеты")?.hasPrefix("at character 8 («or»)"), true)
        XCTAssertNil(SyntaxHint.locate("танки AND самолеты NOT Китай"))
    }
}

final class QueryLimitTests: XCTestCase {
    func testHugeQueriesAreRefusedAsSyntaxErrors() throws {
        let (searcher, _, _) = try makeIndex(["a.txt": "ЦАМТО, 1 мая. Индия получила танки."])
        let huge = Array(repeating: "Индия поставка Т-90С", count: 200).joined(separator: " ")
        XCTAssertThrowsError(try searcher.search(SearchRequest(query: huge))) { error in
            XCTAssertEqual((error as? BulletinError)?.exitCode, 2)
        }
        let long = Array(repeating: "индия", count: 100).joined(separator: " ")
        XCTAssertEqual(try searcher.search(SearchRequest(query: long)).hits.count, 1)
    }
}
