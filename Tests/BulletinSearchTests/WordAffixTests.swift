import XCTest
@testable import BulletinSearch

/// The classifier's byte comparisons of stems and endings must answer as Swift's
/// `hasPrefix` / `hasSuffix` do, on plain words and on odd ones.
final class WordAffixTests: XCTestCase {
    func testBytesAgreeWithSwiftOnPlainAndOddWords() {
        let stems = WordAffixes(["прибыл", "дел", "й", "и", "ё", "a\r"])
        let endings = WordAffixes(["нного", "вший", "й", "е", "\n"])
        let odd = WordAffixes(["и\u{306}", "е\u{301}", "ѐ", "x\u{483}"])
        let words = ["прибыли", "прибылой", "делегация", "Делегация", "йод", "и\u{306}од", "иод", "ёж", "е\u{308}ж",
                     "подписанного", "прибывший", "край", "краи\u{306}", "море", "море\u{301}", "a\r\nb", "a\r",
                     "line\n", "ѐлка", "е\u{300}лка", "x\u{483}y", "", "é", "e\u{301}", "нного", "沙и", "👍🏽й"]
        for list in [stems, endings, odd] {
            for word in words {
                XCTAssertEqual(list.anyIsPrefix(of: word), list.strings.contains { word.hasPrefix($0) }, "\(list.strings) prefix of \(word.debugDescription)")
                XCTAssertEqual(list.anyIsSuffix(of: word), list.strings.contains { word.hasSuffix($0) }, "\(list.strings) suffix of \(word.debugDescription)")
            }
        }
        XCTAssertTrue(WordAffixes.isSimple("Су-30МКИ, ёлка"))
        XCTAssertFalse(WordAffixes.isSimple("x\u{483}"))
        XCTAssertFalse(WordAffixes.isSimple("a\r\n"))
        XCTAssertTrue(DocumentTypeClassifier.isArrival("прибыла") && !DocumentTypeClassifier.isArrival("убыла"))
        XCTAssertTrue(DocumentTypeClassifier.isParticiple("подписанного") && !DocumentTypeClassifier.isParticiple("подписал"))
    }
}
