import Foundation

/// Human-readable search output for a terminal or a pipe.
public struct TextRenderer {
    /// Highlight with ANSI bold (terminal) or keep `**…**` (pipe, file).
    public var ansi: Bool
    /// Column width for wrapping snippets.
    public var width: Int = 100
    /// Paths are shown relative to this directory when under it.
    public var currentDirectory: String = FileManager.default.currentDirectoryPath

    public init(ansi: Bool) { self.ansi = ansi }

    /// - Parameter filters: the command line's filters, named in the first line.
    public func render(_ response: SearchResponse, filters: SearchFilters = SearchFilters()) -> String {
        var lines: [String] = []
        let first = response.offset + 1
        let last = response.offset + response.hits.count
        var what = response.query.isEmpty ? [] : ["«\(response.query)»"]
        what += describe(filters)
        let subject = what.isEmpty ? "" : " for " + what.joined(separator: ", ")
        let total = (response.totalIsExact ? "" : "≈") + String(response.total)
        if response.hits.isEmpty {
            lines.append(response.total == 0 ? "No matches\(subject)."
                         : "\(total) matches\(subject); none at offset \(response.offset).")
        } else {
            let noun = response.total == 1 ? "match" : "matches"
            lines.append("\(total) \(noun)\(subject), showing \(first)–\(last):")
        }
        if let corrected = response.correctedQuery {
            lines.append("Возможно, вы имели в виду: \(corrected)")
        }
        for hit in response.hits {
            lines.append("")
            let head = [hit.date ?? "(no date)", hit.source ?? "", hit.title].filter { !$0.isEmpty }.joined(separator: " · ").escapedForTerminal
            lines.append("\(String(hit.rank).leftPad(3)). \(bold(head))")
            var facts: [String] = []
            if !hit.countries.isEmpty { facts.append(hit.countries.joined(separator: " ")) }
            if !hit.types.isEmpty { facts.append(hit.types.joined(separator: ", ")) }
            if !hit.weapons.isEmpty { facts.append(hit.weapons.joined(separator: ", ")) }
            if !hit.persons.isEmpty {
                facts.append(hit.persons.prefix(3).joined(separator: ", ") + (hit.persons.count > 3 ? " +\(hit.persons.count - 3)" : ""))
            }
            if !hit.duplicates.isEmpty { facts.append("+\(hit.duplicates.count) similar") }
            if !hit.matchedAll { facts.append("not all words") }
            if !facts.isEmpty { lines.append("     " + facts.joined(separator: " · ")) }
            lines.append("     " + displayPath(hit))
            for line in wrap(highlight(hit.snippet), width: width - 5).prefix(2) { lines.append("     " + line) }
        }
        if let facets = response.facets {
            lines.append("")
            for kind in FacetKind.allCases where !facets[kind].isEmpty {
                // Pairs by their codes (names would be two countries long each).
                lines.append("\(kind.label): " + facets[kind].map { "\(kind == .pair ? $0.value : $0.name) \($0.count)" }.joined(separator: " · "))
            }
        }
        return lines.joined(separator: "\n")
    }

    func describe(_ filters: SearchFilters) -> [String] {
        var parts: [String] = []
        for (label, values) in [("country", filters.countries), ("type", filters.types), ("source", filters.sources),
                                ("person", filters.persons), ("weapon", filters.weapons)] where !values.isEmpty {
            parts.append("\(label) \(values.joined(separator: " or "))")
        }
        if filters.from != nil || filters.to != nil {
            parts.append(filters.from == filters.to ? "date \(filters.from!)" : "date \(filters.from ?? "…")..\(filters.to ?? "…")")
        }
        return parts
    }

    /// The path (relative to the current directory when under it), else the URL or id;
    /// control characters in a file name are shown escaped, never sent to the terminal.
    func displayPath(_ hit: SearchHit) -> String {
        if let path = hit.path {
            let base = currentDirectory.hasSuffix("/") ? currentDirectory : currentDirectory + "/"
            return (path.hasPrefix(base) ? String(path.dropFirst(base.count)) : path).escapedForTerminal
        }
        return (hit.url ?? hit.id).escapedForTerminal
    }

    func bold(_ s: String) -> String { ansi ? "\u{1B}[1m\(s)\u{1B}[0m" : s }

    /// `**x**` → ANSI bold on a terminal; unchanged otherwise.
    func highlight(_ snippet: String) -> String {
        guard ansi else { return snippet }
        var out = ""
        var open = false
        var rest = Substring(snippet)
        while let range = rest.range(of: "**") {
            out += rest[..<range.lowerBound]
            out += open ? "\u{1B}[0m" : "\u{1B}[1m"
            open.toggle()
            rest = rest[range.upperBound...]
        }
        out += rest
        if open { out += "\u{1B}[0m" }
        return out
    }

    /// Greedy word wrap; ANSI escapes do not count towards the width.
    func wrap(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var line = ""
        var visible = 0
        for word in text.split(separator: " ") {
            // Characters, less the ANSI escapes (`ESC [ 1 m`, `ESC [ 0 m`: four characters each).
            let escapes = word.utf8.reduce(0) { $0 + ($1 == 0x1B ? 1 : 0) }
            let length = max(word.count - 4 * escapes, 0)
            if visible > 0, visible + 1 + length > width {
                lines.append(line)
                line = ""
                visible = 0
            }
            if visible > 0 { line += " "; visible += 1 }
            line += word
            visible += length
        }
        if !line.isEmpty { lines.append(line) }
        if lines.count > 2, ansi { lines[1] += "\u{1B}[0m" }
        return lines
    }
}

extension String {
    func leftPad(_ width: Int) -> String { count >= width ? self : String(repeating: " ", count: width - count) + self }
}
