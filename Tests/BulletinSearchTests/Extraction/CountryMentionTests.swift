import XCTest
@testable import BulletinSearch

/// The tricky country cases of issue 4, one assertion each.
final class CountryMentionTests: XCTestCase {
    private func codes(_ text: String) -> Set<String> { ExtractionTestSupport.countries(text) }

    func testTextWithoutCountries() {
        let m = ExtractionTestSupport.extract("ЦАМТО, 3 марта. Завод приступил к серийному выпуску новых бронемашин. Первая партия будет готова летом.")
        XCTAssertEqual(m.countries, [])
        XCTAssertEqual(m.countryMentions, [])
        XCTAssertNil(m.venue)
    }

    func testLongOfficialForms() {
        XCTAssertEqual(codes("Переговоры между Республикой Беларусь и Китайской Народной Республикой завершились."), ["BY", "CN"])
        XCTAssertEqual(codes("Делегация Боливарианской Республики Венесуэла прибыла на переговоры."), ["VE"])
        XCTAssertEqual(codes("Соглашение подписали представители Соединённых Штатов Америки."), ["US"])
        XCTAssertEqual(codes("Делегация Объединенных Арабских Эмиратов посетила завод."), ["AE"])
        XCTAssertEqual(codes("Министр обороны Королевства Саудовская Аравия провёл встречу."), ["SA"])
    }

    func testAlternativeNames() {
        XCTAssertEqual(codes("Поставки в Белоруссию продолжатся."), ["BY"])
        XCTAssertEqual(codes("Военные Бирмы получили вертолёты."), ["MM"])
        XCTAssertEqual(codes("Контракт с Мьянмой подписан."), ["MM"])
        XCTAssertEqual(codes("Армия Кот-д'Ивуара закупила бронетехнику."), ["CI"])
        XCTAssertEqual(codes("Флот Республики Корея пополнился."), ["KR"])
        XCTAssertEqual(codes("Экспорт Южной Кореи растёт."), ["KR"])
        XCTAssertEqual(codes("КНДР провела пуск ракеты."), ["KP"])
        XCTAssertEqual(codes("Северная Корея провела пуск ракеты."), ["KP"])
        XCTAssertEqual(codes("Армия Голландии и Великобритании."), ["NL", "GB"])
    }

    func testAdjectivesInAllForms() {
        XCTAssertEqual(codes("Белорусскую сторону возглавил министр."), ["BY"])
        XCTAssertEqual(codes("Переговоры с индийскими партнёрами продолжились."), ["IN"])
        XCTAssertEqual(codes("Американский эсминец зашёл в порт."), ["US"])
        XCTAssertEqual(codes("В составе египетских ВВС."), ["EG"])
        XCTAssertEqual(codes("Северокорейские военные."), ["KP"])
    }

    func testCompoundAdjectives() {
        XCTAssertEqual(codes("Продвижение белорусско-китайской продукции на рынки."), ["BY", "CN"])
        XCTAssertEqual(codes("Российско-индийское сотрудничество развивается."), ["RU", "IN"])
        XCTAssertEqual(codes("Американо-российские переговоры."), ["US", "RU"])
        XCTAssertEqual(codes("Развитие военно-технического сотрудничества."), [])
        XCTAssertEqual(codes("Угрозы в Индо-Тихоокеанском регионе."), [])
    }

    func testAbbreviations() {
        XCTAssertEqual(codes("Делегация РБ посетила РФ."), ["BY", "RU"])
        XCTAssertEqual(codes("КНР и США обменялись заявлениями."), ["CN", "US"])
        XCTAssertEqual(codes("ОАЭ, ЮАР и КСА закупили технику."), ["AE", "ZA", "SA"])
        XCTAssertEqual(codes("Миротворцы в ЦАР и ДРК."), ["CF", "CD"])
        XCTAssertEqual(codes("сша"), [], "abbreviations match as written in running text")
    }

    func testGeorgiaVersusSurname() {
        XCTAssertEqual(codes("Премьер Грузии провёл встречу."), ["GE"])
        XCTAssertEqual(codes("Как сообщил Николай Грузия, работы завершены."), [])
        XCTAssertEqual(codes("Об этом рассказал А. Грузия."), [])
    }

    func testChadInsideWords() {
        XCTAssertEqual(codes("Чад и Нигер подписали соглашение."), ["TD", "NE"])
        XCTAssertEqual(codes("Чадный дым над городом, сообщил Чадов."), [])
    }

    func testTogoVersusPronoun() {
        XCTAssertEqual(codes("Того же мнения придерживаются эксперты."), [])
        XCTAssertEqual(codes("Кроме того, стороны обсудили поставки."), [])
        XCTAssertEqual(codes("Армия Того получила бронемашины."), ["TG"])
        XCTAssertEqual(codes("Делегация Республики Того прибыла."), ["TG"])
    }

    func testMaliPeruOman() {
        XCTAssertEqual(codes("Военные Мали получили вертолёты."), ["ML"])
        XCTAssertEqual(codes("Книга принадлежит перу известного автора."), [])
        XCTAssertEqual(codes("Поставки в Перу начнутся летом."), ["PE"])
        XCTAssertEqual(codes("Это был обман, заявили в министерстве."), [])
        XCTAssertEqual(codes("Султанат Оман закупил корветы."), ["OM"])
        XCTAssertEqual(codes("Обманом завладели."), [])
    }

    func testNigerVersusNigeria() {
        XCTAssertEqual(codes("ВВС Нигерии получили самолёты."), ["NG"])
        XCTAssertEqual(codes("ВВС Нигера получили самолёты."), ["NE"])
        XCTAssertEqual(codes("В Нигере и Нигерии."), ["NE", "NG"])
    }

    func testGuineaVariants() {
        XCTAssertEqual(codes("Армия Гвинеи закупила технику."), ["GN"])
        XCTAssertEqual(codes("Армия Гвинеи-Бисау закупила технику."), ["GW"])
        XCTAssertEqual(codes("ВМС Экваториальной Гвинеи получили катер."), ["GQ"])
        XCTAssertEqual(codes("Силы обороны Папуа — Новой Гвинеи и Папуа-Новой Гвинеи."), ["PG"])
        XCTAssertEqual(codes("Остров Новая Гвинея покрыт лесами."), [])
    }

    func testCongoVariants() {
        XCTAssertEqual(codes("Армия Республики Конго получила вертолёты."), ["CG"])
        XCTAssertEqual(codes("Армия Конго получила вертолёты."), ["CG"])
        XCTAssertEqual(codes("Миротворцы в ДР Конго."), ["CD"])
        XCTAssertEqual(codes("Армия Демократической Республики Конго получила вертолёты."), ["CD"])
    }

    func testKoreaAloneIsAmbiguous() {
        XCTAssertEqual(codes("Корея закупит танки."), [])
        XCTAssertEqual(codes("Корейский полуостров и корейские компании."), [])
    }

    func testBlockedPhrasesAndLanguages() {
        XCTAssertEqual(codes("Учения прошли в Индийском океане."), [])
        XCTAssertEqual(codes("Поставки в страны Латинской Америки."), [])
        XCTAssertEqual(codes("Документ составлен на английском языке."), [])
        XCTAssertEqual(codes("Патрулирование в Южно-Китайском море."), [])
    }

    func testMentionsKeepFormAndCharacterOffset() {
        let text = " date 2025-01-02 ЦАМТО, 1 января. 🇧🇾 Делегация Республики Беларусь и КНР."
        let m = ExtractionTestSupport.extract(text)
        XCTAssertEqual(m.countryMentions.map(\.code), ["BY", "CN"])
        XCTAssertEqual(m.countryMentions.map(\.form), ["Республики Беларусь", "КНР"])
        for mention in m.countryMentions {
            let start = text.index(text.startIndex, offsetBy: mention.offset)
            XCTAssertTrue(text[start...].hasPrefix(mention.form), "offset \(mention.offset) of \(mention.form)")
        }
    }

    func testCountriesOrderedByImportance() {
        let m = ExtractionTestSupport.extract("ЦАМТО, 5 мая. Индия закупит у России фрегаты. Индия и Россия договорились, Индия заплатит. Франция тоже предлагала.")
        XCTAssertEqual(m.countries, ["IN", "RU", "FR"])
    }

    func testVenueFromGazetteer() {
        XCTAssertEqual(ExtractionTestSupport.extract("ЦАМТО, 18 августа. В Минске прошло заседание.").venue, "BY")
        XCTAssertEqual(ExtractionTestSupport.extract("ЦАМТО, 18 августа. Выставка открылась в Нью-Дели.").venue, "IN")
        XCTAssertEqual(ExtractionTestSupport.extract("ЦАМТО, 18 февраля. На выставке IDEX в Абу-Даби показали новинки.").venue, "AE")
        XCTAssertEqual(ExtractionTestSupport.extract("ЦАМТО, 18 февраля. В Казани прошла встреча.").venue, "RU")
        XCTAssertEqual(ExtractionTestSupport.extract("ЦАМТО, 18 февраля. В Индии завершились испытания ракеты.").venue, "IN")
        XCTAssertNil(ExtractionTestSupport.extract("ЦАМТО, 18 февраля. Россия поставит Индии фрегаты.").venue)
    }
}
