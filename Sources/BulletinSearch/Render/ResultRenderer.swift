import Foundation

/// The output formats of a result list.
public enum OutputFormat: String, CaseIterable, Sendable {
    /// Readable text for a terminal.
    case text
    /// One JSON object: the query, totals, hits and facets.
    case json
    /// One hit object per line, nothing else.
    case jsonl
    /// A header row and one row per hit.
    case csv
    /// A Markdown note with footnote references.
    case md
}

/// Renders a result list in any `OutputFormat`; what a front end (the CLI, a web page) calls.
public struct ResultRenderer {
    /// Text: ANSI bold instead of `**`.
    public var ansi = false
    /// CSV: start with a UTF-8 byte order mark.
    public var byteOrderMark = false
    /// Whether hits carry snippets (CSV drops its snippet column without them).
    public var snippets = true
    /// Markdown: the date of the search.
    public var date = Date()

    public init() {}

    /// The bytes to write; text formats end with a newline.
    public func render(_ response: SearchResponse, as format: OutputFormat, filters: SearchFilters = SearchFilters()) throws -> Data {
        switch format {
        case .text: return Data((TextRenderer(ansi: ansi).render(response, filters: filters) + "\n").utf8)
        case .json: return Data((JSONRenderer.render(response) + "\n").utf8)
        case .jsonl: return Data(JSONRenderer.lines(response).utf8)
        case .csv:
            var csv = CSVRenderer()
            csv.byteOrderMark = byteOrderMark
            csv.snippets = snippets
            return try csv.render(response)
        case .md:
            var md = MarkdownRenderer()
            md.date = date
            return Data(md.render(response, filters: filters).utf8)
        }
    }
}
