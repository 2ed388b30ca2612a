import ArgumentParser
import BulletinSearch
import Foundation

extension OutputFormat: ExpressibleByArgument {}

/// `--format`, `--json`, `--snippet-chars`, `--no-snippet`, `--bom`: shared by the commands
/// that print result lists.
struct OutputOptions: ParsableArguments {
    @Option(help: ArgumentHelp("text, json, jsonl (one hit per line), csv or md (a Markdown note).", valueName: "FORMAT"))
    var format: OutputFormat?

    @Flag(help: "Same as --format json.")
    var json = false

    @Option(help: ArgumentHelp("Longest snippet, in characters.", valueName: "N"))
    var snippetChars: Int = SearchRequest.defaultSnippetChars

    @Flag(help: "Leave snippets out.")
    var noSnippet = false

    @Flag(help: "CSV: start with a UTF-8 byte order mark (for Excel).")
    var bom = false

    /// The parsed values, as the fast path of `search` also builds them.
    var settings: OutputSettings {
        OutputSettings(format: format, json: json, snippetChars: snippetChars, noSnippet: noSnippet, bom: bom)
    }

    var resolved: OutputFormat { settings.resolved }

    /// nil when snippets are off.
    var snippetLength: Int? { settings.snippetLength }

    func validate() throws { try settings.validate() }

    /// Writes `response` to stdout in the chosen format.
    func print(_ response: SearchResponse, filters: SearchFilters = SearchFilters()) throws {
        try settings.print(response, filters: filters)
    }
}

/// What `OutputOptions` holds, as plain values.
struct OutputSettings {
    var format: OutputFormat?
    var json = false
    var snippetChars = SearchRequest.defaultSnippetChars
    var noSnippet = false
    var bom = false

    var resolved: OutputFormat { format ?? (json ? .json : .text) }

    /// nil when snippets are off.
    var snippetLength: Int? { noSnippet ? nil : snippetChars }

    func validate() throws {
        if json, let format, format != .json { throw ValidationError("--json cannot be combined with --format \(format.rawValue)") }
        if !(1...5000).contains(snippetChars) { throw ValidationError("--snippet-chars must be between 1 and 5000") }
        if bom && resolved != .csv { throw ValidationError("--bom applies to --format csv only") }
    }

    /// Writes `response` to stdout in the chosen format.
    func print(_ response: SearchResponse, filters: SearchFilters = SearchFilters()) throws {
        var renderer = ResultRenderer()
        renderer.ansi = Terminal.stdoutIsTerminal
        renderer.byteOrderMark = bom
        renderer.snippets = !noSnippet
        try Terminal.stdout(try renderer.render(response, as: resolved, filters: filters))
    }
}
