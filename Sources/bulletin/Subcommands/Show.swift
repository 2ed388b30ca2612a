import ArgumentParser
import BulletinSearch
import Foundation

extension Bulletin {
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Show one bulletin whole, with everything extracted from it.",
            discussion: """
                Takes the bulletin's id (as shown in search hits) or the path of an indexed file. \
                With --query, the words the query matches are highlighted as in snippets. \
                Unknown id or path: exit 2, naming the closest ids.
                """)

        enum Format: String, ExpressibleByArgument, CaseIterable {
            case text, json, md
        }

        @Argument(help: ArgumentHelp("The bulletin: its id or its file path.", valueName: "ID|PATH"))
        var target: String

        @OptionGroup var location: IndexLocation

        @Option(help: ArgumentHelp("text, json or md (a Markdown note).", valueName: "FORMAT"))
        var format: Format = .text

        @Flag(help: "Same as --format json.")
        var json = false

        @Option(help: ArgumentHelp("Highlight the words this query matches.", valueName: "QUERY"))
        var query: String?

        func validate() throws {
            if json && format != .text && format != .json { throw ValidationError("--json cannot be combined with --format \(format.rawValue)") }
        }

        func run() throws {
            let searcher = try Searcher(indexPath: location.path)
            let view = try searcher.show(target, query: query)
            var renderer = DocumentRenderer()
            renderer.ansi = Terminal.stdoutIsTerminal
            switch json ? .json : format {
            case .text: print(renderer.text(view))
            case .json: print(view.json.serialized())
            case .md: print(renderer.markdown(view))
            }
        }
    }

    struct Stats: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "stats",
            abstract: "What the index holds: documents, dates, top facet values, size.",
            discussion: """
                Counts are documents per value (near-duplicates not collapsed): the same totals \
                as `search --no-collapse` filtered on that value.
                """)

        @OptionGroup var location: IndexLocation

        @Flag(help: "JSON output.")
        var json = false

        @Option(help: "Values shown per facet.")
        var top: Int = 10

        func validate() throws {
            if !(1...1000).contains(top) { throw ValidationError("--top must be between 1 and 1000") }
        }

        func run() throws {
            let stats = try Searcher(indexPath: location.path).stats(facetLimit: top)
            print(json ? stats.json.serialized() : StatsRenderer.text(stats))
        }
    }
}
