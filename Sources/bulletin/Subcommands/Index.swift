import ArgumentParser
import BulletinSearch
import Foundation

extension Bulletin {
    struct Index: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "index",
            abstract: "Index bulletin files (*.txt, recursively in directories) and JSON-lines feeds.",
            discussion: """
                Incremental: unchanged files are skipped after a stat, changed ones replaced, new ones \
                added; run it again after any interruption to complete the work. Text may be UTF-8 \
                (with or without BOM), UTF-16 with BOM, Windows-1251 or KOI8-R.

                Prints `indexed N, updated U, unchanged K, removed R, failed F in T s` on stdout and \
                each rejected file or feed line as `path: reason` on stderr.

                Exit codes: 0 ok; 1 runtime failure; 2 usage error; 3 index locked, missing or \
                corrupt; 4 finished, but some files or feed lines were rejected; 129/130/143 stopped \
                by SIGHUP/SIGINT/SIGTERM after committing the work done so far (a second signal quits at \
                once; the index keeps its last commit).
                """)

        @Argument(help: ArgumentHelp("Files and directories to index.", valueName: "PATH"))
        var paths: [String] = []

        @OptionGroup var location: IndexLocation

        @Option(name: .customLong("jsonl"), help: ArgumentHelp(
            "A JSON-lines feed to index: one {\"id\", \"text\", \"date\"?, \"source\"?, \"url\"?, \"title\"?} per line; - reads stdin. Repeatable.",
            valueName: "FILE"))
        var feeds: [String] = []

        @Flag(help: "Remove documents whose files no longer exist under the given directories.")
        var prune = false

        @Flag(help: "With --prune: prune even a directory that holds no bulletin files (refused otherwise: an unmounted disk looks empty).")
        var force = false

        @Flag(help: "Read and hash every file, also those whose size and modification time are unchanged.")
        var checkContent = false

        @Flag(help: "Report what would change; write nothing.")
        var dryRun = false

        @Option(help: ArgumentHelp("Commit after this many changed documents (also after 64 MB of text).", valueName: "N"))
        var commitEvery: Int = 1000

        @Option(help: ArgumentHelp("Reject files larger than this many bytes.", valueName: "BYTES"))
        var maxBytes: Int = IndexOptions.defaultMaxBytes

        @Option(help: ArgumentHelp(
            "Threads that read, decode, analyse and prepare files while one thread writes them in file order (default: the number of cores; 1: all on one thread). The index is the same for any N.",
            valueName: "N"))
        var jobs: Int = IndexOptions.defaultJobs

        @Option(name: .customLong("shard-by"), help: ArgumentHelp(
            "year: one database per publication year under the index directory, listed by its stub XAPIANDB (search, check and compact read them as one; rebuild a year by removing its folder and indexing again). An index with year shards stays sharded.",
            valueName: "year"))
        var shardBy: String?

        @Flag(name: .shortAndLong, help: "No progress line.")
        var quiet = false

        @Flag(name: .shortAndLong, help: "Name each file as it is handled.")
        var verbose = false

        func validate() throws {
            if paths.isEmpty && feeds.isEmpty { throw ValidationError("give at least one file or directory to index, or --jsonl FILE") }
            if feeds.filter({ $0 == "-" }).count > 1 { throw ValidationError("--jsonl - (stdin) may be given once") }
            if let shardBy, shardBy != "year" { throw ValidationError("--shard-by takes `year`, got '\(shardBy)'") }
            if commitEvery < 1 { throw ValidationError("--commit-every must be at least 1") }
            if maxBytes < 1 { throw ValidationError("--max-bytes must be at least 1") }
            if jobs < 1 || jobs > 256 { throw ValidationError("--jobs must be 1...256, got \(jobs)") }
            // A path that is not there is a typo or an unmounted disk: refuse before an index
            // is created or touched.
            for path in paths where !FileManager.default.fileExists(atPath: path) {
                throw ValidationError("\(path): no such file or directory")
            }
            for feed in feeds where feed != "-" {
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: feed, isDirectory: &isDirectory) else { throw ValidationError("--jsonl \(feed): no such file") }
                if isDirectory.boolValue { throw ValidationError("--jsonl \(feed) is a directory; give a JSON-lines file") }
            }
        }

        func run() throws {
            var options = IndexOptions(indexPath: location.path)
            options.commitEvery = commitEvery
            options.maxBytes = maxBytes
            options.jobs = jobs
            options.prune = prune
            options.force = force
            options.checkContent = checkContent
            options.dryRun = dryRun
            options.shardByYear = shardBy == "year"
            // A second signal quits at once, with the code the root would give (the index stays at its last commit).
            options.stop = StopSignal.installForInterrupts(onRepeat: { _exit(BulletinError.interrupted(signal: $0).exitCode) })
            let indexer = try Indexer(options: options)
            let progress = ProgressLine(enabled: !quiet && Terminal.stderrIsTerminal)
            let summary = try indexer.index(paths: paths, feeds: feeds) { event in
                switch event {
                case .started(let total):
                    progress.start(total: total)
                case let .file(path, outcome, note, state):
                    if dryRun, let verb = outcome.dryRunVerb {
                        progress.clear()
                        print("\(verb) \(path.escapedForTerminal)")
                    } else if verbose {
                        progress.clear()
                        Terminal.stderr("\(outcome.label)\(note.map { " (\($0))" } ?? "") \(path.escapedForTerminal)\n")
                    }
                    progress.update(state)
                case let .removed(id, path):
                    if dryRun || verbose {
                        progress.clear()
                        let line = "\(dryRun ? "remove" : "removed") \((path ?? id).escapedForTerminal)"
                        if dryRun { print(line) } else { Terminal.stderr(line + "\n") }
                    }
                case .committed:
                    break
                }
            }
            progress.clear()
            indexer.close()
            for failure in summary.failures { Terminal.stderr("\(failure)\n") }
            print(summary.line)
            if let signal = summary.interruptedBy { throw BulletinError.interrupted(signal: signal) }
            if summary.failed > 0 { throw BulletinError.filesRejected(count: summary.failed) }
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

    /// What a dry run prints for a change (nil for no change).
    var dryRunVerb: String? {
        switch self {
        case .indexed: return "index"
        case .updated: return "update"
        case .unchanged, .failed: return nil
        }
    }
}

/// A progress line on stderr (files done/total, docs/s, MB/s, ETA), redrawn at most ten
/// times a second; only on a terminal.
final class ProgressLine {
    private let enabled: Bool
    private var started = Date()
    private var lastDraw = Date.distantPast
    private var shown = false

    init(enabled: Bool) { self.enabled = enabled }

    func start(total: Int) { started = Date() }

    func update(_ state: IndexProgress) {
        guard enabled else { return }
        let now = Date()
        guard now.timeIntervalSince(lastDraw) >= 0.1 else { return }
        lastDraw = now
        let elapsed = max(now.timeIntervalSince(started), 0.001)
        let docs = Double(state.documents) / elapsed
        let mbps = Double(state.bytes) / elapsed / 1_000_000
        var line: String
        if let total = state.total {
            let perFile = Double(state.done) / elapsed
            let eta = perFile > 0 ? Double(max(total - state.done, 0)) / perFile : 0
            line = String(format: "%d/%d files · %.0f docs/s · %.1f MB/s · ETA ", state.done, total, docs, mbps) + Self.duration(eta)
        } else {
            line = String(format: "%d files and feed lines · %.0f docs/s · %.1f MB/s", state.done, docs, mbps)
        }
        Terminal.stderr("\r\u{1B}[K" + line)
        shown = true
    }

    /// Removes the line (before other output, and at the end).
    func clear() {
        guard enabled, shown else { return }
        Terminal.stderr("\r\u{1B}[K")
        shown = false
    }

    static func duration(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        if s < 60 { return "\(s) s" }
        if s < 3600 { return "\(s / 60) min \(s % 60) s" }
        return "\(s / 3600) h \(s / 60 % 60) min"
    }
}
