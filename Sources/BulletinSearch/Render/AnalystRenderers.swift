import Foundation

// Text, JSON and Markdown for `show`, `stats` and `timeline` (SVG charts: TimelineSVG).

// MARK: - JSON (keys in the documented order)

extension NamedValue {
    public var json: JSON { .object([("value", .string(value)), ("name", .string(name))]) }
}

extension DocumentView {
    public var json: JSON {
        .object([
            ("id", .string(id)),
            ("path", .optional(path)),
            ("url", .optional(url)),
            ("date", .optional(date)),
            ("date_source", .string(dateSource)),
            ("title", .string(title)),
            ("source", .optional(source)),
            ("origin", .optional(origin)),
            ("countries", .array(countries.map(\.json))),
            ("venue", venue?.json ?? .null),
            ("types", .array(types.map(\.json))),
            ("pairs", .strings(pairs)),
            ("persons", .strings(persons)),
            ("organisations", .strings(organisations)),
            ("weapons", .strings(weapons)),
            ("duplicates", .strings(duplicates)),
            ("sequence", sequence.map(JSON.int) ?? .null),
            ("query", .optional(query)),
            ("highlights", .int(highlights)),
            ("text", .string(text)),
        ])
    }
}

extension IndexStats {
    public var json: JSON {
        .object([
            ("index", .string(indexPath)),
            ("documents", .int(documents)),
            ("first_date", .optional(firstDate)),
            ("last_date", .optional(lastDate)),
            ("undated", .int(undated)),
            ("years", .array(years.map { .object([("value", .string($0.value)), ("count", .int($0.count))]) })),
            ("facets", facets.json),
            ("size_bytes", .int(Int(sizeBytes))),
            ("last_indexed", .optional(lastIndexed)),
            ("schema_version", .string(schemaVersion)),
            ("last_sequence", .int(lastSequence)),
        ])
    }
}

extension Timeline {
    public var json: JSON {
        .object([
            ("query", .string(query)),
            ("by", .string(by.rawValue)),
            ("split", split.map { .string($0.rawValue) } ?? .null),
            ("total", .int(total)),
            ("undated", .int(undated)),
            ("periods", .strings(periods)),
            ("totals", .array(totals.map(JSON.int))),
            ("series", .array(series.map { s in
                .object([("value", .string(s.value)), ("name", .string(s.name)), ("total", .int(s.total)),
                         ("counts", .array(s.counts.map(JSON.int)))])
            })),
        ])
    }
}

// MARK: - show

/// A whole document for a terminal (`text`) or a note (`md`).
public struct DocumentRenderer {
    /// Text: ANSI bold instead of `**`.
    public var ansi = false
    public var width = 100

    public init() {}

    public func text(_ view: DocumentView) -> String {
        let plain = TextRenderer(ansi: ansi)
        var lines: [String] = []
        lines.append(plain.bold([view.date ?? "(no date)", view.source ?? "", view.title].filter { !$0.isEmpty }.joined(separator: " · ")))
        lines.append("")
        for (label, value) in metadata(view) { lines.append("\(label): \(value)") }
        lines.append("")
        for paragraph in view.text.split(separator: "\n") {
            lines += plain.wrap(plain.highlight(String(paragraph)), width: width)
            lines.append("")
        }
        if lines.last == "" { lines.removeLast() }
        return lines.joined(separator: "\n")
    }

    /// Label and value lines, Russian labels; empty fields left out.
    func metadata(_ view: DocumentView) -> [(String, String)] {
        var out: [(String, String)] = [("id", view.id)]
        if let path = view.path { out.append(("Файл", path)) }
        if let url = view.url { out.append(("Адрес", url)) }
        out.append(("Дата", (view.date ?? "нет") + " (\(view.dateSource))"))
        if let origin = view.origin { out.append(("Первоисточник", origin)) }
        if !view.countries.isEmpty { out.append(("Страны", view.countries.map { "\($0.name) (\($0.value))" }.joined(separator: ", "))) }
        if !view.pairs.isEmpty { out.append(("Пары", view.pairs.joined(separator: ", "))) }
        if let venue = view.venue { out.append(("Место", venue.name)) }
        if !view.types.isEmpty { out.append(("Типы", view.types.map(\.name).joined(separator: ", "))) }
        if !view.persons.isEmpty { out.append(("Персоны", view.persons.joined(separator: ", "))) }
        if !view.organisations.isEmpty { out.append(("Организации", view.organisations.joined(separator: ", "))) }
        if !view.weapons.isEmpty { out.append(("Вооружение", view.weapons.joined(separator: ", "))) }
        if !view.duplicates.isEmpty { out.append(("Та же новость", view.duplicates.joined(separator: ", "))) }
        if let query = view.query { out.append(("Запрос", "«\(query)», совпадений: \(view.highlights)")) }
        return out
    }

    /// A Markdown note: the title as a heading, the metadata as a list, the text as
    /// paragraphs (escaped; the query's matches bold), the reference last.
    public func markdown(_ view: DocumentView) -> String {
        var lines = ["## " + Markdown.escape(view.title), ""]
        var head = ["**" + (view.date ?? "без даты") + "**"]
        if let source = view.source { head.append(Markdown.escape(source)) }
        if !view.countries.isEmpty { head.append(view.countries.map { Markdown.escape($0.name) }.joined(separator: ", ")) }
        if !view.types.isEmpty { head.append(view.types.map { Markdown.escape($0.name) }.joined(separator: ", ")) }
        lines.append(head.joined(separator: " · "))
        lines.append("")
        for (label, value) in metadata(view) where !["id", "Файл", "Адрес", "Дата", "Страны", "Типы"].contains(label) {
            lines.append("- \(label): " + Markdown.escape(value))
        }
        if lines.last != "" { lines.append("") }
        for paragraph in view.text.split(separator: "\n") {
            lines.append(Markdown.escapeSnippet(String(paragraph)))
            lines.append("")
        }
        var reference = [Markdown.escape(view.id)]
        if let path = view.path { reference.append(Markdown.escape(path)) }
        if let url = view.url { reference.append(Markdown.link(url)) }
        lines.append("Источник: " + reference.joined(separator: " · "))
        return lines.joined(separator: "\n")
    }
}

// MARK: - stats

public enum StatsRenderer {
    public static func text(_ stats: IndexStats) -> String {
        var lines: [String] = []
        let range = stats.firstDate.map { "\($0) – \(stats.lastDate ?? $0)" } ?? "no dates"
        lines.append("\(stats.documents) \(stats.documents == 1 ? "document" : "documents") in \(stats.indexPath), \(range); \(stats.undated) without a date")
        lines.append("Size \(byteCount(stats.sizeBytes)), last indexed \(stats.lastIndexed ?? "never"), schema \(stats.schemaVersion), sequence \(stats.lastSequence)")
        if !stats.years.isEmpty {
            lines.append("")
            let most = stats.years.map(\.count).max() ?? 1
            for year in stats.years {
                let bar = Bars.bar(Double(year.count) / Double(max(most, 1)) * 50)
                lines.append("\(year.value)  \(String(year.count).leftPad(String(most).count))  \(bar)")
            }
        }
        lines.append("")
        for kind in FacetKind.allCases where kind != .year && !stats.facets[kind].isEmpty {
            lines.append("\(kind.label): " + stats.facets[kind].map { "\(kind == .pair ? $0.value : $0.name) \($0.count)" }.joined(separator: " · "))
        }
        return lines.joined(separator: "\n")
    }

    /// `12.3 MB` (decimal units).
    static func byteCount(_ bytes: Int64) -> String {
        let units = ["B", "KB", "MB", "GB", "TB"]
        var value = Double(bytes)
        var unit = 0
        while value >= 1000, unit < units.count - 1 {
            value /= 1000
            unit += 1
        }
        return unit == 0 ? "\(bytes) B" : String(format: "%.1f %@", value, units[unit])
    }
}

// MARK: - timeline (terminal)

enum Bars {
    static let eighths: [Character] = [" ", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]

    /// A bar `cells` wide in full blocks and one eighth-block remainder.
    static func bar(_ cells: Double) -> String {
        let eighthsTotal = Int((max(0, cells) * 8).rounded())
        var out = String(repeating: "█", count: eighthsTotal / 8)
        if eighthsTotal % 8 > 0 { out.append(eighths[eighthsTotal % 8]) }
        return out
    }

    /// Fill characters of stacked series, in order (then repeated).
    static let shades: [Character] = ["█", "▓", "▒", "░", "▚", "▞", "▤", "▥"]
}

public struct TimelineRenderer {
    /// The terminal width the chart fits.
    public var width = 80

    public init() {}

    /// One row per period: label, a bar (stacked by series with a split, one shade each), the
    /// count of documents; a legend for a split. Fits `width` columns.
    public func text(_ timeline: Timeline, filters: SearchFilters = SearchFilters()) -> String {
        var lines = [title(timeline, filters: filters)]
        guard !timeline.periods.isEmpty else {
            lines.append(timeline.total == 0 ? "No matching documents." : "No dated documents among the \(timeline.total) matches.")
            return lines.joined(separator: "\n")
        }
        let labelWidth = timeline.periods.map(\.count).max() ?? 4
        let split = timeline.split != nil
        let rowSums = timeline.periods.indices.map { i in split ? timeline.series.reduce(0) { $0 + $1.counts[i] } : timeline.totals[i] }
        let countWidth = String(timeline.totals.max() ?? 0).count
        let barWidth = max(10, width - labelWidth - countWidth - 4)
        let most = Double(max(rowSums.max() ?? 1, 1))
        for (i, period) in timeline.periods.enumerated() {
            var bar = ""
            if split {
                // Cumulative boundaries rounded once, so the pieces add up to the whole bar.
                var cumulative = 0
                var drawn = 0
                for (s, series) in timeline.series.enumerated() {
                    cumulative += series.counts[i]
                    let end = Int((Double(cumulative) / most * Double(barWidth)).rounded())
                    bar += String(repeating: Bars.shades[s % Bars.shades.count], count: max(0, end - drawn))
                    drawn = max(drawn, end)
                }
            } else {
                bar = Bars.bar(Double(rowSums[i]) / most * Double(barWidth))
            }
            let padding = String(repeating: " ", count: max(0, barWidth - bar.count))
            lines.append("\(period.padding(toLength: labelWidth, withPad: " ", startingAt: 0))  \(bar)\(padding) \(String(timeline.totals[i]).leftPad(countWidth))")
        }
        if split {
            lines.append("")
            var legend = ""
            for (s, series) in timeline.series.enumerated() {
                let item = "\(Bars.shades[s % Bars.shades.count]) \(series.name) \(series.total)"
                if !legend.isEmpty, legend.count + 3 + item.count > width {
                    lines.append(legend)
                    legend = ""
                }
                legend += (legend.isEmpty ? "" : "   ") + item
            }
            if !legend.isEmpty { lines.append(legend) }
            lines.append("(a document with several \(splitNoun(timeline.split!)) counts in each; numbers are documents)")
        }
        return lines.joined(separator: "\n")
    }

    func splitNoun(_ split: TimelineSplit) -> String {
        switch split {
        case .country: return "countries"
        case .type: return "types"
        case .source: return "sources"
        }
    }

    /// `232 documents matching «…», country BY, by year (3 undated)`.
    func title(_ timeline: Timeline, filters: SearchFilters) -> String {
        var what = timeline.query.isEmpty ? [] : ["«\(timeline.query)»"]
        what += TextRenderer(ansi: false).describe(filters)
        var line = "\(timeline.total) \(timeline.total == 1 ? "document" : "documents")"
        if !what.isEmpty { line += " matching " + what.joined(separator: ", ") }
        line += ", by \(timeline.by.rawValue)"
        if let split = timeline.split { line += ", split by \(split.rawValue)" }
        if timeline.undated > 0 { line += " (\(timeline.undated) without a date)" }
        return line + ":"
    }
}
