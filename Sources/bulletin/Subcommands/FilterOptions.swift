import ArgumentParser
import BulletinSearch

/// The facet and date filters of `timeline` and `watch add` (`search` keeps the same flags as
/// plain fields for its fast argument reader, `SearchOptions.fastParse`).
struct FilterOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Partner country: ISO code or Russian name in any form (repeatable, or a comma list).", valueName: "COUNTRY"))
    var country: [String] = []

    @Option(help: ArgumentHelp("Document type: meeting, agreement, contract, delivery, exhibition, exercise, visit, test, production, statement, other (or Russian).", valueName: "TYPE"))
    var type: [String] = []

    @Option(help: ArgumentHelp("Source agency (ЦАМТО, ТАСС, …).", valueName: "SOURCE"))
    var source: [String] = []

    @Option(help: ArgumentHelp("Person: full name or surname.", valueName: "NAME"))
    var person: [String] = []

    @Option(help: ArgumentHelp("Weapon designation (Су-30МКИ, Su-30MKI, С-400).", valueName: "DESIGNATION"))
    var weapon: [String] = []

    @Option(help: ArgumentHelp("From date, inclusive: YYYY, YYYY-MM or YYYY-MM-DD.", valueName: "DATE"))
    var from: String?

    @Option(help: ArgumentHelp("To date, inclusive: YYYY, YYYY-MM or YYYY-MM-DD.", valueName: "DATE"))
    var to: String?

    @Option(help: ArgumentHelp("Only this year.", valueName: "YYYY"))
    var year: Int?

    var isEmpty: Bool { filters.isEmpty }

    var filters: SearchFilters {
        Self.filters(country: country, type: type, source: source, person: person, weapon: weapon, from: from, to: to, year: year)
    }

    func validate() throws { try Self.checkYear(year, from: from, to: to) }

    /// The library's filters from the flags' values (`--year Y` is the range Y..Y). `search`
    /// reads the same flags into plain fields and converts them here too.
    static func filters(country: [String], type: [String], source: [String], person: [String], weapon: [String],
                        from: String?, to: String?, year: Int?) -> SearchFilters {
        var f = SearchFilters()
        f.countries = country
        f.types = type
        f.sources = source
        f.persons = person
        f.weapons = weapon
        f.from = year.map(String.init) ?? from
        f.to = year.map(String.init) ?? to
        return f
    }

    /// `--year` is four digits and replaces `--from`/`--to`.
    static func checkYear(_ year: Int?, from: String?, to: String?) throws {
        if let year, !(1000...9999).contains(year) { throw ValidationError("--year must be a four-digit year") }
        if year != nil && (from != nil || to != nil) { throw ValidationError("--year cannot be combined with --from/--to") }
    }
}
