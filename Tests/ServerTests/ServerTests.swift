import BulletinSearch
import BulletinServer
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Hummingbird
import HummingbirdTesting
import XCTest

/// The JSON API and the page through Hummingbird's in-process test client, over an index of
/// the shipped corpus plus a bulletin whose title carries HTML, built by the real binary.
final class ServerTests: XCTestCase {
    /// The repository (found from this file, never an absolute path).
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The built `bulletin` executable beside the test bundle.
    static var binary: URL {
        var dir = Bundle(for: ServerTests.self).bundleURL
        if dir.pathExtension == "xctest" { dir = dir.deletingLastPathComponent() }
        return dir.appendingPathComponent("bulletin")
    }

    static let hostileID = "2024/2024-03-03-hostile.txt"
    static let hostileText = """
        Москва, 3 марта. /ТАСС/. Заголовок <script>alert('x')</script> о поставке <img src=x onerror=alert(1)> вертолетов «Ансат» в Индию.

        Россия поставила Индии партию вертолетов «Ансат». Контракт был подписан в 2023 году. Текст & амперсанд, "кавычки" и </p> тег.
        """

    nonisolated(unsafe) static var shared: (root: URL, index: URL)?

    /// Copies Corpora and the hostile bulletin into a temporary tree and indexes it once.
    func corpusIndex() throws -> (root: URL, index: URL) {
        if let shared = Self.shared { return shared }
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("bulletin-server-\(UUID().uuidString)")
        let corpus = root.appendingPathComponent("corpus")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: Self.repository.appendingPathComponent("Corpora"), to: corpus)
        try Data(Self.hostileText.utf8).write(to: corpus.appendingPathComponent(Self.hostileID))
        let index = root.appendingPathComponent("index")
        let run = try Self.bulletin(["index", corpus.path, "--index", index.path, "--quiet"])
        XCTAssertEqual(run.status, 0, run.stderr)
        Self.shared = (root, index)
        return (root, index)
    }

    override class func tearDown() {
        if let shared { try? FileManager.default.removeItem(at: shared.root) }
        super.tearDown()
    }

    static func bulletin(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env["BULLETIN_INDEX"] = nil
        env["NO_COLOR"] = "1"
        process.environment = env
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
    }

    func withApp(indexPath: String? = nil, timeBudget: Duration = .seconds(10),
                 _ body: @escaping @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        var options = BulletinServer.Options(indexPath: try indexPath ?? corpusIndex().index.path)
        options.timeBudget = timeBudget
        let app = try BulletinServer.application(options)
        try await app.test(.router) { client in try await body(client) }
    }

    static func object(_ response: TestResponse, file: StaticString = #filePath, line: UInt = #line) throws -> [String: Any] {
        let json = try JSONSerialization.jsonObject(with: Data(String(buffer: response.body).utf8))
        return try XCTUnwrap(json as? [String: Any], file: file, line: line)
    }

    static func get(_ client: any TestClientProtocol, _ uri: String) async throws -> TestResponse {
        try await client.execute(uri: uri, method: .get)
    }

    /// `{"error": "..."}` with `status`; returns the message.
    @discardableResult
    static func expectError(_ client: any TestClientProtocol, _ uri: String, _ status: HTTPResponse.Status,
                            method: HTTPRequest.Method = .get, body: ByteBuffer? = nil,
                            file: StaticString = #filePath, line: UInt = #line) async throws -> String {
        let response = try await client.execute(uri: uri, method: method, body: body)
        XCTAssertEqual(response.status, status, "\(uri): \(String(buffer: response.body))", file: file, line: line)
        XCTAssertEqual(response.headers[.contentType], "application/json; charset=utf-8", uri, file: file, line: line)
        let object = try Self.object(response, file: file, line: line)
        XCTAssertEqual(object.count, 1, uri, file: file, line: line)
        return try XCTUnwrap(object["error"] as? String, uri, file: file, line: line)
    }

    // MARK: - Search

    func testSearchAnswersTheCLIsJSONObject() async throws {
        try await withApp { client in
            let response = try await Self.get(client, "/api/search?q=%D0%A1%D1%83-30%D0%9C%D0%9A%D0%98&limit=2")
            XCTAssertEqual(response.status, .ok)
            XCTAssertEqual(response.headers[.contentType], "application/json; charset=utf-8")
            let body = String(buffer: response.body)
            XCTAssertTrue(body.hasPrefix(#"{"query":"Су-30МКИ","total":"#), body)
            let object = try Self.object(response)
            XCTAssertEqual(Set(object.keys), ["query", "total", "total_exact", "offset", "limit", "corrected_query", "corrections", "hits",
                                              "facets_counted", "matches", "facets"])
            XCTAssertNotNil(object["matches"] as? Int, "the exact match count comes with the facets")
            XCTAssertEqual(object["facets_counted"] as? String, "all", "the API counts facets unless facets=false")
            let hits = try XCTUnwrap(object["hits"] as? [[String: Any]])
            XCTAssertEqual(hits.count, 2)
            XCTAssertEqual(Set(hits[0].keys), ["id", "rank", "score", "matched_all", "path", "url", "date", "date_source", "title",
                                               "source", "countries", "venue", "types", "persons", "weapons", "snippet", "duplicates"])
            XCTAssertTrue((hits[0]["snippet"] as? String)?.contains("**") == true)
            let facets = try XCTUnwrap(object["facets"] as? [String: Any])
            XCTAssertEqual(Set(facets.keys), ["country", "type", "year", "source", "person", "weapon", "venue", "pair"])
        }
    }

    /// Whole responses (hits, totals and every facet count) equal `bulletin search --json`
    /// for the same query and filters.
    func testSameObjectAsTheCLIForTheSameQuery() async throws {
        let index = try corpusIndex().index.path
        let cases: [(api: String, cli: [String])] = [
            ("q=военно-техническое+сотрудничество&country=BY", ["военно-техническое сотрудничество", "--country", "BY"]),
            ("q=поставка&type=contract&type=delivery&from=2020&to=2023-06", ["поставка", "--type", "contract", "--type", "delivery", "--from", "2020", "--to", "2023-06"]),
            ("country=Индии&sort=-date&limit=5&offset=2", ["--country", "Индии", "--sort", "-date", "--limit", "5", "--offset", "2"]),
            ("q=учения&source=ЦАМТО&facet_limit=3", ["учения", "--source", "ЦАМТО", "--facet-limit", "3"]),
        ]
        for c in cases {
            // The API counts facets by default; the CLI on --facets.
            let cli = try Self.bulletin(["search"] + c.cli + ["--index", index, "--json", "--facets"])
            XCTAssertEqual(cli.status, 0, cli.stderr)
            let encoded = c.api.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed)!
            try await withApp(indexPath: index) { client in
                let response = try await Self.get(client, "/api/search?" + encoded)
                XCTAssertEqual(response.status, .ok, c.api)
                let api = try JSONSerialization.jsonObject(with: Data(String(buffer: response.body).utf8)) as? NSDictionary
                let expected = try JSONSerialization.jsonObject(with: Data(cli.stdout.utf8)) as? NSDictionary
                XCTAssertNotNil(api)
                XCTAssertEqual(api, expected, c.api)
                let facets = try XCTUnwrap((api?["facets"] as? [String: Any])?["country"] as? [[String: Any]])
                XCTAssertFalse(facets.isEmpty, c.api)
            }
        }
    }

    func testMarkdownIsTheCLIsNote() async throws {
        let index = try corpusIndex().index.path
        let cli = try Self.bulletin(["search", "военно-техническое сотрудничество", "--country", "Куба", "--limit", "2",
                                     "--index", index, "--format", "md"])
        XCTAssertEqual(cli.status, 0, cli.stderr)
        try await withApp(indexPath: index) { client in
            let q = "q=%D0%B2%D0%BE%D0%B5%D0%BD%D0%BD%D0%BE-%D1%82%D0%B5%D1%85%D0%BD%D0%B8%D1%87%D0%B5%D1%81%D0%BA%D0%BE%D0%B5+%D1%81%D0%BE%D1%82%D1%80%D1%83%D0%B4%D0%BD%D0%B8%D1%87%D0%B5%D1%81%D1%82%D0%B2%D0%BE"
            let response = try await Self.get(client, "/api/search?\(q)&country=%D0%9A%D1%83%D0%B1%D0%B0&limit=2&format=md")
            XCTAssertEqual(response.status, .ok)
            XCTAssertEqual(response.headers[.contentType], "text/markdown; charset=utf-8")
            XCTAssertEqual(String(buffer: response.body), cli.stdout)
            XCTAssertTrue(cli.stdout.contains("[^1]: "), cli.stdout)
        }
    }

    // MARK: - Errors: 4xx for anything the client sent, never a 500

    func testBadParametersAre400WithTheProblemNamed() async throws {
        try await withApp { client in
            let limit = try await Self.expectError(client, "/api/search?q=x&limit=101", .badRequest)
            XCTAssertTrue(limit.contains("'limit'") && limit.contains("100"), limit)
            try await Self.expectError(client, "/api/search?q=x&limit=abc", .badRequest)
            try await Self.expectError(client, "/api/search?q=x&offset=-1", .badRequest)
            try await Self.expectError(client, "/api/search?q=x&sort=size", .badRequest)
            try await Self.expectError(client, "/api/search?q=x&limit=1&limit=2", .badRequest)
            let unknown = try await Self.expectError(client, "/api/search?q=x&contry=BY", .badRequest)
            XCTAssertTrue(unknown.contains("'contry'"), unknown)
            let country = try await Self.expectError(client, "/api/search?country=%D0%91%D0%B5%D0%BB%D0%B0%D1%80%D1%83%D1%81%D0%B8%D1%8F", .badRequest)
            XCTAssertTrue(country.contains("did you mean"), country)
            try await Self.expectError(client, "/api/search?q=x&from=2020-13", .badRequest)
            try await Self.expectError(client, "/api/search?q=x&from=2021&to=2020", .badRequest)
            try await Self.expectError(client, "/api/search?q=x&year=20", .badRequest)
            try await Self.expectError(client, "/api/search?q=x&format=text", .badRequest)
            try await Self.expectError(client, "/api/search?q=x&facets=maybe", .badRequest)
            let empty = try await Self.expectError(client, "/api/search", .badRequest)
            XCTAssertTrue(empty.contains("empty query"), empty)
            let percent = try await Self.expectError(client, "/api/search?q=%ZZ", .badRequest)
            XCTAssertTrue(percent.contains("malformed"), percent)
            try await Self.expectError(client, "/api/search?q=%FF%FE", .badRequest)
        }
    }

    func testQuerySyntaxErrorsAre400NamingTheProblem() async throws {
        try await withApp { client in
            let message = try await Self.expectError(client, "/api/search?q=%D1%82%D0%B0%D0%BD%D0%BA%D0%B8+AND", .badRequest)
            XCTAssertTrue(message.hasPrefix("query syntax error"), message)
            XCTAssertTrue(message.contains("AND"), message)
            let long = Array(repeating: "слово", count: 300).joined(separator: "+")
            let tooLong = try await Self.expectError(client, "/api/search?q=" + long.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed)!, .badRequest)
            XCTAssertTrue(tooLong.contains("too long"), tooLong)
            let unclosed = try await Self.expectError(client, "/api/search?q=(%D0%9C%D0%B8%D0%BD%D1%81%D0%BA+OR", .badRequest)
            XCTAssertTrue(unclosed.hasPrefix("query syntax error"), unclosed)
        }
    }

    func testRequestsBeyondTheCapsAreRefused() async throws {
        try await withApp { client in
            try await Self.expectError(client, "/api/search?q=x", .methodNotAllowed, method: .post)
            try await Self.expectError(client, "/api/search?q=x", .contentTooLarge, method: .get, body: ByteBuffer(string: "body"))
            let huge = "/api/search?q=" + String(repeating: "a", count: 40_000)
            try await Self.expectError(client, huge, .uriTooLong)
            let missing = try await Self.expectError(client, "/api/nothing", .notFound)
            XCTAssertTrue(missing.contains("/api/nothing"), missing)
        }
    }

    /// A request over its time budget is answered 503 with a JSON error, not left hanging.
    func testOverTheTimeBudgetIs503() async throws {
        try await withApp(timeBudget: .nanoseconds(1)) { client in
            let message = try await Self.expectError(client, "/api/search?q=%D0%BA%D0%BE%D0%BD%D1%82%D1%80%D0%B0%D0%BA%D1%82", .serviceUnavailable)
            XCTAssertTrue(message.contains("time budget"), message)
        }
    }

    // MARK: - Documents and ids

    func testDocumentAndSimilarByID() async throws {
        try await withApp { client in
            let id = "2024/2024-01-05-belta-0272.txt"
            let doc = try await Self.get(client, "/api/doc/" + id)
            XCTAssertEqual(doc.status, .ok)
            let object = try Self.object(doc)
            XCTAssertEqual(object["id"] as? String, id)
            let countries = try XCTUnwrap(object["countries"] as? [[String: Any]])
            XCTAssertEqual(countries.compactMap { $0["value"] as? String }, ["BY", "CU"])
            XCTAssertEqual(countries.compactMap { $0["name"] as? String }, ["Беларусь", "Куба"])
            XCTAssertTrue((object["text"] as? String)?.contains("заседание белорусско-кубинской") == true)
            // With a query, the matching words are highlighted as `show --query` does.
            let highlighted = try Self.object(try await Self.get(client, "/api/doc/\(id)?q=%D0%9A%D1%83%D0%B1%D1%8B"))
            XCTAssertGreaterThan(highlighted["highlights"] as? Int ?? 0, 0)
            XCTAssertTrue((highlighted["text"] as? String)?.contains("**") == true)
            // The slash may come percent-encoded too.
            let encoded = try await Self.get(client, "/api/doc/2024%2F2024-01-05-belta-0272.txt")
            XCTAssertEqual(encoded.status, .ok)

            let similar = try await Self.get(client, "/api/similar/\(id)?limit=3")
            XCTAssertEqual(similar.status, .ok)
            let result = try Self.object(similar)
            XCTAssertEqual(result["query"] as? String, "similar:\(id)")
            let hits = try XCTUnwrap(result["hits"] as? [[String: Any]])
            XCTAssertEqual(hits.count, 3)
            XCTAssertFalse(hits.contains { $0["id"] as? String == id })
        }
    }

    /// `/api/doc`, `/api/stats` and `/api/timeline` answer what `show`, `stats` and
    /// `timeline --json` print.
    func testShowStatsAndTimelineAreTheCLIs() async throws {
        let index = try corpusIndex().index.path
        let id = "2024/2024-01-05-belta-0272.txt"
        let show = try Self.bulletin(["show", id, "--index", index, "--json"])
        let stats = try Self.bulletin(["stats", "--index", index, "--json"])
        let timeline = try Self.bulletin(["timeline", "учения", "--country", "CN", "--by", "quarter", "--index", index, "--json"])
        let split = try Self.bulletin(["timeline", "--type", "contract", "--split", "country", "--top", "3", "--index", index, "--json"])
        for run in [show, stats, timeline, split] { XCTAssertEqual(run.status, 0, run.stderr) }
        @Sendable func same(_ response: TestResponse, _ cli: String, _ what: String) throws {
            XCTAssertEqual(response.status, .ok, what)
            let api = try JSONSerialization.jsonObject(with: Data(String(buffer: response.body).utf8)) as? NSDictionary
            let expected = try JSONSerialization.jsonObject(with: Data(cli.utf8)) as? NSDictionary
            XCTAssertNotNil(api, what)
            XCTAssertEqual(api, expected, what)
        }
        try await withApp(indexPath: index) { client in
            try same(try await Self.get(client, "/api/doc/" + id), show.stdout, "doc")
            try same(try await Self.get(client, "/api/stats"), stats.stdout, "stats")
            try same(try await Self.get(client, "/api/timeline?q=%D1%83%D1%87%D0%B5%D0%BD%D0%B8%D1%8F&country=CN&by=quarter"), timeline.stdout, "timeline")
            try same(try await Self.get(client, "/api/timeline?type=contract&split=country&top=3"), split.stdout, "timeline split")
            let svg = try await Self.get(client, "/api/timeline?type=contract&by=year&format=svg")
            XCTAssertEqual(svg.status, .ok)
            XCTAssertEqual(svg.headers[.contentType], "image/svg+xml; charset=utf-8")
            let xml = try XMLDocument(data: Data(String(buffer: svg.body).utf8))
            XCTAssertEqual(xml.rootElement()?.name, "svg")
            let note = try await Self.get(client, "/api/doc/\(id)?format=md")
            XCTAssertEqual(note.headers[.contentType], "text/markdown; charset=utf-8")
            XCTAssertTrue(String(buffer: note.body).contains("белорусско-кубинской"))
            try await Self.expectError(client, "/api/timeline?q=x&by=week", .badRequest)
            try await Self.expectError(client, "/api/timeline?q=x&split=person", .badRequest)
            try await Self.expectError(client, "/api/timeline?q=x&top=50", .badRequest)
            try await Self.expectError(client, "/api/stats?top=0", .badRequest)
            try await Self.expectError(client, "/api/doc/\(id)?format=pdf", .badRequest)
            try await Self.expectError(client, "/api/search?q=x&facet=colour", .badRequest)
        }
    }

    /// Ids name index documents only: unknown ids, traversal and real file paths are 404.
    func testUnknownIDsAndPathsAre404() async throws {
        let root = try corpusIndex().root
        try await withApp { client in
            try await Self.expectError(client, "/api/doc/2024/no-such.txt", .notFound)
            try await Self.expectError(client, "/api/similar/2024/no-such.txt", .notFound)
            try await Self.expectError(client, "/api/doc/..%2F..%2F..%2Fetc%2Fpasswd", .notFound)
            try await Self.expectError(client, "/api/doc/../../etc/passwd", .notFound)
            // `bulletin similar` takes a file's path; the API does not.
            let path = root.appendingPathComponent("corpus/2024/2024-01-05-belta-0272.txt").path
            try await Self.expectError(client, "/api/doc/" + path, .notFound)
            try await Self.expectError(client, "/api/similar/" + path, .notFound)
            try await Self.expectError(client, "/api/doc/%", .badRequest)
        }
    }

    // MARK: - Escaping and headers

    func testDocumentWithMarkupComesBackAsTextWithStrictHeaders() async throws {
        try await withApp { client in
            let search = try await Self.get(client, "/api/search?q=%D0%B0%D0%BC%D0%BF%D0%B5%D1%80%D1%81%D0%B0%D0%BD%D0%B4")
            XCTAssertEqual(search.status, .ok)
            let hits = try XCTUnwrap(try Self.object(search)["hits"] as? [[String: Any]])
            XCTAssertEqual(hits.first?["id"] as? String, Self.hostileID)
            let title = try XCTUnwrap(hits.first?["title"] as? String)
            XCTAssertTrue(title.contains("<script>alert('x')</script>"), title)
            for response in [search, try await Self.get(client, "/api/doc/" + Self.hostileID)] {
                XCTAssertEqual(response.headers[.contentType], "application/json; charset=utf-8")
                XCTAssertEqual(response.headers[.xContentTypeOptions], "nosniff")
                let csp = try XCTUnwrap(response.headers[.contentSecurityPolicy])
                XCTAssertTrue(csp.contains("default-src 'none'") && csp.contains("script-src 'self'"), csp)
                XCTAssertFalse(csp.contains("unsafe-inline"), csp)
            }
            let doc = try Self.object(try await Self.get(client, "/api/doc/" + Self.hostileID))
            XCTAssertTrue((doc["text"] as? String)?.contains("</p> тег") == true)

            // The page is static: no document text is ever written into HTML by the server,
            // and the script builds the DOM with textContent only.
            let page = try await Self.get(client, "/")
            XCTAssertEqual(page.status, .ok)
            XCTAssertEqual(page.headers[.contentType], "text/html; charset=utf-8")
            XCTAssertNotNil(page.headers[.contentSecurityPolicy])
            XCTAssertFalse(String(buffer: page.body).contains("<script>"), "no inline script in the page")
            let script = String(buffer: try await Self.get(client, "/app.js").body)
            XCTAssertFalse(script.contains("innerHTML") || script.contains("insertAdjacentHTML") || script.contains("document.write"))
            XCTAssertTrue(script.contains("textContent"))
        }
    }

    func testErrorsAndMissingPagesCarryTheSecurityHeaders() async throws {
        try await withApp { client in
            for uri in ["/nowhere", "/api/search?limit=x", "/api/doc/none", "/style.css", "/api/openapi.json"] {
                let response = try await Self.get(client, uri)
                XCTAssertNotNil(response.headers[.contentSecurityPolicy], uri)
                XCTAssertEqual(response.headers[.xContentTypeOptions], "nosniff", uri)
            }
            let head = try await client.execute(uri: "/", method: .head)
            XCTAssertEqual(head.status, .ok)
        }
    }

    func testOpenAPIDocumentListsEveryRoute() async throws {
        try await withApp { client in
            let response = try await Self.get(client, "/api/openapi.json")
            XCTAssertEqual(response.status, .ok)
            let object = try Self.object(response)
            XCTAssertTrue((object["openapi"] as? String)?.hasPrefix("3.") == true)
            let paths = try XCTUnwrap(object["paths"] as? [String: Any])
            for route in ["/api/search", "/api/doc/{id}", "/api/similar/{id}", "/api/stats", "/api/timeline"] {
                XCTAssertNotNil(paths[route], route)
            }
        }
    }

    // MARK: - Following the index

    /// A bulletin indexed while the server runs is found by the next request.
    func testNewlyCommittedDocumentsAreSeenWithoutRestart() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("bulletin-server-reopen-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let corpus = root.appendingPathComponent("corpus")
        try FileManager.default.createDirectory(at: corpus, withIntermediateDirectories: true)
        try Data("ЦАМТО, 6 мая. Индия получила истребители Су-30МКИ.".utf8).write(to: corpus.appendingPathComponent("a.txt"))
        let index = root.appendingPathComponent("index").path
        XCTAssertEqual(try Self.bulletin(["index", corpus.path, "--index", index, "--quiet"]).status, 0)
        try await withApp(indexPath: index) { client in
            let word = "/api/search?q=%D0%BA%D0%B2%D0%B0%D1%80%D1%86%D0%B5%D0%B2%D1%8B%D0%B9" // кварцевый
            let before = try await Self.get(client, word)
            XCTAssertEqual(try Self.object(before)["total"] as? Int, 0)
            try Data("ЦАМТО, 7 мая. Кварцевый генератор поставлен в Минск.".utf8).write(to: corpus.appendingPathComponent("b.txt"))
            let run = try Self.bulletin(["index", corpus.path, "--index", index, "--quiet"])
            XCTAssertEqual(run.status, 0, run.stderr)
            let after = try await Self.get(client, word)
            XCTAssertEqual(try Self.object(after)["total"] as? Int, 1)
        }
    }

    func testMissingIndexStopsTheServerAtStart() throws {
        let options = BulletinServer.Options(indexPath: "/nonexistent/bulletin-index")
        XCTAssertThrowsError(try BulletinServer.application(options)) { error in
            XCTAssertEqual((error as? BulletinError)?.exitCode, 3)
        }
    }
}
