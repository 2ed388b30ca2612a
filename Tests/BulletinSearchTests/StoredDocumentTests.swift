import Foundation
import XCTest
@testable import BulletinSearch

/// The stored-data reader a search uses for every hit agrees with JSONDecoder on what the
/// indexer writes, and leaves anything else to it.
final class StoredDocumentTests: XCTestCase {
    func sample() -> StoredDocument {
        StoredDocument(
            id: "2024/a \"b\"\\c.txt", path: "/data/2024/a.txt", root: nil, url: "https://example.org/x?a=1&b=2",
            date: "2024-05-06", dateSource: "header", source: "ЦАМТО", origin: nil,
            title: "Индия получила «Су-30МКИ» — 👍 tab\there", countries: ["IN", "RU"], venue: nil,
            types: ["delivery"], persons: [], organisations: ["ФСВТС"], weapons: ["Су-30МКИ"],
            text: "Строка 1\nстрока 2\r\n\u{1}\u{1F}ctl \u{7F} / слэш \\ обратный \"кавычки\" 𝄞 \u{2028}")
    }

    func testReaderMatchesJSONDecoderOnWhatTheIndexerWrites() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]   // as DocumentBuilder writes it
        for document in [sample(), StoredDocument(id: "x", dateSource: "none", title: "", countries: [], types: [],
                                                  persons: [], organisations: [], weapons: [], text: "")] {
            let json = String(decoding: try encoder.encode(document), as: UTF8.self)
            let fast = try XCTUnwrap(FlatJSON.storedDocument(json), json)
            XCTAssertEqual(fast, try JSONDecoder().decode(StoredDocument.self, from: Data(json.utf8)))
            XCTAssertEqual(fast, document)
        }
        // Escaped slashes, \u escapes and surrogate pairs, spaces between tokens, unknown keys.
        let written = #"{ "id" : "a\/b", "date_source":"none", "title":"\u0418\u043d\u0434\u0438\u044f \ud834\udd1e", "text":"", "#
            + #""countries":[ "IN" ,"RU"],"types":[],"persons":[],"organisations":[],"weapons":[],"future":null, "url":null }"#
        let read = try XCTUnwrap(FlatJSON.storedDocument(written))
        XCTAssertEqual(read.id, "a/b")
        XCTAssertEqual(read.title, "Индия 𝄞")
        XCTAssertEqual(read.countries, ["IN", "RU"])
        XCTAssertNil(read.url)
    }

    func testAnythingElseIsLeftToJSONDecoder() {
        for bad in ["", "{", "[]", #"{"id":"x"}"#, #"{"id":1,"date_source":"none","title":"","text":"","countries":[],"types":[],"persons":[],"organisations":[],"weapons":[]}"#,
                    #"{"id":"x\q","date_source":"none","title":"","text":"","countries":[],"types":[],"persons":[],"organisations":[],"weapons":[]}"#,
                    #"{"id":"\udc00","date_source":"none","title":"","text":"","countries":[],"types":[],"persons":[],"organisations":[],"weapons":[]}"#,
                    #"{"id":"x","date_source":"none","title":"","text":"","countries":[],"types":[],"persons":[],"organisations":[],"weapons":[]} extra"#] {
            XCTAssertNil(FlatJSON.storedDocument(bad), bad)
        }
    }
}
