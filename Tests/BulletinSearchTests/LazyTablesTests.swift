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
}
