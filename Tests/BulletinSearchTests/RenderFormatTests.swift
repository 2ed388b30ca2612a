import CSV
import Foundation
import XCTest
@testable import BulletinSearch

/// Every output format read back with a real parser: JSONDecoder, a CSV reader, a CommonMark
/// renderer (GitHub's cmark-gfm with footnotes).
final class RenderFormatTests: XCTestCase {
    /// Titles that break naive CSV and Markdown: quotes, commas, semicolons, a line break,
    /// emphasis, links, tags, table bars, HTML.
    static let hostileTitles = [
        "Контракт \"Су-30МКИ\", этап 2; поставка",
        "Первая строка\nвторая строка, с запятой",
        "*Важно* [ссылка](http://example.org) #тег | колонка <b>жирный</b> _курсив_ `код`",
    ]

    private func response() throws -> (SearchResponse, SearchFilters) {
        let docs = Self.hostileTitles.enumerated().map { i, title in
            storedDocument("doc-\(i)", title: title, text: "Поставка истребителей \(title) завершена в срок.",
                           date: "2024-0\(i + 1)-10", countries: ["BY", "CU"], types: ["delivery", "contract"],
                           persons: ["Олег Мищенко", "Иван Петров"], weapons: ["Су-30МКИ", "Т-90С"],
                           path: "/bulletins/2024/doc_\(i)*.txt", url: i == 2 ? "https://example.org/news?id=2" : nil)
        }
        let searcher = try Searcher(indexPath: try buildIndex(self, docs).path)
        var request = SearchRequest(query: "поставка")
        request.filters.countries = ["белорусский"]
        request.filters.from = "2024"
        request.sort = .date
        return (try searcher.search(request), request.filters)
    }

    private struct DecodedHit: Decodable {
        var id: String
        var rank: Int
        var title: String
        var countries: [String]
        var snippet: String
        var matched_all: Bool
    }

    private struct DecodedResponse: Decodable {
        var query: String
        var total: Int
        var hits: [DecodedHit]
    }

    func testJSONAndJSONLinesDecode() throws {
        let (response, _) = try response()
        XCTAssertEqual(response.hits.count, 3)
        let json = try ResultRenderer().render(response, as: .json)
        let decoded = try JSONDecoder().decode(DecodedResponse.self, from: json)
        XCTAssertEqual(decoded.hits.map(\.title), Self.hostileTitles)
        XCTAssertEqual(decoded.total, 3)

        let lines = String(decoding: try ResultRenderer().render(response, as: .jsonl), as: UTF8.self)
        XCTAssertTrue(lines.hasSuffix("\n"))
        let objects = lines.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        XCTAssertEqual(objects.count, 3, "one line per hit, nothing else")
        let hits = try objects.map { try JSONDecoder().decode(DecodedHit.self, from: Data($0.utf8)) }
        XCTAssertEqual(hits.map(\.id), decoded.hits.map(\.id))
        XCTAssertEqual(hits.map(\.rank), [1, 2, 3])
        XCTAssertTrue(hits.allSatisfy { $0.snippet.contains("**") })
    }

    func testCSVRoundTripsHostileTitles() throws {
        let (response, _) = try response()
        var renderer = ResultRenderer()
        renderer.byteOrderMark = true
        let data = try renderer.render(response, as: .csv)
        XCTAssertEqual(Array(data.prefix(3)), [0xEF, 0xBB, 0xBF], "--bom writes the UTF-8 byte order mark")
        let text = String(decoding: data.dropFirst(3), as: UTF8.self)
        XCTAssertTrue(text.hasSuffix("\r\n"), "RFC 4180 records end with CRLF")

        let reader = try CSVReader(string: text, hasHeaderRow: true)
        XCTAssertEqual(reader.headerRow, CSVRenderer.columns + ["snippet"])
        var rows: [[String]] = []
        while let row = reader.next() { rows.append(row) }
        XCTAssertNil(reader.error)
        XCTAssertEqual(rows.count, 3)
        let column = { (name: String) in (reader.headerRow ?? []).firstIndex(of: name)! }
        XCTAssertEqual(rows.map { $0[column("title")] }, Self.hostileTitles)
        XCTAssertEqual(rows[0][column("countries")], "BY; CU")
        XCTAssertEqual(rows[0][column("types")], "delivery; contract")
        XCTAssertEqual(rows[0][column("persons")], "Олег Мищенко; Иван Петров")
        XCTAssertEqual(rows[0][column("weapons")], "Су-30МКИ; Т-90С")
        XCTAssertEqual(rows[2][column("url")], "https://example.org/news?id=2")
        XCTAssertEqual(rows.map { $0[column("rank")] }, ["1", "2", "3"])

        renderer.snippets = false
        renderer.byteOrderMark = false
        let plain = try CSVReader(string: String(decoding: try renderer.render(response, as: .csv), as: UTF8.self), hasHeaderRow: true)
        XCTAssertEqual(plain.headerRow, CSVRenderer.columns, "no snippet column without snippets")
    }

    func testMarkdownNoteParsesWithOneReferencePerHit() throws {
        let (response, filters) = try response()
        var renderer = ResultRenderer()
        renderer.date = Date(timeIntervalSince1970: 1_764_000_000)  // 2025-11-24
        let note = String(decoding: try renderer.render(response, as: .md, filters: filters), as: UTF8.self)
        XCTAssertTrue(note.hasPrefix("## «поставка»\n"))
        XCTAssertEqual(Markdown.escapeSnippet("по **военно** **сотрудничеству**."), "по **военно** **сотрудничеству**.")
        XCTAssertTrue(note.contains("страна: Беларусь · с 2024 · поиск 2025-11-2"), note)
        XCTAssertTrue(note.contains("- **2024-01-10** · ЦАМТО · Беларусь, Куба · поставка, контракт — "), note)

        let html = try runProgram("/usr/bin/cmark-gfm", ["-e", "footnotes", "-e", "table", "-e", "strikethrough"], input: note)
        XCTAssertEqual(html.components(separatedBy: "<h2>").count - 1, 1, html)
        XCTAssertEqual(html.components(separatedBy: "<li>").count - 1, 3, "one bullet per hit: \(html)")
        XCTAssertEqual(html.components(separatedBy: "class=\"footnote-ref\"").count - 1, 3, "one reference per hit")
        XCTAssertEqual(html.components(separatedBy: "<li id=\"fn-").count - 1, 3, "one footnote per hit")
        for n in 1...3 { XCTAssertTrue(html.contains("href=\"#fn-\(n)\""), "hit \(n) cites footnote \(n)") }
        // The specials stayed literal: no emphasis, link, tag, table or HTML came from a title.
        for tag in ["<em>", "<table", "<b>", "<code>", "<del>", "href=\"http://example.org\""] {
            XCTAssertFalse(html.contains(tag), "\(tag) leaked from a title: \(html)")
        }
        XCTAssertTrue(html.contains("*Важно* [ссылка](http://example.org) #тег | колонка &lt;b&gt;жирный&lt;/b&gt; _курсив_ `код`"), html)
        XCTAssertTrue(html.contains("Первая строка вторая строка, с запятой"), "a title's line break stays inside its bullet")
        XCTAssertTrue(html.contains("<strong>Поставка</strong>") || html.contains("<strong>поставка</strong>"), "snippet highlights stay bold")
        XCTAssertTrue(html.contains("/bulletins/2024/doc_0*.txt"), "paths are escaped, not emphasis")
        XCTAssertTrue(html.contains("<a href=\"https://example.org/news?id=2\">"), "a feed URL is a link")
    }

    func testSnippetLengthAndNoSnippet() throws {
        let long = String(repeating: "Россия и Беларусь обсудили сотрудничество. ", count: 30) + "Поставка истребителей завершена."
        let searcher = try Searcher(indexPath: try buildIndex(self, [storedDocument("a", title: "T", text: long)]).path)
        var request = SearchRequest(query: "поставка")
        request.snippetChars = 50
        let hit = try XCTUnwrap(try searcher.search(request).hits.first)
        XCTAssertLessThanOrEqual(hit.snippet.replacingOccurrences(of: "**", with: "").count, 50, hit.snippet)
        XCTAssertTrue(hit.snippet.contains("**Поставка**"), "the cut keeps the highlight: \(hit.snippet)")
        request.snippetChars = nil
        XCTAssertEqual(try searcher.search(request).hits.first?.snippet, "")
    }
}
