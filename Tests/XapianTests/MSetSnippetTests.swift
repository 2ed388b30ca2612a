import Foundation
import XCTest
@testable import Xapian

/// The shim's snippets with a lasting term-frequency cache (snippet.cpp) must choose and mark
/// what Xapian's own `MSet::snippet` does: compared over real news text (../shared/realnews,
/// third-party, read in place) and the two real bulletins, for words, stems, phrases,
/// hyphenated words, boolean and wildcard queries, with and without the background model.
final class MSetSnippetTests: XCTestCase {
    /// ../shared beside the package; a failure naming it when it is missing.
    private func sharedTexts() throws -> [String] {
        var root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while root.path != "/", !FileManager.default.fileExists(atPath: root.appendingPathComponent("Package.swift").path) {
            root.deleteLastPathComponent()
        }
        let shared = root.deletingLastPathComponent().appendingPathComponent("shared")
        var texts: [String] = []
        for folder in ["realnews/docs", "seeds"] {
            let dir = shared.appendingPathComponent(folder)
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: dir.path) else {
                XCTFail("\(dir.path) is missing: the tests read third-party text from ../shared beside the package")
                return []
            }
            for name in names.sorted() where name.hasSuffix(".txt") {
                texts.append(try String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8))
            }
        }
        return texts
    }

    private func makeIndex(_ texts: [String]) throws -> WritableDatabase {
        let db = try WritableDatabase(path: try makeTemporaryDirectory(self).path)
        try add(texts, to: db)
        try db.commit()
        return db
    }

    /// Each text as a document of `db` (Russian stems, the text as its data), not committed.
    private func add(_ texts: some Sequence<String>, to db: WritableDatabase) throws {
        let tg = try TermGenerator()
        try tg.setStemmer(try Stem(language: "russian"))
        try tg.setStemmingStrategy(.some)
        for text in texts {
            let doc = try Document()
            try tg.setDocument(doc)
            try tg.indexText(text)
            try doc.setData(text)
            try db.add(doc)
        }
    }

    /// A query parser over `db` with Russian stems, as the index was made.
    private func parser(_ db: Database, _ stem: Stem) throws -> QueryParser {
        let qp = try QueryParser()
        try qp.setStemmer(stem)
        try qp.setStemmingStrategy(.some)
        try qp.setDatabase(db)
        return qp
    }

    static let queries = [
        "сотрудничество", "военное сотрудничество", "Франция", "президент заявил", "\"министр обороны\"",
        "военно-техническое", "Россия OR Китай", "США AND санкции", "воен*", "+армия -учения", "НАТО",
        "2023", "переговоры делегации", "Чад", "контракт поставка вертолетов", "\"в ходе визита\"",
        "не", "ракеты", "Индия Китай Россия", "МИД", "C++ проект", "экономика -война",
    ]

    func testCachedSnippetsAreXapiansSnippets() throws {
        let texts = try sharedTexts()
        XCTAssertGreaterThan(texts.count, 100)
        let db = try makeIndex(texts)
        let stem = try Stem(language: "russian")
        let qp = try parser(db, stem)
        let cache = try TermFreqCache()
        var compared = 0, highlighted = 0
        for pass in 0..<2 {
            for query in Self.queries {
                let parsed = try qp.parse(query, flags: [.boolean, .phrase, .loveHate, .wildcard, .pureNot])
                let enquire = try Enquire(database: db)
                try enquire.setQuery(parsed)
                for flags: MSet.SnippetFlags in [[.backgroundModel], [.backgroundModel, .exhaustive], [], [.emptyWithoutMatch]] {
                    for length in [120, 400] {
                        // A fresh MSet per configuration for each side: both keep per-MSet state.
                        let ours = try enquire.mset(first: 0, count: 10)
                        let xapians = try enquire.mset(first: 0, count: 10)
                        for (mine, theirs) in zip(ours, xapians) {
                            let text = try theirs.document.data()
                            let expected = try xapians.snippet(of: text, length: length, stemmer: stem, flags: flags,
                                                               highlightStart: "[", highlightEnd: "]")
                            let actual = try ours.snippet(of: try mine.document.data(), length: length, stemmer: stem, flags: flags,
                                                          highlightStart: "[", highlightEnd: "]", cache: cache)
                            XCTAssertEqual(actual, expected, "pass \(pass), «\(query)», flags \(flags.rawValue), length \(length)")
                            compared += 1
                            if expected.contains("[") { highlighted += 1 }
                        }
                    }
                }
            }
        }
        XCTAssertGreaterThan(compared, 1000)
        XCTAssertGreaterThan(highlighted, compared / 2)
        // The second pass read nothing new from the database.
        let stats = cache.statistics
        XCTAssertGreaterThan(stats.lookups, 2 * stats.misses)
    }

    /// Text built to meet every rule of the word splitter and the snippet's edges: initials,
    /// joined words and numbers, `C++`, invisible joiners, quotes, currency, very long words.
    func testOddTextGivesXapiansSnippet() throws {
        let pieces = ["Россия", "россии", "N.A.T.O.", "AT&T", "д'Артаньян", "1,000.5", "C++", "C#", "fish+chips",
                      "a\u{200D}b", "«контракт»", "(поставка)", "$100", "₽", "—", "…", "!", "?", ".", ",", "-", "'",
                      "\"", "&", "<b>", "Су-30МКИ", "военно-технического", "中国", "x", String(repeating: "д", count: 80),
                      "сотрудничество", "контракта", "вертолетов", "\n", "  ", "№5", "#тег", "@user", "50%"]
        var generator = SplitMix(seed: 42)
        var texts: [String] = []
        for _ in 0..<300 {
            var words: [String] = []
            for _ in 0..<(5 + Int(generator.next() % 120)) {
                words.append(pieces[Int(generator.next() % UInt64(pieces.count))])
            }
            texts.append(words.joined(separator: generator.next() % 3 == 0 ? "" : " "))
        }
        let db = try makeIndex(texts)
        let stem = try Stem(language: "russian")
        let qp = try parser(db, stem)
        let cache = try TermFreqCache()
        for query in ["контракт", "россия сотрудничество", "\"военно технического\"", "C++", "AT&T", "N.A.T.O.", "вертол*", "x OR 中国"] {
            let enquire = try Enquire(database: db)
            try enquire.setQuery(try qp.parse(query, flags: [.boolean, .phrase, .loveHate, .wildcard]))
            for flags: MSet.SnippetFlags in [[.backgroundModel], [.exhaustive], []] {
                let ours = try enquire.mset(first: 0, count: 20), theirs = try enquire.mset(first: 0, count: 20)
                for (mine, their) in zip(ours, theirs) {
                    let text = try their.document.data()
                    for length in [1, 40, 200] {
                        XCTAssertEqual(try ours.snippet(of: try mine.document.data(), length: length, stemmer: stem, flags: flags, cache: cache),
                                       try theirs.snippet(of: text, length: length, stemmer: stem, flags: flags),
                                       "«\(query)» flags \(flags.rawValue) length \(length)")
                    }
                }
            }
        }
    }

    func testFrequencyTableAnswersForItsRevisionOnly() throws {
        let texts = try sharedTexts()
        let dir = try makeTemporaryDirectory(self)
        let writable = try WritableDatabase(path: dir.path)
        let stem = try Stem(language: "russian")
        try add(texts.dropLast(20), to: writable)
        XCTAssertEqual(try writable.writeTermFrequencyTable(key: "freq", maxTerms: 500, minimumDocuments: 10_000), 0, "too few documents yet")
        let written = try writable.writeTermFrequencyTable(key: "freq", maxTerms: 500, minimumDocuments: 10)
        XCTAssertEqual(written, 500)
        try writable.commit()

        let db = try Database(path: dir.path)
        let cache = try TermFreqCache(tableKey: "freq")
        let plain = try TermFreqCache()
        // Every word the table holds answers as the database does, and none of them is read.
        var checked = 0
        for text in texts.prefix(30) {
            for word in text.lowercased().split(whereSeparator: { !$0.isLetter }).prefix(40) {
                XCTAssertEqual(try cache.frequency(of: String(word), in: db), try db.termFrequency(String(word)), String(word))
                XCTAssertEqual(try plain.frequency(of: String(word), in: db), try db.termFrequency(String(word)), String(word))
                checked += 1
            }
        }
        XCTAssertGreaterThan(checked, 500)
        XCTAssertEqual(cache.statistics.tableTerms, 500)
        XCTAssertGreaterThan(cache.statistics.tableHits, checked / 3)
        XCTAssertEqual(plain.statistics.tableHits, 0)

        // Snippets through the table are Xapian's.
        let qp = try parser(db, stem)
        for query in Self.queries {
            let enquire = try Enquire(database: db)
            try enquire.setQuery(try qp.parse(query, flags: [.boolean, .phrase, .loveHate, .wildcard, .pureNot]))
            let ours = try enquire.mset(first: 0, count: 10), theirs = try enquire.mset(first: 0, count: 10)
            for (mine, their) in zip(ours, theirs) {
                XCTAssertEqual(try ours.snippet(of: try mine.document.data(), length: 300, stemmer: stem, flags: [.backgroundModel], cache: cache),
                               try theirs.snippet(of: try their.document.data(), length: 300, stemmer: stem, flags: [.backgroundModel]), query)
            }
        }

        // A commit that did not write the table leaves it for its own revision: not read.
        try add(texts.suffix(20), to: writable)
        try writable.commit()
        try db.reopen()
        let later = try TermFreqCache(tableKey: "freq")
        for word in ["россии", "президент", "заявил"] {
            XCTAssertEqual(try later.frequency(of: word, in: db), try db.termFrequency(word), word)
        }
        XCTAssertEqual(later.statistics.tableTerms, 0)
        XCTAssertEqual(later.statistics.tableHits, 0)
        // The next table keeps the terms chosen first, with the new frequencies.
        XCTAssertEqual(try writable.writeTermFrequencyTable(key: "freq", maxTerms: 500, minimumDocuments: 10), 500)
        try writable.commit()
        try db.reopen()
        let again = try TermFreqCache(tableKey: "freq")
        for word in ["россии", "президент", "заявил"] {
            XCTAssertEqual(try again.frequency(of: word, in: db), try db.termFrequency(word), word)
        }
        XCTAssertEqual(again.statistics.tableTerms, 500)
    }

    func testCacheFollowsTheDatabaseRevision() throws {
        let db = try makeIndex(["Делегация Индии прибыла в Москву", "переговоры о поставке вертолетов", "вертолеты и самолеты"])
        let stem = try Stem(language: "russian")
        let qp = try QueryParser()
        try qp.setStemmer(stem)
        try qp.setDatabase(db)
        let cache = try TermFreqCache()
        let text = "Переговоры о поставке вертолетов в Индию продолжатся."
        func snippet() throws -> String {
            let enquire = try Enquire(database: db)
            try enquire.setQuery(try qp.parse("вертолетов"))
            let mset = try enquire.mset(first: 0, count: 10)
            let expected = try mset.snippet(of: text, length: 30, stemmer: stem, flags: [.backgroundModel])
            XCTAssertEqual(try enquire.mset(first: 0, count: 10).snippet(of: text, length: 30, stemmer: stem, flags: [.backgroundModel], cache: cache), expected)
            return expected
        }
        _ = try snippet()
        let before = cache.statistics
        XCTAssertGreaterThan(before.entries, 0)
        _ = try snippet()
        XCTAssertEqual(cache.statistics.misses, before.misses, "the same revision is answered from the cache")
        // A commit changes the frequencies: the cache starts again and agrees with Xapian.
        for _ in 0..<20 {
            let doc = try Document()
            try doc.setData("x")
            try doc.addTerm("переговоры")
            try db.add(doc)
        }
        try db.commit()
        _ = try snippet()
        XCTAssertGreaterThan(cache.statistics.misses, before.misses)
    }
}

/// A small seeded generator (SplitMix64), so the odd texts are the same on every run.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
