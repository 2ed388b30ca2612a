import Foundation

/// `bulletin extract` output: why a document got its facets.
public enum ExtractionRenderer {
    /// One JSON object, keys in the documented order.
    public static func json(_ meta: BulletinMetadata, path: String) -> JSON {
        .object([
            ("path", .string(path)),
            ("date", .optional(meta.date)),
            ("date_source", .string(meta.dateSource)),
            ("event_dates", .strings(meta.eventDates)),
            ("source", .optional(meta.source)),
            ("origin", .optional(meta.origin)),
            ("title", .string(meta.title)),
            ("countries", .strings(meta.countries)),
            ("venue", .optional(meta.venue)),
            ("country_mentions", .array(meta.countryMentions.map {
                .object([("code", .string($0.code)), ("form", .string($0.form)), ("offset", .int($0.offset))])
            })),
            ("types", .strings(meta.types)),
            ("persons", .array(meta.persons.map {
                .object([("name", .string($0.name)), ("as_written", .string($0.asWritten)), ("position", .optional($0.position))])
            })),
            ("organisations", .strings(meta.organisations)),
            ("weapons", .strings(meta.weapons)),
        ])
    }

    /// A readable block for a terminal.
    public static func text(_ meta: BulletinMetadata, path: String) -> String {
        func name(_ code: String) -> String { "\(code) \(CountryTable.info(code)?.name ?? "")" }
        var lines = [path.escapedForTerminal]
        lines.append("  date:          \(meta.date ?? "—") (\(meta.dateSource))" + (meta.eventDates.isEmpty ? "" : "; events \(meta.eventDates.joined(separator: ", "))"))
        lines.append("  source:        \(meta.source ?? "—")" + (meta.origin.map { "; origin \($0)" } ?? ""))
        lines.append("  title:         \(meta.title)")
        lines.append("  countries:     " + (meta.countries.isEmpty ? "—" : meta.countries.map(name).joined(separator: ", ")))
        lines.append("  venue:         " + (meta.venue.map(name) ?? "—"))
        let forms = Dictionary(grouping: meta.countryMentions, by: \.code).sorted { $0.key < $1.key }
            .map { "\($0.key): " + Set($0.value.map(\.form)).sorted().joined(separator: ", ") }
        if !forms.isEmpty { lines.append("  mentions:      " + forms.joined(separator: "; ")) }
        lines.append("  types:         " + (meta.types.isEmpty ? "—" : meta.types.joined(separator: ", ")))
        for person in meta.persons {
            lines.append("  person:        \(person.name)" + (person.asWritten != person.name ? " (as written: \(person.asWritten))" : "")
                         + (person.position.map { " — \($0)" } ?? ""))
        }
        if !meta.organisations.isEmpty { lines.append("  organisations: " + meta.organisations.joined(separator: ", ")) }
        if !meta.weapons.isEmpty { lines.append("  weapons:       " + meta.weapons.joined(separator: ", ")) }
        return lines.joined(separator: "\n")
    }
}
