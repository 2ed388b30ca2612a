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

        @Argument(help: "The query (may be empty when filters are given).")
        var query: String = ""

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

        @Flag(help: "Show facet counts (country, type, year, source, person, weapon, venue, pair) under the hits; always in --json.")
        var facets = false

        @Option(help: ArgumentHelp("Which facets to count, a comma list of country, type, year, source, person, weapon, venue, pair (implies --facets).", valueName: "LIST"))
        var facet: String?

        @Option(help: "Values shown per facet.")
        var facetLimit: Int = 20

        @Flag(help: "Show near-duplicate stories separately instead of collapsing them.")
        var noCollapse = false

        @Flag(help: "Run the spelling-corrected query when the index suggests one.")
        var autoCorrect = false

        @OptionGroup var output: OutputOptions

        func validate() throws {
            if query.trimmingCharacters(in: .whitespaces).isEmpty && filters.isEmpty {
                throw ValidationError("give a query, or filters such as --country IN --type delivery")
            }
            if limit < 0 || limit > SearchRequest.maxLimit { throw ValidationError("--limit must be between 0 and \(SearchRequest.maxLimit)") }
            if offset < 0 { throw ValidationError("--offset must not be negative") }
            if facetLimit < 1 { throw ValidationError("--facet-limit must be at least 1") }
            if let facet, case .failure(let bad) = FacetKind.parseList(facet) {
                throw ValidationError("unknown facet '\(bad.item)' in --facet: use \(FacetKind.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            if let sort, SearchSort(rawValue: sort) == nil { throw ValidationError("--sort must be relevance, date or -date, not '\(sort)'") }
            if let year, !(1000...9999).contains(year) { throw ValidationError("--year must be a four-digit year") }
            if year != nil && (from != nil || to != nil) { throw ValidationError("--year cannot be combined with --from/--to") }
        }

        /// The filter options as the library's filters.
        var filters: SearchFilters {
            var filters = SearchFilters()
            filters.countries = country
            filters.types = type
            filters.sources = source
            filters.persons = person
            filters.weapons = weapon
            filters.from = year.map(String.init) ?? from
            filters.to = year.map(String.init) ?? to
            return filters
        }

        func run() throws {
            let searcher = try Searcher(indexPath: location.path)
            var request = SearchRequest(query: query)
            request.limit = limit
            request.offset = offset
            request.sort = sort.flatMap(SearchSort.init(rawValue:))
            request.filters = filters
            request.allWords = allWords
            request.facets = facets || facet != nil || output.resolved == .json
            if let facet, case .success(let kinds) = FacetKind.parseList(facet), !kinds.isEmpty { request.facetKinds = kinds }
            request.snippetChars = output.snippetLength
            request.facetLimit = facetLimit
            request.collapse = !noCollapse
            request.autoCorrect = autoCorrect
            let response = try searcher.search(request)
            try output.print(response, filters: request.filters)
        }
    }
}
