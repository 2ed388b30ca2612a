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
            130/143 indexing stopped by SIGINT/SIGTERM after committing the work done.
            """,
        version: "0.1.0",
        subcommands: [Index.self, Search.self, Similar.self, Extract.self, Check.self, Eval.self],
        defaultSubcommand: nil
    )

    /// Parses, runs, and maps every failure to the documented exit codes (ArgumentParser's
    /// own usage errors become 2, not its default 64).
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let error as BulletinError {
            Terminal.error(error.description)
            Foundation.exit(error.exitCode)
        } catch let exit as ExitCode {
            Foundation.exit(exit.rawValue)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                // --help, --version
                print(fullMessage(for: error))
                Foundation.exit(0)
            }
            Terminal.error(message(for: error).oneLine)
            Foundation.exit(code == .validationFailure ? 2 : code.rawValue)
        }
    }
}

/// The index location shared by every subcommand.
struct IndexLocation: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Index directory (default: $BULLETIN_INDEX, else ./Index).", valueName: "DIR"))
    var index: String?

    var path: String {
        if let index { return index }
        if let env = ProcessInfo.processInfo.environment["BULLETIN_INDEX"], !env.isEmpty { return env }
        return "Index"
    }
}

enum Terminal {
    static var stdoutIsTerminal: Bool { isatty(STDOUT_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil }
    static var stderrIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }

    /// `bulletin: message` on stderr, one line.
    static func error(_ message: String) {
        FileHandle.standardError.write(Data("bulletin: \(message.oneLine)\n".utf8))
    }

    static func stderr(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}

extension String {
    var oneLine: String { split(whereSeparator: { $0.isNewline }).joined(separator: " ") }
}
