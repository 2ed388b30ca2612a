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
        var locked = Run(status: 0, stdout: "", stderr: "")
        for _ in 0..<50 {
            locked = try runBulletin(["compact", "--index", index])
            if locked.status == 3 { break }
            usleep(100_000)
        }
        XCTAssertEqual(locked.status, 3, locked.stdout + locked.stderr)
        XCTAssertTrue(locked.stderr.contains("locked"), locked.stderr)
    }
}
