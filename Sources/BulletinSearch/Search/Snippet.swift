import Foundation

/// Turns Xapian's snippet output into plain text with `**` highlights.
enum Snippet {
    /// `compoundStems`: stems of the joined hyphenated words of the query (`военнотехническ`);
    /// Xapian cannot highlight those (it sees only the parts), so they are marked here.
    static func clean(_ raw: String, compoundStems: Set<String>, stem: (String) throws -> String) throws -> String {
        var text = raw
        // MSet::snippet escapes text for HTML; undo it (ampersand last).
        for (entity, plain) in [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&amp;", "&")] {
            text = text.replacingOccurrences(of: entity, with: plain)
        }
        text = text.replacingOccurrences(of: "\n", with: " ")
        // Source Markdown bold would read as our highlight marks.
        text = text.replacingOccurrences(of: "**", with: "")
        text = text.replacingOccurrences(of: Searcher.highlightEnd + " " + Searcher.highlightStart, with: " ")
        text = text.replacingOccurrences(of: Searcher.highlightEnd + "-" + Searcher.highlightStart, with: "-")
        text = text.replacingOccurrences(of: Searcher.highlightStart, with: "**")
        text = text.replacingOccurrences(of: Searcher.highlightEnd, with: "**")
        var words = text.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        if !compoundStems.isEmpty {
            for (i, word) in words.enumerated() where word.contains("-") && !word.contains("**") {
                let core = trimPunctuation(word)
                guard let joined = Compounds.joined(core), compoundStems.contains(try stem(joined)),
                      let range = word.range(of: core) else { continue }
                words[i] = word.replacingCharacters(in: range, with: "**\(core)**")
            }
        }
        return words.joined(separator: " ")
    }

    /// About 30 words of `text` around the first hyphenated word matching `compoundStems`:
    /// Xapian picks snippets by the terms it can see, and a joined compound is not one of them.
    static func window(in text: String, compoundStems: Set<String>, stem: (String) throws -> String) throws -> String? {
        let words = text.split(whereSeparator: { $0.isWhitespace })
        for (i, word) in words.enumerated() where word.contains("-") {
            guard let joined = Compounds.joined(trimPunctuation(String(word))), compoundStems.contains(try stem(joined)) else { continue }
            let lower = max(0, i - 10), upper = min(words.count, i + 22)
            return (lower > 0 ? "…" : "") + words[lower..<upper].joined(separator: " ") + (upper < words.count ? "…" : "")
        }
        return nil
    }

    private static func trimPunctuation(_ word: String) -> String {
        word.trimmingCharacters(in: CharacterSet.punctuationCharacters.subtracting(CharacterSet(charactersIn: "-")))
    }
}
