import Foundation
import XCTest

/// Issue 10 through the built binary: the cases that are about a process (exit codes,
/// signals, closed or full standard streams, argument parsing). Library-level cases are in
/// BulletinSearchTests/FaultTests; mounts and other users in tools/hostile.sh.
final class FaultCLITests: XCTestCase {
    func tempDir() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("bulletin-fault-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: dir) }
        return dir
    }

    /// A corpus of two bulletins indexed into `dir/ix`.
    func indexed() throws -> (dir: URL, index: String) {
        let dir = try tempDir()
        for (name, text) in ["c/2019/a.txt": "ЦАМТО, 6 мая 2019. В Минске прошло заседание комиссии.",
                             "c/2020/b.txt": "ЦАМТО, 7 мая 2020. Индия получила истребители Су-30МКИ. Китай."] {
            let url = dir.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        let index = dir.appendingPathComponent("ix").path
        let run = try runBulletin(["index", dir.appendingPathComponent("c").path, "--index", index, "--quiet"])
        XCTAssertEqual(run.status, 0, run.stderr)
        return (dir, index)
    }

    /// Runs `bulletin ARGS` through /bin/sh with `redirections` appended (`2>&-`, `>/dev/full`).
    func shell(_ arguments: [String], _ redirections: String) throws -> Int32 {
        let quoted = ([bulletinBinary.path] + arguments).map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", quoted.joined(separator: " ") + " " + redirections]
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }

    // 1: `check` while a first `index` writes: refused, and the writer loses nothing.
    func test01CheckBesideAWriterIsRefusedAndTheWriterFinishes() throws {
        let dir = try tempDir()
        let index = dir.appendingPathComponent("ix").path
        let writer = try IndexCLITests.FeedProcess(index: index)
        writer.send(#"{"id": "r1", "text": "ЦАМТО, 1 мая. Запись про корветы."}"#)
        XCTAssertTrue(writer.waitForStderr("indexed stdin:1 r1"))
        for _ in 0..<3 {
            let check = try runBulletin(["check", "--index", index])
            XCTAssertEqual(check.status, 3)
            XCTAssertEqual(check.stderr, "bulletin: index \(index) is locked: indexing in progress in another process; try again when it finishes\n")
        }
        writer.send(#"{"id": "r2", "text": "ЦАМТО, 2 мая. Запись про фрегаты."}"#)
        let result = try writer.finish()
        XCTAssertEqual(result.status, 0, result.stderr)
        let check = try runBulletin(["check", "--index", index])
        XCTAssertEqual(check.status, 0, check.stderr)
        XCTAssertTrue(check.stdout.hasPrefix("index \(index) ok: 2 documents"), check.stdout)
    }

    // 7: SIGHUP is treated like SIGTERM: commit, exit 129.
    func test07SIGHUPCommitsAndExits129() throws {
        let dir = try tempDir()
        let index = dir.appendingPathComponent("ix").path
        let writer = try IndexCLITests.FeedProcess(index: index)
        writer.send(#"{"id": "h1", "text": "ЦАМТО, 1 мая. Один."}"#)
        XCTAssertTrue(writer.waitForStderr("indexed stdin:1 h1"))
        kill(writer.process.processIdentifier, SIGHUP)
        usleep(100_000)
        writer.send(#"{"id": "h2", "text": "ЦАМТО, 1 мая. Два."}"#)
        let result = try writer.finish()
        XCTAssertEqual(result.status, 129, result.stderr)
        XCTAssertTrue(result.stderr.hasSuffix("bulletin: interrupted by SIGHUP: the work done so far is committed; run the same command again to finish\n"), result.stderr)
        let check = try runBulletin(["check", "--index", index])
        XCTAssertEqual(check.status, 0, check.stderr)
        XCTAssertFalse(check.stdout.contains("schema unset"), check.stdout)
    }

    // 8, 10: 32-bit conversions are checked, never a crash.
    func test08And10HugeNumbersAreRefusedOrHandled() throws {
        let (dir, index) = try indexed()
        let offset = try runBulletin(["search", "Минск", "--offset", "4294967296", "--index", index])
        XCTAssertEqual(offset.status, 2, offset.stderr)
        XCTAssertTrue(offset.stderr.hasPrefix("bulletin: the offset must be below "), offset.stderr)
        let feed = dir.appendingPathComponent("feed.jsonl")
        try Data(#"{"id": "r1", "text": "ЦАМТО, 1 мая. Лента."}"#.utf8).write(to: feed)
        let big = try runBulletin(["index", "--jsonl", feed.path, "--max-bytes", "4611686018427387903", "--index", dir.appendingPathComponent("m").path])
        XCTAssertEqual(big.status, 0, big.stderr)
    }

    // 9: closed or full stderr/stdout: the exit code still tells, no crash.
    func test09ClosedAndFullStandardStreams() throws {
        let (dir, index) = try indexed()
        XCTAssertEqual(try shell(["search", "AND", "--index", index], "2>&-"), 2)
        XCTAssertEqual(try shell(["search", "AND", "--index", index], "2>/dev/full"), 2)
        XCTAssertEqual(try shell(["index", dir.appendingPathComponent("nope").path, "--index", index], "2>&-"), 2)
        XCTAssertEqual(try shell(["search", "Минск", "--index", index], ">/dev/full 2>/dev/null"), 1)
        XCTAssertEqual(try shell(["search", "Минск", "--index", index, "--format", "json"], ">/dev/full 2>/dev/null"), 1)
        XCTAssertEqual(try shell(["check", "--index", index], ">/dev/full 2>/dev/null"), 1)
        XCTAssertEqual(try shell(["search", "Минск", "--index", index], ">&-"), 1)
    }

    // 15: one clear refusal each.
    func test15RefusalsOfPathsThatAreNotWhatTheyShouldBe() throws {
        let (dir, index) = try indexed()
        let missing = try runBulletin(["index", dir.appendingPathComponent("nonexistent").path, "--index", dir.appendingPathComponent("n").path])
        XCTAssertEqual(missing.status, 2)
        XCTAssertTrue(missing.stderr.contains("nonexistent: no such file or directory"), missing.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir.appendingPathComponent("n").path), "no index created")
        let feedDirectory = try runBulletin(["index", "--jsonl", dir.path, "--index", index])
        XCTAssertEqual(feedDirectory.status, 2)
        XCTAssertTrue(feedDirectory.stderr.contains("is a directory; give a JSON-lines file"), feedDirectory.stderr)
        let file = dir.appendingPathComponent("c/2019/a.txt").path
        XCTAssertEqual(try runBulletin(["index", dir.appendingPathComponent("c").path, "--index", file]).status, 3)
        XCTAssertEqual(try runBulletin(["search", "Минск", "--index", file]).status, 3)
        XCTAssertEqual(try runBulletin(["check", "--index", file]).status, 3)
        let foreign = try runBulletin(["index", dir.appendingPathComponent("c").path, "--index", dir.appendingPathComponent("c/2019").path])
        XCTAssertEqual(foreign.status, 3)
        XCTAssertTrue(foreign.stderr.contains("is not a bulletin index"), foreign.stderr)
    }

    // 17: empty filter values, impossible dates, exclusions alone, escaped names, extract.
    func test17QueriesAndFiltersThroughTheCommandLine() throws {
        let (_, index) = try indexed()
        for flag in ["--country", "--person", "--type", "--source", "--weapon"] {
            let run = try runBulletin(["search", "Минск", flag, "", "--index", index])
            XCTAssertEqual(run.status, 2, flag)
            XCTAssertEqual(run.stderr, "bulletin: \(flag) needs a value (it was given an empty one)\n")
        }
        let date = try runBulletin(["search", "Минск date:2019-02-30", "--index", index])
        XCTAssertEqual(date.status, 2)
        XCTAssertTrue(date.stderr.contains("bad date '2019-02-30'"), date.stderr)
        XCTAssertEqual(try runBulletin(["search", "Минск", "--from", "2019-02-29", "--index", index]).status, 2)
        XCTAssertEqual(try runBulletin(["search", "Минск", "--from", "2020-02-29", "--index", index]).status, 0)

        let except = try runBulletin(["search", "-Китай", "--index", index, "--format", "jsonl", "--no-snippet"])
        XCTAssertEqual(except.status, 0, except.stderr)
        XCTAssertTrue(except.stdout.contains(#""id":"2019/a.txt""#) && !except.stdout.contains("2020/b.txt"), except.stdout)
        let both = try runBulletin(["search", "Минск", "-Китай", "--index", index, "--format", "jsonl", "--no-snippet"])
        XCTAssertEqual(both.status, 0, both.stderr)
        XCTAssertEqual(both.stdout.split(separator: "\n").count, 1, both.stdout)
        let field = try runBulletin(["search", "-country:IN", "--index", index, "--format", "jsonl", "--no-snippet"])
        XCTAssertEqual(field.status, 0, field.stderr)
        XCTAssertFalse(field.stdout.contains("2020/b.txt"), field.stdout)
        XCTAssertEqual(try runBulletin(["search", "Минск", "--sort", "-date", "--index", index]).status, 0, "an option value with a dash stays one")
    }

    func test17FileNamesWithControlCharactersAreEscaped() throws {
        let dir = try tempDir()
        let corpus = dir.appendingPathComponent("c")
        try FileManager.default.createDirectory(at: corpus, withIntermediateDirectories: true)
        try Data("ЦАМТО, 6 мая 2019. В Минске прошло заседание.".utf8).write(to: corpus.appendingPathComponent("x\n\u{1B}[31mred.txt"))
        try Data().write(to: corpus.appendingPathComponent("e\u{1B}]0;title\u{7}.txt"))
        let index = dir.appendingPathComponent("ix").path
        let indexed = try runBulletin(["index", corpus.path, "--index", index, "--verbose"])
        XCTAssertEqual(indexed.status, 4)
        XCTAssertFalse(indexed.stderr.contains("\u{1B}"), indexed.stderr)
        XCTAssertTrue(indexed.stderr.contains(#"indexed \#(corpus.path)/x\n\u{1B}[31mred.txt"#), indexed.stderr)
        XCTAssertTrue(indexed.stderr.contains(#"e\u{1B}]0;title\u{7}.txt: empty file"#), indexed.stderr)
        let search = try runBulletin(["search", "Минск", "--index", index])
        XCTAssertEqual(search.status, 0)
        XCTAssertFalse(search.stdout.contains("\u{1B}"), search.stdout)
        XCTAssertTrue(search.stdout.contains(#"x\n\u{1B}[31mred.txt"#), search.stdout)
    }

    func test17ExtractSaysWhatAPathIsAndCapsTheSize() throws {
        let dir = try tempDir()
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("folder"), withIntermediateDirectories: true)
        XCTAssertEqual(mkfifo(dir.appendingPathComponent("pipe").path, 0o644), 0)
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("dangling").path, withDestinationPath: "nowhere")
        let big = dir.appendingPathComponent("big.txt")
        XCTAssertTrue(FileManager.default.createFile(atPath: big.path, contents: nil))
        XCTAssertEqual(truncate(big.path, 50_000_000), 0)
        let names = ["folder", "pipe", "dangling", "big.txt"]
        let run = try runBulletin(["extract"] + names.map { dir.appendingPathComponent($0).path })
        XCTAssertEqual(run.status, 4)
        XCTAssertEqual(run.stderr.split(separator: "\n").map(String.init), [
            "\(dir.path)/folder: is a directory, not a file",
            "\(dir.path)/pipe: is a FIFO (named pipe), not a file",
            "\(dir.path)/dangling: broken symbolic link",
            "\(dir.path)/big.txt: file is 50000000 bytes, over the size limit of 10485760",
        ])
        XCTAssertEqual(try runBulletin(["extract", "--max-bytes", "0", big.path]).status, 2)
    }
}
