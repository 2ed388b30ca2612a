import XCTest
@testable import BulletinSearch

/// Hyphenated designations, compounds, ё and capitalisation, on small texts written here.
final class TextMatchingTests: XCTestCase {
    private func index() throws -> Searcher {
        try makeIndex([
            "su.txt": "ЦАМТО, 3 марта. Индия получила партию истребителей Су-30МКИ и систем С-400.",
            "vts.txt": "ЦАМТО, 4 марта. Стороны обсудили вопросы военно-технического сотрудничества.",
            "yo.txt": "ЦАМТО, 5 марта. Проведён учёт поставленной техники.",
            "other.txt": "ЦАМТО, 6 марта. На выставке показали новый танк и технику связи.",
        ]).searcher
    }

    func testDesignationWholeJoinedAndPart() throws {
        let searcher = try index()
        for query in ["Су-30МКИ", "су30мки", "30МКИ", "СУ-30мки", "\"Су-30МКИ\"", "С-400", "с400"] {
            XCTAssertEqual(try ids(searcher, query), ["su.txt"], query)
        }
    }

    func testCompoundAdjectiveWholeAndParts() throws {
        let searcher = try index()
        for query in ["военно-технический", "технического", "военно-техническое", "военно"] {
            XCTAssertEqual(try ids(searcher, query), ["vts.txt"], query)
        }
        let hit = try XCTUnwrap(searcher.search(SearchRequest(query: "военно-технический")).hits.first)
        XCTAssertTrue(hit.snippet.contains("**военно-технического**"), hit.snippet)
    }

    func testYoIsFoldedBothWays() throws {
        let searcher = try index()
        XCTAssertEqual(try ids(searcher, "учет"), ["yo.txt"])
        XCTAssertEqual(try ids(searcher, "учёт"), ["yo.txt"])
        XCTAssertEqual(try ids(searcher, "проведен"), ["yo.txt"])
    }

    func testCapitalisedWordsAreStemmed() throws {
        let searcher = try index()
        XCTAssertEqual(try ids(searcher, "ИНДИИ"), ["su.txt"])
        XCTAssertEqual(try ids(searcher, "Индией"), ["su.txt"])
    }

    func testBooleanOperatorsInAnyCase() throws {
        let searcher = try index()
        XCTAssertEqual(try ids(searcher, "индия or танк"), ["other.txt", "su.txt"])
        XCTAssertEqual(try ids(searcher, "ЦАМТО not танк").count, 3)
        XCTAssertEqual(try ids(searcher, "цамто -танк -индия").count, 2)
        XCTAssertEqual(try ids(searcher, "истреб*"), ["su.txt"])
    }

    func testStopwordsDoNotBreakPhrases() throws {
        let searcher = try index()
        XCTAssertEqual(try ids(searcher, "\"партию истребителей Су-30МКИ и систем\""), ["su.txt"])
        XCTAssertEqual(try ids(searcher, "\"на выставке\""), ["other.txt"])
    }

    func testSyntaxErrorsAreQuerySyntax() throws {
        let searcher = try index()
        for bad in ["foo AND", "OR OR", "NOT"] {
            XCTAssertThrowsError(try searcher.search(SearchRequest(query: bad)), bad) { error in
                guard case .querySyntax = error as? BulletinError else { return XCTFail("\(bad): \(error)") }
            }
        }
    }

    func testSortByDateNeedsNoWordsMatchingOrder() throws {
        let (searcher, _, _) = try makeIndex([
            "a.txt": " date 2020-01-02\nЦАМТО, 1 января. Поставка танков.",
            "b.txt": " date 2022-01-02\nЦАМТО, 1 января. Поставка танков и поставка самолетов.",
            "c.txt": " date 2021-01-02\nЦАМТО, 1 января. Поставка.",
        ])
        var request = SearchRequest(query: "поставка")
        request.sort = .newest
        XCTAssertEqual(try searcher.search(request).hits.map(\.id), ["b.txt", "c.txt", "a.txt"])
        request.sort = .date
        XCTAssertEqual(try searcher.search(request).hits.map(\.id), ["a.txt", "c.txt", "b.txt"])
    }
}
