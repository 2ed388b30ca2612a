import Foundation
import XCTest
@testable import BulletinSearch

/// The lexicon data files (`lexicons/`): every entry parses and round-trips, and the compiled
/// `LexiconData` is exactly what the files say.
final class LexiconFileTests: XCTestCase {
    /// `lexicons/NAME` of this checkout, found from this file's path.
    private func dataFile(_ name: String) throws -> String {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("lexicons").appendingPathComponent(name)
        return try String(contentsOf: url, encoding: .utf8)
    }

    /// The content lines of a file, as written.
    private func contentLines(_ text: String) -> [String] {
        Lexicon.contentLines(text).map { String($0.1) }
    }

    func testCompiledDataIsTheDataFiles() throws {
        let stale = "changed: run python3 tools/lexicon/generate.py"
        XCTAssertEqual(LexiconData.abbreviations, Lexicon.parseEntries(try dataFile("abbreviations.tsv")).entries, "abbreviations.tsv \(stale)")
        XCTAssertEqual(LexiconData.transliterations, Lexicon.parseEntries(try dataFile("transliterations.tsv")).entries, "transliterations.tsv \(stale)")
        XCTAssertEqual(LexiconData.capitals, Lexicon.parseCapitals(try dataFile("capitals.tsv")).entries, "capitals.tsv \(stale)")
        XCTAssertEqual(LexiconData.stopwords, Lexicon.parseWords(try dataFile("stopwords.txt")), "stopwords.txt \(stale)")
        // The generator's word splitting is `Lexicon.words`.
        for entry in Lexicon.concepts { XCTAssertEqual(entry.formWords, entry.forms.map(Lexicon.words), entry.id) }
        for entry in Lexicon.capitals { XCTAssertEqual(entry.nameWords, entry.names.map(Lexicon.words), entry.code) }
    }

    func testAbbreviationsParseAndRoundTrip() throws {
        try checkConcepts(file: "abbreviations.tsv", parsed: Lexicon.abbreviations)
    }

    func testTransliterationsParseAndRoundTrip() throws {
        try checkConcepts(file: "transliterations.tsv", parsed: Lexicon.transliterations)
    }

    private func checkConcepts(file: String, parsed: [LexiconEntry]) throws {
        let text = try dataFile(file)
        let result = Lexicon.parseEntries(text)
        XCTAssertEqual(result.errors, [], file)
        XCTAssertEqual(result.entries, parsed)
        XCTAssertEqual(result.entries.map(\.line), contentLines(text), "\(file): every line is written as it parses")
        XCTAssertFalse(result.entries.isEmpty)
        for entry in result.entries {
            XCTAssertEqual(Lexicon.parseEntries(entry.line).entries, [entry])
            XCTAssertGreaterThanOrEqual(entry.forms.count, 2, entry.line)
        }
    }

    func testNoFormMeansTwoConcepts() throws {
        var owner: [String: String] = [:]
        for entry in Lexicon.concepts {
            XCTAssertTrue(Lexicon.isID(entry.id), entry.id)
            for form in entry.forms {
                let key = Lexicon.words(form).joined(separator: " ")
                if let other = owner[key], other != entry.id { XCTFail("\(form) is in \(other) and \(entry.id)") }
                owner[key] = entry.id
            }
        }
        XCTAssertEqual(Set(Lexicon.concepts.map(\.id)).count, Lexicon.concepts.count, "concept ids are unique")
    }

    func testCapitalsParseAndRoundTrip() throws {
        let text = try dataFile("capitals.tsv")
        let result = Lexicon.parseCapitals(text)
        XCTAssertEqual(result.errors, [])
        XCTAssertEqual(result.entries, Lexicon.capitals)
        XCTAssertEqual(result.entries.map(\.line), contentLines(text))
        for entry in result.entries {
            XCTAssertNotNil(CountryTable.info(entry.code), "\(entry.code) is a country of CountryTable")
            XCTAssertEqual(Lexicon.parseCapitals(entry.line).entries, [entry])
        }
        XCTAssertEqual(Lexicon.countryOfCapital["вашингтон"], "US")
        XCTAssertEqual(Lexicon.countryOfCapital["нью дели"], "IN")
    }

    func testStopwordsParseAndRoundTrip() throws {
        let text = try dataFile("stopwords.txt")
        let words = Lexicon.parseWords(text)
        XCTAssertEqual(words, contentLines(text))
        XCTAssertEqual(words, IndexSchema.stopwords)
        XCTAssertEqual(Set(words).count, words.count, "no stop word twice")
        for word in words {
            XCTAssertEqual(Lexicon.words(word).count, 1, "\(word) is one word")
            XCTAssertEqual(word, word.lowercased())
        }
        let named = Set(Lexicon.concepts.flatMap { $0.forms.map(Lexicon.words).filter { $0.count == 1 }.map { $0[0] } })
        XCTAssertTrue(Set(words.map { $0.replacingOccurrences(of: "ё", with: "е") }).isDisjoint(with: named), "a one-word lexicon form is never a stop word")
        XCTAssertTrue(words.contains("кто") && words.contains("при"))
    }

    /// `Lexicon.words` classifies ASCII and Russian letters by code point: it must split and
    /// lowercase every text as the Unicode properties of the lowercased text do.
    func testWordsAgreeWithTheUnicodeProperties() throws {
        let odd = "ЁЖИК ёлка Су-30МКИ С‑400 İSTANBUL ΟΔΟΣ ǅ \u{212A}elvin ①② ٣٤ 三號 Ⓐ ҂ҋ Ѳѣ é e\u{301} № 5,43 x²\tтаб\nстрока ✈️ 👍🏽"
        XCTAssertEqual(Lexicon.words(odd), Lexicon.wordsByProperties(odd))
        let corpus = SharedText.packageRoot.appendingPathComponent("Corpora")
        let files = try XCTUnwrap(FileManager.default.enumerator(atPath: corpus.path)).compactMap { $0 as? String }.filter { $0.hasSuffix(".txt") }
        XCTAssertGreaterThan(files.count, 100)
        for file in files {
            let text = String(decoding: try Data(contentsOf: corpus.appendingPathComponent(file)), as: UTF8.self)
            XCTAssertEqual(Lexicon.words(text), Lexicon.wordsByProperties(text), file)
        }
    }

    func testBadLinesAreReportedWithTheirNumbers() {
        let result = Lexicon.parseEntries("# comment\nпво\tПВО | противовоздушная оборона\nBad\tx | y\nодна форма\nзрк\tЗРК\n")
        XCTAssertEqual(result.entries.map(\.id), ["пво"])
        XCTAssertEqual(result.errors.map(\.line), [3, 4, 5])
        XCTAssertEqual(Lexicon.parseCapitals("USA\tВашингтон\nUS\t\n").errors.map(\.line), [1, 2])
    }

    func testMatcherFindsPhrasesInAnyCase() throws {
        let pipeline = try TextPipeline()
        let matcher = try pipeline.lexicon()
        XCTAssertEqual(try matcher.conceptCounts(in: "Средства противовоздушной обороны и ПВО Казахстана"), ["пво": 2])
        XCTAssertEqual(try matcher.conceptCounts(in: "пуск межконтинентальной баллистической ракеты «Ярс»"), ["мбр": 1, "yars": 1])
        XCTAssertEqual(try matcher.conceptCounts(in: "дроны-разведчики и беспилотников"), ["бпла": 2])
        XCTAssertEqual(try matcher.conceptCounts(in: "противовоздушной промышленности"), [:], "a phrase needs every word")
    }

    func testNameFormsUndoTheCase() {
        XCTAssertTrue(NameForms.forms(of: "белоусова").contains("белоусов"))
        XCTAssertTrue(NameForms.forms(of: "белоусов").contains("белоусова"))
        XCTAssertTrue(NameForms.forms(of: "пхеньяне").contains("пхеньян"))
        XCTAssertTrue(NameForms.forms(of: "хренина").contains("хренин"))
        XCTAssertTrue(NameForms.forms(of: "шугаевым").contains("шугаев"))
        XCTAssertEqual(NameForms.forms(of: "ким"), [], "short words are left alone")
        XCTAssertEqual(NameForms.forms(of: "kh101"), [])
    }
}
