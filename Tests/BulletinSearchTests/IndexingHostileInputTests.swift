import Foundation
import XCTest
@testable import BulletinSearch

/// Hostile files and hostile text: every bad file is named with its reason, everything
/// else is indexed and findable.
final class IndexingHostileInputTests: XCTestCase {
    func index(_ corpus: URL, into index: URL, maxBytes: Int = 10 * 1024 * 1024) throws -> IndexSummary {
        var options = IndexOptions(indexPath: index.path)
        options.maxBytes = maxBytes
        return try Indexer(options: options).index([corpus.path])
    }

    func reasons(_ summary: IndexSummary, under corpus: URL) -> [String: String] {
        Dictionary(summary.failures.map { (String($0.path.dropFirst(corpus.path.count + 1)), $0.reason) }, uniquingKeysWith: { a, _ in a })
    }

    func testBadFilesAreEachNamedWithTheirReason() throws {
        let dir = try makeTemporaryDirectory(self)
        let corpus = dir.appendingPathComponent("c")
        try write(["good.txt": "ЦАМТО, 1 мая. Хороший файл про танки.", "sub/deep.txt": "ЦАМТО, 2 мая. Глубже про фрегаты.",
                   "empty.txt": "", "blank.txt": " \n\t \r\n", "big.txt": String(repeating: "слово ", count: 400),
                   "notes.md": "not a .txt file: ignored"], under: corpus)
        try Data([0x41, 0x00, 0x42]).write(to: corpus.appendingPathComponent("binary.txt"))
        let fm = FileManager.default
        try fm.createSymbolicLink(atPath: corpus.appendingPathComponent("broken.txt").path, withDestinationPath: "nowhere.txt")
        try fm.createSymbolicLink(atPath: corpus.appendingPathComponent("loop1.txt").path, withDestinationPath: "loop2.txt")
        try fm.createSymbolicLink(atPath: corpus.appendingPathComponent("loop2.txt").path, withDestinationPath: "loop1.txt")
        try fm.createSymbolicLink(atPath: corpus.appendingPathComponent("sub/up").path, withDestinationPath: "..")
        try fm.createSymbolicLink(atPath: corpus.appendingPathComponent("alias.txt").path, withDestinationPath: "good.txt")
        XCTAssertEqual(mkfifo(corpus.appendingPathComponent("fifo.txt").path, 0o644), 0)
        // A name that is not UTF-8 (bytes "bad\xFF.txt"), and a directory named so.
        let badName = Array(corpus.path.utf8) + Array("/bad".utf8) + [0xFF] + Array(".txt".utf8)
        let fd = open(badName.map { CChar(bitPattern: $0) } + [0], O_CREAT | O_WRONLY, 0o644)
        XCTAssertGreaterThanOrEqual(fd, 0)
        _ = "ЦАМТО, 1 мая. Текст.".withCString { write(fd, $0, strlen($0)) }
        close(fd)
        let badDirectory = Array(corpus.path.utf8) + Array("/dir".utf8) + [0xFE]
        XCTAssertEqual(mkdir(badDirectory.map { CChar(bitPattern: $0) } + [0], 0o755), 0)
        // Unreadable (not for root, who reads everything).
        try write(["locked.txt": "ЦАМТО, 1 мая. Закрытый файл."], under: corpus)
        chmod(corpus.appendingPathComponent("locked.txt").path, 0)
        addTeardownBlock { chmod(corpus.appendingPathComponent("locked.txt").path, 0o644) }
        let isRoot = getuid() == 0

        let summary = try index(corpus, into: dir.appendingPathComponent("index"), maxBytes: 1000)
        let failed = reasons(summary, under: corpus)
        var expected = [
            "empty.txt": "empty file",
            "blank.txt": "empty file (whitespace only)",
            "big.txt": "file is 4400 bytes, over the size limit of 1000",
            "binary.txt": "binary file (contains NUL bytes)",
            "broken.txt": "broken symbolic link",
            "loop1.txt": "symbolic link loop",
            "loop2.txt": "symbolic link loop",
            "sub/up": "symbolic link loop (points to a directory that contains it)",
            "fifo.txt": "is a FIFO (named pipe), not a file",
            "bad\\xFF.txt": "file name is not valid UTF-8 (rename it)",
            "dir\\xFE": "directory name is not valid UTF-8 (rename it)",
        ]
        if !isRoot { expected["locked.txt"] = "cannot read: permission denied" }
        XCTAssertEqual(failed, expected)
        XCTAssertEqual(summary.indexed, isRoot ? 3 : 2, "good.txt (once, not again as alias.txt), sub/deep.txt, locked.txt for root")
        let searcher = try Searcher(indexPath: dir.appendingPathComponent("index").path)
        XCTAssertEqual(try ids(searcher, "танки"), ["good.txt"])
        XCTAssertEqual(try ids(searcher, "фрегаты"), ["sub/deep.txt"])
        XCTAssertEqual(FileFailure(path: "a\nb\u{1B}[31m.txt", reason: "x").description, #"a\nb\u{1B}[31m.txt: x"#, "one line per failure, control characters escaped")
    }

    /// 405 bytes: longer than Xapian's 245-byte term limit.
    static let longID = String(repeating: "д", count: 100) + "/" + String(repeating: "д", count: 100) + ".txt"

    func testHostileTextIsIndexedWithoutAbortingTheBatch() throws {
        let dir = try makeTemporaryDirectory(self)
        let corpus = dir.appendingPathComponent("c")
        let longLine = String(String(repeating: "Поставка танков Т-90 в Индию продолжается. ", count: 120_000).prefix(5_000_000))
        try write([
            "oneline.txt": "ЦАМТО, 1 мая. " + longLine,
            "million.txt": "ЦАМТО, 1 мая. " + String(repeating: "мина ", count: 1_000_000),
            "tokens.txt": "ЦАМТО, 1 мая. Начало " + String(repeating: "я", count: 5000) + " " + String(repeating: "x", count: 300) + " "
                + Array(repeating: "ab", count: 200).joined(separator: "-") + " " + Array(repeating: "слово", count: 100).joined(separator: "-")
                + " Су-" + String(repeating: "3", count: 300) + " конецтекста.",
            "controls.txt": "ЦАМТО, 1 мая. Текст\u{01}с\u{02}управляющими\u{07}символами\u{1B}[31m и DEL\u{7F}. Про эсминцы.\r\nВторая строка\rтретья.",
            "scripts.txt": "ЦАМТО, 2 мая. Министр обороны Ирака Джума Инад (جمعة عناد) и генерал Чжан Юся (张又侠) обсудили поставки. Ελληνικά עברית 😀 Latin.",
            Self.longID: "ЦАМТО, 3 мая. Файл с очень длинным именем про корветы.",
        ], under: corpus)
        let index = dir.appendingPathComponent("index")
        let summary = try self.index(corpus, into: index)
        XCTAssertEqual(summary.failures, [])
        XCTAssertEqual(summary.indexed, 6)
        let searcher = try Searcher(indexPath: index.path)
        XCTAssertEqual(try ids(searcher, "Индию"), ["oneline.txt"])
        XCTAssertEqual(try ids(searcher, "мина"), ["million.txt"])
        XCTAssertEqual(try ids(searcher, "конецтекста"), ["tokens.txt"])
        XCTAssertEqual(try ids(searcher, "эсминцы"), ["controls.txt"])
        XCTAssertEqual(try ids(searcher, "третья"), ["controls.txt"])
        XCTAssertEqual(try ids(searcher, "张又侠"), ["scripts.txt"])
        XCTAssertEqual(try ids(searcher, "جمعة"), ["scripts.txt"])
        XCTAssertEqual(try ids(searcher, "корветы"), [Self.longID], "an id over Xapian's term limit is hashed")
        XCTAssertNoThrow(try IndexChecker.check(indexPath: index.path))
        XCTAssertEqual(try self.index(corpus, into: index).unchanged, 6)
    }
}
