import ArgumentParser
import BulletinSearch
import Foundation

extension Bulletin {
    struct Search: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Search the index.",
            discussion: """
                Query syntax: words (all required), "exact phrases", AND / OR / NOT (any case), \
                -word to exclude, word* for prefixes, ( ) to group, title:word. \
                Hyphenated designations (Су-30МКИ, С-400) match whole or by their parts.
                """)

        @Argument(help: "The query.")
        var query: String

        @OptionGroup var location: IndexLocation

        @Option(help: "Hits per page.")
        var limit: Int = 10

        @Option(help: "Hits to skip (for paging).")
        var offset: Int = 0

        @Option(help: "relevance, date (oldest first) or -date (newest first).")
        var sort: String = "relevance"

        @Flag(help: "Print one JSON object instead of text.")
        var json = false

        func validate() throws {
            if limit < 0 || limit > 10_000 { throw ValidationError("--limit must be between 0 and 10000") }
            if offset < 0 { throw ValidationError("--offset must not be negative") }
            if SearchSort(rawValue: sort) == nil { throw ValidationError("--sort must be relevance, date or -date, not '\(sort)'") }
        }

        func run() throws {
            let searcher = try Searcher(indexPath: location.path)
            var request = SearchRequest(query: query)
            request.limit = limit
            request.offset = offset
            request.sort = SearchSort(rawValue: sort) ?? .relevance
            let response = try searcher.search(request)
            if json {
                print(JSONRenderer.render(response))
            } else {
                print(TextRenderer(ansi: Terminal.stdoutIsTerminal).render(response))
            }
        }
    }
}
