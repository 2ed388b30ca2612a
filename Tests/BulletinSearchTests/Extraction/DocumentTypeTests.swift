import XCTest
@testable import BulletinSearch

final class DocumentTypeTests: XCTestCase {
    func testResolve() {
        let cases: [(String, DocumentType)] = [
            ("contract", .contract), ("контракт", .contract), ("контракты", .contract), ("поставка", .delivery),
            ("поставки", .delivery), ("учения", .exercise), ("выставки", .exhibition), ("выставка", .exhibition),
            ("meeting", .meeting), ("заседание", .meeting), ("переговоры", .meeting), ("соглашение", .agreement),
            ("меморандум", .agreement), ("визит", .visit), ("испытания", .test), ("производство", .production),
            ("заявление", .statement), ("other", .other), ("Exercise", .exercise), (" test ", .test),
        ]
        for (word, type) in cases { XCTAssertEqual(DocumentType.resolve(word), type, word) }
        XCTAssertNil(DocumentType.resolve("погода"))
        XCTAssertNil(DocumentType.resolve(""))
    }

    func testRussianNames() {
        XCTAssertEqual(DocumentType.contract.russianName, "контракт")
        XCTAssertEqual(DocumentType.allCases.count, 11)
        for t in DocumentType.allCases { XCTAssertEqual(DocumentType.resolve(t.rawValue), t) }
    }

    private func types(_ text: String) -> [String] {
        MetadataExtractor.extract(text: "ЦАМТО, 1 марта. " + text, path: nil).types
    }

    func testPrimaryTypes() {
        XCTAssertEqual(types("Рособоронэкспорт подписал контракт на поставку истребителей.").first, "contract")
        XCTAssertEqual(types("Индия получила первую партию ЗРС С-400. Поставки идут по графику.").first, "delivery")
        XCTAssertEqual(types("В Абу-Даби открылась выставка IDEX-2025. Экспозиция включает 500 образцов.").first, "exhibition")
        XCTAssertEqual(types("Начались совместные учения «Запад-2025».").first, "exercise")
        XCTAssertEqual(types("Министр обороны прибыл с визитом в Индию.").first, "visit")
        XCTAssertEqual(types("На полигоне прошли испытания новой ракеты.").first, "test")
        XCTAssertEqual(types("Завод начал серийное производство бронемашин.").first, "production")
        XCTAssertEqual(types("Россия рассчитывает на рост экспорта, заявил глава ФСВТС Дмитрий Шугаев.").first, "statement")
        XCTAssertEqual(types("Сегодня хорошая погода."), ["other"])
    }

    func testSecondaryTypeNeedsAnEvent() {
        // A document signed at a meeting is an agreement event; a contract named as background is not.
        XCTAssertEqual(types("Прошло заседание комиссии. Стороны подписали протокол."), ["meeting", "agreement"])
        // The contract a delivery fulfils is its secondary type (issue 11), named in the background or not.
        XCTAssertEqual(types("Индия получила партию С-400. Поставка осуществлена в рамках контракта, подписанного ранее."), ["delivery", "contract"])
        XCTAssertEqual(types("Индия получила партию С-400. Самолеты ожидаются в мае."), ["delivery"])
    }
}
