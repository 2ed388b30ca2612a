import ArgumentParser
import BulletinSearch
import Foundation

extension TimelinePeriod: ExpressibleByArgument {}
extension TimelineSplit: ExpressibleByArgument {}

extension Bulletin {
    struct TimelineCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "timeline",
            abstract: "Count matching bulletins over time: a bar chart, JSON series or an SVG file.",
            discussion: """
                The query and filters are those of `search` (an empty query with no filters \
                counts the whole index). Every period from the first to the last match is shown, \
                empty ones as zero. Documents are counted without collapsing near-duplicates, as \
                the year facet of `search` counts them.
                """)

        @Argument(help: "The query (may be empty).")
        var query: String = ""

        @OptionGroup var location: IndexLocation

        @OptionGroup var filterOptions: FilterOptions

        @Option(help: "month, quarter or year.")
        var by: TimelinePeriod = .year

        @Option(help: "One series per top value of: country, type or source.")
        var split: TimelineSplit?

        @Option(help: "Series shown with --split (the rest are «прочие»).")
        var top: Int = 5

        @Flag(help: "Require every word (strict AND).")
        var allWords = false

        @Option(help: ArgumentHelp("Also write the chart as a standalone SVG file.", valueName: "FILE"))
        var svg: String?

        @Flag(help: "JSON output (the series) instead of the chart.")
        var json = false

        func validate() throws {
            if !(1...12).contains(top) { throw ValidationError("--top must be between 1 and 12") }
        }

        func run() throws {
            var request = TimelineRequest(query: query)
            request.filters = filterOptions.filters
            request.by = by
            request.split = split
            request.top = top
            request.allWords = allWords
            let timeline = try Searcher(indexPath: location.path).timeline(request)
            if let svg {
                let data = Data(TimelineSVG().render(timeline, filters: request.filters).utf8)
                do {
                    try data.write(to: URL(fileURLWithPath: svg), options: .atomic)
                } catch {
                    throw BulletinError.runtime("cannot write \(svg): \((error as NSError).localizedDescription)")
                }
            }
            print(json ? timeline.json.serialized() : TimelineRenderer().text(timeline, filters: request.filters))
        }
    }
}
