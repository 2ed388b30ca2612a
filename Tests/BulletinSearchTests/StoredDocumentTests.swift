import Foundation
import XCTest
@testable import BulletinSearch
@testable import Xapian

/// The stored data (schema 6, `StoredData`): every field a hit shows comes back as the indexer
/// had it, whether it was stored in the data or read back from the value slots, and anything
/// that is not such data is reported as the index's fault.
final class StoredDocumentTests: XCTestCase {
    /// Quotes, backslashes, line breaks, control characters (no NUL), a table character, an
    /// escaped one (emoji, U+2028), Cyrillic at both ends of its one-byte range and just past it.
    static let awkward = "Строка 1\nстрока 2\r\n\u{1}\u{1F}ctl \u{7F} / слэш \\ обратный \"кавычки\" «ёЁ» — 𝄞 👍 \u{2028}"
        + " Ѐџ Ѡ Ͽ ґ ß\té"

    func sample() -> StoredDocument {
        StoredDocument(
            id: "2024/a \"b\"\\c.txt", path: "/data/2024/a \"b\"\\c.txt", root: "/data", url: "https://example.org/x?a=1&b=2",
            date: "2024-05-06", dateSource: "header", source: "ЦАМТО", origin: "Рособоронэкспорт",
            title: "Индия получила «Су-30МКИ» — 👍 tab\there", countries: ["IN", "RU", "BY"], venue: "IN",
            types: ["delivery", "contract"], persons: ["Олег Мищенко"], organisations: ["ФСВТС", "Минобороны \"Индии\""],
            weapons: ["Су-30МКИ", "С-400"], text: Self.awkward)
    }

    /// Writes `stored` as the indexer does (data, date and facet slots) and reads it back.
    func roundTrip(_ stored: StoredDocument, file: StaticString = #filePath, line: UInt = #line) throws -> StoredDocument {
        let prepared = try DocumentPreparer(pipeline: try TextPipeline()).prepare(stored)
        return try StoredDocument.decode(StoredDocument.self, from: prepared.document, documentID: 1, indexPath: "/index", database: nil, baseRoot: { "/data" })
    }

    /// What a decoded document holds: everything but the index-time fields.
    func expected(_ stored: StoredDocument) -> StoredDocument {
        var out = stored
        out.root = nil
        out.indexText = nil
        out.countryMentionCounts = [:]
        return out
    }

    func testEveryFieldComesBack() throws {
        let stored = sample()
        XCTAssertEqual(try roundTrip(stored), expected(stored))
        // The facet fields and the date are not repeated in the data: they come from the slots.
        let prepared = try DocumentPreparer(pipeline: try TextPipeline()).prepare(stored)
        let data = try prepared.document.dataBytes()
        XCTAssertEqual(data.first, StoredData.format)
        XCTAssertNil(data.firstRange(of: Array("Олег".utf8)), "persons are read from slot 11")
        XCTAssertNil(data.firstRange(of: Array("/data".utf8)), "the path is the base root + id")
        XCTAssertLessThan(data.count, stored.text.utf8.count + stored.title.utf8.count + 120)
    }

    func testFeedRecordsEmptyFieldsAndLongIDs() throws {
        let feed = StoredDocument(id: "tg-" + String(repeating: "й", count: 400), path: nil, root: nil, url: nil, date: nil,
                                  dateSource: "none", source: nil, origin: nil, title: "", countries: [], venue: nil,
                                  types: [], persons: [], organisations: [], weapons: [], text: "")
        let back = try roundTrip(feed)
        XCTAssertEqual(back, expected(feed))
        XCTAssertNil(back.path)
        XCTAssertEqual(DocumentBuilder.uniqueTerm(of: back), DocumentBuilder.uniqueTerm(forFeedRecord: feed.id))
        var other = sample()
        other.dateSource = "a date source this version does not know"
        other.text = String(repeating: Self.awkward, count: 200)
        XCTAssertEqual(try roundTrip(other), expected(other))
    }

    /// Values the slots cannot give back as they were are stored in the data instead.
    func testFieldsTheSlotsCannotHoldAreStored() throws {
        var stored = sample()
        stored.countries = ["RU", "RU", "BY"]                        // repeated: the slot keeps one
        stored.persons = ["Имя\nФамилия", ""]                        // a line break; an empty value
        stored.weapons = [String(repeating: "Ж", count: 200)]        // too long for a term
        stored.types = []
        stored.source = "ЦАМТО\nРИА"
        stored.venue = ""
        stored.date = "2024-5-6"                                     // not YYYY-MM-DD: no date slot
        XCTAssertEqual(try roundTrip(stored), expected(stored))
        stored.date = "20240506"                                      // looks like the slot's form
        XCTAssertEqual(try roundTrip(stored), expected(stored))
    }

    /// A file's path is stored as its base root's hash when it is that root + "/" + id: read
    /// under another base root (a remote shard indexed elsewhere) it is nil, not made up.
    /// Paths outside the base root (ids with `../`) are stored whole.
    func testPathsThroughTheBaseRoot() throws {
        let stored = sample()
        let prepared = try DocumentPreparer(pipeline: try TextPipeline()).prepare(stored)
        func read(_ document: Document, under root: String) throws -> String? {
            try StoredDocument.decode(StoredDocument.self, from: document, documentID: 1, indexPath: "/i", database: nil, baseRoot: { root }).path
        }
        XCTAssertEqual(try read(prepared.document, under: "/data"), stored.path)
        XCTAssertNil(try read(prepared.document, under: "/elsewhere"))
        XCTAssertNil(try read(prepared.document, under: ""))
        var outside = sample()
        outside.id = "../other/b.txt"
        outside.path = "/other/b.txt"
        let whole = try DocumentPreparer(pipeline: try TextPipeline()).prepare(outside).document
        XCTAssertEqual(try read(whole, under: "/data"), "/other/b.txt")
        XCTAssertEqual(try read(whole, under: "/elsewhere"), "/other/b.txt")
        var atRoot = sample()
        atRoot.id = "a.txt"
        atRoot.path = "/a.txt"                                        // base root "/"
        XCTAssertEqual(try roundTrip(atRoot), expected(atRoot))
    }

    func testCompactTextIsLosslessAndHalvesCyrillic() throws {
        var samples = [Self.awkward, "", "a", "я", String(repeating: "военно-техническое ", count: 50)]
        samples += CompactText.table.map { String($0) }
        samples += [0x3FF, 0x400, 0x45F, 0x460, 0x7FF, 0x800, 0xFFFF, 0x10000, 0x10FFFF].map { String(Unicode.Scalar($0)!) }
        for text in samples {
            var bytes: [UInt8] = []
            CompactText.append(text, to: &bytes)
            XCTAssertEqual(bytes.withUnsafeBufferPointer { CompactText.decode($0) }, text)
        }
        var russian: [UInt8] = []
        CompactText.append("Контракт на поставку истребителей", to: &russian)
        XCTAssertEqual(russian.count, "Контракт на поставку истребителей".count)
        XCTAssertEqual(Set(CompactText.table).count, 31, "one table byte each, 0x81...0x9F")
    }

    func testBytesThatAreNotStoredDataAreRejected() throws {
        let good = StoredData.encode(sample(), slotValues: [:])
        XCTAssertNotNil(StoredData.decode(good, baseRoot: { "/data" }) { _ in "" })
        var bad: [[UInt8]] = [[], [0x06], Array("{\"id\":\"x\"}".utf8), [0x07] + good.dropFirst()]
        bad.append([0x06, 0x80, 0x80, 0x01])                         // an unknown flag bit
        bad.append([0x06, 0x00, 0x05, 0x61])                         // a string past the end
        bad.append([0x06, 0x00, 0x01, 0x61, 0x09])                   // an unknown date source
        bad.append([0x06, 0x00, 0x01, 0x61, 0x01, 0x00, 0x00, 0x80]) // an escape and no character
        bad.append([0x06, 0x00, 0x01, 0x61, 0x01, 0x00, 0x00, 0x80, 0xF0, 0x9D]) // half a character
        for bytes in bad {
            XCTAssertNil(StoredData.decode(bytes, baseRoot: { "/data" }) { _ in "" }, "\(bytes)")
            XCTAssertNil(StoredData.decodeIDAndText(bytes), "\(bytes)")
        }
    }

    /// Data of schema 5 (JSON) and broken data are the index's fault: exit 3, naming the
    /// document and saying what was found.
    func testOldOrBrokenDataIsAnIndexError() throws {
        let document = try Document()
        try document.addBooleanTerm("Q2024/a.txt")
        try document.setData(#"{"id":"2024/a.txt","date_source":"none","title":"","text":"","countries":[],"types":[],"persons":[],"organisations":[],"weapons":[]}"#)
        XCTAssertThrowsError(try StoredDocument.decode(StoredDocument.self, from: document, documentID: 7, indexPath: "/idx", database: nil)) { error in
            XCTAssertEqual(error as? BulletinError, .indexCorrupt(path: "/idx", detail: "document 7 (2024/a.txt) has stored data of schema 5 or older (JSON); run `bulletin check` and re-index into a new directory"))
            XCTAssertEqual((error as? BulletinError)?.exitCode, 3)
        }
        try document.setData(bytes: [0x06, 0x00])
        XCTAssertThrowsError(try StoredDocument.decode(StoredDocument.TextOnly.self, from: document, documentID: 7, indexPath: "/idx", database: nil)) { error in
            XCTAssertEqual(error as? BulletinError, .indexCorrupt(path: "/idx", detail: "document 7 (2024/a.txt) has unreadable stored data; run `bulletin check` and re-index into a new directory"))
        }
    }
}
