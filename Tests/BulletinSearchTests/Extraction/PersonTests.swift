import XCTest
@testable import BulletinSearch

final class PersonTests: XCTestCase {
    func testKeysAreStableAcrossCases() {
        XCTAssertEqual(PersonNormalizer.key("Олегом Мищенко"), "мищенко олег")
        XCTAssertEqual(PersonNormalizer.key("Олег Мищенко"), "мищенко олег")
        XCTAssertEqual(PersonNormalizer.key("Олега Мищенко"), "мищенко олег")
        XCTAssertEqual(PersonNormalizer.key("Дмитрия Пантуса"), "пантус дмитрий")
        XCTAssertEqual(PersonNormalizer.key("Сергеем Ивановым"), "иванов сергей")
        XCTAssertEqual(PersonNormalizer.key("Анной Петровой"), "петрова анна")
        XCTAssertEqual(PersonNormalizer.key("Чжань Шисянь"), "чжань шисянь")
        XCTAssertEqual(PersonNormalizer.key("Ким Чен Ыном"), "ким чен ын")
        XCTAssertEqual(PersonNormalizer.key("Энри Давид Родригес Мартинес"), "родригес мартинес энри давид")
        XCTAssertEqual(PersonNormalizer.key("Пантус Дмитрий Владимирович"), "пантус дмитрий")
        XCTAssertEqual(PersonNormalizer.key("Мищенко"), "мищенко")
    }

    func testSurnameKeys() {
        XCTAssertEqual(PersonNormalizer.surnameKey("Олегом Мищенко"), "мищенко")
        XCTAssertEqual(PersonNormalizer.surnameKey("Мищенко"), "мищенко")
        XCTAssertEqual(PersonNormalizer.surnameKey("Чжань Шисянь"), "чжань")
        XCTAssertEqual(PersonNormalizer.surnameKey("Энри Давид Родригес Мартинес"), "родригес")
        XCTAssertEqual(PersonNormalizer.surnameKeys("Энри Давид Родригес Мартинес"), ["родригес", "мартинес"])
    }

    func testNominative() {
        let cases: [(String, String)] = [
            ("Олегом Мищенко", "Олег Мищенко"), ("Альваро Лопесом Мьерой", "Альваро Лопес Мьера"),
            ("Оскара Энрике Биоска Гальего", "Оскар Энрике Биоска Гальего"), ("Сергея Шойгу", "Сергей Шойгу"),
            ("Андреем Белоусовым", "Андрей Белоусов"), ("Виктору Хренину", "Виктор Хренин"),
            ("Александра Вольфовича", "Александр Вольфович"), ("Ирины Петровой", "Ирина Петрова"),
            ("Сергея Бондаря", "Сергей Бондарь"), ("Дмитрия Пантуса", "Дмитрий Пантус"),
            ("Владимира Ивановича Петрова", "Владимир Иванович Петров"), ("Павлом Муравейко", "Павел Муравейко"),
        ]
        for (written, nominative) in cases {
            XCTAssertEqual(PersonNormalizer.nominative(written), nominative, written)
        }
    }

    private func persons(_ text: String) -> [PersonMention] {
        MetadataExtractor.extract(text: "ЦАМТО, 1 марта. " + text, path: nil).persons
    }

    func testPeopleInText() {
        let p = persons("Делегацию возглавил министр обороны Беларуси генерал-лейтенант Виктор Хренин. Хренин отметил успехи.")
        XCTAssertEqual(p.map(\.name), ["Виктор Хренин"])
        XCTAssertEqual(p.first?.position, "министр обороны Беларуси генерал-лейтенант")

        XCTAssertEqual(persons("Встреча с президентом Франции Эммануэлем Макроном.").map(\.name), ["Эммануэль Макрон"])
        XCTAssertEqual(persons("Заявил председатель КНР Си Цзиньпин.").map(\.name), ["Си Цзиньпин"])
        XCTAssertEqual(persons("Глава МИД Чада Абдераман Куламаллах уточнил позицию.").map(\.name), ["Абдераман Куламаллах"])
        XCTAssertEqual(persons("Принц Мухаммед бин Салман аль-Сауд прибыл.").map(\.name), ["Мухаммед бин Салман аль-Сауд"])
        XCTAssertEqual(persons("Глава Еврокомиссии Урсула фон дер Ляйен выступила.").map(\.name), ["Урсула фон дер Ляйен"])
        XCTAssertEqual(persons("В переговорах участвовал Виталий Курилович.").map(\.name), ["Виталий Курилович"])
        XCTAssertEqual(persons("Генеральный директор Viettel Тао Дык Тханг отметил успехи.").map(\.name), ["Тао Дык Тханг"])
        XCTAssertEqual(persons("По словам командующего ВВС Индии главного маршала авиации Амара Притипала Сингха, всё идёт по плану.").map(\.name),
                       ["Амар Притипал Сингх"])
    }

    func testNotPeople() {
        XCTAssertEqual(persons("Фрегат «Адмирал Горшков» вышел в море."), [])
        XCTAssertEqual(persons("Министр Шойгу отметил. Д. Пантус подписал."), [], "a surname alone or with initials is not a full name")
        XCTAssertEqual(persons("Центрального военного совета Китайской Народной Республики."), [])
        XCTAssertEqual(persons("В Москве и Санкт-Петербурге прошли выставки."), [])
    }

    func testFamilyNameWithGivenNameElsewhereIsOnePerson() {
        let p = persons("Виктор Хренин провёл встречу. Затем Хренин и В. Хренин уехали.")
        XCTAssertEqual(p.map(\.name), ["Виктор Хренин"])
    }

    func testCountryLookingSurnames() {
        let m = MetadataExtractor.extract(text: "ЦАМТО, 1 марта. Эксперт Андрей Грузинов и Игорь Чадов прокомментировали.", path: nil)
        XCTAssertEqual(m.persons.map(\.name), ["Андрей Грузинов", "Игорь Чадов"])
        XCTAssertEqual(m.countries, [])
    }
}
