import Foundation
import XCTest
@testable import BulletinSearch
@testable import Xapian

/// Stored data deflated with a dictionary trained on the index's first documents
/// (`StoredDictionary`, `StoredCompression`): every document reads back exactly as stored
/// plain, through one database, a later run, year shards and their stub; damage is reported.
final class StoredCompressionTests: XCTestCase {
    private var savedSample = StoredCompression.sampleDocuments

    override func setUp() {
        savedSample = StoredCompression.sampleDocuments
    }

    override func tearDown() {
        StoredCompression.sampleDocuments = savedSample
    }

    private var corpora: URL { SharedText.packageRoot.appendingPathComponent("Corpora") }

    private func index(_ paths: [String], into index: URL, sample: Int, shards: Bool = false) throws {
        StoredCompression.sampleDocuments = sample
        var options = IndexOptions(indexPath: index.path)
        options.shardByYear = shards
        let indexer = try Indexer(options: options)
        defer { indexer.close() }
        let summary = try indexer.index(paths: paths, feeds: [])
        XCTAssertEqual(summary.failed, 0)
    }

    /// Every document of the index at `path`, by id, read through a Searcher.
    private func documents(_ path: URL) throws -> [String: StoredDocument] {
        let searcher = try Searcher(indexPath: path.path)
        var out: [String: StoredDocument] = [:]
        for id in try Database(path: path.path).allTerms(prefix: IndexSchema.uniqueIDPrefix).map({ String($0.term.dropFirst()) }) {
            out[id] = try searcher.document(id: id)
        }
        return out
    }

    /// How many documents of `database` hold each format byte.
    private func formats(_ database: Database) throws -> [UInt8: Int] {
        var counts: [UInt8: Int] = [:]
        for (term, _) in try database.allTerms(prefix: IndexSchema.uniqueIDPrefix) {
            guard let id = try database.documentID(withTerm: term) else { continue }
            counts[try database.document(id).dataBytes().first ?? 0, default: 0] += 1
        }
        return counts
    }

    func testDeflatedDocumentsReadBackAsThePlainOnes() throws {
        let dir = try makeTemporaryDirectory(self)
        let plain = dir.appendingPathComponent("plain"), deflated = dir.appendingPathComponent("deflated")
        let real = try SharedText.require("realnews/docs")
        try index([corpora.path, real.path], into: plain, sample: Int.max)
        try index([corpora.path, real.path], into: deflated, sample: 50)

        let database = try Database(path: deflated.path)
        let counts = try formats(database)
        XCTAssertEqual(counts[StoredData.format], 50, "the sampled documents stay plain")
        XCTAssertGreaterThan(counts[StoredDictionary.format] ?? 0, 400)
        XCTAssertEqual(try formats(try Database(path: plain.path))[StoredDictionary.format], nil)
        let id = try database.metadata(IndexSchema.dictionaryKey)
        XCTAssertEqual(id.count, 8)
        let dictionary = try database.metadataBytes(IndexSchema.dictionaryKeyPrefix + id)
        XCTAssertGreaterThan(dictionary.count, 4096)
        XCTAssertLessThanOrEqual(dictionary.count, StoredDictionary.maxBytes)

        // Read by a process that never saw the dictionary: loaded from the index.
        let expected = try documents(plain)
        XCTAssertEqual(expected.count, counts.values.reduce(0, +))
        XCTAssertEqual(try documents(deflated), expected)
        XCTAssertNoThrow(try IndexChecker.check(indexPath: deflated.path))
        // Searches and snippets see the same text.
        for query in ["контракт", "сотрудничество", "\"министр обороны\""] {
            let a = try Searcher(indexPath: plain.path).search(SearchRequest(query: query))
            let b = try Searcher(indexPath: deflated.path).search(SearchRequest(query: query))
            XCTAssertEqual(a.hits.map(\.id), b.hits.map(\.id), query)
            XCTAssertEqual(a.hits.map(\.snippet), b.hits.map(\.snippet), query)
        }
        // And smaller.
        func size(_ url: URL) throws -> Int {
            try FileManager.default.attributesOfItem(atPath: url.appendingPathComponent("docdata.glass").path)[.size] as! Int
        }
        XCTAssertLessThan(try size(deflated), try size(plain))
    }

    func testALaterRunKeepsTheIndexDictionary() throws {
        let dir = try makeTemporaryDirectory(self)
        let index = dir.appendingPathComponent("index")
        let years = try FileManager.default.contentsOfDirectory(atPath: corpora.path).filter { $0.hasPrefix("20") }.sorted()
        try self.index(years.prefix(3).map { corpora.appendingPathComponent($0).path }, into: index, sample: 40)
        let first = try Database(path: index.path).metadata(IndexSchema.dictionaryKey)
        XCTAssertFalse(first.isEmpty)
        try self.index(years.map { corpora.appendingPathComponent($0).path }, into: index, sample: 40)
        let database = try Database(path: index.path)
        XCTAssertEqual(try database.metadata(IndexSchema.dictionaryKey), first)
        XCTAssertFalse(try database.metadataBytes(IndexSchema.dictionaryKeyPrefix + first).isEmpty)
        XCTAssertEqual(try formats(database)[StoredData.format], 40, "only the first run's sample stays plain")
        XCTAssertNoThrow(try IndexChecker.check(indexPath: index.path))
    }

    func testYearShardsReadThroughTheirStub() throws {
        let dir = try makeTemporaryDirectory(self)
        let plain = dir.appendingPathComponent("plain"), sharded = dir.appendingPathComponent("sharded")
        try index([corpora.path], into: plain, sample: Int.max)
        try index([corpora.path], into: sharded, sample: 30, shards: true)
        XCTAssertEqual(try documents(sharded), try documents(plain))
        // Every shard holding deflated documents holds their dictionary, and so does the
        // first database, whose metadata a stub reads.
        let layout = try IndexLayout.at(sharded.path)
        var deflated = 0
        for shard in layout.localDatabases {
            let database = try Database(path: shard)
            let n = try formats(database)[StoredDictionary.format] ?? 0
            deflated += n
            if n > 0 { XCTAssertFalse(try database.metadata(IndexSchema.dictionaryKey).isEmpty, shard) }
        }
        XCTAssertGreaterThan(deflated, 300)
        XCTAssertFalse(try Database(path: layout.localDatabases[0]).metadata(IndexSchema.dictionaryKey).isEmpty)
    }

    func testAFeedIsSampledInRecordOrder() throws {
        let dir = try makeTemporaryDirectory(self)
        let feed = try SharedText.require("realnews/telegram-posts.jsonl")
        // The first 400 records of the real feed (a JSON-lines file of its own).
        let lines = try String(contentsOf: feed, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: true).prefix(400)
        let part = dir.appendingPathComponent("part.jsonl")
        try (lines.joined(separator: "\n") + "\n").write(to: part, atomically: true, encoding: .utf8)
        var indexes: [URL] = []
        for run in 0..<2 {
            let index = dir.appendingPathComponent("index\(run)")
            StoredCompression.sampleDocuments = 100
            let indexer = try Indexer(options: IndexOptions(indexPath: index.path))
            let summary = try indexer.index(paths: [], feeds: [part.path])
            indexer.close()
            XCTAssertGreaterThan(summary.indexed, 300)
            indexes.append(index)
        }
        let database = try Database(path: indexes[0].path)
        XCTAssertEqual(try formats(database)[StoredData.format], 100)
        XCTAssertGreaterThan(try formats(database)[StoredDictionary.format] ?? 0, 200)
        // The same records give the same dictionary.
        XCTAssertEqual(try database.metadata(IndexSchema.dictionaryKey), try Database(path: indexes[1].path).metadata(IndexSchema.dictionaryKey))
        XCTAssertNoThrow(try IndexChecker.check(indexPath: indexes[0].path))
    }

    func testARunStoppedWhileWorkersWaitForTheSamplesEnds() throws {
        let dir = try makeTemporaryDirectory(self)
        let index = dir.appendingPathComponent("index")
        StoredCompression.sampleDocuments = 200
        var options = IndexOptions(indexPath: index.path)
        options.jobs = 3
        let stop = StopSignal()
        options.stop = stop
        var seen = 0
        let indexer = try Indexer(options: options)
        // Stopped before the 200th document: workers ahead of it wait for the dictionary.
        let first = try indexer.index([corpora.path]) { event in
            if case .file = event { seen += 1; if seen == 150 { _ = stop.request(SIGINT) } }
        }
        indexer.close()
        XCTAssertEqual(first.interruptedBy, SIGINT)
        options.stop = nil
        let second = try Indexer(options: options)
        let rest = try second.index([corpora.path])
        second.close()
        XCTAssertEqual(rest.failed, 0)
        XCTAssertEqual(try Database(path: index.path).documentCount(), first.indexed + rest.indexed)
        XCTAssertNoThrow(try IndexChecker.check(indexPath: index.path))
    }

    func testASchema6IndexIsReadAndExtended() throws {
        let dir = try makeTemporaryDirectory(self)
        let index = dir.appendingPathComponent("index")
        let years = try FileManager.default.contentsOfDirectory(atPath: corpora.path).filter { $0.hasPrefix("20") }.sorted()
        // Schema 6 wrote plain data only and no dictionary: what a run sampling everything writes.
        try self.index([corpora.appendingPathComponent(years[0]).path], into: index, sample: Int.max)
        do {
            let writable = try WritableDatabase(path: index.path)
            try writable.setMetadata(IndexSchema.versionKey, "6")
            try writable.commit()
            try writable.close()
        }
        XCTAssertFalse(try Searcher(indexPath: index.path).search(SearchRequest(query: "контракт")).hits.isEmpty)
        XCTAssertNoThrow(try IndexChecker.check(indexPath: index.path))
        try self.index(years.map { corpora.appendingPathComponent($0).path }, into: index, sample: 40)
        let database = try Database(path: index.path)
        XCTAssertEqual(try database.metadata(IndexSchema.versionKey), IndexSchema.version)
        XCTAssertGreaterThan(try formats(database)[StoredDictionary.format] ?? 0, 0)
        XCTAssertNoThrow(try IndexChecker.check(indexPath: index.path))
    }

    func testDamagedDeflatedDataIsReportedNotMisread() throws {
        let dir = try makeTemporaryDirectory(self)
        let index = dir.appendingPathComponent("index")
        try self.index([corpora.path], into: index, sample: 30)
        let writable = try WritableDatabase(path: index.path)
        let term = try writable.allTerms(prefix: IndexSchema.uniqueIDPrefix).map(\.term).first { term in
            guard let id = try? writable.documentID(withTerm: term), let data = try? writable.document(id).dataBytes() else { return false }
            return data.first == StoredDictionary.format
        }
        let id = try XCTUnwrap(try term.flatMap { try writable.documentID(withTerm: $0) })
        let document = try writable.document(id)
        var data = try document.dataBytes()
        data[data.count - 20] ^= 0x5A
        try document.setData(bytes: data)
        try writable.replace(documentID: id, with: document)
        try writable.commit()
        try writable.close()
        let name = String(try XCTUnwrap(term).dropFirst())
        XCTAssertThrowsError(try Searcher(indexPath: index.path).document(id: name)) { error in
            guard case .indexCorrupt(_, let detail) = error as? BulletinError else { return XCTFail("\(error)") }
            XCTAssertTrue(detail.contains("cannot be expanded"), detail)
        }
        XCTAssertThrowsError(try IndexChecker.check(indexPath: index.path))
    }

    func testDictionaryIsTrainedOnWhatRepeats() throws {
        var samples: [[UInt8]] = []
        for i in 0..<60 {
            var bytes: [UInt8] = []
            CompactText.append("Военно-техническое сотрудничество России и Индии, контракт номер \(i) на поставку вертолетов.", to: &bytes)
            samples.append(bytes)
        }
        let dictionary = try XCTUnwrap(StoredDictionary.train(samples))
        var phrase: [UInt8] = []
        CompactText.append("сотрудничество ", to: &phrase)
        XCTAssertNotNil(dictionary.bytes.firstRange(of: phrase))
        var text: [UInt8] = [StoredData.format]
        CompactText.append("Военно-техническое сотрудничество: контракт на поставку вертолетов подписан.", to: &text)
        let compressed = try XCTUnwrap(dictionary.compress(text))
        XCTAssertEqual(StoredDictionary.header(of: compressed), dictionary.id)
        XCTAssertEqual(dictionary.expand(compressed), text)
        // Another dictionary cannot expand it.
        XCTAssertNil(StoredDictionary(bytes: Array(dictionary.bytes.reversed())).expand(compressed))
        XCTAssertNil(StoredDictionary.train([]))
    }
}
