import XCTest
@testable import BulletinSearch

/// The two real bulletins in ../shared/seeds, extracted in full (a failure when absent).
final class SeedExtractionTests: XCTestCase {
    func testSeed000BelarusChina() throws {
        let seed = try ExtractionTestSupport.seed("000_")
        let m = MetadataExtractor.extract(text: seed.text, path: "Corpora/2025/" + seed.name)
        XCTAssertEqual(Set(m.countries), ["BY", "CN"])
        XCTAssertEqual(Array(m.types.prefix(2)), ["meeting", "agreement"])
        XCTAssertEqual(m.persons.map(\.name), ["Дмитрий Пантус", "Чжань Шисянь"])
        XCTAssertEqual(m.persons.first?.position, "председатель Государственного военно-промышленного комитета")
        XCTAssertEqual(m.persons.last?.position?.hasSuffix("генерал-майор"), true)
        XCTAssertEqual(m.source, "ЦАМТО")
        XCTAssertEqual(m.origin, "Госкомвоенпром")
        XCTAssertEqual(m.venue, "BY")
        XCTAssertEqual(m.date, "2025-08-18")
        XCTAssertEqual(m.dateSource, "dateline+path")
        XCTAssertEqual(m.eventDates, ["2025-08-15"])
        XCTAssertTrue(m.organisations.contains("Госкомвоенпром"))
        XCTAssertTrue(m.organisations.contains("ЦВС"))
        XCTAssertEqual(m.weapons, [])
        XCTAssertTrue(m.title.hasPrefix("В Минске 15 августа прошло очередное заседание"))
        XCTAssertTrue(m.title.hasSuffix("…"))
        XCTAssertLessThanOrEqual(m.title.count, 121)
        XCTAssertTrue(m.body.hasPrefix("В Минске 15 августа"))
        XCTAssertTrue(m.body.hasSuffix("Республики Беларусь."))
        // Forms and offsets point into the text.
        XCTAssertTrue(m.countryMentions.contains { $0.form == "Республикой Беларусь" && $0.code == "BY" })
        XCTAssertTrue(m.countryMentions.contains { $0.form == "белорусско" && $0.code == "BY" })
        for mention in m.countryMentions {
            let start = seed.text.index(seed.text.startIndex, offsetBy: mention.offset)
            XCTAssertTrue(seed.text[start...].hasPrefix(mention.form), mention.form)
        }
    }

    func testSeed000WithoutPathHasNoYear() throws {
        let seed = try ExtractionTestSupport.seed("000_")
        let m = MetadataExtractor.extract(text: seed.text, path: nil)
        XCTAssertNil(m.date)
        XCTAssertEqual(m.dateSource, "none")
        XCTAssertEqual(m.eventDates, [])
    }

    func testSeed004BelarusVenezuelaCuba() throws {
        let seed = try ExtractionTestSupport.seed("004_")
        let m = MetadataExtractor.extract(text: seed.text, path: seed.name)
        XCTAssertEqual(Set(m.countries), ["BY", "VE", "CU"])
        XCTAssertEqual(m.countries.first, "BY")
        XCTAssertEqual(m.date, "2025-11-18")
        XCTAssertEqual(m.dateSource, "header")
        XCTAssertEqual(m.source, "ЦАМТО")
        XCTAssertEqual(m.venue, "VE")
        XCTAssertEqual(Array(m.types.prefix(2)), ["meeting", "agreement"])
        let names = m.persons.map(\.name)
        XCTAssertEqual(Array(names.prefix(2)), ["Олег Мищенко", "Энри Давид Родригес Мартинес"])
        XCTAssertTrue(names.contains("Альваро Лопес Мьера"))
        XCTAssertTrue(names.contains("Оскар Энрике Биоска Гальего"))
        XCTAssertEqual(m.persons[0].position,
                       "первый зампредседателя Государственного военно-промышленного комитета Республики Беларусь")
        XCTAssertEqual(m.persons[1].position?.hasPrefix("замминистра обороны"), true)
        XCTAssertEqual(m.persons.first { $0.name == "Альваро Лопес Мьера" }?.asWritten, "Альваро Лопесом Мьерой")
        XCTAssertEqual(Set(m.eventDates), ["2025-11-13", "2025-11-14", "2025-11-10", "2025-11-11", "2025-11-12"])
        XCTAssertEqual(m.origin, "Госкомвоенпром")
        XCTAssertTrue(m.body.hasPrefix("В Каракасе 13-14 ноября"))
        XCTAssertFalse(m.body.contains("date 2025"))
    }

    func testJSONKeys() throws {
        let seed = try ExtractionTestSupport.seed("004_")
        let m = MetadataExtractor.extract(text: seed.text, path: nil)
        let data = try JSONEncoder().encode(m)
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        for key in ["date", "date_source", "event_dates", "source", "origin", "title", "countries", "venue",
                    "country_mentions", "types", "persons", "organisations", "weapons", "body"] {
            XCTAssertNotNil(object[key], key)
        }
        let person = try XCTUnwrap((object["persons"] as? [[String: Any]])?.first)
        XCTAssertNotNil(person["as_written"])
        XCTAssertEqual(try JSONDecoder().decode(BulletinMetadata.self, from: data), m)
    }

    func testNullsAreEncoded() throws {
        let m = MetadataExtractor.extract(text: "Просто текст без даты.", path: nil)
        let json = String(decoding: try JSONEncoder().encode(m), as: UTF8.self)
        XCTAssertTrue(json.contains("\"venue\":null"))
        XCTAssertTrue(json.contains("\"date\":null"))
    }
}
