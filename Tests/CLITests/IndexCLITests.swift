import Foundation
import XCTest

/// `bulletin index` and `bulletin check` through the built binary: exit codes 0/2/3/4 and
/// 130/143, the lock message, feeds on stdin, dry runs, quiet output when piped.
final class IndexCLITests: XCTestCase {
    @discardableResult
    func run(_ arguments: [String], stdin: String? = nil) throws -> Run {
        let process = Process()
        process.executableURL = bulletinBinary
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env["BULLETIN_INDEX"] = nil
        process.environment = env
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                   stderr: String(decoding: errData, as: UTF8.self))
    }

    func tempDir() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("bulletin-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: dir) }
        return dir
    }

    func corpus(in dir: URL) throws -> URL {
        let corpus = dir.appendingPathComponent("corpus")
        for (name, text) in ["2024/a.txt": "ЦАМТО, 6 мая. Индия получила истребители Су-30МКИ.",
                             "2024/b.txt": "ЦАМТО, 7 мая. В Минске прошло заседание комиссии."] {
            let url = corpus.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        return corpus
    }

    /// A `bulletin index --jsonl - --verbose` process whose stdin the test writes, line by line.
    final class FeedProcess {
        let process = Process()
        let input = Pipe(), output = Pipe(), errors = Pipe()
        private var stderrSoFar = Data()

        init(index: String) throws {
            process.executableURL = bulletinBinary
            process.arguments = ["index", "--jsonl", "-", "--index", index, "--verbose"]
            process.standardInput = input
            process.standardOutput = output
            process.standardError = errors
            // A write to a child that already exited must fail the test, not kill the runner.
            signal(SIGPIPE, SIG_IGN)
            try process.run()
        }

        func send(_ line: String) { try? input.fileHandleForWriting.write(contentsOf: Data((line + "\n").utf8)) }

        /// Reads stderr until it contains `marker`; false when the child closes stderr first or
        /// `timeout` passes (a stuck child fails the test instead of hanging the run).
        func waitForStderr(_ marker: String, timeout: TimeInterval = 60) -> Bool {
            let deadline = Date().addingTimeInterval(timeout)
            var descriptor = pollfd(fd: errors.fileHandleForReading.fileDescriptor, events: Int16(POLLIN), revents: 0)
            while !String(decoding: stderrSoFar, as: UTF8.self).contains(marker) {
                let remaining = deadline.timeIntervalSinceNow
                if remaining <= 0 { return false }
                let ready = poll(&descriptor, 1, Int32(min(remaining, 1) * 1000))
                if ready <= 0 { continue }
                let chunk = errors.fileHandleForReading.availableData
                if chunk.isEmpty { return false }
                stderrSoFar.append(chunk)
            }
            return true
        }

        /// Closes stdin and collects the outcome; a child still running after `timeout` is
        /// killed (SIGKILL), so the test fails on its status instead of hanging.
        func finish(timeout: TimeInterval = 60) throws -> Run {
            let pid = process.processIdentifier
            let watchdog = DispatchWorkItem { [process] in if process.isRunning { kill(pid, SIGKILL) } }
            DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: watchdog)
            defer { watchdog.cancel() }
            try? input.fileHandleForWriting.close()
            let out = output.fileHandleForReading.readDataToEndOfFile()
            stderrSoFar.append(errors.fileHandleForReading.readDataToEndOfFile())
            process.waitUntilExit()
            return Run(status: process.terminationStatus, stdout: String(decoding: out, as: UTF8.self),
                       stderr: String(decoding: stderrSoFar, as: UTF8.self))
        }
    }

    func record(_ n: Int) -> String {
        #"{"id": "r\#(n)", "text": "ЦАМТО, \#(n) мая. Запись \#(n) про корветы.", "url": "https://example.org/\#(n)"}"#
    }

    func testSecondWriterGetsExit3WithTheLockMessage() throws {
        let dir = try tempDir()
        let index = dir.appendingPathComponent("idx").path
        let writer = try FeedProcess(index: index)
        writer.send(record(1))
        XCTAssertTrue(writer.waitForStderr("indexed stdin:1 r1"))
        let second = try run(["index", try corpus(in: dir).path, "--index", index])
        XCTAssertEqual(second.status, 3)
        XCTAssertEqual(second.stderr, "bulletin: index \(index) is locked: indexing in progress in another process; try again when it finishes\n")
        // Searches keep working meanwhile.
        XCTAssertEqual(try run(["search", "корветы", "--index", index]).status, 0)
        let first = try writer.finish()
        XCTAssertEqual(first.status, 0, first.stderr)
        XCTAssertTrue(first.stdout.hasPrefix("indexed 1, updated 0, unchanged 0, removed 0, failed 0 in "), first.stdout)
    }

    func testSIGINTAndSIGTERMCommitAndExit130And143() throws {
        let dir = try tempDir()
        let index = dir.appendingPathComponent("idx").path
        var committed = 0
        for (signal, code, name) in [(SIGINT, Int32(130), "SIGINT"), (SIGTERM, Int32(143), "SIGTERM")] {
            let writer = try FeedProcess(index: index)
            let base = signal == SIGINT ? 0 : 10
            writer.send(record(base + 1))
            writer.send(record(base + 2))
            XCTAssertTrue(writer.waitForStderr("indexed stdin:2 r\(base + 2)"))
            kill(writer.process.processIdentifier, signal)
            usleep(100_000)
            // A record being read when the signal came is finished, then the run stops; one
            // not yet being read is left (which of the two depends on where the signal met the
            // run). Either way everything indexed is committed and counted.
            writer.send(record(base + 3))
            let result = try writer.finish()
            XCTAssertEqual(result.status, code, result.stderr)
            XCTAssertTrue(result.stdout.hasPrefix("indexed 3, ") || result.stdout.hasPrefix("indexed 2, "), result.stdout)
            committed += result.stdout.hasPrefix("indexed 3, ") ? 3 : 2
            XCTAssertTrue(result.stderr.hasSuffix("bulletin: interrupted by \(name): the work done so far is committed; run the same command again to finish\n"), result.stderr)
        }
        let check = try run(["check", "--index", index])
        XCTAssertEqual(check.status, 0, check.stderr)
        XCTAssertTrue(check.stdout.hasPrefix("index \(index) ok: \(committed) documents"), check.stdout)
    }

    func testCheckExitCodes() throws {
        let dir = try tempDir()
        let index = dir.appendingPathComponent("idx").path
        XCTAssertEqual(try run(["index", try corpus(in: dir).path, "--index", index]).status, 0)
        let ok = try run(["check", "--index", index])
        XCTAssertEqual(ok.status, 0)
        XCTAssertTrue(ok.stdout.hasPrefix("index \(index) ok: 2 documents (schema "), ok.stdout)
        let ids = try run(["check", "--index", index, "--list-ids"])
        XCTAssertEqual(ids.stdout.split(separator: "\n").dropLast(), ["2024/a.txt", "2024/b.txt"])

        let missing = try run(["check", "--index", dir.appendingPathComponent("none").path])
        XCTAssertEqual(missing.status, 3)
        let foreign = try run(["check", "--index", try corpus(in: dir).path])
        XCTAssertEqual(foreign.status, 3)
        // Damage the postlist table: check says corrupt; search exits 3 or answers, never crashes.
        let postlist = URL(fileURLWithPath: index).appendingPathComponent("postlist.glass")
        let handle = try FileHandle(forWritingTo: postlist)
        handle.write(Data(String(repeating: "GARBAGE!", count: 8).utf8))
        try handle.close()
        let damaged = try run(["check", "--index", index])
        XCTAssertEqual(damaged.status, 3)
        XCTAssertTrue(damaged.stderr.hasPrefix("bulletin: index \(index) is corrupt or unreadable: "), damaged.stderr)
        XCTAssertEqual(damaged.stderr.split(separator: "\n").count, 1)
        XCTAssertEqual(try run(["search", "Минске", "--index", index]).status, 3)
    }

    func testFeedOnStdinDryRunAndOutput() throws {
        let dir = try tempDir()
        let index = dir.appendingPathComponent("idx").path
        let corpus = try corpus(in: dir)

        let dry = try run(["index", corpus.path, "--index", index, "--dry-run"])
        XCTAssertEqual(dry.status, 0, dry.stderr)
        XCTAssertEqual(dry.stdout.split(separator: "\n").first, "index \(corpus.path)/2024/a.txt")
        XCTAssertTrue(dry.stdout.contains("\ndry run: would index 2, update 0, remove 0; unchanged 0, failed 0 in "), dry.stdout)
        XCTAssertFalse(FileManager.default.fileExists(atPath: index))

        let feed = [record(1), "{broken", record(2)].joined(separator: "\n")
        let indexed = try run(["index", corpus.path, "--jsonl", "-", "--index", index], stdin: feed)
        XCTAssertEqual(indexed.status, 4)
        XCTAssertEqual(indexed.stderr, "stdin:2: malformed JSON\n", "no progress line when piped; one line per rejected line")
        XCTAssertTrue(indexed.stdout.hasPrefix("indexed 4, updated 0, unchanged 0, removed 0, failed 1 in "), indexed.stdout)

        let json = try run(["search", "корветы", "--index", index, "--json"])
        XCTAssertTrue(json.stdout.contains("\"url\":\"https://example.org/1\""), json.stdout)

        let verbose = try run(["index", corpus.path, "--index", index, "--verbose"])
        XCTAssertEqual(verbose.stderr, "unchanged \(corpus.path)/2024/a.txt\nunchanged \(corpus.path)/2024/b.txt\n")
        let quiet = try run(["index", corpus.path, "--index", index, "--quiet"])
        XCTAssertEqual(quiet.stderr, "")
        XCTAssertTrue(quiet.stdout.hasPrefix("indexed 0, updated 0, unchanged 2, removed 0, failed 0 in "), quiet.stdout)
    }

    func testUsageErrorsExit2() throws {
        XCTAssertEqual(try run(["index"]).status, 2)
        XCTAssertEqual(try run(["index", ".", "--commit-every", "0"]).status, 2)
        XCTAssertEqual(try run(["index", ".", "--max-bytes", "-1"]).status, 2)
        for jobs in ["0", "-2", "two", "257"] {
            let refused = try run(["index", ".", "--jobs", jobs])
            XCTAssertEqual(refused.status, 2, jobs)
            XCTAssertTrue(refused.stderr.contains("--jobs"), refused.stderr)
        }
        XCTAssertEqual(try run(["index", "--jsonl", "-", "--jsonl", "-"]).status, 2)
        XCTAssertEqual(try run(["check", "--bogus"]).status, 2)
        let help = try run(["index", "--help"])
        XCTAssertTrue(help.stdout.contains("130/143"), help.stdout)
    }

    /// Pruning an empty root (an unmounted disk?) is refused with exit 2, one line naming
    /// the flag that forces it, and nothing removed.
    func testPruneOfAnEmptyRootNamesTheForceFlag() throws {
        let dir = try tempDir()
        let index = dir.appendingPathComponent("idx").path
        let empty = dir.appendingPathComponent("mnt")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        XCTAssertEqual(try run(["index", empty.path, try corpus(in: dir).path, "--index", index]).status, 0)
        let refused = try run(["index", empty.path, "--prune", "--index", index])
        XCTAssertEqual(refused.status, 2, refused.stderr)
        XCTAssertTrue(refused.stderr.contains("refusing to prune") && refused.stderr.contains("--force"), refused.stderr)
        XCTAssertEqual(refused.stderr.split(separator: "\n").count, 1, refused.stderr)
    }

    func testAHandfulOfHostileQueriesThroughTheBinary() throws {
        let dir = try tempDir()
        let index = dir.appendingPathComponent("idx").path
        XCTAssertEqual(try run(["index", try corpus(in: dir).path, "--index", index]).status, 0)
        let queries = ["\"Су-30МКИ", "((((танк", "AND", "OR OR", "NOT", "*", "title:", "-", "\u{1B}[31m\u{7F}",
                       "Су-30МКИ AND (Минске OR \"заседание комиссии", String(repeating: "я", count: 5000),
                       String(repeating: "(", count: 2000), "NEAR/999999999 танк", "張又侠 جمعة 😀", ""]
        for query in queries {
            let result = try run(["search", query, "--index", index])
            XCTAssertTrue([0, 2].contains(result.status), "«\(query.prefix(40))» exited \(result.status): \(result.stderr)")
            XCTAssertLessThanOrEqual(result.stderr.split(separator: "\n").count, 1, result.stderr)
        }
    }
}
