import XCTest
@testable import BulletinSearch

final class WeaponTests: XCTestCase {
    func testCanonicalLatinAndCyrillicMeet() {
        let cases: [(String, String)] = [
            ("Su-30MKI", "Су-30МКИ"), ("су30мки", "Су-30МКИ"), ("СУ-30МКИ", "Су-30МКИ"), ("Су-30МКИ", "Су-30МКИ"),
            ("Su-30SME", "Су-30СМЭ"), ("MiG-29", "МиГ-29"), ("МиГ-29СМТ", "МиГ-29СМТ"), ("Mi-17V-5", "Ми-17В-5"),
            ("Ми-17В-5", "Ми-17В-5"), ("T-90S", "Т-90С"), ("Т-90С", "Т-90С"), ("S-400", "С-400"), ("C-400", "С-400"),
            ("С-400", "С-400"), ("Il-76MD-90A", "Ил-76МД-90А"), ("Ka-52K", "Ка-52К"), ("Tor-M2", "Тор-М2"),
            ("Панцирь-С1", "Панцирь-С1"), ("Pantsir-S1", "Панцирь-С1"), ("Су?30МК2", "Су-30МК2"), ("Су-30 МКИ", "Су-30МКИ"),
            ("F-16", "F-16"), ("f16", "F-16"), ("F-16С", "F-16C"), ("J-10CE", "J-10CE"), ("C-130", "C-130"),
            ("MQ-9", "MQ-9"), ("M777", "M777"), ("2с19", "2С19"), ("TB2", "Bayraktar TB2"), ("Bayraktar TB2", "Bayraktar TB2"),
            ("HIMARS", "HIMARS"), ("Брамос", "BrahMos"), ("BrahMos", "BrahMos"), ("Кайман", "Кайман"),
        ]
        for (input, expected) in cases {
            XCTAssertEqual(WeaponNormalizer.canonical(input), expected, input)
        }
    }

    private func weapons(_ text: String) -> [String] {
        MetadataExtractor.extract(text: "ЦАМТО, 1 марта. " + text, path: nil).weapons
    }

    func testDesignationsInText() {
        XCTAssertEqual(weapons("Индия получила истребители Су-30МКИ и вертолеты Ми-17В-5."), ["Су-30МКИ", "Ми-17В-5"])
        XCTAssertEqual(weapons("Поставлены ЗРС С-400 «Триумф»."), ["С-400"])
        XCTAssertEqual(weapons("Танки Т-90С и Т-72Б3 прошли модернизацию."), ["Т-90С", "Т-72Б3"])
        XCTAssertEqual(weapons("The Su-30MKI fleet and Су-30МКИ are the same."), ["Су-30МКИ"])
        XCTAssertEqual(weapons("Истребители F-16V и J-10C."), ["F-16V", "J-10C"])
        XCTAssertEqual(weapons("Гаубицы M777 и САУ 2С19 «Мста-С»."), ["M777", "2С19"])
        XCTAssertEqual(weapons("Ракеты «Калибр» и «Кинжал»."), ["Калибр", "Кинжал"])
        XCTAssertEqual(weapons("Партия бронеавтомобилей «Кайман» и РЛС «Восток-Э»."), ["Кайман", "Восток-Э"])
        XCTAssertEqual(weapons("Беспилотники Bayraktar TB2 и TB2 снова."), ["Bayraktar TB2"])
        XCTAssertEqual(weapons("САУ K9 Thunder поставлены."), ["K9 Thunder"])
    }

    func testRepairedDesignationsInText() {
        // Latin look-alike letters and "?" for the dash.
        XCTAssertEqual(weapons("Поставлены ЗРС C-400 и вертолеты Mи-35М."), ["С-400", "Ми-35М"])
        XCTAssertEqual(weapons("Самолеты Су?30СМ и Tор-М2Э."), ["Су-30СМ", "Тор-М2Э"])
    }

    func testNotWeapons() {
        XCTAssertEqual(weapons("В 2019 году, COVID-19, G-20 и Т-1 не оружие. С 10-12 ноября."), [])
        XCTAssertEqual(weapons("Выставка «Армия-2022» в парке «Патриот»."), [])
        XCTAssertEqual(weapons("Торговый центр «Калибр» открылся."), [])
    }
}
