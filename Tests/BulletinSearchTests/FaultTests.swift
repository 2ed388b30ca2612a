import Foundation
import XCTest
import Xapian
@testable import BulletinSearch

/// Issue 10, through the library: each test reproduces one case of the hostile first week
/// (numbered as in the issue) and fails without its fix. The cases that need a process (exit
/// codes, signals, closed streams) are in CLITests/FaultCLITests; those that need a mount or
/// another user are in tools/hostile.sh (`make hostile`, part of `make test`).
final class FaultTests: XCTestCase {
    func corpus(_ count: Int = 12) -> [String: String] {
        var files: [String: String] = [:]
        for i in 0..<count {
            files["\(2019 + i % 2)/f\(i).txt"] = "ЦАМТО, \(1 + i % 28) мая. В Минске обсудили поставки танков, бюллетень \(i). Индия и Китай."
        }
        return files
    }

    func index(_ index: URL, _ paths: [String], feeds: [String] = [], configure: (inout IndexOptions) -> Void = { _ in }) throws -> IndexSummary {
        var options = IndexOptions(indexPath: index.path)
        configure(&options)
        let indexer = try Indexer(options: options)
        defer { indexer.close() }
        return try indexer.index(paths: paths, feeds: feeds)
    }

    func documentCount(_ index: URL) throws -> Int { try Database(path: index.path).documentCount() }

    // MARK: - 1. check beside a writer; check on an index it may not write

    func test01CheckRefusesWhileAWriterHoldsTheLockAndTheWriterFinishes() throws {
        let (_, index, corpus) = try makeIndex(corpus())
        try write(["2020/new.txt": "ЦАМТО, 3 мая. Новый бюллетень про корветы."], under: corpus)
        let writer = try Indexer(options: IndexOptions(indexPath: index.path))
        XCTAssertThrowsError(try IndexChecker.check(indexPath: index.path)) { error in
            XCTAssertEqual(error as? BulletinError, .indexLocked(path: index.path))
        }
        let summary = try writer.index([corpus.path])
        writer.close()
        XCTAssertEqual(summary.indexed, 1)
        XCTAssertEqual(try IndexChecker.check(indexPath: index.path).documents, 13)
    }

    /// The verification `check` falls back to where Xapian's checker may not open the tables
    /// for writing (read-only mount, another user's index): it passes a healthy index and
    /// finds a damaged block. (The mount itself is exercised by tools/hostile.sh.)
    func test01ReadOnlyVerificationReadsEveryTable() throws {
        let (_, index, _) = try makeIndex(corpus(200))
        let healthy = try Database(path: index.path).readEverything()
        XCTAssertEqual(healthy.errors, 0, healthy.report)
        for table in ["postlist", "termlist", "docdata", "position"] {
            let damaged = try makeTemporaryDirectory(self).appendingPathComponent("ix")
            try FileManager.default.copyItem(at: index, to: damaged)
            let file = damaged.appendingPathComponent("\(table).glass")
            let size = try XCTUnwrap(try FileManager.default.attributesOfItem(atPath: file.path)[.size] as? NSNumber).intValue
            XCTAssertGreaterThan(size, 8192, table)
            let handle = try FileHandle(forWritingTo: file)
            try handle.seek(toOffset: UInt64(size - 8192))   // the last block: a leaf
            try handle.write(contentsOf: Data(repeating: 0x5A, count: 8192))
            try handle.close()
            do {
                let result = try Database(path: damaged.path).readEverything()
                XCTAssertGreaterThan(result.errors, 0, "\(table): damage not found")
            } catch {
                XCTAssertEqual(error.kind, .databaseCorrupt, "\(table): \(error)")
            }
        }
    }

    // MARK: - 2. writing into a damaged index

    func test02WritingIntoAnIndexWithATableMissingIsRefusedAndWritesNothing() throws {
        let (_, index, corpus) = try makeIndex(corpus())
        for table in ["postlist", "termlist", "docdata", "position", "spelling", "synonym"] {
            let damaged = try makeTemporaryDirectory(self).appendingPathComponent("ix")
            try FileManager.default.copyItem(at: index, to: damaged)
            try FileManager.default.removeItem(at: damaged.appendingPathComponent("\(table).glass"))
            let before = try Data(contentsOf: damaged.appendingPathComponent("iamglass"))
            XCTAssertThrowsError(try self.index(damaged, [corpus.appendingPathComponent("2019/f0.txt").path]), table) { error in
                guard case .indexCorrupt(_, let detail) = error as? BulletinError else { return XCTFail("\(table): \(error)") }
                XCTAssertEqual(detail, "table \(table).glass missing; re-index into a new directory")
            }
            XCTAssertEqual(try Data(contentsOf: damaged.appendingPathComponent("iamglass")), before, "\(table): nothing committed")
        }
    }

    // MARK: - 3. one id per file, whichever folder is named

    func test03SameFileUnderTwoRootsHasOneID() throws {
        let dir = try makeTemporaryDirectory(self)
        let corpus = dir.appendingPathComponent("corp")
        try write(self.corpus(), under: corpus)
        let index = dir.appendingPathComponent("ix")
        XCTAssertEqual(try self.index(index, [corpus.appendingPathComponent("2019").path]).indexed, 6)
        let second = try self.index(index, [corpus.path])
        XCTAssertEqual([second.indexed, second.unchanged], [6, 6])
        XCTAssertEqual(try documentCount(index), 12)
        // Ids are relative to the first root indexed (recorded in the index), whatever is named later.
        let ids = Set(self.corpus().keys.map { $0.hasPrefix("2019/") ? String($0.dropFirst(5)) : "../" + $0 })
        XCTAssertEqual(Set(try IndexChecker.check(indexPath: index.path, listIDs: true).ids), ids)
        // Prune over the whole root removes a deleted file indexed through the sub-root.
        try FileManager.default.removeItem(at: corpus.appendingPathComponent("2019/f0.txt"))
        XCTAssertEqual(try self.index(index, [corpus.path]) { $0.prune = true }.removed, 1)
        XCTAssertEqual(try documentCount(index), 11)
    }

    // MARK: - 4. links

    func test04ALinkToTheRootDirectoryOrAnAncestorIsNotWalked() throws {
        let dir = try makeTemporaryDirectory(self)
        try write(["a.txt": "ЦАМТО, 1 мая. Текст.", "sub/b.txt": "ЦАМТО, 2 мая. Текст."], under: dir)
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("root").path, withDestinationPath: "/")
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("sub/back").path, withDestinationPath: "..")
        let collected = FileCollector.collect([dir.path])
        XCTAssertEqual(collected.files.map(\.id).sorted(), ["a.txt", "sub/b.txt"])
        let reasons = Dictionary(collected.failures.map { ($0.path, $0.reason) }, uniquingKeysWith: { a, _ in a })
        XCTAssertEqual(reasons.count, 2, "\(reasons)")
        XCTAssertTrue(reasons.keys.contains { $0.hasSuffix("/root") }, "\(reasons)")
    }

    // MARK: - 5. prune over an empty root

    func test05PruneOfAnEmptyRootIsRefusedUnlessForced() throws {
        let (_, index, corpus) = try makeIndex(corpus())
        let empty = corpus.deletingLastPathComponent().appendingPathComponent("mnt")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        _ = try self.index(index, [empty.path, corpus.path])
        XCTAssertThrowsError(try self.index(index, [empty.path]) { $0.prune = true }) { error in
            XCTAssertEqual((error as? BulletinError)?.exitCode, 2)
            XCTAssertTrue("\(error)".contains("it holds no bulletin files (an unmounted disk?)"), "\(error)")
        }
        XCTAssertEqual(try documentCount(index), 12)
    }

    // MARK: - 6. feed ids and file ids

    func test06AFeedRecordWithAFileIDDoesNotReplaceTheFile() throws {
        let (_, index, corpus) = try makeIndex(corpus())
        let feed = corpus.deletingLastPathComponent().appendingPathComponent("feed.jsonl")
        try Data(#"{"id": "2019/f0.txt", "text": "ЦАМТО, 1 мая. Лента про фрегаты."}"#.utf8).write(to: feed)
        XCTAssertEqual(try self.index(index, [], feeds: [feed.path]).indexed, 1)
        XCTAssertEqual(try documentCount(index), 13)
        let searcher = try Searcher(indexPath: index.path)
        XCTAssertEqual(try ids(searcher, "фрегаты"), ["2019/f0.txt"])
        XCTAssertEqual(try ids(searcher, "танков").count, 12, "the file's document is still there")
    }

    // MARK: - 7. the schema in the first commit

    func test07TheFirstCommitCarriesTheSchemaVersion() throws {
        let dir = try makeTemporaryDirectory(self)
        try write(corpus(), under: dir.appendingPathComponent("c"))
        let index = dir.appendingPathComponent("ix")
        var options = IndexOptions(indexPath: index.path)
        options.commitEvery = 1
        var versions: [String] = []
        let indexer = try Indexer(options: options)
        _ = try indexer.index(paths: [dir.appendingPathComponent("c").path], feeds: []) { event in
            // What a SIGKILL right after this commit would leave.
            guard case .committed = event, versions.isEmpty else { return }
            versions.append((try? Database(path: index.path).metadata(IndexSchema.versionKey)) ?? "unreadable")
        }
        XCTAssertEqual(versions, [IndexSchema.version])
    }

    // MARK: - 8, 10. 32-bit conversions

    func test08OffsetsBeyond32BitsAreUsageErrors() throws {
        let (searcher, _, _) = try makeIndex(corpus())
        for offset in [4_294_967_296, Int(UInt32.max), Int.max] {
            var request = SearchRequest(query: "Минске")
            request.offset = offset
            XCTAssertThrowsError(try searcher.search(request), "\(offset)") { error in
                XCTAssertEqual((error as? BulletinError)?.exitCode, 2)
            }
            XCTAssertThrowsError(try searcher.similar(to: "2019/f0.txt", offset: offset)) { error in
                XCTAssertEqual((error as? BulletinError)?.exitCode, 2)
            }
        }
    }

    func test10AHugeMaxBytesWithAFeedIndexes() throws {
        let dir = try makeTemporaryDirectory(self)
        let feed = dir.appendingPathComponent("feed.jsonl")
        try Data(#"{"id": "r1", "text": "ЦАМТО, 1 мая. Лента."}"#.utf8).write(to: feed)
        for maxBytes in [4_611_686_018_427_387_903, Int.max] {
            let summary = try index(dir.appendingPathComponent("ix\(maxBytes)"), [], feeds: [feed.path]) { $0.maxBytes = maxBytes }
            XCTAssertEqual(summary.indexed, 1)
        }
    }

    // MARK: - 11. readers beside a writer committing every document

    /// Searches and `similar` on other threads, each with its own Searcher opened before the
    /// run, while an indexing run commits after every document: none may fail (Xapian's
    /// DatabaseModifiedError is retried after a reopen inside the library).
    /// A modification met inside a library step that maps Xapian's errors (reading a stored
    /// document) is retried like a raw one; it once reached the user as exit 1.
    func test11MappedModificationIsRetried() throws {
        let (_, index, _) = try makeIndex(corpus(2))
        let database = try Database(path: index.path)
        var calls = 0
        let value = try Searcher.retryingOnModification(database) { () throws -> Int in
            calls += 1
            if calls == 1 { throw BulletinError.indexModified(path: index.path) }
            return 7
        }
        XCTAssertEqual(value, 7)
        XCTAssertEqual(calls, 2)
        XCTAssertEqual(BulletinError.indexModified(path: "ix").exitCode, 1)
    }

    func test11ReadersNeverFailWhileAWriterCommitsEveryDocument() throws {
        let (_, index, corpus) = try makeIndex(corpus(4))
        var files: [String: String] = [:]
        for i in 0..<150 { files["2021/n\(i).txt"] = "ЦАМТО, \(1 + i % 28) июня. В Минске обсудили поставки танков и вертолетов, номер \(i). Индия." }
        try write(files, under: corpus)

        final class Outcome: @unchecked Sendable {
            let lock = NSLock()
            var searches = 0
            var failures: [String] = []
            func record(_ error: Error?) {
                lock.lock(); defer { lock.unlock() }
                searches += 1
                if let error { failures.append("\(error)") }
            }
        }
        let outcome = Outcome()
        let stop = StopFlag()
        let group = DispatchGroup()
        let path = index.path
        for reader in 0..<3 {
            let box = Box(try Searcher(indexPath: path))   // one Searcher per thread
            DispatchQueue.global().async(group: group) {
                let searcher = box.value
                var round = 0
                while !stop.isSet || round < 5 {
                    round += 1
                    do {
                        if reader == 2 {
                            _ = try searcher.similar(to: "2019/f0.txt", limit: 5)
                        } else {
                            var request = SearchRequest(query: reader == 0 ? "танков Минске" : "поставки")
                            request.facets = reader == 1
                            _ = try searcher.search(request)
                        }
                        outcome.record(nil)
                    } catch {
                        outcome.record(error)
                    }
                }
            }
        }
        var options = IndexOptions(indexPath: path)
        options.commitEvery = 1
        var commits = 0
        let summary = try Indexer(options: options).index(paths: [corpus.path], feeds: []) { event in
            if case .committed = event { commits += 1 }
        }
        stop.set()
        group.wait()
        XCTAssertEqual(summary.indexed, 150)
        XCTAssertGreaterThanOrEqual(commits, 150)
        XCTAssertEqual(outcome.failures, [], "\(outcome.failures.count) of \(outcome.searches) searches failed")
        XCTAssertGreaterThan(outcome.searches, 15)
        XCTAssertEqual(try Searcher(indexPath: path).documentCount(), 154)
    }

    // MARK: - 12. errors say what they are

    func test12SystemCausesAreNamed() {
        let path = "/x/ix"
        for (code, expected) in [(EROFS, BulletinError.indexAccess(path: path, detail: "read-only file system")),
                                 (EACCES, .indexAccess(path: path, detail: "permission denied")),
                                 (EPERM, .indexAccess(path: path, detail: "permission denied")),
                                 (ENOSPC, .diskFull(path: path, committed: 0))] {
            XCTAssertEqual(IndexDirectory.accessError(path, errno: code), expected)
            // Xapian reports system errors with strerror appended; the cause wins over "corrupt".
            let xapian = XapianError(kind: .databaseOpening, message: "Couldn't open \(path)/postlist.glass (\(String(cString: strerror(code))))")
            XCTAssertEqual(BulletinError.from(xapian, indexPath: path), expected)
        }
        XCTAssertEqual(BulletinError.diskFull(path: path, committed: 7).description,
                       "disk full while writing index /x/ix: the index is intact at its last commit (7 documents of this run committed); free space and run the same command again")
        XCTAssertEqual(BulletinError.diskFull(path: path, committed: 7).exitCode, 1)
    }

    // MARK: - 13. broken stored data; a missing termlist

    func test13BrokenStoredDataIsExit3NamingTheDocument() throws {
        let (_, index, _) = try makeIndex(corpus())
        do {
            let db = try WritableDatabase(path: index.path)
            let id = try XCTUnwrap(try db.documentID(withTerm: DocumentBuilder.uniqueTerm(for: "2019/f0.txt")))
            let document = try db.document(id)
            try document.setData(bytes: [StoredData.format, 0x00, 0x7F])
            try db.replace(uniqueTerm: DocumentBuilder.uniqueTerm(for: "2019/f0.txt"), with: document)
            try db.commit()
        }
        let searcher = try Searcher(indexPath: index.path)
        var request = SearchRequest(query: "танков")
        request.limit = 50
        XCTAssertThrowsError(try searcher.search(request)) { error in
            guard case .indexCorrupt(let path, let detail) = error as? BulletinError else { return XCTFail("\(error)") }
            XCTAssertEqual(path, index.path)
            XCTAssertTrue(detail.contains("(2019/f0.txt) has unreadable stored data"), detail)
        }
        XCTAssertThrowsError(try IndexChecker.check(indexPath: index.path)) { error in
            XCTAssertTrue("\(error)".contains("(2019/f0.txt) has unreadable stored data"), "\(error)")
        }
    }

    func test13SimilarWithoutATermlistIsExit3() throws {
        let (_, index, _) = try makeIndex(corpus())
        try FileManager.default.removeItem(at: index.appendingPathComponent("termlist.glass"))
        do {
            let searcher = try Searcher(indexPath: index.path)
            XCTAssertThrowsError(try searcher.similar(to: "2019/f0.txt")) { error in
                XCTAssertEqual((error as? BulletinError)?.exitCode, 3, "\(error)")
            }
        } catch {
            XCTAssertEqual(error.exitCode, 3, "\(error)")
        }
    }

    // MARK: - 14. check verifies every table the schema uses

    func test14CheckFindsEveryTableMissing() throws {
        let (_, index, _) = try makeIndex(corpus())
        for table in ["position", "spelling", "synonym", "termlist", "docdata"] {
            let damaged = try makeTemporaryDirectory(self).appendingPathComponent("ix")
            try FileManager.default.copyItem(at: index, to: damaged)
            try FileManager.default.removeItem(at: damaged.appendingPathComponent("\(table).glass"))
            XCTAssertThrowsError(try IndexChecker.check(indexPath: damaged.path), table) { error in
                XCTAssertEqual(error as? BulletinError, .indexCorrupt(path: damaged.path, detail: "table \(table).glass missing; re-index into a new directory"))
            }
        }
    }

    // MARK: - 15. one clear refusal each

    func test15PathsThatAreNotIndexesAreRefused() throws {
        let dir = try makeTemporaryDirectory(self)
        try write(["notes.txt": "hello", "c/a.txt": "ЦАМТО, 1 мая. Текст."], under: dir)
        let file = dir.appendingPathComponent("notes.txt")
        XCTAssertThrowsError(try Indexer(options: IndexOptions(indexPath: file.path))) { error in
            XCTAssertEqual(error as? BulletinError, .notAnIndex(path: file.path, detail: "it is a regular file; give a directory for the index"))
        }
        XCTAssertThrowsError(try Searcher(indexPath: file.path)) { error in
            XCTAssertEqual(error as? BulletinError, .notAnIndex(path: file.path, detail: "it is not a directory, nor a stub file listing shards (`auto PATH`, `remote HOST:PORT`)"))
        }
        XCTAssertThrowsError(try Indexer(options: IndexOptions(indexPath: dir.appendingPathComponent("c").path))) { error in
            XCTAssertEqual((error as? BulletinError)?.exitCode, 3)
            XCTAssertTrue("\(error)".contains("holds 1 other entry (a.txt) and no index"), "\(error)")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir.appendingPathComponent("c/iamglass").path))
    }

    // MARK: - 16. the query is normalised like the text

    func test16MixedScriptsAndStressMarksInTheQueryFindTheWord() throws {
        let (searcher, _, _) = try makeIndex(corpus())
        let expected = try ids(searcher, "Минске")
        XCTAssertEqual(expected.count, 12)
        XCTAssertEqual(try ids(searcher, "Mинcке"), expected, "Latin M and c")
        XCTAssertEqual(try ids(searcher, "М\u{0301}инске"), expected, "combining stress mark")
        let (weapons, _, _) = try makeIndex(["a.txt": "ЦАМТО, 1 мая. Индия получила Су-30МКИ."])
        XCTAssertEqual(try ids(weapons, "Су-30MKИ"), ["a.txt"])
    }

    // MARK: - 17. the minor ones

    func test17EmptyFilterValuesAreUsageErrorsNamingTheFlag() throws {
        let (searcher, _, _) = try makeIndex(corpus())
        let cases: [(WritableKeyPath<SearchFilters, [String]>, String)] = [
            (\.countries, "country"), (\.types, "type"), (\.sources, "source"), (\.persons, "person"), (\.weapons, "weapon"),
        ]
        for (keyPath, flag) in cases {
            for value in ["", " ", ","] {
                var request = SearchRequest(query: "Минске")
                request.filters[keyPath: keyPath] = [value]
                XCTAssertThrowsError(try searcher.search(request), flag) { error in
                    XCTAssertEqual(error as? BulletinError, .usage("the \(flag) filter needs a value (it was given an empty one)"))
                }
            }
        }
        var request = SearchRequest(query: "Минске")
        request.filters.from = ""
        XCTAssertThrowsError(try searcher.search(request)) { error in
            XCTAssertEqual(error as? BulletinError, .usage("the start date filter needs a date (it was given an empty one)"))
        }
        XCTAssertThrowsError(try searcher.search(SearchRequest(query: "Минске country:"))) { error in
            XCTAssertEqual((error as? BulletinError)?.exitCode, 2)
        }
    }

    func test17DatesUseTheOneCalendar() throws {
        for (value, lower, upper) in [("2019-02-28", "20190228", "20190228"), ("2020-02-29", "20200229", "20200229"),
                                      ("2019-02", "20190201", "20190228"), ("2020-02", "20200201", "20200229"), ("2019", "20190101", "20191231")] {
            XCTAssertEqual(DateBound.lower(value), lower, value)
            XCTAssertEqual(DateBound.upper(value), upper, value)
        }
        for bad in ["2019-02-29", "2019-02-30", "2019-04-31", "2019-13", "2019-00-10", "2019-1-5", "20x9", "2019-02-3x"] {
            XCTAssertNil(DateBound.lower(bad), bad)
            XCTAssertNil(DateBound.upper(bad), bad)
            // The feed refuses the same days.
            if bad.count == 10 { XCTAssertNil(SimpleDate(iso: bad), bad) }
        }
        XCTAssertThrowsError(try QueryFields.extract("Минск date:2019-02-30")) { error in
            XCTAssertEqual((error as? BulletinError)?.exitCode, 2)
        }
        let (searcher, _, _) = try makeIndex(corpus())
        var request = SearchRequest(query: "Минске")
        request.filters.to = "2019-02-30"
        XCTAssertThrowsError(try searcher.search(request)) { error in
            XCTAssertEqual((error as? BulletinError)?.exitCode, 2)
        }
    }

    func test17AnExclusionAloneListsEverythingElse() throws {
        let (searcher, _, _) = try makeIndex(["a.txt": "ЦАМТО, 1 мая 2020. Китай купил танки.", "b.txt": "ЦАМТО, 2 мая 2020. Индия купила танки.",
                                              "c.txt": "ЦАМТО, 3 мая 2020. Египет купил вертолеты."])
        XCTAssertEqual(try ids(searcher, "-Китай"), ["b.txt", "c.txt"])
        XCTAssertEqual(try ids(searcher, "-Китай -Египет"), ["b.txt"])
        XCTAssertEqual(try ids(searcher, "танки -Китай"), ["b.txt"])
        XCTAssertEqual(try ids(searcher, "-\"купил танки\""), ["b.txt", "c.txt"])
        XCTAssertEqual(try searcher.search(SearchRequest(query: "-Китай")).hits.map(\.id), ["c.txt", "b.txt"], "newest first, as for filters alone")
    }

    func test17FileNamesAreEscapedInTextOutputAndMessages() throws {
        let name = "x\n\u{1B}[31mred\u{202E}.txt"
        let (searcher, _, _) = try makeIndex([name: "ЦАМТО, 1 мая. Про танки."])
        let response = try searcher.search(SearchRequest(query: "танки"))
        var renderer = TextRenderer(ansi: false)
        renderer.currentDirectory = "/nonexistent"
        let text = renderer.render(response)
        XCTAssertFalse(text.unicodeScalars.contains { $0 == "\u{1B}" || $0 == "\u{202E}" }, text)
        XCTAssertTrue(text.contains(#"x\n\u{1B}[31mred\u{202E}.txt"#), text)
        XCTAssertFalse(text.split(separator: "\n").contains { $0.hasPrefix("[31m") }, "the name breaks no line")
        XCTAssertEqual(FileFailure(path: name, reason: "empty file").description, #"x\n\u{1B}[31mred\u{202E}.txt: empty file"#)
        XCTAssertEqual(BulletinError.indexMissing(path: "a\nb").description, #"no index at a\nb: index bulletins into it first"#)
        XCTAssertEqual("Минск".escapedForTerminal, "Минск")
    }

    func test17ExtractNamesWhatAPathIsAndRefusesBigFilesUnread() throws {
        let dir = try makeTemporaryDirectory(self)
        try write(["ok.txt": "ЦАМТО, 1 мая. Текст."], under: dir)
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("folder"), withIntermediateDirectories: true)
        XCTAssertEqual(mkfifo(dir.appendingPathComponent("pipe").path, 0o644), 0)
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("dangling").path, withDestinationPath: "nowhere")
        // Sparse: 50 MB on paper, nothing read.
        let big = dir.appendingPathComponent("big.txt")
        XCTAssertTrue(FileManager.default.createFile(atPath: big.path, contents: nil))
        XCTAssertEqual(truncate(big.path, 50_000_000), 0)
        func reason(_ name: String, maxBytes: Int = IndexOptions.defaultMaxBytes) -> String? {
            if case .failure(let failure) = BulletinAnalyzer.extract(file: dir.appendingPathComponent(name).path, maxBytes: maxBytes) { return failure.reason }
            return nil
        }
        XCTAssertNil(reason("ok.txt"))
        XCTAssertEqual(reason("folder"), "is a directory, not a file")
        XCTAssertEqual(reason("pipe"), "is a FIFO (named pipe), not a file")
        XCTAssertEqual(reason("dangling"), "broken symbolic link")
        XCTAssertEqual(reason("missing"), "cannot read: no such file")
        XCTAssertEqual(reason("big.txt"), "file is 50000000 bytes, over the size limit of 10485760")
        XCTAssertEqual(reason("ok.txt", maxBytes: 5), "file is \("ЦАМТО, 1 мая. Текст.".utf8.count) bytes, over the size limit of 5")
        XCTAssertEqual(IndexOptions(indexPath: "x").maxBytes, IndexOptions.defaultMaxBytes, "the same default as index")
    }

    func test17AnEditKeepingSizeAndModificationTimeIsFoundWithCheckContent() throws {
        let (_, index, corpus) = try makeIndex(["a.txt": "ЦАМТО, 1 мая. Про танки."])
        let file = corpus.appendingPathComponent("a.txt")
        let mtime = try XCTUnwrap(try FileManager.default.attributesOfItem(atPath: file.path)[.modificationDate] as? Date)
        try Data("ЦАМТО, 1 мая. Про пушки.".utf8).write(to: file)   // same byte count
        try FileManager.default.setAttributes([.modificationDate: mtime], ofItemAtPath: file.path)
        XCTAssertEqual(try self.index(index, [corpus.path]).unchanged, 1, "a stat sees no change")
        XCTAssertEqual(try self.index(index, [corpus.path]) { $0.checkContent = true }.updated, 1)
        XCTAssertEqual(try ids(Searcher(indexPath: index.path), "пушки"), ["a.txt"])
        XCTAssertEqual(try self.index(index, [corpus.path]) { $0.checkContent = true }.unchanged, 1)
    }
}

/// Hands a value to one other thread.
final class Box<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}

/// A flag set once by one thread and read by others.
final class StopFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    var isSet: Bool { lock.lock(); defer { lock.unlock() }; return value }
    func set() { lock.lock(); value = true; lock.unlock() }
}
