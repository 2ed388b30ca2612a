import Foundation

/// Markdown text helpers shared by the note renderers.
public enum Markdown {
    /// Characters that CommonMark, GitHub and Obsidian give a meaning inside a line (emphasis,
    /// links, code, HTML, tags, tables, strikethrough, math, highlights, comments); each gets a
    /// backslash, which CommonMark defines for every ASCII punctuation character.
    static let specials: Set<Unicode.Scalar> = ["\\", "`", "*", "_", "[", "]", "<", ">", "#", "|", "~", "$", "&", "=", "%", "!"]

    /// `text` as literal Markdown inline text, on one line (whitespace runs become one space).
    public static func escape(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for c in text.unicodeScalars {
            if c.properties.isWhitespace || (c.value < 0x20) {
                pendingSpace = !out.isEmpty
                continue
            }
            if pendingSpace { out.append(" "); pendingSpace = false }
            if specials.contains(c) { out.append("\\") }
            out.append(c)
        }
        return String(out)
    }

    /// A snippet with `**` highlights: the text escaped, the highlights kept as bold.
    public static func escapeSnippet(_ snippet: String) -> String {
        let parts = snippet.components(separatedBy: "**")
        var out = ""
        for (i, part) in parts.enumerated() {
            let escaped = escape(part)
            let bold = i % 2 == 1 && i < parts.count - 1
            if bold && !escaped.isEmpty {
                out += "**" + escaped + "**"
            } else {
                // Keep the spaces around a highlight that `escape` trimmed (one, between two).
                let leading = part.first?.isWhitespace == true && !out.isEmpty
                let trailing = part.last?.isWhitespace == true && i < parts.count - 1
                if escaped.isEmpty {
                    if leading || trailing { out += " " }
                } else {
                    out += (leading ? " " : "") + escaped + (trailing ? " " : "")
                }
            }
        }
        return out
    }

    /// An autolink for a web address that can be one, else the escaped text.
    static func link(_ url: String) -> String {
        let lower = url.lowercased()
        if (lower.hasPrefix("https://") || lower.hasPrefix("http://")),
           !url.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0 == "<" || $0 == ">" || $0.value < 0x20 }) {
            return "<\(url)>"
        }
        return escape(url)
    }
}

/// A Markdown note of search results, ready to paste into Obsidian or a wiki: a heading with
/// the query, the filters in words and the date of the search, one bullet per hit with a
/// footnote reference, and the footnotes (id, path or address, source) at the end. Country
/// and type names are Russian; titles and snippets are escaped.
public struct MarkdownRenderer {
    /// The date written as the date of the search.
    public var date: Date = Date()
    public var timeZone: TimeZone = .current

    public init() {}

    public func render(_ response: SearchResponse, filters: SearchFilters = SearchFilters()) -> String {
        var lines: [String] = []
        lines.append("## " + heading(response.query))
        lines.append("")
        var about = FilterWords.describe(filters)
        about.append("поиск \(SimpleDay.string(date, timeZone: timeZone))")
        let shown = response.hits.count
        let total = (response.totalIsExact ? "" : "≈") + String(response.total)
        about.append(shown == response.total ? "\(total) \(Russian.documents(response.total))"
                     : "\(shown) из \(total) \(Russian.documents(response.total))")
        lines.append(Markdown.escape(about.joined(separator: " · ")))
        if response.hits.isEmpty {
            lines.append("")
            lines.append("Ничего не найдено.")
            return lines.joined(separator: "\n") + "\n"
        }
        lines.append("")
        for hit in response.hits { lines.append(bullet(hit)) }
        lines.append("")
        for hit in response.hits { lines.append(reference(hit)) }
        return lines.joined(separator: "\n") + "\n"
    }

    func heading(_ query: String) -> String {
        if query.hasPrefix("similar:") { return "Похожие на " + Markdown.escape(String(query.dropFirst("similar:".count))) }
        if query.trimmingWhitespace().isEmpty { return "Поиск по фильтрам" }
        return "«" + Markdown.escape(query) + "»"
    }

    func bullet(_ hit: SearchHit) -> String {
        var head = ["**" + (hit.date ?? "без даты") + "**"]
        if let source = hit.source { head.append(Markdown.escape(source)) }
        if !hit.countries.isEmpty { head.append(hit.countries.map { Markdown.escape(FacetValues.countryName($0)) }.joined(separator: ", ")) }
        if !hit.types.isEmpty { head.append(hit.types.map(FacetValues.typeName).joined(separator: ", ")) }
        var line = "- " + head.joined(separator: " · ") + " — " + Markdown.escape(hit.title)
        if !hit.snippet.isEmpty { line += " — " + Markdown.escapeSnippet(hit.snippet) }
        return line + " [^\(hit.rank)]"
    }

    func reference(_ hit: SearchHit) -> String {
        var parts = [Markdown.escape(hit.id)]
        if let path = hit.path { parts.append(Markdown.escape(path)) }
        if let url = hit.url { parts.append(Markdown.link(url)) }
        if let source = hit.source { parts.append(Markdown.escape(source)) }
        return "[^\(hit.rank)]: " + parts.joined(separator: " · ")
    }
}

/// Filters in Russian words, for notes and chart titles: `страна: Беларусь или Куба`.
enum FilterWords {
    static func describe(_ filters: SearchFilters) -> [String] {
        var parts: [String] = []
        let countries = filters.countries.flatMap(Searcher.splitList).map { FacetValues.country($0).map(FacetValues.countryName) ?? $0 }
        let types = filters.types.flatMap(Searcher.splitList).map { FacetValues.type($0).map(FacetValues.typeName) ?? $0 }
        for (label, values) in [("страна", countries), ("тип", types), ("источник", filters.sources.flatMap(Searcher.splitList)),
                                ("персона", filters.persons.flatMap(Searcher.splitList)), ("вооружение", filters.weapons.flatMap(Searcher.splitList))]
            where !values.isEmpty {
            parts.append("\(label): \(values.joined(separator: " или "))")
        }
        switch (filters.from, filters.to) {
        case (nil, nil): break
        case let (from?, to?) where from == to: parts.append("дата: \(from)")
        case let (from?, to?): parts.append("даты: \(from)–\(to)")
        case let (from?, nil): parts.append("с \(from)")
        case let (nil, to?): parts.append("по \(to)")
        }
        return parts
    }
}

enum Russian {
    /// `1 документ`, `2 документа`, `5 документов`.
    static func documents(_ n: Int) -> String { plural(n, "документ", "документа", "документов") }

    static func plural(_ n: Int, _ one: String, _ few: String, _ many: String) -> String {
        let tens = abs(n) % 100, units = abs(n) % 10
        if (11...14).contains(tens) { return many }
        if units == 1 { return one }
        if (2...4).contains(units) { return few }
        return many
    }
}

enum SimpleDay {
    /// `YYYY-MM-DD` of `date` in `timeZone`.
    static func string(_ date: Date, timeZone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let c = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0)
    }
}
