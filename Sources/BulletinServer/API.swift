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
        router.get("/api/stats") { request, _ in try await stats(request) }
        router.get("/api/timeline") { request, _ in try await timeline(request) }
        router.get("/api/openapi.json") { _, _ in
            Response.text(WebPage.string(PackageResources.openapi_json), contentType: "application/json; charset=utf-8")
        }
    }

    // MARK: - Search

    static let searchParameters: Set<String> = [
        "q", "country", "type", "source", "person", "weapon", "from", "to", "year", "sort", "offset", "limit",
        "facets", "facet", "facet_limit", "all_words", "collapse", "auto_correct", "snippet_chars", "format",
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
        search.filters = try filters(p)
        let format = try outputFormat(p)
        search.facets = try p.bool("facets", default: format == .json)
        if let list = try p.single("facet") {
            switch FacetKind.parseList(list) {
            case .success(let kinds) where !kinds.isEmpty:
                search.facetKinds = kinds
                search.facets = true
            case .success: break
            case .failure(let bad):
                throw .badRequest("unknown facet '\(String(bad.item.prefix(40)))' in 'facet': use \(FacetKind.allCases.map(\.rawValue).joined(separator: ", "))")
            }
        }
        search.facetLimit = try p.int("facet_limit", default: 20, in: 1...maxFacetLimit)
        search.allWords = try p.bool("all_words", default: false)
        search.collapse = try p.bool("collapse", default: true)
        search.autoCorrect = try p.bool("auto_correct", default: false)
        search.snippetChars = try snippetChars(p)
        return (search, format)
    }

    /// The filter parameters, as the CLI's filter flags.
    static func filters(_ p: QueryParameters) throws(APIError) -> SearchFilters {
        var filters = SearchFilters()
        filters.countries = p.all("country")
        filters.types = p.all("type")
        filters.sources = p.all("source")
        filters.persons = p.all("person")
        filters.weapons = p.all("weapon")
        filters.from = try p.single("from")
        filters.to = try p.single("to")
        if let year = try p.single("year") {
            guard year.count == 4, let y = Int(year), (1000...9999).contains(y) else {
                throw .badRequest("parameter 'year' must be a four-digit year, not '\(String(year.prefix(40)))'")
            }
            if filters.from != nil || filters.to != nil { throw .badRequest("'year' cannot be combined with 'from'/'to'") }
            filters.from = year
            filters.to = year
        }
        return filters
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

    /// `/api/doc/{id}?q=`: the object of `bulletin show ID --json` (whole text and metadata;
    /// with `q`, the matching words in `**`); `format=md` gives `show --format md`.
    func document(_ request: Request) async throws -> Response {
        let id = try Self.documentID(request, prefix: "/api/doc/")
        let parameters = try QueryParameters(request.uri.query)
        try parameters.check(known: ["q", "format"])
        let query = try parameters.single("q")
        let markdown: Bool
        switch try parameters.single("format") {
        case nil, "json": markdown = false
        case "md": markdown = true
        case let other?: throw APIError.badRequest("parameter 'format' must be json or md, not '\(String(other.prefix(40)))'")
        }
        let view = try await pool.run { searcher throws -> DocumentView in
            // Looked up by id first: `show` alone would also take a file path.
            guard try searcher.document(id: id) != nil else { throw Self.unknown(id) }
            return try searcher.show(id, query: query)
        }
        if markdown { return Response.text(DocumentRenderer().markdown(view), contentType: "text/markdown; charset=utf-8") }
        return Response.json(view.json)
    }

    // MARK: - Stats and timeline

    /// `/api/stats?top=`: the object of `bulletin stats --json`.
    func stats(_ request: Request) async throws -> Response {
        let parameters = try QueryParameters(request.uri.query)
        try parameters.check(known: ["top"])
        let top = try parameters.int("top", default: 10, in: 1...Self.maxFacetLimit)
        let stats = try await pool.run { searcher throws(BulletinError) in try searcher.stats(facetLimit: top) }
        return Response.json(stats.json)
    }

    static let timelineParameters: Set<String> = [
        "q", "country", "type", "source", "person", "weapon", "from", "to", "year", "by", "split", "top", "all_words", "collapse", "format",
    ]

    /// `/api/timeline?q=&…&by=month`: the object of `bulletin timeline --json`; `format=svg`
    /// gives the chart `--svg` writes.
    func timeline(_ request: Request) async throws -> Response {
        let p = try QueryParameters(request.uri.query)
        try p.check(known: Self.timelineParameters)
        var timeline = TimelineRequest(query: try p.single("q") ?? "")
        timeline.filters = try Self.filters(p)
        if let by = try p.single("by") {
            guard let period = TimelinePeriod(rawValue: by) else {
                throw APIError.badRequest("parameter 'by' must be month, quarter or year, not '\(String(by.prefix(40)))'")
            }
            timeline.by = period
        }
        if let split = try p.single("split") {
            guard let kind = TimelineSplit(rawValue: split) else {
                throw APIError.badRequest("parameter 'split' must be country, type or source, not '\(String(split.prefix(40)))'")
            }
            timeline.split = kind
        }
        timeline.top = try p.int("top", default: 5, in: 1...12)
        timeline.allWords = try p.bool("all_words", default: false)
        timeline.collapse = try p.bool("collapse", default: false)
        let svg: Bool
        switch try p.single("format") {
        case nil, "json": svg = false
        case "svg": svg = true
        case let other?: throw APIError.badRequest("parameter 'format' must be json or svg, not '\(String(other.prefix(40)))'")
        }
        let request = timeline
        let result = try await pool.run { searcher throws(BulletinError) in try searcher.timeline(request) }
        if svg { return Response.text(TimelineSVG().render(result, filters: request.filters), contentType: "image/svg+xml; charset=utf-8") }
        return Response.json(result.json)
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
}
