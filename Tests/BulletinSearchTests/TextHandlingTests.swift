import XCTest
@testable import BulletinSearch

final class TextHandlingTests: XCTestCase {
    func testNormalizerFoldsYoAndRemovesInvisibleCharacters() {
        XCTAssertEqual(TextNormalizer.normalize("учёт Ёлки"), "учет Елки")
        XCTAssertEqual(TextNormalizer.normalize("воен\u{00AD}но-тех\u{200B}нический"), "военно-технический")
        XCTAssertEqual(TextNormalizer.normalize("\u{FEFF}С\u{00A0}400"), "С 400")
        // NFC: и + combining breve is й.
        XCTAssertEqual(TextNormalizer.normalize("и\u{0306}"), "й")
        XCTAssertEqual(TextNormalizer.normalize("plain ascii"), "plain ascii")
    }

    func testCompoundsAreJoinedAndLowercased() {
        XCTAssertEqual(Compounds.joinedTokens(in: "самолеты Су-30МКИ и С-400 «Триумф», военно-технического."),
                       ["су30мки", "с400", "военнотехнического"])
        XCTAssertEqual(Compounds.joinedTokens(in: "Ми-17В-5 - вертолет"), ["ми17в5"])
        XCTAssertEqual(Compounds.joinedTokens(in: "нет дефиса - здесь"), [])
        XCTAssertEqual(Compounds.joined("Су-30МКИ"), "су30мки")
        XCTAssertNil(Compounds.joined("слово"))
    }

    func testQueryRewriterLowercasesAndKeepsOperators() {
        XCTAssertEqual(QueryRewriter.rewrite("Кубой and Венесуэла"), "кубой AND венесуэла")
        XCTAssertEqual(QueryRewriter.rewrite("Минск not Пекин"), "минск NOT пекин")
        XCTAssertEqual(QueryRewriter.rewrite("\"Республикой Беларусь\" -Китай"), "\"республикой беларусь\" -китай")
        XCTAssertEqual(QueryRewriter.rewrite("Су-30МКИ"), "(су30мки OR \"су-30мки\")")
        XCTAssertEqual(QueryRewriter.rewrite("-Су-30МКИ title:Военно-Технический"), "-су30мки title:военнотехнический")
        XCTAssertEqual(QueryRewriter.rewrite("учёт (Минск OR Гавана)"), "учет ( минск OR гавана )")
    }

    func testParserReadsInlineHeaderDatelineAndTitle() {
        let parsed = BulletinParser.parse(" date 2025-11-18 ЦАМТО, 17 ноября. В Каракасе прошло заседание. Второе предложение.")
        XCTAssertEqual(parsed.headerDate, "2025-11-18")
        XCTAssertEqual(parsed.source, "ЦАМТО")
        XCTAssertEqual(parsed.datelineDay, 17)
        XCTAssertEqual(parsed.datelineMonth, 11)
        XCTAssertEqual(parsed.title, "В Каракасе прошло заседание")
        XCTAssertTrue(parsed.body.hasPrefix("ЦАМТО, 17 ноября."))
    }

    func testParserReadsHeaderOnItsOwnLineAndTassDateline() {
        let parsed = BulletinParser.parse(" date 2021-03-12\nМосква, 12 марта. /ТАСС/. Россия поставила партию вертолетов.")
        XCTAssertEqual(parsed.headerDate, "2021-03-12")
        XCTAssertEqual(parsed.source, "ТАСС")
        XCTAssertEqual(parsed.title, "Россия поставила партию вертолетов")
    }

    func testParserWithoutHeaderOrDateline() {
        let parsed = BulletinParser.parse("Просто текст без даты")
        XCTAssertNil(parsed.headerDate)
        XCTAssertNil(parsed.source)
        XCTAssertEqual(parsed.title, "Просто текст без даты")
        XCTAssertNil(BulletinParser.parse(" date 2025-13-45 ЦАМТО, 1 мая. Текст.").headerDate)
    }

    func testTitleIsCutAtAWordBoundary() {
        let long = String(repeating: "слово ", count: 40) + "конец."
        let title = BulletinParser.title(of: long)
        XCTAssertLessThanOrEqual(title.count, 121)
        XCTAssertTrue(title.hasSuffix("слово…"), title)
    }
}
