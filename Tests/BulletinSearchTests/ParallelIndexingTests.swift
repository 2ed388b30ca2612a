import Foundation
import XCTest
@testable import BulletinSearch
@testable import Xapian

/// `--jobs N` prepares documents in worker threads and writes them in file order: the index
/// must be the one a single thread writes (issue 12).
final class ParallelIndexingTests: XCTestCase {
    private var corpus: String { SharedText.packageRoot.appendingPathComponent("Corpora").path }

    private func index(jobs: Int, into dir: URL, commitEvery: Int = 1000) throws -> IndexSummary {
        var options = IndexOptions(indexPath: dir.path)
        options.jobs = jobs
        options.commitEvery = commitEvery
        let indexer = try Indexer(options: options)
        defer { indexer.close() }
        return try indexer.index([corpus])
    }

    /// Documents, stored data, values (but the run's timestamp), terms with wdf, the spelling
    /// and synonym tables, the sequence counter, and search results (with corrections,
    /// synonyms, facets and duplicates) of the shipped corpus, for 1 and 4 jobs.
    func testFourJobsWriteTheIndexOneJobWrites() throws {
        let work = try makeTemporaryDirectory(self)
        let serial = work.appendingPathComponent("serial"), parallel = work.appendingPathComponent("parallel")
        let one = try index(jobs: 1, into: serial)
        // A small commit batch: commits fall between documents prepared ahead.
        let four = try index(jobs: 4, into: parallel, commitEvery: 37)
        XCTAssertGreaterThan(one.indexed, 300)
        XCTAssertEqual(one.indexed, four.indexed)
        XCTAssertEqual(one.failed, 0)
        XCTAssertEqual(four.failed, 0)

        let a = try Database(path: serial.path), b = try Database(path: parallel.path)
        let ids = try a.allTerms(prefix: IndexSchema.uniqueIDPrefix).map(\.term)
        XCTAssertEqual(ids, try b.allTerms(prefix: IndexSchema.uniqueIDPrefix).map(\.term))
        for id in ids {
            let x = try a.document(XCTUnwrap(try a.documentID(withTerm: id)))
            let y = try b.document(XCTUnwrap(try b.documentID(withTerm: id)))
            XCTAssertEqual(try x.dataBytes(), try y.dataBytes(), id)
            XCTAssertEqual(try StoredDocument.decode(x, documentID: x.id, in: a, indexPath: serial.path),
                           try StoredDocument.decode(y, documentID: y.id, in: b, indexPath: parallel.path), id)
            let xt = try x.terms(), yt = try y.terms()
            XCTAssertEqual(xt.map(\.term), yt.map(\.term), id)
            XCTAssertEqual(xt.map(\.wdf), yt.map(\.wdf), id)
            for slot in UInt32(0)..<40 where slot != IndexSchema.indexedAtSlot {
                XCTAssertEqual(try x.value(slot: slot), try y.value(slot: slot), "\(id) slot \(slot)")
            }
        }
        let spellings = try a.spellings()
        XCTAssertGreaterThan(spellings.count, 1000)
        XCTAssertEqual(spellings.map(\.word), try b.spellings().map(\.word))
        XCTAssertEqual(spellings.map(\.frequency), try b.spellings().map(\.frequency))
        for term in ["россия", "китай", "ZSкитай", "пво"] {
            XCTAssertEqual(try a.synonyms(of: term), try b.synonyms(of: term), term)
        }
        XCTAssertEqual(try a.metadata(IndexSchema.sequenceKey), try b.metadata(IndexSchema.sequenceKey))
        XCTAssertEqual(try a.metadata(IndexSchema.sequenceKey), String(one.indexed))

        let x = try Searcher(indexPath: serial.path), y = try Searcher(indexPath: parallel.path)
        for query in ["контракт", "поставка Су-30", "Китай", "ПВО", "\"военно-техническое сотрудничество\"",
                      "контрокт", "переговоры OR выставка", "Индия -Россия", "title:испытания", "Беларусь Узбекистан"] {
            var request = SearchRequest(query: query)
            request.facets = true
            request.limit = 50
            let r = try x.search(request), s = try y.search(request)
            XCTAssertEqual(r.total, s.total, query)
            XCTAssertEqual(r.hits.map(\.id), s.hits.map(\.id), query)
            XCTAssertEqual(r.hits.map(\.duplicates), s.hits.map(\.duplicates), query)
            XCTAssertEqual(r.hits.map(\.score), s.hits.map(\.score), query)
            XCTAssertEqual(r.correctedQuery, s.correctedQuery, query)
            XCTAssertEqual(r.facets, s.facets, query)
        }
    }

    /// The spelling table fed from a prepared document equals what TermGenerator's
    /// `.spelling` flag writes when it holds the database (the way every run wrote it before
    /// documents were prepared in other threads).
    func testSpellingsFromPreparedDocumentsEqualTermGeneratorSpellingFlag() throws {
        let work = try makeTemporaryDirectory(self)
        let flagged = try WritableDatabase(path: work.appendingPathComponent("flag").path)
        let prepared = try WritableDatabase(path: work.appendingPathComponent("prepared").path)
        let pipeline = try TextPipeline()
        let generator = try pipeline.makeTermGenerator()
        try generator.setDatabase(flagged)
        try generator.setFlags(.spelling)
        let builder = try DocumentBuilder(pipeline: pipeline, database: prepared)
        let files = try FileManager.default.subpathsOfDirectory(atPath: corpus).filter { $0.hasSuffix(".txt") }.sorted().prefix(40)
        XCTAssertEqual(files.count, 40)
        for file in files {
            let text = try String(contentsOfFile: corpus + "/" + file, encoding: .utf8)
                + " Стоп-слова и и и, 2024 года, очень-очень-длинное-слово " + String(repeating: "я", count: 70)
            let stored = BulletinAnalyzer.analyze(text: text, id: file, path: corpus + "/" + file, root: corpus)
            let doc = try Document()
            try generator.setDocument(doc)
            try generator.indexText(stored.title, prefix: IndexSchema.titlePrefix, positions: false)
            try generator.indexText(stored.indexText ?? stored.text)
            _ = try flagged.add(doc)
            _ = try prepared.replace(uniqueTerm: DocumentBuilder.uniqueTerm(of: stored), with: try builder.build(stored, signature: "0:0:0"))
        }
        try builder.prepareCommit()
        let expected = try flagged.spellings(), got = try prepared.spellings()
        XCTAssertGreaterThan(expected.count, 500)
        XCTAssertEqual(expected.map(\.word), got.map(\.word))
        XCTAssertEqual(expected.map(\.frequency), got.map(\.frequency))
    }

    /// A run stopped by a signal with workers ahead of the writer commits what was written,
    /// and the next run completes the index without duplicates.
    func testStoppedParallelRunIsCompletedByTheNext() throws {
        let dir = try makeTemporaryDirectory(self).appendingPathComponent("index")
        var options = IndexOptions(indexPath: dir.path)
        options.jobs = 2
        let stop = StopSignal()
        options.stop = stop
        var seen = 0
        let indexer = try Indexer(options: options)
        let first = try indexer.index([corpus]) { event in
            if case .file = event { seen += 1; if seen == 25 { _ = stop.request(SIGINT) } }
        }
        indexer.close()
        XCTAssertEqual(first.indexed, 25)
        XCTAssertEqual(first.interruptedBy, SIGINT)
        XCTAssertEqual(try Database(path: dir.path).documentCount(), 25)
        options.stop = nil
        let second = try Indexer(options: options)
        defer { second.close() }
        let rest = try second.index([corpus])
        XCTAssertEqual(rest.unchanged, 25)
        let database = try Database(path: dir.path)
        XCTAssertEqual(try database.documentCount(), 25 + rest.indexed)
        XCTAssertEqual(try database.allTerms(prefix: IndexSchema.uniqueIDPrefix).count, 25 + rest.indexed)
    }
}
