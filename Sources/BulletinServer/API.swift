import BulletinSearch
import Foundation
import Hummingbird

/// The JSON API: the same library calls and the same JSON objects as the CLI's `--json`.
struct API: Sendable {
    let pool: SearcherPool

    /// Bounds on what one request may ask for.
    static let maxLimit = 100
    static let maxOffset = 100_000
    static let maxFacetLimit = 100
    static let maxSnippetChars = 1000

    func register<Context: RequestContext>(on router: Router<Context>) {
        router.get("/api/search") { request, _ in try await search(request) }
        router.get("/api/similar/**") { request, _ in try await similar(request) }
        router.get("/api/doc/**") { request, _ in try await document(request) }
        router.get("/api/openapi.json") { _, _ in
            Response.text(WebPage.string(PackageResources.openapi_json), contentType: "application/json; charset=utf-8")
        }
    }

    // MARK: - Search

    static let searchParameters: Set<String> = [
        "q", "country", "type", "source", "person", "weapon", "from", "to", "year", "sort", "offset", "limit",
        "facets", "facet_limit", "all_words", "collapse", "auto_correct", "snippet_chars", "format",
    ]

    /// `/api/search?q=&country=&type=&source=&from=&to=&sort=&offset=&limit=`, as `bulletin search`.
    func search(_ request: Request) async throws -> Response {
        let parameters = try QueryParameters(request.uri.query)
        try parameters.check(known: Self.searchParameters)
        let (search, format) = try Self.searchRequest(parameters)
        let timed = try await pool.timed { searcher throws(BulletinError) in try searcher.search(search) }
        var answer = try Self.render(timed.value, as: format, filters: search.filters)
        answer.headers[HTTPFields.Element.Name("Server-Timing")!] = timed.serverTiming
        return answer
    }

    /// The SearchRequest the CLI would build from the same options.
    static func searchRequest(_ p: QueryParameters) throws(APIError) -> (SearchRequest, OutputFormat) {
        var search = SearchRequest(query: try p.single("q") ?? "")
        search.limit = try p.int("limit", default: 10, in: 0...maxLimit)
        search.offset = try p.int("offset", default: 0, in: 0...maxOffset)
        if let sort = try p.single("sort") {
            guard let parsed = SearchSort(rawValue: sort) else {
                throw .badRequest("parameter 'sort' must be relevance, date or -date, not '\(String(sort.prefix(40)))'")
            }
            search.sort = parsed
        }
        search.filters.countries = p.all("country")
        search.filters.types = p.all("type")
        search.filters.sources = p.all("source")
        search.filters.persons = p.all("person")
        search.filters.weapons = p.all("weapon")
        search.filters.from = try p.single("from")
        search.filters.to = try p.single("to")
        if let year = try p.single("year") {
            guard year.count == 4, let y = Int(year), (1000...9999).contains(y) else {
                throw .badRequest("parameter 'year' must be a four-digit year, not '\(String(year.prefix(40)))'")
            }
            if search.filters.from != nil || search.filters.to != nil { throw .badRequest("'year' cannot be combined with 'from'/'to'") }
            search.filters.from = year
            search.filters.to = year
        }
        let format = try outputFormat(p)
        search.facets = try p.bool("facets", default: format == .json)
        search.facetLimit = try p.int("facet_limit", default: 20, in: 1...maxFacetLimit)
        search.allWords = try p.bool("all_words", default: false)
        search.collapse = try p.bool("collapse", default: true)
        search.autoCorrect = try p.bool("auto_correct", default: false)
        search.snippetChars = try snippetChars(p)
        return (search, format)
    }

    static func snippetChars(_ p: QueryParameters) throws(APIError) -> Int? {
        let n = try p.int("snippet_chars", default: SearchRequest.defaultSnippetChars, in: 0...maxSnippetChars)
        return n == 0 ? nil : n
    }

    static func outputFormat(_ p: QueryParameters) throws(APIError) -> OutputFormat {
        guard let name = try p.single("format") else { return .json }
        guard let format = OutputFormat(rawValue: name), format != .text else {
            throw .badRequest("parameter 'format' must be json, jsonl, csv or md, not '\(String(name.prefix(40)))'")
        }
        return format
    }

    /// The bytes `bulletin search --format F` prints, with the matching content type.
    static func render(_ response: SearchResponse, as format: OutputFormat, filters: SearchFilters) throws -> Response {
        if format == .json { return Response.json(response.json) }
        var renderer = ResultRenderer()
        renderer.snippets = response.hits.contains { !$0.snippet.isEmpty } || format != .csv
        let data = try renderer.render(response, as: format, filters: filters)
        let type: String
        switch format {
        case .csv: type = "text/csv; charset=utf-8"
        case .md: type = "text/markdown; charset=utf-8"
        case .jsonl: type = "application/jsonl; charset=utf-8"
        case .json, .text: type = "text/plain; charset=utf-8"
        }
        return Response(status: .ok, headers: [.contentType: type], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    // MARK: - Similar and documents

    /// `/api/similar/{id}`: as `bulletin similar ID --json`; the id names an index document,
    /// never a path on disk.
    func similar(_ request: Request) async throws -> Response {
        let id = try Self.documentID(request, prefix: "/api/similar/")
        let parameters = try QueryParameters(request.uri.query)
        try parameters.check(known: ["offset", "limit", "snippet_chars", "format"])
        let limit = try parameters.int("limit", default: 10, in: 0...Self.maxLimit)
        let offset = try parameters.int("offset", default: 0, in: 0...Self.maxOffset)
        let snippetChars = try Self.snippetChars(parameters)
        let format = try Self.outputFormat(parameters)
        let response = try await pool.run { searcher throws -> SearchResponse in
            // Looked up by id first: `similar` alone would also take a file path.
            guard try searcher.document(id: id) != nil else { throw Self.unknown(id) }
            return try searcher.similar(to: id, limit: limit, offset: offset, snippetChars: snippetChars)
        }
        return try Self.render(response, as: format, filters: SearchFilters())
    }

    /// `/api/doc/{id}`: the stored document, whole text and metadata.
    func document(_ request: Request) async throws -> Response {
        let id = try Self.documentID(request, prefix: "/api/doc/")
        try QueryParameters(request.uri.query).check(known: [])
        let stored = try await pool.run { searcher throws -> StoredDocument in
            guard let stored = try searcher.document(id: id) else { throw Self.unknown(id) }
            return stored
        }
        return Response.json(Self.json(stored))
    }

    static func unknown(_ id: String) -> APIError {
        APIError(.notFound, "no document with id «\(String(id.prefix(200)))» in the index")
    }

    /// The id after `prefix` in the request's path, percent-decoded (ids hold slashes:
    /// `2024/2024-01-05-belta-0272.txt`).
    static func documentID(_ request: Request, prefix: String) throws(APIError) -> String {
        let path = request.uri.path
        guard path.hasPrefix(prefix) else { throw APIError(.notFound, "no such API route") }
        guard let id = path.dropFirst(prefix.count).removingPercentEncoding, !id.isEmpty else {
            throw .badRequest("malformed document id in the URL")
        }
        return id
    }

    /// A stored document as JSON: the keys of `bulletin extract --json` plus `id`, `url`
    /// and `text`, and the Russian names of its countries and types.
    static func json(_ d: StoredDocument) -> JSON {
        .object([
            ("id", .string(d.id)),
            ("path", .optional(d.path)),
            ("url", .optional(d.url)),
            ("date", .optional(d.date)),
            ("date_source", .string(d.dateSource)),
            ("source", .optional(d.source)),
            ("origin", .optional(d.origin)),
            ("title", .string(d.title)),
            ("countries", .strings(d.countries)),
            ("country_names", .strings(d.countries.map { CountryTable.info($0)?.name ?? $0 })),
            ("venue", .optional(d.venue)),
            ("types", .strings(d.types)),
            ("type_names", .strings(d.types.map { DocumentType(rawValue: $0)?.russianName ?? $0 })),
            ("persons", .strings(d.persons)),
            ("organisations", .strings(d.organisations)),
            ("weapons", .strings(d.weapons)),
            ("text", .string(d.text)),
        ])
    }
}
