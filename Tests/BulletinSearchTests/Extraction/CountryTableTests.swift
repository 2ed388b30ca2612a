import Foundation
import XCTest
@testable import BulletinSearch

final class CountryTableTests: XCTestCase {
    func testResolveCodesNamesFormsAndAbbreviations() {
        let cases: [(String, String)] = [
            ("BY", "BY"), ("by", "BY"), ("Беларусь", "BY"), ("Белоруссии", "BY"), ("РБ", "BY"), ("белорусский", "BY"),
            ("белорусскими", "BY"), ("Республика Беларусь", "BY"), ("Республикой Беларусь", "BY"),
            ("Китайская Народная Республика", "CN"), ("КНР", "CN"), ("Китаем", "CN"),
            ("США", "US"), ("сша", "US"), ("Соединенные Штаты Америки", "US"), ("американского", "US"),
            ("Индии", "IN"), ("индийскую", "IN"), ("ОАЭ", "AE"), ("Объединённые Арабские Эмираты", "AE"),
            ("Южная Корея", "KR"), ("Республика Корея", "KR"), ("КНДР", "KP"), ("Северной Кореи", "KP"),
            ("Кот-д'Ивуар", "CI"), ("Гвинея-Бисау", "GW"), ("Гвинеи-Бисау", "GW"), ("Экваториальная Гвинея", "GQ"),
            ("Демократическая Республика Конго", "CD"), ("ДРК", "CD"), ("Республика Конго", "CG"),
            ("Бирма", "MM"), ("Тайвань", "TW"), ("Палестина", "PS"), ("Косово", "XK"), ("Ватикан", "VA"),
            ("Египтом", "EG"), ("Нидерландах", "NL"), ("Филиппин", "PH"), ("Израилем", "IL"), ("Маврикии", "MU"),
            ("Боливарианская Республика Венесуэла", "VE"), ("Кубой", "CU"), ("Шри-Ланке", "LK"), ("Коста-Рики", "CR"),
            ("Сальвадора", "SV"), ("Тимор-Лесте", "TL"), ("Великобританией", "GB"), ("ЮАР", "ZA"), ("Саудовской Аравии", "SA"),
        ]
        for (name, code) in cases {
            XCTAssertEqual(CountryTable.resolve(name), code, name)
        }
        XCTAssertNil(CountryTable.resolve("Корея"))
        XCTAssertNil(CountryTable.resolve("Атлантида"))
        XCTAssertNil(CountryTable.resolve(""))
        XCTAssertNil(CountryTable.resolve("ZZ"))
    }

    func testTableCoversUNMembersAndOthers() {
        let codes = Set(CountryTable.all.map(\.code))
        XCTAssertGreaterThanOrEqual(codes.count, 197)
        for c in ["TW", "PS", "XK", "VA", "BY", "TL", "SS", "KN", "VC", "FM", "MH"] { XCTAssertTrue(codes.contains(c), c) }
        for info in CountryTable.all {
            XCTAssertEqual(info.code.count, 2)
            XCTAssertFalse(info.name.isEmpty)
            XCTAssertEqual(CountryTable.resolve(info.name), info.code, info.name)
        }
    }

    /// The display names a facet renders come from a byte scan of the table; they must be
    /// what the table's full parser (`Tables.displayName`) reads.
    func testDisplayNamesEqualTheFullParsersNames() {
        var expected: [(String, String)] = []
        for line in CountryData.table.split(separator: "\n") {
            let fields = line.split(separator: "|", maxSplits: 2, omittingEmptySubsequences: false)
            let code = fields[0].trimmingCharacters(in: .whitespaces)
            guard fields.count >= 3, code != "-" else { continue }
            expected.append((code, Tables.displayName(spec: fields[1])))
        }
        expected.sort { $0.0 < $1.0 }
        XCTAssertEqual(CountryTable.all.map(\.code), expected.map(\.0))
        XCTAssertEqual(CountryTable.all.map(\.name), expected.map(\.1))
        XCTAssertEqual(CountryTable.info("by")?.name, "Беларусь")
        XCTAssertEqual(CountryTable.info("CI")?.name, "Кот-д'Ивуар")
    }

    func testDataLinesHaveSevenFields() {
        for line in CountryData.table.split(separator: "\n") {
            XCTAssertEqual(line.split(separator: "|", omittingEmptySubsequences: false).count, 7, String(line))
        }
    }

    func testGenitiveLabels() {
        XCTAssertEqual(CountryTable.genitive(of: "IN"), "Индии")
        XCTAssertEqual(CountryTable.genitive(of: "KR"), "Южной Кореи")
        XCTAssertEqual(CountryTable.genitive(of: "EG"), "Египта")
        XCTAssertEqual(CountryTable.genitive(of: "CI"), "Кот-д'Ивуар")
        XCTAssertEqual(CountryTable.genitive(of: "BY"), "Беларуси")
    }

    func testInfoAndDisplayNames() {
        XCTAssertEqual(CountryTable.info("BY")?.name, "Беларусь")
        XCTAssertEqual(CountryTable.info("us")?.name, "Соединённые Штаты Америки")
        XCTAssertNil(CountryTable.info("QQ"))
    }

    func testSuggestions() {
        XCTAssertEqual(CountryTable.suggestions(for: "Беларус", limit: 1), ["Беларусь"])
        XCTAssertTrue(CountryTable.suggestions(for: "Венесуела", limit: 3).contains("Венесуэла"))
        XCTAssertEqual(CountryTable.suggestions(for: "Индя", limit: 2).count, 2)
    }

    func testSurfaceForms() {
        let by = CountryTable.surfaceForms(of: "BY")
        for f in ["беларусь", "беларуси", "беларусью", "белоруссии", "белорусский", "белорусскую", "белорусскими", "рб"] {
            XCTAssertTrue(by.contains(f), f)
        }
        XCTAssertTrue(CountryTable.surfaceForms(of: "US").contains("соединенных штатов америки"))
        XCTAssertTrue(CountryTable.surfaceForms(of: "kr").contains("южной кореи"))
        XCTAssertEqual(CountryTable.surfaceForms(of: "QQ"), [])
    }
}
