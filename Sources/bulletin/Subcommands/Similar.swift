import ArgumentParser
import BulletinSearch
import Foundation

extension Bulletin {
    struct Similar: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "similar",
            abstract: "Show bulletins like a given one (more-like-this).",
            discussion: """
                Takes the bulletin's id (as shown in search hits) or the path of an indexed file. \
                The query is the bulletin's 25 most characteristic words (Xapian's relevance-set \
                expansion); the bulletin itself is left out. Unknown id or path: exit 2.
                """)

        @Argument(help: ArgumentHelp("The bulletin: its id or its file path.", valueName: "ID|PATH"))
        var target: String

        @OptionGroup var location: IndexLocation

        @Option(help: "Hits per page.")
        var limit: Int = 10

        @OptionGroup var output: OutputOptions

        func validate() throws {
            if limit < 0 || limit > SearchRequest.maxLimit { throw ValidationError("--limit must be between 0 and \(SearchRequest.maxLimit)") }
        }

        func run() throws {
            let searcher = try Searcher(indexPath: location.path)
            let response = try searcher.similar(to: target, limit: limit, snippetChars: output.snippetLength)
            try output.print(response)
        }
    }
}
