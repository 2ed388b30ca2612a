import Foundation
import XCTest
@testable import BulletinSearch

/// `Snippet.truncate` counts Unicode scalars in one pass; on text whose letters are one scalar
/// each (normalised Russian and Latin) it must cut exactly where the Character-based cut did.
final class SnippetTruncateTests: XCTestCase {
    /// The Character-based cut this replaced: the reference.
    static func reference(_ snippet: String, toCharacters limit: Int) -> String {
        func visible(_ word: Substring) -> Int { word.count - 2 * Snippet.markers(in: word) }
        let words = snippet.split(separator: " ")
        if words.reduce(0, { $0 + visible($1) }) + max(words.count - 1, 0) <= limit { return snippet }
        let firstHighlight = words.firstIndex(where: { $0.contains("**") }) ?? 0
        var start = firstHighlight
        var before = 0
        while start > 0, before + visible(words[start - 1]) + 1 <= limit / 3 {
            start -= 1
            before += visible(words[start]) + 1
        }
        let lead = start > 0 ? "…" : ""
        var kept: [Substring] = []
        var length = lead.count
        for word in words[start...] {
            let added = visible(word) + (kept.isEmpty ? 0 : 1)
            if length + added > max(limit - 1, 1) { break }
            kept.append(word)
            length += added
        }
        if kept.isEmpty {
            kept = [Substring(words[start].replacingOccurrences(of: "**", with: "").prefix(max(limit - 1 - lead.count, 1)))]
        }
        var out = lead + kept.joined(separator: " ")
        if Snippet.markers(in: Substring(out)) % 2 == 1 { out += "**" }
        if out.hasSuffix("…") || start + kept.count == words.count { return out }
        return out + "…"
    }

    func testSameCutAsTheCharacterBasedOneOnTheDemoCorpus() throws {
        var compared = 0
        let files = try FileManager.default.subpathsOfDirectory(atPath: FacetStorageTests.demoCorpus.path).filter { $0.hasSuffix(".txt") }.sorted()
        for (n, file) in files.enumerated() {
            let text = TextNormalizer.normalize(try String(contentsOfFile: FacetStorageTests.demoCorpus.appendingPathComponent(file).path, encoding: .utf8))
            let words = text.split(whereSeparator: { $0.isWhitespace })
            // Snippet-like strings: 40–80 words, a highlight somewhere (or none), extra spaces.
            for shift in [0, 7, 23] where words.count > shift + 10 {
                var piece = words.dropFirst(shift).prefix(40 + n % 40).map(String.init)
                if n % 3 != 0 { let k = (n + shift) % piece.count; piece[k] = "**" + piece[k] + "**" }
                if n % 5 == 0 { piece[0] = "**" + piece[0] }                  // an open highlight
                let snippet = piece.joined(separator: n % 4 == 0 ? "  " : " ")
                guard snippet.unicodeScalars.count == snippet.count else { continue }
                for limit in [1, 5, 50, 160, 320, 10_000] {
                    XCTAssertEqual(Snippet.truncate(snippet, toCharacters: limit), Self.reference(snippet, toCharacters: limit), "\(file) \(limit)")
                    compared += 1
                }
            }
        }
        XCTAssertGreaterThan(compared, 3000)
        // A long single word, and text whose clusters are several scalars: never over the limit.
        XCTAssertEqual(Snippet.truncate("**Су-30МКИ**" + String(repeating: "я", count: 30), toCharacters: 10), Self.reference("**Су-30МКИ**" + String(repeating: "я", count: 30), toCharacters: 10))
        let emoji = String(repeating: "👍🏻 слово ", count: 40)
        XCTAssertLessThanOrEqual(Snippet.truncate(emoji, toCharacters: 50).replacingOccurrences(of: "**", with: "").count, 50)
    }

    /// Snippets mark a compound only when one of the query's compound stems is a prefix of the
    /// joined word (`Snippet.isCompound`), which holds when every stem is a prefix of its word:
    /// checked on every hyphenated word of the demo corpus and the seeds.
    func testCompoundStemsArePrefixesOfTheirWords() throws {
        let pipeline = try TextPipeline()
        var checked = 0
        var dirs = [FacetStorageTests.demoCorpus]
        dirs.append(FacetStorageTests.demoCorpus.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/seeds"))
        for dir in dirs {
            guard let files = FileManager.default.enumerator(atPath: dir.path) else { continue }
            for case let file as String in files where file.hasSuffix(".txt") {
                let text = TextNormalizer.normalize(try String(contentsOfFile: dir.appendingPathComponent(file).path, encoding: .utf8))
                for joined in Compounds.joinedTokens(in: text) {
                    let stem = try pipeline.stem(joined)
                    XCTAssertTrue(stem.isEmpty || joined.hasPrefix(stem), "\(joined) → \(stem)")
                    checked += 1
                }
            }
        }
        XCTAssertGreaterThan(checked, 1000)
    }
}
