import XCTest
@testable import BulletinSearch

final class DateExtractionTests: XCTestCase {
    private func extract(_ text: String, path: String? = nil, feed: String? = nil) -> BulletinMetadata {
        MetadataExtractor.extract(text: text, path: path, feedDate: feed)
    }

    func testHeaderInlineAndOnItsOwnLine() {
        let a = extract(" date 2025-11-18 ЦАМТО, 17 ноября. В Каракасе прошло заседание.")
        XCTAssertEqual(a.date, "2025-11-18")
        XCTAssertEqual(a.dateSource, "header")
        XCTAssertEqual(a.body, "В Каракасе прошло заседание.")
        let b = extract("  date 2024-01-05\nЦАМТО, 4 января. Текст сообщения.")
        XCTAssertEqual(b.date, "2024-01-05")
        XCTAssertEqual(b.dateSource, "header")
        XCTAssertEqual(b.source, "ЦАМТО")
        XCTAssertEqual(b.body, "Текст сообщения.")
    }

    func testHeaderBeatsFeedAndFeedBeatsDateline() {
        XCTAssertEqual(extract(" date 2025-11-18 ЦАМТО, 17 ноября. Текст.", feed: "2020-01-01").dateSource, "header")
        let f = extract("ЦАМТО, 17 ноября. Текст.", path: "2019/a.txt", feed: "2021-03-04T10:00:00Z")
        XCTAssertEqual(f.date, "2021-03-04")
        XCTAssertEqual(f.dateSource, "feed")
    }

    func testYearFromTextConsistentWithDateline() {
        let a = extract("ЦАМТО, 18 августа. Испытания прошли 15 августа 2019 года на полигоне.")
        XCTAssertEqual(a.date, "2019-08-18")
        XCTAssertEqual(a.dateSource, "dateline+text")
        XCTAssertEqual(a.eventDates, ["2019-08-15"])
        let b = extract("ЦАМТО, 18 августа 2019 г. Текст.")
        XCTAssertEqual(b.date, "2019-08-18")
        XCTAssertEqual(b.dateSource, "dateline+text")
        let c = extract("ЦАМТО, 3 января. Поставки начались 28 декабря 2018 года.")
        XCTAssertEqual(c.date, "2019-01-03", "an event in late December gives the next year's January")
        let d = extract("ЦАМТО, 3 марта. В 2021 году планируется завершить поставки.")
        XCTAssertEqual(d.date, "2021-03-03")
        XCTAssertEqual(d.dateSource, "dateline+text")
        let e = extract("ЦАМТО, 3 марта. На выставке «Армия-2022» показали новинки.")
        XCTAssertEqual(e.date, "2022-03-03")
        XCTAssertEqual(extract("ЦАМТО, 3 марта. Программа рассчитана до 2030 года.").dateSource, "none", "a deadline is not the year")
        let g = extract("ЦАМТО, 3 марта. В 2019 году подписан контракт. Поставки будут завершены в 2021 году.")
        XCTAssertEqual(g.date, "2019-03-03", "a year in a sentence about the future counts half")
    }

    func testYearFromFolder() {
        let a = extract("ЦАМТО, 18 августа. Текст без года.", path: "Corpora/2019/x.txt")
        XCTAssertEqual(a.date, "2019-08-18")
        XCTAssertEqual(a.dateSource, "dateline+path")
        XCTAssertEqual(extract("ЦАМТО, 1 марта. Текст.", path: "2020/y.txt").date, "2020-03-01")
        // A text year that the folder contradicts is a year of something else.
        let b = extract("ЦАМТО, 1 марта. Контракт 2015 года выполнен.", path: "2020/y.txt")
        XCTAssertEqual(b.date, "2020-03-01")
        XCTAssertEqual(b.dateSource, "dateline+path")
    }

    func testNoDate() {
        let a = extract("Текст без даты и без заголовка.")
        XCTAssertNil(a.date)
        XCTAssertEqual(a.dateSource, "none")
        XCTAssertNil(a.source)
        XCTAssertEqual(a.body, "Текст без даты и без заголовка.")
        XCTAssertEqual(extract("ЦАМТО, 18 августа. Текст.").dateSource, "none")
    }

    func testAgencyDatelines() {
        let t = extract("Москва, 12 марта. /ТАСС/. Россия и Индия обсудили поставки.", path: "2024/t.txt")
        XCTAssertEqual(t.source, "ТАСС")
        XCTAssertEqual(t.date, "2024-03-12")
        XCTAssertEqual(t.body, "Россия и Индия обсудили поставки.")
        XCTAssertNil(t.venue)
        let r = extract("РИА Новости, 3 апреля. Текст.")
        XCTAssertEqual(r.source, "РИА Новости")
        XCTAssertEqual(extract("Интерфакс-АВН, 3 апреля. Текст.").source, "Интерфакс-АВН")
        XCTAssertEqual(extract("Минск, 6 августа. /БЕЛТА/. Текст.").source, "БЕЛТА")
        XCTAssertEqual(MetadataExtractor.extract(text: "Текст.", path: nil, feedSource: "ЦАМТО").source, "ЦАМТО")
    }

    func testEventDateRanges() {
        let a = extract(" date 2025-11-18 ЦАМТО, 17 ноября. В Каракасе 13-14 ноября прошло заседание. Ранее, 10-12 ноября, в Гаване.")
        XCTAssertEqual(a.eventDates, ["2025-11-13", "2025-11-14", "2025-11-10", "2025-11-11", "2025-11-12"])
        let b = extract(" date 2025-11-18 ЦАМТО, 17 ноября. Выставка прошла с 30 октября по 2 ноября.")
        XCTAssertEqual(b.eventDates, ["2025-10-30", "2025-10-31", "2025-11-01", "2025-11-02"])
        let c = extract(" date 2025-06-01 ЦАМТО, 1 июня. Учения шли с 1 по 20 мая.")
        XCTAssertEqual(c.eventDates, ["2025-05-01", "2025-05-20"], "long ranges keep their ends")
        let d = extract(" date 2025-01-10 ЦАМТО, 10 января. Испытания прошли 28 декабря.")
        XCTAssertEqual(d.eventDates, ["2024-12-28"])
        let e = extract(" date 2025-11-10 ЦАМТО, 10 ноября. Выставка пройдет 20-21 ноября. Договор от 15.08.2019.")
        XCTAssertEqual(e.eventDates, ["2025-11-20", "2025-11-21", "2019-08-15"])
        let f = extract(" date 2025-11-10 ЦАМТО, 10 ноября. Встречи 3 и 5 ноября.")
        XCTAssertEqual(f.eventDates, ["2025-11-03", "2025-11-05"])
    }

    func testTitleIsFirstSentenceCut() {
        let a = extract("ЦАМТО, 1 марта. Короткий заголовок. Второе предложение.")
        XCTAssertEqual(a.title, "Короткий заголовок")
        let long = "ЦАМТО, 1 марта. " + String(repeating: "слово ", count: 40) + "конец. Второе."
        let t = extract(long).title
        XCTAssertTrue(t.hasSuffix("…"))
        XCTAssertLessThanOrEqual(t.count, 121)
        XCTAssertFalse(t.dropLast().hasSuffix(" "))
        XCTAssertEqual(extract("ЦАМТО, 1 марта. Генерал А. Иванов прибыл в г. Минск. Потом.").title, "Генерал А. Иванов прибыл в г. Минск")
    }
}
