import ArgumentParser
import BulletinSearch
import Foundation

extension Bulletin {
    struct Index: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Index bulletin files (*.txt, recursively in directories).",
            discussion: "Prints `indexed N, updated U, unchanged K, removed R, failed F in T s` on stdout; each rejected file as `path: reason` on stderr (exit 4).")

        @Argument(help: ArgumentHelp("Files and directories to index.", valueName: "PATH"))
        var paths: [String]

        @OptionGroup var location: IndexLocation

        @Option(help: "Commit after this many changed documents.")
        var commitEvery: Int = 1000

        @Option(help: "Reject files larger than this many bytes.")
        var maxBytes: Int = 10 * 1024 * 1024

        @Flag(help: "No progress line.")
        var quiet = false

        @Flag(help: "Name each file as it is handled.")
        var verbose = false

        func validate() throws {
            if paths.isEmpty { throw ValidationError("give at least one file or directory to index") }
            if commitEvery < 1 { throw ValidationError("--commit-every must be at least 1") }
            if maxBytes < 1 { throw ValidationError("--max-bytes must be at least 1") }
        }

        func run() throws {
            var options = IndexOptions(indexPath: location.path)
            options.commitEvery = commitEvery
            options.maxBytes = maxBytes
            let indexer = try Indexer(options: options)
            let progress = ProgressLine(enabled: !quiet && !verbose && Terminal.stderrIsTerminal)
            let summary = try indexer.index(paths) { event in
                switch event {
                case .started(let total):
                    progress.start(total: total)
                case let .file(path, outcome, done, total, bytes):
                    if verbose { Terminal.stderr("\(outcome.label) \(path)\n") }
                    progress.update(done: done, total: total, bytes: bytes)
                }
            }
            progress.finish()
            for failure in summary.failures { Terminal.stderr("\(failure)\n") }
            print(summary.line)
            if summary.failed > 0 { throw ExitCode(4) }
        }
    }
}

extension FileOutcome {
    var label: String {
        switch self {
        case .indexed: return "indexed"
        case .updated: return "updated"
        case .unchanged: return "unchanged"
        case .failed(let reason): return "failed (\(reason))"
        }
    }
}

/// A progress line on stderr, redrawn at most ten times a second.
final class ProgressLine {
    private let enabled: Bool
    private var started = Date()
    private var lastDraw = Date.distantPast

    init(enabled: Bool) { self.enabled = enabled }

    func start(total: Int) { started = Date() }

    func update(done: Int, total: Int, bytes: Int) {
        guard enabled else { return }
        let now = Date()
        guard now.timeIntervalSince(lastDraw) >= 0.1 || done == total else { return }
        lastDraw = now
        let elapsed = max(now.timeIntervalSince(started), 0.001)
        let rate = Double(done) / elapsed
        let mbps = Double(bytes) / elapsed / 1_000_000
        let eta = rate > 0 ? Double(total - done) / rate : 0
        Terminal.stderr(String(format: "\r\u{1B}[K%d/%d files · %.0f docs/s · %.1f MB/s · ETA %.0f s", done, total, rate, mbps, eta))
    }

    func finish() {
        if enabled { Terminal.stderr("\r\u{1B}[K") }
    }
}
