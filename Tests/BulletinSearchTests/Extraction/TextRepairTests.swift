import XCTest
@testable import BulletinSearch

final class TextRepairTests: XCTestCase {
    func testLookalikesInsideCyrillicWords() {
        XCTAssertEqual(TextRepair.repair("Mинcк"), "Минск")                  // Latin M and c
        XCTAssertEqual(TextRepair.repair("Μосква"), "Москва")                // Greek capital mu
        XCTAssertEqual(TextRepair.repair("делегация PБ"), "делегация РБ")
        XCTAssertEqual(TextRepair.repair("Tор-М2Э"), "Тор-М2Э")
    }

    func testLatinWordsStayLatin() {
        XCTAssertEqual(TextRepair.repair("Boeing and Airbus"), "Boeing and Airbus")
        XCTAssertEqual(TextRepair.repair("самолет C-130 Hercules"), "самолет C-130 Hercules")
        XCTAssertEqual(TextRepair.repair("компания Saab"), "компания Saab")
    }

    func testLatinPrefixOfRussianDesignation() {
        XCTAssertEqual(TextRepair.repair("ЗРС C-400"), "ЗРС С-400")
        XCTAssertEqual(TextRepair.repair("танки T-90"), "танки Т-90")
    }

    func testQuestionMarkAsDash() {
        XCTAssertEqual(TextRepair.repair("Су?30МКИ и Ми?17В?5"), "Су-30МКИ и Ми-17В-5")
        XCTAssertEqual(TextRepair.repair("Что это? Не знаю."), "Что это? Не знаю.")
        XCTAssertEqual(TextRepair.repair("Сколько?5 штук"), "Сколько-5 штук".replacingOccurrences(of: "-", with: "-"))
    }

    func testScalarCountIsKept() {
        for s in ["Mинcк", "Су?30", "ЗРС C-400", "обычный текст", "🇧🇾 Беларусь"] {
            XCTAssertEqual(TextRepair.repair(s).unicodeScalars.count, s.unicodeScalars.count, s)
        }
    }
}
