import Foundation
import XCTest
@testable import BulletinSearch

/// Near-duplicates and `similar` on retellings in other words (issue 11). The stories are
/// written here: one event told by two agencies, a repost with an added line, and a near miss
/// (same partners, another event).
enum RetoldStories {
    static let tass = """
         date 2025-03-12
        НЬЮ-ДЕЛИ, 12 марта. /ТАСС/. Россия завершила поставку Индии пятого полкового комплекта зенитных ракетных систем С-400 «Триумф». Об этом сообщил источник в оборонном ведомстве страны.

        Поставки шли по контракту стоимостью $5,43 млрд, подписанному в октябре 2018 года. Первый комплект прибыл в Индию в декабре 2021 года.
        """
    static let ria = """
         date 2025-03-13
        МОСКВА, 13 марта – РИА Новости. Индия получила пятый, заключительный полковой комплект систем ПВО С-400 «Триумф»: российская сторона выполнила контракт 2018 года на $5,43 млрд, рассказал источник в военно-дипломатических кругах.

        Первый комплект индийские военные получили в декабре 2021 года.
        """
    static let repost = """
         date 2025-03-12
        НЬЮ-ДЕЛИ, 12 марта. /ТАСС/. Россия завершила поставку Индии пятого полкового комплекта зенитных ракетных систем С-400 «Триумф». Об этом сообщил источник в оборонном ведомстве страны.

        Поставки шли по контракту стоимостью $5,43 млрд, подписанному в октябре 2018 года. Первый комплект прибыл в Индию в декабре 2021 года.

        👉 Подписывайтесь на канал t.me/defence_news
        """
    static let nearMiss = """
         date 2025-03-13
        НЬЮ-ДЕЛИ, 13 марта. /ТАСС/. Российская и индийская делегации провели в Нью-Дели консультации по военно-техническому сотрудничеству. Стороны обсудили сервисное обслуживание ранее поставленных систем С-400 и сроки ремонта истребителей Су-30МКИ в 2025 году.
        """
}

final class RetellingTests: XCTestCase {
    func testARetellingInOtherWordsAndARepostShareTheOriginalsKey() throws {
        let writer = try DuplicateDetectorTests.Writer(path: try makeTemporaryDirectory(self).appendingPathComponent("index").path)
        XCTAssertEqual(try writer.index("tass", RetoldStories.tass), "")
        let original = DuplicateDetector.ownKey(for: "tass")
        XCTAssertEqual(try writer.index("ria", RetoldStories.ria), original)
        XCTAssertEqual(try writer.storedKey("tass"), original)
        XCTAssertEqual(try writer.index("repost", RetoldStories.repost), original)
        XCTAssertNotEqual(try writer.index("consultations", RetoldStories.nearMiss), original)
    }

    func testRetellingNeedsTheNumbersAndDesignationsToAgree() {
        let a = DuplicateDetector.Fingerprint(text: RetoldStories.tass)
        XCTAssertTrue(a.retells(DuplicateDetector.Fingerprint(text: RetoldStories.ria)))
        XCTAssertFalse(a.retells(DuplicateDetector.Fingerprint(text: RetoldStories.nearMiss)))
        // Another year and sum, the same partners and words: another contract.
        let other = RetoldStories.ria.replacingOccurrences(of: "2018", with: "2023").replacingOccurrences(of: "5,43", with: "1,2")
        XCTAssertFalse(a.retells(DuplicateDetector.Fingerprint(text: other)))
    }

    func testChannelFootersAndLinksDoNotCount() {
        let footer = "\n\n[👉 Топор Live. Подписаться](https://t.me/+AbCdEf123)"
        let one = DuplicateDetector.Fingerprint(text: "⚡️Постпред при ООН заявил, что Совбез злоупотребляет полномочиями." + footer)
        let two = DuplicateDetector.Fingerprint(text: "⚡️ООН выступает за прекращение конфликта, сообщил представитель генсека." + footer)
        XCTAssertFalse(one.retells(two))
        XCTAssertEqual(DuplicateDetector.Fingerprint.withoutLinks("Текст новости.\n\n👉 Подписаться: t.me/x"), "Текст новости.\n")
    }

    /// `withoutLinks` finds lines by bytes and lowers only ASCII and Russian capitals before
    /// looking for the markers: it must drop exactly the lines the Character path drops.
    func testLinkLinesFoundByBytesAsByCharacters() throws {
        typealias F = DuplicateDetector.Fingerprint
        var texts = [
            "Делегация подписала контракт.\nПОДПИСЫВАЙТЕСЬ на канал\nHTTPS://EXAMPLE.ORG/x\nпочта: a@b.c\n",
            "Строка\r\nПодписаться: T.ME/x\r\nещё", "Подписано\n\n\n", "\nhttp\n", "ПоДпИс\nX T.Me/ y", "подпись\nПоДпИс\nX T.Me/ y",
            "Один два три четыре пять шесть семь восемь девять @ десять\nодин @ два", "e\u{301}\n\u{301}подпис\n",
            "Kelvin \u{212A} İ http://a.b) текст (https://c.d) конец\nподпИСКА",
        ]
        let corpus = SharedText.packageRoot.appendingPathComponent("Corpora")
        let files = try XCTUnwrap(FileManager.default.enumerator(atPath: corpus.path)).compactMap { $0 as? String }.filter { $0.hasSuffix(".txt") }
        XCTAssertGreaterThan(files.count, 100)
        for file in files {
            let text = String(decoding: try Data(contentsOf: corpus.appendingPathComponent(file)), as: UTF8.self)
            texts.append(text)
            texts.append(text + "\n\n👉 Подписаться на ТАСС: t.me/tass_agency\nФото: @press")
        }
        for text in texts {
            let expected = F.mayHaveLinks(text) ? F.removingLinkTargets(F.droppingLinkLines(text)) : text
            XCTAssertEqual(F.withoutLinks(text), expected, text.prefix(60).debugDescription)
        }
    }

    func testSimilarNeverComesBackEmptyWhenATermIsSharedAndTheRetellingComesFirst() throws {
        var files = [
            "2025/tass.txt": RetoldStories.tass,
            "2025/ria.txt": RetoldStories.ria,
            "2025/consultations.txt": RetoldStories.nearMiss,
        ]
        // Short posts whose words are mostly their own: only `фрегат` is shared. The
        // characteristic words of such a post are unique to it, and a query of those alone
        // matched nothing but the post itself.
        files["2025/lonely.txt"] = " date 2025-05-01\nЧад прекращает военное сотрудничество с Францией: решение означает вывод войск, уточнил глава МИД, фрегат уходит."
        for n in 0..<30 {
            files["2025/filler-\(n).txt"] = " date 2025-0\(1 + n % 9)-1\(n % 10)\nЗаметка номер \(n) про погоду, урожай и транспорт в городе \(n) без военной тематики.\(n == 7 ? " Фрегат." : "")"
        }
        let (searcher, _, _) = try makeIndex(files)
        let lonely = try searcher.similar(to: "2025/lonely.txt", limit: 40)
        XCTAssertTrue(lonely.hits.map(\.id).contains("2025/filler-7.txt"), "\(lonely.hits.map(\.id))")
        XCTAssertFalse(lonely.hits.map(\.id).contains("2025/lonely.txt"))
        let retold = try searcher.similar(to: "2025/ria.txt", limit: 3)
        XCTAssertEqual(retold.hits.first?.id, "2025/tass.txt")
        XCTAssertTrue(retold.hits.map(\.id).contains("2025/consultations.txt"))
    }
}
