import ArgumentParser
import BulletinSearch
import Foundation

extension Bulletin {
    struct Search: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "search",
            abstract: "Search the index.",
            discussion: """
                Query syntax: words (documents with all of them rank first, then those with most; \
                --all-words requires all), "exact phrases", AND / OR / NOT (any case), NEAR, \
                -word to exclude, word* for prefixes, ( ) to group, title:word. \
                Fields inside the query: country:BY страна:Индия type:contract тип:поставка \
                source:ЦАМТО источник:ТАСС person:Мищенко персона:"Олег Мищенко" weapon:Су-30МКИ \
                date:2019..2021 дата:2019-03-01..2019-06-30 year:2020 год:2020 (a leading - excludes). \
                Hyphenated designations (Су-30МКИ, С-400) match whole or by their parts.
                """)

        @Argument(help: ArgumentHelp("The query (may be empty when filters are given); several arguments are joined with spaces. A leading -word excludes: `bulletin search -Китай` lists every bulletin without it.", valueName: "query"))
        var words: [String] = []

        var query: String { words.joined(separator: " ") }

        @OptionGroup var location: IndexLocation

        @Option(help: "Hits per page.")
        var limit: Int = 10

        @Option(help: "Hits to skip (for paging).")
        var offset: Int = 0

        @Option(parsing: .unconditional, help: "relevance, date (oldest first) or -date (newest first). Default: relevance, or -date for filters alone.")
        var sort: String?

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

        @Flag(help: "Require every word (strict AND).")
        var allWords = false

        @Flag(help: "Count the facets country, type, year and source over every match and show them under the hits (in --json: \"facets\", \"facets_counted\": \"all\" and \"matches\"); --facet counts others.")
        var facets = false

        @Option(help: ArgumentHelp("Which facets to count, a comma list of country, type, year, source, person, weapon, venue, pair, or all (implies --facets).", valueName: "LIST"))
        var facet: String?

        @Option(help: "Values shown per facet.")
        var facetLimit: Int = 20

        @Flag(help: "Show near-duplicate stories separately instead of collapsing them.")
        var noCollapse = false

        @Flag(help: "Run the spelling-corrected query when the index suggests one.")
        var autoCorrect = false

        @OptionGroup var output: OutputOptions

        /// The parsed values as plain data.
        var options: SearchOptions {
            SearchOptions(query: query, index: location.index, limit: limit, offset: offset, sort: sort, country: country,
                          type: type, source: source, person: person, weapon: weapon, from: from, to: to, year: year,
                          allWords: allWords, facets: facets, facet: facet, facetLimit: facetLimit, noCollapse: noCollapse,
                          autoCorrect: autoCorrect, output: output.settings)
        }

        func validate() throws { try options.validateSearch() }

        func run() throws { try options.run() }
    }
}

/// The options of `bulletin search` as plain values: filled by ArgumentParser (`Search`) or,
/// for the usual command lines, by `fastParse`, which skips ArgumentParser's reflection.
struct SearchOptions {
    var query = ""
    var index: String?
    var limit = 10
    var offset = 0
    var sort: String?
    var country: [String] = []
    var type: [String] = []
    var source: [String] = []
    var person: [String] = []
    var weapon: [String] = []
    var from: String?
    var to: String?
    var year: Int?
    var allWords = false
    var facets = false
    /// `--facet LIST`: which facets to count (implies --facets).
    var facet: String?
    var facetLimit = 20
    var noCollapse = false
    var autoCorrect = false
    var output = OutputSettings()

    /// The checks of `Search.validate` (OutputOptions checks its own).
    func validateSearch() throws {
        // (What `trimmingCharacters(in: .whitespaces).isEmpty` says, without Foundation's CharacterSet.)
        let blank = query.unicodeScalars.allSatisfy { $0 == "\t" || $0.properties.generalCategory == .spaceSeparator }
        if blank && filters.isEmpty {
            throw ValidationError("give a query, or filters such as --country IN --type delivery")
        }
        // An empty value would silently search without the filter the analyst asked for.
        for (flag, values) in [("--country", country), ("--type", type), ("--source", source), ("--person", person), ("--weapon", weapon)]
        where values.contains(where: { $0.split(separator: ",").allSatisfy { $0.trimmingCharacters(in: .whitespaces).isEmpty } }) {
            throw ValidationError("\(flag) needs a value (it was given an empty one)")
        }
        for (flag, value) in [("--from", from), ("--to", to)] where value?.trimmingCharacters(in: .whitespaces).isEmpty == true {
            throw ValidationError("\(flag) needs a date (it was given an empty one)")
        }
        if limit < 0 || limit > SearchRequest.maxLimit { throw ValidationError("--limit must be between 0 and \(SearchRequest.maxLimit)") }
        if offset < 0 { throw ValidationError("--offset must not be negative") }
        if facetLimit < 1 { throw ValidationError("--facet-limit must be at least 1") }
        if let facet, case .failure(let bad) = FacetKind.parseList(facet) {
            throw ValidationError("unknown facet '\(bad.item)' in --facet: use \(FacetKind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        if let sort, SearchSort(rawValue: sort) == nil { throw ValidationError("--sort must be relevance, date or -date, not '\(sort)'") }
        try FilterOptions.checkYear(year, from: from, to: to)
    }

    /// The filter options as the library's filters.
    var filters: SearchFilters {
        FilterOptions.filters(country: country, type: type, source: source, person: person, weapon: weapon, from: from, to: to, year: year)
    }

    func run() throws {
        let searcher = try Searcher(indexPath: IndexLocation.path(index))
        var request = SearchRequest(query: query)
        request.limit = limit
        request.offset = offset
        request.sort = sort.flatMap(SearchSort.init(rawValue:))
        request.filters = filters
        request.allWords = allWords
        // Facets are counted on request only (--facets or --facet), in every format.
        request.facets = facets || facet != nil
        if let facet, case .success(let kinds) = FacetKind.parseList(facet), !kinds.isEmpty { request.facetKinds = kinds }
        request.snippetChars = output.snippetLength
        request.facetLimit = facetLimit
        request.collapse = !noCollapse
        request.autoCorrect = autoCorrect
        let response = try searcher.search(request)
        try output.print(response, filters: request.filters)
    }

    /// `search` arguments read without ArgumentParser, or nil for anything but the plain
    /// forms (`--name value`, `--name=value`, flags, one query) of the options above, valid:
    /// help, `--`, unknown or repeated options, a missing or malformed value, an option value
    /// starting with `-` (except `--sort -date`), a second query, or a failed check. For nil,
    /// the caller parses with ArgumentParser, which reports the problem as usual.
    static func fastParse(_ arguments: [String]) -> SearchOptions? {
        guard arguments.first == "search" else { return nil }
        var options = SearchOptions()
        var seen: [String] = []   // (arrays, not sets: a new generic type costs a runtime lookup at start)
        var haveQuery = false
        var i = 1
        while i < arguments.count {
            let argument = arguments[i]
            i += 1
            guard argument.hasPrefix("-") else {
                if haveQuery { return nil }
                options.query = argument
                haveQuery = true
                continue
            }
            var name = argument
            var inlineValue: String?
            if let equals = argument.firstIndex(of: "=") {
                name = String(argument[..<equals])
                inlineValue = String(argument[argument.index(after: equals)...])
            }
            func value() -> String? {
                if let inlineValue { return inlineValue }
                guard i < arguments.count else { return nil }
                let next = arguments[i]
                if next.hasPrefix("-") && !(name == "--sort" && next == "-date") { return nil }
                i += 1
                return next
            }
            func flag(_ set: (inout SearchOptions) -> Void) -> Bool {
                guard inlineValue == nil else { return false }
                set(&options)
                return true
            }
            if !["--country", "--type", "--source", "--person", "--weapon"].contains(name) {
                guard !seen.contains(name) else { return nil }
                seen.append(name)
            }
            switch name {
            case "--index": guard let v = value() else { return nil }; options.index = v
            case "--limit": guard let v = value().flatMap({ Int($0) }) else { return nil }; options.limit = v
            case "--offset": guard let v = value().flatMap({ Int($0) }) else { return nil }; options.offset = v
            case "--sort": guard let v = value() else { return nil }; options.sort = v
            case "--country": guard let v = value() else { return nil }; options.country.append(v)
            case "--type": guard let v = value() else { return nil }; options.type.append(v)
            case "--source": guard let v = value() else { return nil }; options.source.append(v)
            case "--person": guard let v = value() else { return nil }; options.person.append(v)
            case "--weapon": guard let v = value() else { return nil }; options.weapon.append(v)
            case "--from": guard let v = value() else { return nil }; options.from = v
            case "--to": guard let v = value() else { return nil }; options.to = v
            case "--year": guard let v = value().flatMap({ Int($0) }) else { return nil }; options.year = v
            case "--facet": guard let v = value() else { return nil }; options.facet = v
            case "--facet-limit": guard let v = value().flatMap({ Int($0) }) else { return nil }; options.facetLimit = v
            case "--format": guard let v = value().flatMap({ OutputFormat(rawValue: $0) }) else { return nil }; options.output.format = v
            case "--snippet-chars": guard let v = value().flatMap({ Int($0) }) else { return nil }; options.output.snippetChars = v
            case "--all-words": guard flag({ $0.allWords = true }) else { return nil }
            case "--facets": guard flag({ $0.facets = true }) else { return nil }
            case "--no-collapse": guard flag({ $0.noCollapse = true }) else { return nil }
            case "--auto-correct": guard flag({ $0.autoCorrect = true }) else { return nil }
            case "--json": guard flag({ $0.output.json = true }) else { return nil }
            case "--no-snippet": guard flag({ $0.output.noSnippet = true }) else { return nil }
            case "--bom": guard flag({ $0.output.bom = true }) else { return nil }
            default: return nil
            }
        }
        do {
            try options.validateSearch()
            try options.output.validate()
        } catch {
            return nil
        }
        return options
    }
}
