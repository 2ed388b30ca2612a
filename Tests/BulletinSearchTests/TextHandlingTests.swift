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
        // Scalars outside the blocks known to be NFC still go through NFC (singletons too).
        XCTAssertEqual(TextNormalizer.normalize("\u{212B}ngstr\u{00F6}m"), "\u{00C5}ngstr\u{00F6}m")
        XCTAssertEqual(TextNormalizer.normalize("С\u{2001}400 — «Триумф»"), "С 400 — «Триумф»")
    }

    func testEmojiSelectorsBidiMarksAndStrayCombiningMarksNeverJoinAWord() {
        // ⚡️ is U+26A1 U+FE0F; the selector must not glue to the headline's first word.
        XCTAssertEqual(TextNormalizer.normalize("⚡\u{FE0F}Белоусов"), "⚡Белоусов")
        XCTAssertEqual(TextNormalizer.normalize("👍\u{1F3FD} ок \u{200F}Минск\u{200E} 1\u{FE0F}\u{20E3}"), "👍 ок Минск 1")
        // A stress mark on a letter with no precomposed form is dropped: М́инск is Минск.
        XCTAssertEqual(TextNormalizer.normalize("М\u{0301}инск"), "Минск")
        // Letters that NFC composes keep their mark.
        XCTAssertEqual(TextNormalizer.normalize("e\u{0301}"), "é")
    }

    func testQueryTextIsRepairedLikeDocumentText() {
        // Latin look-alikes typed inside Cyrillic words (M, c, K, I, …) are repaired on the query side too.
        XCTAssertEqual(QueryRewriter.normalized("Mинcк"), "Минск")
        XCTAssertEqual(QueryRewriter.rewrite("Су-30MKИ"), "(су30мки OR \"су-30мки\")")
        XCTAssertEqual(QueryRewriter.rewrite("М\u{0301}инск"), "минск")
    }

    func testHeadlineAfterAnEmojiIsFoundByItsFirstWord() throws {
        let searcher = try makeIndex([
            "tg/1.txt": "⚡\u{FE0F}Белоусов провел совещание по поставкам вооружения.\n\nТекст сообщения.",
            "tg/2.txt": "❗\u{FE0F}Минск и Пекин подписали протокол о сотрудничестве.",
            "tg/3.txt": "Обычная новость без эмодзи о выставке.",
        ]).searcher
        XCTAssertEqual(try ids(searcher, "белоусов"), ["tg/1.txt"])
        XCTAssertEqual(try ids(searcher, "Mинcк"), ["tg/2.txt"])
        XCTAssertEqual(try ids(searcher, "М\u{0301}инск"), ["tg/2.txt"])
    }

    func testCompoundsAreJoinedAndLowercased() {
        XCTAssertEqual(Compounds.joinedTokens(in: "самолеты Су-30МКИ и С-400 «Триумф», военно-технического."),
                       ["су30мки", "с400", "военнотехнического"])
        XCTAssertEqual(Compounds.joinedTokens(in: "Ми-17В-5 - вертолет"), ["ми17в5"])
        XCTAssertEqual(Compounds.joinedTokens(in: "нет дефиса - здесь"), [])
        XCTAssertEqual(Compounds.joinedTokens(in: "Су- 30, Ту--22 и С-300-"), ["с300"])
        XCTAssertEqual(Compounds.joinedTokens(in: "Ka-52K/Ка-52К"), ["ka52k", "ка52к"])
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
        XCTAssertEqual(QueryRewriter.rewrite("Армия-2022"), "(армия2022 OR \"армия-2022\" OR (армия AND xyear:2022))")
        XCTAssertEqual(QueryRewriter.rewrite("С-2022"), "(с2022 OR \"с-2022\")")
    }

    func testAnalyzerReadsInlineHeaderDatelineAndTitle() {
        let doc = BulletinAnalyzer.analyze(text: " date 2025-11-18 ЦАМТО, 17 ноября. В Каракасе прошло заседание. Второе предложение.",
                                           id: "a.txt", path: nil, root: nil)
        XCTAssertEqual(doc.date, "2025-11-18")
        XCTAssertEqual(doc.dateSource, "header")
        XCTAssertEqual(doc.source, "ЦАМТО")
        XCTAssertEqual(doc.title, "В Каракасе прошло заседание")
        XCTAssertTrue(doc.text.hasPrefix("ЦАМТО, 17 ноября."), doc.text)
    }

    func testAnalyzerReadsHeaderOnItsOwnLineAndTassDateline() {
        let doc = BulletinAnalyzer.analyze(text: " date 2021-03-12\nМосква, 12 марта. /ТАСС/. Россия поставила партию вертолетов.",
                                           id: "a.txt", path: nil, root: nil)
        XCTAssertEqual(doc.date, "2021-03-12")
        XCTAssertEqual(doc.source, "ТАСС")
        XCTAssertEqual(doc.title, "Россия поставила партию вертолетов")
        XCTAssertTrue(doc.text.hasPrefix("Москва, 12 марта."), doc.text)
    }

    func testAnalyzerDatesADatelineByTheYearFolderAndFeed() {
        let byFolder = BulletinAnalyzer.analyze(text: "ЦАМТО, 3 мая. Текст без года.", id: "2019/x.txt", path: nil, root: nil)
        XCTAssertEqual(byFolder.date, "2019-05-03")
        XCTAssertEqual(byFolder.dateSource, "dateline+path")
        let none = BulletinAnalyzer.analyze(text: "Просто текст без даты", id: "x.txt", path: nil, root: nil)
        XCTAssertNil(none.date)
        XCTAssertEqual(none.title, "Просто текст без даты")
        let feed = BulletinAnalyzer.analyze(text: "Текст из ленты.", id: "feed-1", path: nil, root: nil,
                                            feed: FeedFields(date: "2024-02-03T10:00:00Z", source: "ТАСС", url: "https://example.org/1", title: "Заголовок"))
        XCTAssertEqual(feed.date, "2024-02-03")
        XCTAssertEqual(feed.source, "ТАСС")
        XCTAssertEqual(feed.url, "https://example.org/1")
        XCTAssertEqual(feed.title, "Заголовок")
    }

    func testTitleIsCutAtAWordBoundary() {
        let long = "ЦАМТО, 1 мая. " + String(repeating: "слово ", count: 40) + "конец."
        let title = BulletinAnalyzer.analyze(text: long, id: "x.txt", path: nil, root: nil).title
        XCTAssertLessThanOrEqual(title.count, 121)
        XCTAssertTrue(title.hasPrefix("слово слово"), title)
    }

    func testIndexTextRepairsLookalikesButStoredTextKeepsThem() {
        let doc = BulletinAnalyzer.analyze(text: "ЦАМТО, 1 мая. Комплексы C-400 прибыли в Mинcк.", id: "x.txt", path: nil, root: nil)
        XCTAssertTrue(doc.text.contains("Mинcк"))
        XCTAssertTrue(doc.indexText?.contains("Минск") ?? false, doc.indexText ?? "")
        XCTAssertTrue(doc.indexText?.contains("С-400") ?? false)
    }
}

final class SnippetTests: XCTestCase {
    func testMarkHighlightsInOnePass() {
        let s = Searcher.highlightStart, e = Searcher.highlightEnd
        XCTAssertEqual(Snippet.markHighlights("…\(s)Олег\(e) \(s)Мищенко\(e) &amp; &lt;b&gt;\n  **жирный** \(s)Су\(e)-\(s)30МКИ\(e) "),
                       "…**Олег Мищенко** & <b> жирный **Су-30МКИ**")
        XCTAssertEqual(Snippet.markHighlights("a &unknown; b"), "a &unknown; b")
        XCTAssertEqual(Snippet.markHighlights(""), "")
    }
}
