import ArgumentParser
import BulletinSearch
import Foundation

extension Bulletin {
    struct WatchCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "watch",
            abstract: "Saved searches that show what is new since their last run.",
            discussion: """
                A watch remembers how far into the index's indexing sequence its last run reached: \
                `watch run` shows the matching documents added (or re-indexed with new content) \
                since then, whatever their publication date, and marks them seen. Watches live in \
                bulletin-watches.json inside the index directory.
                """,
            subcommands: [Add.self, List.self, Remove.self, Run.self])

        struct Add: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "add", abstract: "Save a search under a name.")

            @Argument(help: "The watch's name.")
            var name: String

            @Argument(help: "The query, as for `search` (may be empty when filters are given).")
            var query: String = ""

            @OptionGroup var location: IndexLocation
            @OptionGroup var filterOptions: FilterOptions

            @Flag(help: "Require every word (strict AND).")
            var allWords = false

            func run() throws {
                let searcher = try Searcher(indexPath: location.path)
                let watch = Watch(name: name, query: query, filters: filterOptions.filters, allWords: allWords,
                                  seenSequence: try searcher.lastSequence())
                // The query and filters must run (unknown countries, bad syntax: exit 2 now, not at every run).
                var check = watch.request
                check.limit = 0
                check.snippetChars = nil
                if query.trimmingCharacters(in: .whitespaces).isEmpty && filterOptions.isEmpty {
                    throw ValidationError("give a query, or filters such as --country IN --type delivery")
                }
                let matches = try searcher.search(check).total
                try WatchStore(indexPath: location.path).add(watch)
                print("watch «\(name)» saved: \(matches) \(matches == 1 ? "document matches" : "documents match") now; `bulletin watch run \(name)` will show those indexed from now on")
            }
        }

        struct List: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "list", abstract: "List the saved watches.")

            @OptionGroup var location: IndexLocation

            @Flag(help: "JSON output.")
            var json = false

            func run() throws {
                try IndexLocation.requireIndex(location.path)
                let watches = try WatchStore(indexPath: location.path).list()
                if json {
                    let encoder = JSONEncoder()
                    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
                    print(String(decoding: try encoder.encode(watches), as: UTF8.self))
                    return
                }
                if watches.isEmpty { print("No watches."); return }
                for watch in watches {
                    var what = watch.query.isEmpty ? [] : ["«\(watch.query)»"]
                    what += FilterText.describe(watch.filters)
                    print("\(watch.name): \(what.joined(separator: ", ")) · last run \(watch.lastRun ?? "never") · seen through #\(watch.seenSequence)")
                }
            }
        }

        struct Remove: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "remove", abstract: "Delete a saved watch.")

            @Argument(help: "The watch's name.")
            var name: String

            @OptionGroup var location: IndexLocation

            func run() throws {
                try IndexLocation.requireIndex(location.path)
                try WatchStore(indexPath: location.path).remove(name)
                print("watch «\(name)» removed")
            }
        }

        struct Run: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "run", abstract: "Show what is new for a watch (or all), then mark it seen.")

            @Argument(help: "The watch's name (or --all).")
            var name: String?

            @Flag(help: "Run every watch.")
            var all = false

            @OptionGroup var location: IndexLocation

            @Option(help: ArgumentHelp("Instead of what is new since the last run: what was indexed on or after this day (YYYY, YYYY-MM or YYYY-MM-DD).", valueName: "DATE"))
            var since: String?

            @Flag(help: "Show without marking as seen.")
            var dryRun = false

            @Option(help: "Most hits shown per watch (all of them are marked seen).")
            var limit: Int = 100

            @OptionGroup var output: OutputOptions

            func validate() throws {
                if (name == nil) == !all { throw ValidationError("give a watch name or --all") }
                if limit < 0 || limit > 10_000 { throw ValidationError("--limit must be between 0 and 10000") }
                if let since, DateBound.lower(since) == nil { throw ValidationError("bad --since date '\(since)': use YYYY, YYYY-MM or YYYY-MM-DD") }
            }

            func run() throws {
                let store = WatchStore(indexPath: location.path)
                let searcher = try Searcher(indexPath: location.path)
                let watches = all ? try store.list() : [try store.watch(named: name!)]
                if all && watches.isEmpty && output.resolved == .text { print("No watches.") }
                for (i, watch) in watches.enumerated() {
                    let result = try searcher.run(watch, since: since, limit: limit, snippetChars: output.snippetLength)
                    if output.resolved == .text {
                        if i > 0 { print("") }
                        let window = since.map { "indexed since \($0)" } ?? "new since " + (watch.lastRun ?? "it was saved (\(watch.created))")
                        print("watch «\(watch.name)»: \(result.response.total) \(window)\(dryRun ? " (dry run: not marked seen)" : "")")
                    }
                    if output.resolved != .text || result.response.total > 0 {
                        Terminal.flushStandardOutput()
                        try output.print(result.response, filters: watch.filters)
                    }
                    if !dryRun { try store.markSeen(watch.name, through: result.throughSequence) }
                }
            }
        }
    }
}

enum FilterText {
    static func describe(_ filters: SearchFilters) -> [String] {
        var parts: [String] = []
        for (label, values) in [("country", filters.countries), ("type", filters.types), ("source", filters.sources),
                                ("person", filters.persons), ("weapon", filters.weapons)] where !values.isEmpty {
            parts.append("\(label) \(values.joined(separator: " or "))")
        }
        if filters.from != nil || filters.to != nil { parts.append("date \(filters.from ?? "…")..\(filters.to ?? "…")") }
        return parts
    }
}

extension IndexLocation {
    /// Watch files live in an index: refuse a path that is none (exit 3), as a search would.
    static func requireIndex(_ path: String) throws {
        _ = try Searcher(indexPath: path)
    }
}
