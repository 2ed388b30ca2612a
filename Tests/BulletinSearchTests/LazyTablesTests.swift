import Foundation
import XCTest
import Xapian
@testable import BulletinSearch

/// What a search process used to build whole at start (type-word keys, the set of lexicon
/// words, the stop list one word per call) is now looked up per word or passed in one call:
/// the answers must be the whole tables' answers.
final class LazyTablesTests: XCTestCase {
    func testTypeOfAWordIsTheWholeTablesAnswer() throws {
        let dir = try makeTemporaryDirectory(self)
        let index = dir.appendingPathComponent("index").path
        _ = try buildIndex(self, [storedDocument("a", title: "Контракт", text: "Контракт на поставку", date: "2020-01-01", countries: ["RU"], types: ["contract"])],
                           into: URL(fileURLWithPath: index))
        let searcher = try Searcher(indexPath: index)
        var table: [String: DocumentType] = [:]
        var types: [String: Set<DocumentType>] = [:]
        for (type, words) in SynonymWriter.typeWords {
            for word in words {
                let key = try searcher.wideningKey(word)
                table[key] = type
                types[key, default: []].insert(type)
            }
        }
        XCTAssertTrue(types.values.allSatisfy { $0.count == 1 }, "two types share a key: \(types.filter { $0.value.count > 1 })")
        for (key, type) in table { XCTAssertEqual(try searcher.documentType(forKey: key), type, key) }
        for word in ["контрактами", "поставками", "учениях", "визитом", "россия", "минск", "су30мки", "к", ""] {
            let key = try searcher.wideningKey(word)
            XCTAssertEqual(try searcher.documentType(forKey: key), table[key], word)
        }
    }

    func testLexiconWordsAreFoundByTheScan() {
        for word in SpellingCorrector.lexiconWords { XCTAssertTrue(SpellingCorrector.inLexicon(word), word) }
        for word in ["зрк", "пво", "вашингтон", "и", "контрактами", "абракадабра", "су30мки"] {
            XCTAssertEqual(SpellingCorrector.inLexicon(word), SpellingCorrector.lexiconWords.contains(word), word)
        }
    }

    func testStopperTakesTheListInOneCall() throws {
        let words = IndexSchema.stopwords + ["nul\u{0}inside", "ёлка"]
        let stopper = try Stopper(words: words)
        for word in words { XCTAssertTrue(stopper.contains(word), word) }
        XCTAssertFalse(stopper.contains("контракт"))
        XCTAssertFalse(stopper.contains("nul"))
    }

    /// The lexicon matcher stems a group of forms when a word of its prefix first appears; its
    /// matches must be those of every form stemmed up front: at each word, the longest form
    /// whose stems follow (the first in lexicon order on a tie), then past it.
    func testLexiconMatchesEqualMatchingEveryStemmedForm() throws {
        let pipeline = try TextPipeline()
        var patterns: [(stems: [String], id: String)] = []
        for entry in Lexicon.concepts {
            for words in entry.formWords where !words.isEmpty {
                patterns.append((try words.map { try LexiconMatcher.stemOf($0, pipeline.stem) }, entry.id))
            }
        }
        func reference(_ words: [String]) throws -> [LexiconMatcher.Match] {
            let stems = try words.map { try LexiconMatcher.stemOf($0, pipeline.stem) }
            var result: [LexiconMatcher.Match] = []
            var i = 0
            while i < words.count {
                let fitting = patterns.filter { i + $0.stems.count <= words.count && Array(stems[i..<(i + $0.stems.count)]) == $0.stems }
                if let best = fitting.max(by: { $0.stems.count < $1.stems.count }).map({ b in fitting.first { $0.stems.count == b.stems.count }! }) {
                    result.append(LexiconMatcher.Match(start: i, count: best.stems.count, id: best.id))
                    i += best.stems.count
                } else {
                    i += 1
                }
            }
            return result
        }
        var texts: [String] = []
        let corpus = FacetStorageTests.demoCorpus
        for file in try FileManager.default.subpathsOfDirectory(atPath: corpus.path).filter({ $0.hasSuffix(".txt") }).sorted().prefix(120) {
            texts.append(try String(contentsOfFile: corpus.appendingPathComponent(file).path, encoding: .utf8))
        }
        for entry in Lexicon.concepts { texts.append(entry.forms.joined(separator: " и ")) }
        var found = 0
        for text in texts {
            let matcher = try pipeline.lexicon()
            let words = Lexicon.words(text)
            let got = try matcher.matches(in: words)
            XCTAssertEqual(got, try reference(words), String(text.prefix(60)))
            found += got.count
        }
        XCTAssertGreaterThan(found, 300)
    }
}
