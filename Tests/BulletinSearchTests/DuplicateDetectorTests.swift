import Foundation
import XCTest
import Xapian
@testable import BulletinSearch

/// Stories for the near-duplicate tests: one story told by two agencies, and another
/// meeting of another commission written from the same template.
enum DuplicateStories {
    static let indiaCAMTO = """
         date 2024-05-06
        ЦАМТО, 6 мая. В Нью-Дели 4 мая прошло заседание Межправительственной российско-индийской комиссии по военно-техническому сотрудничеству. Российскую делегацию возглавил министр обороны Андрей Белоусов, индийскую – министр обороны Раджнатх Сингх.

        Стороны обсудили ход выполнения контракта на поставку зенитных ракетных систем С-400 и совместное производство автоматов АК-203 на предприятии в Амети. Особое внимание уделено сервисному обслуживанию истребителей Су-30МКИ.

        По итогам заседания подписан протокол о продлении программы военно-технического сотрудничества до 2030 года.
        """
    static let indiaTASS = """
         date 2024-05-07
        ТАСС, 7 мая. В Нью-Дели 4 мая состоялось заседание Межправительственной российско-индийской комиссии по военно-техническому сотрудничеству. Российскую делегацию возглавлял министр обороны Андрей Белоусов, индийскую – министр обороны Раджнатх Сингх.

        Стороны обсудили ход выполнения контракта на поставку зенитных ракетных систем С-400 и совместное производство автоматов АК-203 на предприятии в Амети. Отдельное внимание уделено сервисному обслуживанию истребителей Су-30МКИ.

        По итогам заседания был подписан протокол о продлении программы военно-технического сотрудничества до 2030 года, сообщает агентство.
        """
    static let belarus = """
         date 2024-05-08
        ЦАМТО, 8 мая. В Минске 7 мая прошло заседание Межправительственной российско-белорусской комиссии по военно-техническому сотрудничеству. Российскую делегацию возглавил директор ФСВТС Дмитрий Шугаев, белорусскую – председатель Госкомвоенпрома Дмитрий Пантус.

        Стороны обсудили ход выполнения контракта на поставку вертолетов Ми-35 и модернизацию зенитных ракетных комплексов Тор-М2 на предприятиях в Гомеле. Особое внимание уделено подготовке специалистов.

        По итогам заседания подписан протокол о продлении программы военно-технического сотрудничества до 2027 года.
        """
}

final class DuplicateDetectorTests: XCTestCase {
    /// Writes bulletins as the indexer does: build the document (which keys it), replace by
    /// unique id, tell the builder the document id; `commit` tells it of the commit.
    final class Writer {
        let database: WritableDatabase
        let builder: DocumentBuilder
        var detector: DuplicateDetector { builder.duplicates }

        init(path: String) throws {
            database = try WritableDatabase(path: path)
            builder = try DocumentBuilder(pipeline: try TextPipeline(), database: database)
        }

        @discardableResult
        func index(_ id: String, _ text: String) throws -> String {
            let stored = BulletinAnalyzer.analyze(text: text, id: id, path: nil, root: nil)
            let doc = try builder.build(stored, signature: "0:0:0")
            let documentID = try database.replace(uniqueTerm: DocumentBuilder.uniqueTerm(forFeedRecord: id), with: doc)
            builder.written(documentID: documentID)
            return try doc.value(slot: IndexSchema.duplicateKeySlot)
        }

        func commit() throws {
            try builder.prepareCommit()
            try database.commit()
            try builder.committed()
        }

        func storedKey(_ id: String) throws -> String {
            let docid = try XCTUnwrap(try database.documentID(withTerm: DocumentBuilder.uniqueTerm(forFeedRecord: id)))
            return try database.document(docid).value(slot: IndexSchema.duplicateKeySlot)
        }
    }

    private func makeWriter() throws -> Writer {
        try Writer(path: try makeTemporaryDirectory(self).appendingPathComponent("index").path)
    }

    func testSameStoryFromTwoAgenciesSharesAKey() throws {
        let writer = try makeWriter()
        XCTAssertEqual(try writer.index("2024/india-camto.txt", DuplicateStories.indiaCAMTO), "", "a story with no copy has no key")
        let group = DuplicateDetector.ownKey(for: "2024/india-camto.txt")
        XCTAssertEqual(try writer.index("2024/india-tass.txt", DuplicateStories.indiaTASS), group)
        XCTAssertEqual(try writer.storedKey("2024/india-camto.txt"), group, "its first copy gives the original the key")
        XCTAssertEqual(try writer.storedKey("2024/india-tass.txt"), group)
    }

    /// The search for copies reads the last commit and this batch in memory: an original
    /// committed before finds its copy, is lent its key, and a later copy sees the lent key.
    func testACopyFindsAnOriginalOfAnEarlierCommit() throws {
        let writer = try makeWriter()
        try writer.index("2024/india-camto.txt", DuplicateStories.indiaCAMTO)
        try writer.commit()
        let group = DuplicateDetector.ownKey(for: "2024/india-camto.txt")
        XCTAssertEqual(try writer.index("2024/india-tass.txt", DuplicateStories.indiaTASS), group)
        XCTAssertEqual(try writer.storedKey("2024/india-camto.txt"), group, "the committed original is given the key")
        let third = DuplicateStories.indiaTASS.replacingOccurrences(of: "2024-05-07", with: "2024-05-08")
        XCTAssertEqual(try writer.index("2024/india-third.txt", third), group, "before the next commit")
        try writer.commit()
        let fourth = DuplicateStories.indiaTASS.replacingOccurrences(of: "2024-05-07", with: "2024-05-09")
        XCTAssertEqual(try writer.index("2024/india-fourth.txt", fourth), group, "after it")
        XCTAssertEqual(try writer.database.documentCount(), 4)
    }

    /// The last commit may hold a document the writer has deleted since: it lends no key
    /// (and is not written back).
    func testAnOriginalDeletedSinceTheCommitIsNoCandidate() throws {
        let writer = try makeWriter()
        try writer.index("2024/india-camto.txt", DuplicateStories.indiaCAMTO)
        try writer.commit()
        try writer.database.delete(uniqueTerm: DocumentBuilder.uniqueTerm(forFeedRecord: "2024/india-camto.txt"))
        XCTAssertEqual(try writer.index("2024/india-tass.txt", DuplicateStories.indiaTASS), "")
        XCTAssertEqual(try writer.database.documentCount(), 1)
    }

    func testAnotherMeetingFromTheSameTemplateGetsItsOwnKey() throws {
        let writer = try makeWriter()
        try writer.index("2024/india-camto.txt", DuplicateStories.indiaCAMTO)
        XCTAssertEqual(try writer.index("2024/belarus.txt", DuplicateStories.belarus), "")
        XCTAssertEqual(try writer.storedKey("2024/india-camto.txt"), "", "not taken for a copy's original")
    }

    func testCopiesMoreThanThreeDaysApartAreDifferentStories() throws {
        let late = DuplicateStories.indiaTASS.replacingOccurrences(of: "2024-05-07", with: "2024-05-10")
        let writer = try makeWriter()
        try writer.index("2024/india-camto.txt", DuplicateStories.indiaCAMTO)
        XCTAssertEqual(try writer.index("2024/india-late.txt", late), "")

        let inWindow = DuplicateStories.indiaTASS.replacingOccurrences(of: "2024-05-07", with: "2024-05-09")
        let other = try makeWriter()
        try other.index("2024/india-camto.txt", DuplicateStories.indiaCAMTO)
        XCTAssertEqual(try other.index("2024/india-window.txt", inWindow), DuplicateDetector.ownKey(for: "2024/india-camto.txt"))
    }

    func testReindexingKeepsTheKeyAndDoesNotMatchItself() throws {
        let writer = try makeWriter()
        try writer.index("2024/india-camto.txt", DuplicateStories.indiaCAMTO)
        try writer.index("2024/belarus.txt", DuplicateStories.belarus)
        // Alone in its group: replacing it must not match its own old version.
        XCTAssertEqual(try writer.index("2024/belarus.txt", DuplicateStories.belarus), "")
        let first = try writer.index("2024/india-tass.txt", DuplicateStories.indiaTASS)
        XCTAssertEqual(first, DuplicateDetector.ownKey(for: "2024/india-camto.txt"))
        try writer.commit()
        // Either copy re-indexed finds the other and keeps the group's key.
        XCTAssertEqual(try writer.index("2024/india-camto.txt", DuplicateStories.indiaCAMTO), first)
        XCTAssertEqual(try writer.index("2024/india-tass.txt", DuplicateStories.indiaTASS), first)
        XCTAssertEqual(try writer.storedKey("2024/india-tass.txt"), first)
        XCTAssertEqual(try writer.database.documentCount(), 3)
        // An original rewritten so that it copies nothing keeps its key: its copies hold it.
        XCTAssertEqual(try writer.index("2024/india-camto.txt", "Москва, 9 мая. Заседание перенесено на осень, сообщили в ведомстве."), first)
    }

    func testUndatedCopiesAreComparedWithoutAWindow() throws {
        let writer = try makeWriter()
        let undated = { (text: String) in String(text.drop(while: { $0 != "\n" }).dropFirst()) }
        try writer.index("a.txt", undated(DuplicateStories.indiaCAMTO))
        let group = DuplicateDetector.ownKey(for: "a.txt")
        XCTAssertEqual(try writer.index("b.txt", undated(DuplicateStories.indiaTASS)), group)
        XCTAssertEqual(try writer.index("c.txt", undated(DuplicateStories.belarus)), "")
    }

    func testDateWindowCrossesMonthAndYearEnds() {
        XCTAssertEqual(DuplicateDetector.window(around: "2024-12-30"),
                       ["20241227", "20241228", "20241229", "20241230", "20241231", "20250101", "20250102"])
        XCTAssertEqual(DuplicateDetector.window(around: "2024-03-01")?.first, "20240227")
        XCTAssertEqual(DuplicateDetector.window(around: "2023-03-01")?.first, "20230226")
        XCTAssertEqual(DuplicateDetector.window(around: "1999-01-02")?.first, "19981230")
        XCTAssertNil(DuplicateDetector.window(around: "2024-02-31"))
        XCTAssertNil(DuplicateDetector.window(around: "2024-13-01"))
        XCTAssertNil(DuplicateDetector.window(around: nil))
        XCTAssertNil(DuplicateDetector.window(around: "2024"))
    }

    func testFingerprintWordsAndEntities() {
        let print = DuplicateDetector.Fingerprint(text: """
            Москва, 7 мая. /ТАСС/. Индия получила Су-30МКИ от АО «Рособоронэкспорт». В 2024 году Индия \
            получит ещё 12 машин, сообщил Андрей Белоусов.
            """, leadWords: 9)
        XCTAssertEqual(print.words, ["москва", "7", "мая", "тасс", "индия", "получила", "су", "30мки", "от"])
        // Not the dateline, not sentence starts (`Индия`, `В`); whole tokens with digits.
        XCTAssertEqual(print.entities, Set(["су-30мки", "ао", "рособ", "2024", "индия", "12", "андре", "белоу"]
            .map(DuplicateDetector.Fingerprint.hash)))
        XCTAssertEqual(DuplicateDetector.Fingerprint.datelineLength("Москва, 7 мая. /ТАСС/. Индия"), 23)
        XCTAssertEqual(DuplicateDetector.Fingerprint.datelineLength("ЦАМТО, 18 августа. В Минске"), 19)
        XCTAssertEqual(DuplicateDetector.Fingerprint.datelineLength("В 2024 году"), 0)
    }

    func testSimilarityAddsNameAgreementToSharedTriples() {
        let a = DuplicateDetector.Fingerprint(text: "ЦАМТО, 1 мая. Один два три четыре пять Шесть.")
        let b = DuplicateDetector.Fingerprint(text: "ТАСС, 2 мая. Один, два три — четыре пять Семь.")
        XCTAssertEqual(a.shingles.count, 7)
        // 4 of 7 triples shared (the datelines and the last word differ); names: {шесть} vs {семь}.
        XCTAssertEqual(a.similarity(to: b), 4.0 / 7.0, accuracy: 1e-9)
        XCTAssertEqual(a.similarity(to: a), 1.3, accuracy: 1e-9)
        XCTAssertEqual(a.similarity(to: DuplicateDetector.Fingerprint(text: "")), 0)
    }
}
