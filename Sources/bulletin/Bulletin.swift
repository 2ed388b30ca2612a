import ArgumentParser
import BulletinSearch
import Foundation

/// `bulletin`: full-text search over Russian defence-cooperation bulletins.
@main
struct Bulletin: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bulletin",
        abstract: "Full-text search over Russian defence-cooperation news bulletins (Xapian).",
        discussion: """
            Exit codes: 0 ok (also for zero hits), 1 runtime failure, 2 usage or query syntax error,
            3 index missing, locked or corrupt, 4 indexing finished but some files were rejected,
            129/130/143 indexing stopped by SIGHUP/SIGINT/SIGTERM after committing the work done.
            """,
        version: "0.1.0",
        subcommands: [Index.self, Search.self, Similar.self, Show.self, Stats.self, TimelineCommand.self, WatchCommand.self, Extract.self, Check.self, Compact.self, Eval.self, Serve.self],
        defaultSubcommand: nil
    )

    /// Parses, runs, and maps every outcome to the documented exit codes: the one place that
    /// decides them (ArgumentParser's own usage errors become 2, not its default 64). A
    /// failed write to stdout is exit 1, never 0 with nothing printed.
    static func main() {
        let code: Int32
        do {
            // `bulletin search` is most runs, and short: its usual arguments are read without
            // ArgumentParser's reflection (a quarter of such a process). Anything the fast
            // reader does not know (help, errors, `--`) goes through ArgumentParser.
            let arguments = Array(CommandLine.arguments.dropFirst())
            if arguments.first == "serve" {
                try Serve.exec(Array(arguments.dropFirst()))
            } else if let options = SearchOptions.fastParse(arguments) {
                try options.run()
            } else {
                var command = try parseAsRoot(Self.queryWordsAsArguments(arguments))
                try command.run()
            }
            code = 0
        } catch let error as BulletinError {
            Terminal.flushStandardOutput()
            // Rejected files were named one per line already.
            switch error {
            case .filesRejected: break
            // The library names no command; the CLI says which one builds an index.
            case .indexMissing(let path): Terminal.error("no index at \(path.escapedForTerminal): run `bulletin index PATH --index \(path.escapedForTerminal)` first")
            case .emptyPruneRoot: Terminal.error(error.description + " with `--force`")
            default: Terminal.error(error.description)
            }
            code = error.exitCode
        } catch let exit as ExitCode {
            code = exit.rawValue
        } catch {
            let parsed = exitCode(for: error)
            if parsed == .success {
                // --help, --version
                print(fullMessage(for: error))
                code = 0
            } else {
                Terminal.error(message(for: error))
                code = parsed == .validationFailure ? 2 : parsed.rawValue
            }
        }
        if !Terminal.flushStandardOutput() {
            Terminal.error("cannot write to standard output: \(String(cString: strerror(errno)))")
            Foundation.exit(code == 0 ? 1 : code)
        }
        Foundation.exit(code)
    }
}

extension Bulletin {
    /// `bulletin search -Китай --index I` → `search --index I -- -Китай`: an excluded query
    /// word (a single dash before a non-ASCII letter, a quote or a parenthesis, or a
    /// `-field:value`) is not an option, but ArgumentParser would take it for one. Moved
    /// behind `--`, it reaches the query (the words are joined in order).
    static func queryWordsAsArguments(_ arguments: [String]) -> [String] {
        guard arguments.first == "search" else { return arguments }
        let end = arguments.firstIndex(of: "--") ?? arguments.endIndex
        var kept: [String] = [], moved: [String] = []
        for argument in arguments[..<end] {
            if isExcludedWord(argument) { moved.append(argument) } else { kept.append(argument) }
        }
        guard !moved.isEmpty else { return arguments }
        let after = end < arguments.endIndex ? Array(arguments[arguments.index(after: end)...]) : []
        return kept + ["--"] + after + moved
    }

    static func isExcludedWord(_ argument: String) -> Bool {
        let scalars = Array(argument.unicodeScalars)
        guard scalars.count >= 2, scalars[0] == "-", scalars[1] != "-" else { return false }
        let second = scalars[1]
        if !second.isASCII || second == "\"" || second == "(" { return true }
        return argument.dropFirst().contains(":")
    }
}

/// The index location shared by every subcommand.
struct IndexLocation: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Index directory (default: $BULLETIN_INDEX, else ./Index).", valueName: "DIR"))
    var index: String?

    var path: String { Self.path(index) }

    static func path(_ index: String?) -> String { BulletinSearch.IndexLocation.path(index) }
}

enum Terminal {
    static var stdoutIsTerminal: Bool { isatty(STDOUT_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil }
    static var stderrIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }

    /// `bulletin: message` on stderr, one line.
    static func error(_ message: String) {
        stderr("bulletin: \(message.oneLine)\n")
    }

    /// Writes to stderr with write(2). A closed or full stderr is not a crash: the text is
    /// dropped and the exit code still tells what happened.
    static func stderr(_ text: String) {
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeMutableBytes { Foundation.write(STDERR_FILENO, $0.baseAddress! + offset, $0.count - offset) }
            if written < 0 && errno == EINTR { continue }
            if written <= 0 { return }
            offset += written
        }
    }

    /// Writes `data` to stdout after what `print` buffered; a failed write (stdout closed, a
    /// full disk, /dev/full) is a runtime error (exit 1), never a crash or a silent exit 0.
    /// A closed pipe ends the process quietly by SIGPIPE, as for any Unix filter.
    static func stdout(_ data: Data) throws {
        guard flushStandardOutput() else { throw BulletinError.runtime("cannot write to standard output: \(String(cString: strerror(errno)))") }
        var offset = 0
        while offset < data.count {
            let written = data.withUnsafeBytes { Foundation.write(STDOUT_FILENO, $0.baseAddress! + offset, $0.count - offset) }
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else { throw BulletinError.runtime("cannot write to standard output: \(String(cString: strerror(errno)))") }
            offset += written
        }
    }

    /// Flushes stdout (what `print` buffered); false when that write failed (stdout closed,
    /// a full disk, /dev/full). (`fflush(NULL)`: Swift 6 does not let the code name C's
    /// `stdout` global; stderr is unbuffered, so this flushes stdout only.)
    @discardableResult
    static func flushStandardOutput() -> Bool {
        fflush(nil) == 0
    }
}
