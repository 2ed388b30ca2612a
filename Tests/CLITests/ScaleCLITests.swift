import Foundation
import XCTest

/// `bulletin compact` (killed at every step and at random moments), year shards, stubs and
/// remote shards through a stock `xapian-tcpsrv`, through the built binary.
final class ScaleCLITests: XCTestCase {
    private func tempDir() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("bulletin-scale-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: dir) }
        return dir
    }

    static let years = [2019, 2020, 2021, 2022]
    static let phrases = [
        "В Минске прошло заседание совместной комиссии по военно-техническому сотрудничеству с Индией.",
        "Стороны обсудили поставки истребителей Су-30МКИ и зенитных ракетных систем С-400 в Китай.",
        "Делегация Вьетнама посетила предприятия оборонно-промышленного комплекса России.",
        "Контракт предусматривает модернизацию бронетехники Сербии и обучение персонала.",
        "Учения с участием подразделений ПВО Беларуси и Казахстана завершились успешно.",
    ]

    /// `count` bulletins over four years (and a few without a date), each with a unique word.
    private func corpus(in dir: URL, count: Int = 40) throws -> URL {
        let corpus = dir.appendingPathComponent("corpus")
        for i in 0..<count {
            let year = Self.years[i % Self.years.count]
            let dated = i % 13 != 5
            let header = dated ? " date \(year)-0\(1 + i % 9)-1\(i % 10)\nЦАМТО, \(1 + i % 27) мая. " : "Без даты. "
            let text = header + Self.phrases[i % Self.phrases.count] + " " + Self.phrases[(i * 3 + 1) % Self.phrases.count]
                + " Контракт номер \(i), слово уникум\(Self.word(i))."
            let url = corpus.appendingPathComponent("\(year)/b\(i).txt")
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        return corpus
    }

    /// A letters-only suffix unique to `i` (digits would split the word).
    static func word(_ i: Int) -> String {
        let letters = Array("абвгдежзиклмнопрстуф")
        return String(letters[i / letters.count % letters.count]) + String(letters[i % letters.count])
    }

    private func assertWorking(_ index: String, documents: Int, file: StaticString = #filePath, line: UInt = #line) throws {
        let check = try runBulletin(["check", "--index", index])
        XCTAssertEqual(check.status, 0, check.stderr, file: file, line: line)
        XCTAssertTrue(check.stdout.contains("ok: \(documents) documents"), check.stdout, file: file, line: line)
        let search = try runBulletin(["search", "уникум\(Self.word(7))", "--index", index, "--json"])
        XCTAssertEqual(search.status, 0, search.stderr, file: file, line: line)
        XCTAssertTrue(search.stdout.contains("\"total\": 1") || search.stdout.contains("\"total\":1"), search.stdout, file: file, line: line)
    }

    func testCompactKilledAtEveryStepLeavesAWorkingIndex() throws {
        let dir = try tempDir()
        let index = dir.appendingPathComponent("index").path
        XCTAssertEqual(try runBulletin(["index", try corpus(in: dir).path, "--index", index, "--quiet"]).status, 0)
        try Data("notes about this index\n".utf8).write(to: URL(fileURLWithPath: index + "/README.md"))
        for step in ["compact", "copy", "swap", "cleanup"] {
            let killed = try runBulletin(["compact", "--index", index], environment: ["BULLETIN_COMPACT_KILL_AT": step])
            XCTAssertEqual(killed.status, SIGKILL, "killed at \(step): \(killed.stderr)")
            try assertWorking(index, documents: 40)
        }
        let done = try runBulletin(["compact", "--index", index])
        XCTAssertEqual(done.status, 0, done.stderr)
        XCTAssertTrue(done.stdout.hasPrefix("compacted \(index): 40 documents"), done.stdout)
        try assertWorking(index, documents: 40)
        XCTAssertEqual(try String(contentsOfFile: index + "/README.md", encoding: .utf8), "notes about this index\n")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted(), ["corpus", "index"], "leftovers removed")
    }

    func testCompactKilledAtRandomMomentsLeavesAWorkingIndex() throws {
        let dir = try tempDir()
        let index = dir.appendingPathComponent("index").path
        XCTAssertEqual(try runBulletin(["index", try corpus(in: dir, count: 120).path, "--index", index, "--quiet"]).status, 0)
        for attempt in 0..<10 {
            let process = Process()
            process.executableURL = bulletinBinary
            process.arguments = ["compact", "--index", index]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            usleep(UInt32(attempt * 12_000))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            try assertWorking(index, documents: 120)
        }
    }

    func testCompactRefusesALockedIndex() throws {
        let dir = try tempDir()
        let index = dir.appendingPathComponent("index").path
        XCTAssertEqual(try runBulletin(["index", try corpus(in: dir).path, "--index", index, "--quiet"]).status, 0)
        XCTAssertEqual(try runBulletin(["compact", "--index", dir.appendingPathComponent("none").path]).status, 3)
        // A feed read from a pipe that stays open holds the write lock.
        let holder = Process()
        holder.executableURL = bulletinBinary
        holder.arguments = ["index", "--jsonl", "-", "--index", index, "--quiet"]
        let input = Pipe()
        holder.standardInput = input
        holder.standardOutput = FileHandle.nullDevice
        try holder.run()
        defer { try? input.fileHandleForWriting.close(); holder.waitUntilExit() }
        // Wait until the holder has the lock (`check` refuses a locked index), then compact.
        for _ in 0..<100 where try runBulletin(["check", "--index", index]).status == 0 { usleep(50_000) }
        let locked = try runBulletin(["compact", "--index", index])
        XCTAssertEqual(locked.status, 3, locked.stdout + locked.stderr)
        XCTAssertTrue(locked.stderr.contains("locked"), locked.stderr)
    }

    // MARK: Year shards

    func testYearShardsSearchLikeOneDatabaseAndRebuildAYearAlone() throws {
        let dir = try tempDir()
        let corpus = try corpus(in: dir)
        let single = dir.appendingPathComponent("single").path
        let sharded = dir.appendingPathComponent("sharded").path
        XCTAssertEqual(try runBulletin(["index", corpus.path, "--index", single, "--quiet"]).status, 0)
        let first = try runBulletin(["index", corpus.path, "--index", sharded, "--shard-by", "year", "--quiet"])
        XCTAssertEqual(first.status, 0, first.stderr)
        let stub = try String(contentsOfFile: sharded + "/XAPIANDB", encoding: .utf8)
        XCTAssertEqual(stub.split(separator: "\n").filter { !$0.hasPrefix("#") },
                       ["auto meta", "auto 2019", "auto 2020", "auto 2021", "auto 2022", "auto undated"])
        try assertWorking(sharded, documents: 40)
        // Near-duplicates are looked for within a year in a sharded index: compare uncollapsed.
        for query in ["контракт", "поставки Су-30МКИ Китай", "\"совместной комиссии\""] {
            let a = try searchJSON(query, index: single, extra: ["--no-collapse"]), b = try searchJSON(query, index: sharded, extra: ["--no-collapse"])
            XCTAssertEqual(a.total, b.total, query)
            XCTAssertEqual(a.facets, b.facets, query)
            XCTAssertEqual(Set(a.ids), Set(b.ids), query)
        }
        // Incremental, and one year rebuilt alone.
        XCTAssertTrue(try runBulletin(["index", corpus.path, "--index", sharded]).stdout.contains("indexed 0, updated 0, unchanged 40"))
        try FileManager.default.removeItem(atPath: sharded + "/2020")
        XCTAssertEqual(try runBulletin(["search", "контракт", "--index", sharded]).status, 3)
        let rebuilt = try runBulletin(["index", corpus.appendingPathComponent("2020").path, "--index", sharded])
        // b5.txt has no date: it lives in `undated`, untouched.
        XCTAssertTrue(rebuilt.stdout.contains("indexed 9, updated 0, unchanged 1"), rebuilt.stdout + rebuilt.stderr)
        try assertWorking(sharded, documents: 40)
        // A bulletin whose date moves to another year moves to that year's shard.
        let moved = corpus.appendingPathComponent("2019/b0.txt")
        try Data(" date 2021-03-03\nЦАМТО, 3 марта. Перенесенный бюллетень, слово переносимка.".utf8).write(to: moved)
        XCTAssertTrue(try runBulletin(["index", corpus.path, "--index", sharded]).stdout.contains("updated 1"))
        try assertWorking(sharded, documents: 40)
        let found = try searchJSON("переносимка", index: sharded)
        XCTAssertEqual(found.total, 1)
        XCTAssertEqual(try runBulletin(["search", "--year", "2019", "--index", sharded, "--json"]).stdout.contains("2019/b0.txt"), false)
        // Compaction merges the shards into one database.
        let compacted = try runBulletin(["compact", "--index", sharded])
        XCTAssertTrue(compacted.stdout.contains("6 shards merged into one"), compacted.stdout + compacted.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: sharded + "/XAPIANDB"))
        try assertWorking(sharded, documents: 40)
        XCTAssertEqual(try searchJSON("переносимка", index: sharded).total, 1)
    }

    func testShardByYearRefusesAnIndexThatIsOneDatabase() throws {
        let dir = try tempDir()
        let index = dir.appendingPathComponent("index").path
        let corpus = try corpus(in: dir)
        XCTAssertEqual(try runBulletin(["index", corpus.path, "--index", index, "--quiet"]).status, 0)
        let refused = try runBulletin(["index", corpus.path, "--index", index, "--shard-by", "year"])
        XCTAssertEqual(refused.status, 2)
        XCTAssertTrue(refused.stderr.contains("holds one database"), refused.stderr)
        XCTAssertEqual(try runBulletin(["index", corpus.path, "--index", index, "--shard-by", "month"]).status, 2)
    }

    // MARK: Remote shards

    struct Found: Equatable {
        var total: Int
        var ids: [String]
        var facets: String
    }

    private func searchJSON(_ query: String, index: String, extra: [String] = []) throws -> Found {
        let run = try runBulletin(["search", query, "--index", index, "--json", "--facets", "--facet-limit", "100", "--limit", "50"] + extra)
        XCTAssertEqual(run.status, 0, "\(query): \(run.stderr)")
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any], run.stdout)
        let hits = (object["hits"] as? [[String: Any]]) ?? []
        let facets = try JSONSerialization.data(withJSONObject: object["facets"] ?? NSNull(), options: [.sortedKeys])
        return Found(total: object["total"] as? Int ?? -1, ids: hits.compactMap { $0["id"] as? String },
                     facets: String(decoding: facets, as: UTF8.self))
    }

    /// A TCP port nobody listens on now (bound, read and released).
    private func freePort() throws -> UInt16 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        XCTAssertGreaterThanOrEqual(fd, 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        try withUnsafeMutablePointer(to: &address) { pointer in
            try pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { raw in
                guard bind(fd, raw, length) == 0, getsockname(fd, raw, &length) == 0 else {
                    XCTFail("cannot bind a local port: \(String(cString: strerror(errno)))")
                    throw XCTSkip("cannot bind a local port")
                }
            }
        }
        return UInt16(bigEndian: address.sin_port)
    }

    private func accepts(_ port: UInt16) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = port.bigEndian
        return withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
    }

    /// Serves `database` with the stock `xapian-tcpsrv` (Debian xapian-tools, installed by
    /// tools/install-deps.sh) on 127.0.0.1; returns its port. Stopped at the test's end.
    private func serve(_ database: String) throws -> UInt16 {
        let server = "/usr/bin/xapian-tcpsrv"
        guard FileManager.default.isExecutableFile(atPath: server) else {
            XCTFail("xapian-tcpsrv is not installed (apt-get install xapian-tools; `make test` does it)")
            throw XCTSkip("no xapian-tcpsrv")
        }
        for _ in 0..<5 {
            let port = try freePort()
            let process = Process()
            process.executableURL = URL(fileURLWithPath: server)
            process.arguments = ["--interface", "127.0.0.1", "--port", String(port), database]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            addTeardownBlock { process.terminate(); process.waitUntilExit() }
            for _ in 0..<100 where process.isRunning {
                if accepts(port) { return port }
                usleep(50_000)
            }
            process.terminate()
        }
        XCTFail("xapian-tcpsrv did not start")
        throw XCTSkip("no server")
    }

    func testRemoteShardThroughXapianTcpsrvGivesTheSameResults() throws {
        let dir = try tempDir()
        let corpus = try corpus(in: dir, count: 60)
        let sharded = dir.appendingPathComponent("sharded").path
        XCTAssertEqual(try runBulletin(["index", corpus.path, "--index", sharded, "--shard-by", "year", "--quiet"]).status, 0)
        let port = try serve(sharded + "/2020")
        // The stub a user would write on the client: the same shards, 2020 served remotely.
        let stub = dir.appendingPathComponent("mixed.stub").path
        let lines = try String(contentsOfFile: sharded + "/XAPIANDB", encoding: .utf8).split(separator: "\n")
            .filter { !$0.hasPrefix("#") }
            .map { $0 == "auto 2020" ? "remote 127.0.0.1:\(port)" : $0.replacingOccurrences(of: "auto ", with: "auto sharded/") }
        try Data(("# hand-written\n" + lines.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: stub))

        for (query, extra) in [("контракт", []), ("поставки Су-30МКИ Китай", []), ("\"совместной комиссии\"", []),
                               ("комиссии", ["--country", "IN"]), ("учения", ["--sort", "-date"]), ("контракт", ["--year", "2020"])] {
            let local = try searchJSON(query, index: sharded, extra: extra)
            let mixed = try searchJSON(query, index: stub, extra: extra)
            XCTAssertGreaterThan(local.total, 0, query)
            XCTAssertEqual(local, mixed, "\(query) \(extra)")
        }
        try assertWorking(stub, documents: 60)
        let similar = try runBulletin(["similar", "2020/b1.txt", "--index", stub, "--json", "--limit", "3"])
        XCTAssertEqual(similar.status, 0, similar.stderr)

        // A remote shard has no spelling table: no suggestion, never an error.
        let remoteOnly = dir.appendingPathComponent("remote.stub").path
        try Data("remote 127.0.0.1:\(port)\n".utf8).write(to: URL(fileURLWithPath: remoteOnly))
        let misspelt = try runBulletin(["search", "контрактт", "--index", remoteOnly])
        XCTAssertEqual(misspelt.status, 0, misspelt.stderr)
        XCTAssertFalse(misspelt.stdout.contains("Возможно"), misspelt.stdout)
        XCTAssertGreaterThan(try searchJSON("контракт", index: remoteOnly).total, 0)
    }
}
