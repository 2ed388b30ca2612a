import Foundation
import XCTest

/// The result of running the built `bulletin` binary.
struct Run {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// The `bulletin` executable beside the test bundle in the build products directory.
var bulletinBinary: URL {
    var dir = Bundle(for: CLITests.self).bundleURL
    if dir.pathExtension == "xctest" { dir = dir.deletingLastPathComponent() }
    return dir.appendingPathComponent("bulletin")
}

/// Runs `bulletin` with `arguments`; $BULLETIN_INDEX is cleared unless given.
@discardableResult
func runBulletin(_ arguments: [String], environment: [String: String] = [:], cwd: URL? = nil) throws -> Run {
    let process = Process()
    process.executableURL = bulletinBinary
    process.arguments = arguments
    var env = ProcessInfo.processInfo.environment
    env["BULLETIN_INDEX"] = nil
    for (k, v) in environment { env[k] = v }
    process.environment = env
    if let cwd { process.currentDirectoryURL = cwd }
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Run(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
               stderr: String(decoding: errData, as: UTF8.self))
}

/// Runs the built `bulletin` binary and checks stdout, stderr and exit codes.
final class CLITests: XCTestCase {
    @discardableResult
    func run(_ arguments: [String], environment: [String: String] = [:], cwd: URL? = nil) throws -> Run {
        try runBulletin(arguments, environment: environment, cwd: cwd)
    }

    private func tempDir() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("bulletin-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: dir) }
        return dir
    }

    private func corpus(in dir: URL) throws -> URL {
        let corpus = dir.appendingPathComponent("corpus/2024")
        try FileManager.default.createDirectory(at: corpus, withIntermediateDirectories: true)
        try Data(" date 2024-05-06\nЦАМТО, 6 мая. Индия получила истребители Су-30МКИ. Поставка завершена.".utf8)
            .write(to: corpus.appendingPathComponent("a.txt"))
        try Data("ЦАМТО, 7 мая. В Минске прошло заседание комиссии по военно-техническому сотрудничеству.".utf8)
            .write(to: corpus.appendingPathComponent("b.txt"))
        return corpus.deletingLastPathComponent()
    }

    func testIndexThenSearchTextAndJSON() throws {
        let dir = try tempDir()
        let index = dir.appendingPathComponent("idx").path
        let indexed = try run(["index", try corpus(in: dir).path, "--index", index])
        XCTAssertEqual(indexed.status, 0, indexed.stderr)
        XCTAssertTrue(indexed.stdout.hasPrefix("indexed 2, updated 0, unchanged 0, removed 0, failed 0 in "), indexed.stdout)

        let text = try run(["search", "Су-30МКИ", "--index", index])
        XCTAssertEqual(text.status, 0, text.stderr)
        XCTAssertTrue(text.stdout.contains("2024-05-06 · ЦАМТО · Индия получила истребители Су-30МКИ"), text.stdout)
        XCTAssertTrue(text.stdout.contains("**Су**-**30МКИ**") || text.stdout.contains("**Су-30МКИ**"), text.stdout)
        XCTAssertFalse(text.stdout.contains("\u{1B}["), "no ANSI escapes when piped")

        let json = try run(["search", "поставка", "--index", index, "--json"])
        XCTAssertEqual(json.status, 0, json.stderr)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(Set(object.keys), ["query", "total", "total_exact", "offset", "limit", "corrected_query", "corrections", "hits",
                                          "facets_counted", "matches", "facets"])
        XCTAssertTrue(object["matches"] is NSNull, "matches only when facets were counted")
        XCTAssertEqual(object["total_exact"] as? Bool, true)
        // Facets are counted only with --facets, and the JSON says so.
        XCTAssertEqual(object["facets_counted"] as? String, "none")
        XCTAssertTrue(object["facets"] is NSNull, json.stdout)
        let counted = try run(["search", "поставка", "--index", index, "--json", "--facets"])
        XCTAssertEqual(counted.status, 0, counted.stderr)
        let countedObject = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(counted.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(countedObject["facets_counted"] as? String, "all")
        let facets = try XCTUnwrap(countedObject["facets"] as? [String: Any])
        XCTAssertEqual(Set(facets.keys), ["country", "type", "year", "source", "person", "weapon", "venue", "pair"])
        XCTAssertEqual(countedObject["matches"] as? Int, 1)
        XCTAssertEqual((facets["person"] as? [[String: Any]])?.count, 0, "--facets counts country, type, year and source")
        let countries = try XCTUnwrap(facets["country"] as? [[String: Any]])
        let india = try XCTUnwrap(countries.first { $0["value"] as? String == "IN" }, counted.stdout)
        XCTAssertEqual(india["name"] as? String, "Индия")
        XCTAssertEqual(india["count"] as? Int, 1)
        XCTAssertEqual(object["query"] as? String, "поставка")
        XCTAssertEqual(object["total"] as? Int, 1)
        let hit = try XCTUnwrap((object["hits"] as? [[String: Any]])?.first)
        for key in ["id", "rank", "score", "matched_all", "path", "url", "date", "date_source", "title", "source", "countries",
                    "venue", "types", "persons", "weapons", "snippet", "duplicates"] {
            XCTAssertNotNil(hit[key], "missing key \(key)")
        }
        XCTAssertEqual(hit["id"] as? String, "2024/a.txt")
        XCTAssertEqual(hit["rank"] as? Int, 1)
        XCTAssertEqual(hit["date"] as? String, "2024-05-06")
        XCTAssertEqual(hit["source"] as? String, "ЦАМТО")
        XCTAssertTrue(json.stdout.hasPrefix("{\"query\":"), "keys keep their documented order")
    }

    /// `search`'s usual arguments are read by a fast reader instead of ArgumentParser; a `--`
    /// sends the same command line through ArgumentParser, and both must print the same.
    func testFastArgumentReaderAgreesWithArgumentParser() throws {
        let dir = try tempDir()
        let index = dir.appendingPathComponent("idx").path
        try run(["index", try corpus(in: dir).path, "--index", index])
        let lines: [[String]] = [
            ["--json"], ["--limit", "1", "--offset=0", "--format", "csv", "--bom"], ["--country", "IN", "--country=RU,BY", "--facets"],
            ["--sort", "-date", "--from", "2024", "--to=2024-12", "--facet-limit", "3", "--facets", "--json"],
            ["--all-words", "--no-collapse", "--auto-correct", "--no-snippet", "--format=jsonl"],
            ["--year", "2024", "--type", "delivery", "--source", "ЦАМТО", "--snippet-chars", "40", "--format", "md"],
            ["--person", "Мищенко", "--weapon", "Су-30МКИ"],
        ]
        for options in lines {
            let fast = try run(["search", "Су-30МКИ поставка"] + options + ["--index", index])
            let parsed = try run(["search"] + options + ["--index", index, "--", "Су-30МКИ поставка"])
            XCTAssertEqual(fast.status, parsed.status, "\(options): \(fast.stderr) \(parsed.stderr)")
            XCTAssertEqual(fast.stderr, parsed.stderr, "\(options)")
            // The Markdown note names the date of the search; everything else is byte for byte.
            XCTAssertEqual(fast.stdout, parsed.stdout, "\(options)")
        }
        // What the fast reader leaves to ArgumentParser still fails the usual way.
        for bad in [["--limit", "x"], ["--limit", "-1"], ["--unknown"], ["--json=yes"], ["--year", "2020", "--from", "2019"],
                    ["--format", "xml"], ["--snippet-chars", "0"]] {
            let result = try run(["search", "поставка"] + bad + ["--index", index])
            XCTAssertEqual(result.status, 2, "\(bad): \(result.stderr)")
            XCTAssertEqual(result.stdout, "", "\(bad)")
            XCTAssertTrue(result.stderr.hasPrefix("bulletin: "), "\(bad): \(result.stderr)")
        }
        // Several query arguments are one query (ArgumentParser joins them), and so is an
        // excluded word that looks like an option.
        let joined = try run(["search", "поставка", "Индия", "--index", index, "--format", "jsonl"])
        XCTAssertEqual(joined.status, 0, joined.stderr)
        XCTAssertEqual(joined.stdout, try run(["search", "поставка Индия", "--index", index, "--format", "jsonl"]).stdout)
        let excluded = try run(["search", "поставка", "-Минске", "--index", index, "--format", "jsonl"])
        XCTAssertEqual(excluded.status, 0, excluded.stderr)
        XCTAssertEqual(excluded.stdout, try run(["search", "--index", index, "--format", "jsonl", "--", "поставка -Минске"]).stdout)
        let help = try run(["search", "--help"])
        XCTAssertEqual(help.status, 0)
        XCTAssertTrue(help.stdout.contains("--facet-limit"), help.stdout)
    }

    func testZeroHitsIsSuccess() throws {
        let dir = try tempDir()
        let index = dir.appendingPathComponent("idx").path
        try run(["index", try corpus(in: dir).path, "--index", index])
        let none = try run(["search", "несуществующееслово", "--index", index, "--json"])
        XCTAssertEqual(none.status, 0)
        XCTAssertTrue(none.stdout.contains("\"hits\":[]"), none.stdout)
    }

    func testQuerySyntaxErrorExits2WithOneLine() throws {
        let dir = try tempDir()
        let index = dir.appendingPathComponent("idx").path
        try run(["index", try corpus(in: dir).path, "--index", index])
        let bad = try run(["search", "танк AND", "--index", index])
        XCTAssertEqual(bad.status, 2)
        XCTAssertTrue(bad.stderr.hasPrefix("bulletin: query syntax error"), bad.stderr)
        XCTAssertTrue(bad.stderr.contains("at character 6 («AND»)"), bad.stderr)
        let country = try run(["search", "--country", "Беларусия", "--index", index])
        XCTAssertEqual(country.status, 2)
        XCTAssertTrue(country.stderr.contains("unknown country 'Беларусия'; did you mean Беларусь"), country.stderr)
        XCTAssertEqual(bad.stderr.split(separator: "\n").count, 1)
    }

    func testUsageErrorsExit2() throws {
        XCTAssertEqual(try run(["search"]).status, 2)
        XCTAssertEqual(try run(["search", "x", "--sort", "sideways"]).status, 2)
        XCTAssertEqual(try run(["search", "x", "--index", "/nonexistent", "--sort", "-date"]).status, 3, "-date is a value, not an option")
        XCTAssertEqual(try run(["frobnicate"]).status, 2)
        XCTAssertEqual(try run(["index"]).status, 2)
        XCTAssertEqual(try run(["--help"]).status, 0)
    }

    func testMissingIndexExits3NamingIt() throws {
        let dir = try tempDir()
        let missing = dir.appendingPathComponent("nowhere").path
        let result = try run(["search", "танк", "--index", missing])
        XCTAssertEqual(result.status, 3)
        XCTAssertTrue(result.stderr.contains(missing), result.stderr)
        // A directory that is not an index, via $BULLETIN_INDEX.
        let env = try run(["search", "танк"], environment: ["BULLETIN_INDEX": dir.path])
        XCTAssertEqual(env.status, 3, env.stderr)
    }

    func testRejectedFilesExit4AndTheRestIsIndexed() throws {
        let dir = try tempDir()
        let corpus = try corpus(in: dir)
        try Data([0, 1, 2, 3]).write(to: corpus.appendingPathComponent("2024/bad.txt"))
        let index = dir.appendingPathComponent("idx").path
        let result = try run(["index", corpus.path, "--index", index])
        XCTAssertEqual(result.status, 4)
        XCTAssertTrue(result.stderr.contains("bad.txt: binary file"), result.stderr)
        XCTAssertTrue(result.stdout.hasPrefix("indexed 2,"), result.stdout)
        XCTAssertEqual(try run(["search", "Минске", "--index", index]).status, 0)
    }
}

final class ExtractCLITests: XCTestCase {
    func testExtractJSONOnTheSeeds() throws {
        // ../shared beside the package (never copied into the repository); missing is a failure.
        var package = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while package.path != "/", !FileManager.default.fileExists(atPath: package.appendingPathComponent("Package.swift").path) {
            package.deleteLastPathComponent()
        }
        let file = package.deletingLastPathComponent().appendingPathComponent("shared/seeds/004_f35e3b4db778a177.txt").path
        XCTAssertTrue(FileManager.default.fileExists(atPath: file), "no \(file): the tests read ../shared beside the package")
        let result = try runBulletin(["extract", file, "--json"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        for key in ["path", "date", "date_source", "event_dates", "source", "origin", "title", "countries", "venue",
                    "country_mentions", "types", "persons", "organisations", "weapons"] {
            XCTAssertNotNil(object[key], "missing \(key)")
        }
        XCTAssertEqual(object["date"] as? String, "2025-11-18")
        XCTAssertEqual(Set(object["countries"] as? [String] ?? []), ["BY", "VE", "CU"])
        let names = (object["persons"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
        XCTAssertTrue(names.contains("Олег Мищенко"), "\(names)")
    }

    func testExtractNamesAnUnreadableFileAndExits4() throws {
        let result = try runBulletin(["extract", "/nonexistent/file.txt"])
        XCTAssertEqual(result.status, 4)
        XCTAssertTrue(result.stderr.hasPrefix("/nonexistent/file.txt: "), result.stderr)
    }
}
