import XCTest
@testable import BulletinSearch

/// The lead sentence's main event decides the primary type (issue 11): texts written here in
/// the styles of other agencies, Telegram channels and press releases.
final class DocumentTypeLeadTests: XCTestCase {
    private func types(_ text: String) -> [String] {
        MetadataExtractor.extract(text: text, path: nil).types
    }

    func testDeliveryThatNamesTheContractItFulfilsIsADeliveryWithContractSecondary() {
        let t = types("""
            МОСКВА, 3 марта – РИА Новости. Вьетнам получил вторую партию учебно-боевых самолетов Як-130 по контракту с корпорацией «Иркут», сообщил источник.

            Контракт на поставку двенадцати машин стоимостью 350 млн долларов был подписан в 2021 году.
            """)
        XCTAssertEqual(t.first, "delivery", "\(t)")
        XCTAssertTrue(t.contains("contract"), "\(t)")
        // A participle: the helicopters were built under the contract, the news is that they were handed over.
        XCTAssertEqual(types("Москва. 3 марта. ИНТЕРФАКС-АВН - Вертолеты Ми-17, изготовленные по контракту с Минобороны Перу, переданы заказчику.").first,
                       "delivery")
    }

    func testASignedContractStaysAContract() {
        XCTAssertEqual(types("МОСКВА, 3 апреля. /ТАСС/. «Рособоронэкспорт» подписал с Минобороны Индонезии контракт на поставку партии истребителей.").first, "contract")
        XCTAssertEqual(types("ЦАМТО, 20 ноября. В Абудже 18 ноября состоялось подписание контракта на поставку 6 РСЗО «Торнадо-Г».").first, "contract")
    }

    func testReportedSpeechInterviewsAndReportsAreStatements() {
        // A stance, not an event, said by an official.
        XCTAssertEqual(types("МОСКВА, 5 июня. /ТАСС/. Россия готова расширять сотрудничество в сфере локализации производства вооружений, заявил министр обороны.").first, "statement")
        // An event word inside what was said does not make the story that event.
        XCTAssertEqual(types("Партнерам известно, сколько систем поставлено в регион за год, подчеркнул замминистра обороны.").first, "statement")
        // Genres: an interview, an analytical report, an investigation.
        XCTAssertEqual(types("Глава концерна в интервью агентству рассказал о выпуске новых вертолетов и поставках за рубеж.").first, "statement")
        XCTAssertEqual(types("СТОКГОЛЬМ, 10 марта. Поставки оружия в Азию выросли на 12%, говорится в докладе международного института.").first, "statement")
        XCTAssertEqual(types("Аналитический обзор: закупки бронетехники в Африке\n\nСпрос на бронетехнику и поставки вертолетов выросли.").first, "statement")
        // Telegram headlines: `Name: words` and `words — position Name`.
        XCTAssertEqual(types("⚡️Песков: поставки вооружений партнерам будут продолжены\n\nПодробности позже.").first, "statement")
        XCTAssertEqual(types("**Контракты будут выполнены в срок** — министр обороны Иванов\n\nПодробности позже.").first, "statement")
    }

    func testAnEventThatASourceOrAnOfficialReportsIsThatEvent() {
        // Attribution (`сообщил источник`) is not a statement.
        XCTAssertEqual(types("НЬЮ-ДЕЛИ, 12 марта. /ТАСС/. Россия завершила поставку Индии последнего комплекта ЗРС, сообщил источник.").first, "delivery")
        // An event in the first clause comes before the speaker: the event is the news.
        XCTAssertEqual(types("Россия завершила поставку Индии последнего комплекта ЗРС, заявил министр обороны.").first, "delivery")
    }

    func testPeopleArriveOnVisitsAndAircraftArriveAsDeliveries() {
        XCTAssertEqual(types("❗️Делегация Минобороны Ирана во главе с министром прибыла в Москву\n\nПодробности не раскрываются.").first, "visit")
        XCTAssertEqual(types("⚡️**Первые два истребителя Су-30 прибыли в Мьянму**\n\nСамолеты построены по контракту 2022 года.").first, "delivery")
        // A reception is a meeting; the visit it happens during is background.
        XCTAssertEqual(types("Президент принял министра обороны, который прибыл в страну с визитом.").first, "meeting")
        // A visit to a show is the show (the lead tips it; the body about the show agrees).
        XCTAssertEqual(types("Генеральный директор концерна посетил выставку вооружений IDEX в Абу-Даби. Экспозиция концерна заняла 500 кв. м.").first, "exhibition")
    }

    func testLabelLinesAreSkippedForTheLead() {
        XCTAssertEqual(types("Пресс-релиз АО «Концерн»\n\nКонцерн запустил серийное производство бронеавтомобилей на новом заводе.").first, "production")
        XCTAssertEqual(types("Информационное сообщение\n\nЗаместитель министра встретился с делегацией Минобороны Зимбабве. Стороны обсудили подготовку кадров.").first, "meeting")
    }

    func testFightingAndAccidentsAreOther() {
        XCTAssertEqual(types("Дроны атаковали завод в приграничном городе, средства ПВО сбили 13 аппаратов.").first, "other")
        XCTAssertEqual(types("⚡️Военный самолет разбился при посадке, оба пилота погибли.").first, "other")
        // `ударный` (strike drone) and `штурмовик` are not fighting words.
        XCTAssertEqual(types("Компания представила новый ударный беспилотник на выставке вооружений.").first, "exhibition")
    }
}
