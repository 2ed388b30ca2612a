import Foundation

/// Turns Xapian's snippet output into plain text with `**` highlights.
enum Snippet {
    /// `compoundStems`: stems of the joined hyphenated words of the query (`военнотехническ`);
    /// Xapian cannot highlight those (it sees only the parts), so they are marked here.
    static func clean(_ raw: String, compoundStems: Set<String>, stem: (String) throws -> String) throws -> String {
        let text = markHighlights(raw)
        if compoundStems.isEmpty { return text }
        guard text.utf8.contains(UInt8(ascii: "-")) else { return text }
        var words = text.unicodeScalars.split(separator: " ", omittingEmptySubsequences: true).map { String(Substring($0)) }
        for (i, word) in words.enumerated() where word.utf8.contains(UInt8(ascii: "-")) && !word.contains("**") {
            let core = trimPunctuation(word)
            guard let joined = Compounds.joined(core), try isCompound(joined, compoundStems, stem),
                  let range = word.range(of: core) else { continue }
            words[i] = word.replacingCharacters(in: range, with: "**\(core)**")
        }
        return words.joined(separator: " ")
    }

    private static let entities: [(String.UnicodeScalarView, Unicode.Scalar)] = [
        ("lt;".unicodeScalars, "<"), ("gt;".unicodeScalars, ">"), ("quot;".unicodeScalars, "\""),
        ("#39;".unicodeScalars, "'"), ("amp;".unicodeScalars, "&"),
    ]

    /// One pass over Xapian's snippet: HTML entities decoded (MSet::snippet escapes), the
    /// source's own Markdown `**` dropped, highlight markers turned into `**` (adjacent
    /// highlights separated by a space or hyphen merged), whitespace runs made one space.
    /// (Foundation's replacingOccurrences on Linux made this most of a query's time.)
    static func markHighlights(_ raw: String) -> String {
        let s = Array(raw.unicodeScalars)
        var out = String.UnicodeScalarView()
        out.reserveCapacity(s.count + 16)
        var pendingSpace = false
        var i = 0
        func append(_ c: Unicode.Scalar) {
            if pendingSpace && !out.isEmpty { out.append(" ") }
            pendingSpace = false
            out.append(c)
        }
        func starts(_ pattern: String.UnicodeScalarView, at index: Int) -> Bool {
            var j = index
            for p in pattern {
                guard j < s.count, s[j] == p else { return false }
                j += 1
            }
            return true
        }
        while i < s.count {
            let c = s[i]
            switch c {
            case "&":
                if let (pattern, plain) = entities.first(where: { starts($0.0, at: i + 1) }) {
                    append(plain)
                    i += 1 + pattern.count
                    continue
                }
                append(c)
            case "\u{2}":
                append("*"); out.append("*")
            case "\u{3}":
                if i + 2 < s.count, s[i + 1] == " " || s[i + 1] == "-", s[i + 2] == "\u{2}" {
                    out.append(s[i + 1])     // one highlight across `Олег Мищенко`, `Су-30МКИ`
                    i += 3
                    continue
                }
                out.append("*"); out.append("*")
            case "*" where i + 1 < s.count && s[i + 1] == "*":
                i += 2
                continue
            default:
                if c.properties.isWhitespace { pendingSpace = true } else { append(c) }
            }
            i += 1
        }
        return String(out)
    }

    /// About 30 words of `text` around the first hyphenated word matching `compoundStems`:
    /// Xapian picks snippets by the terms it can see, and a joined compound is not one of them.
    static func window(in text: String, compoundStems: Set<String>, stem: (String) throws -> String) throws -> String? {
        // Split by scalars, not Characters: grapheme breaking over a whole bulletin per hit
        // was a tenth of a search process.
        let words = text.unicodeScalars.split(whereSeparator: { $0.properties.isWhitespace })
        for (i, word) in words.enumerated() where word.contains("-") {
            guard let joined = Compounds.joined(trimPunctuation(String(Substring(word)))), try isCompound(joined, compoundStems, stem) else { continue }
            let lower = max(0, i - 10), upper = min(words.count, i + 22)
            return (lower > 0 ? "…" : "") + words[lower..<upper].map { String(Substring($0)) }.joined(separator: " ") + (upper < words.count ? "…" : "")
        }
        return nil
    }

    /// At most `limit` visible characters (the `**` markers do not count), cut between words
    /// and starting a few words before the first highlight, an open highlight closed, "…"
    /// where text was cut off. Characters are counted as Unicode scalars, which text holds one
    /// per letter after normalisation (NFC); a cluster of several scalars (an emoji with a
    /// modifier) counts as several, so the cut only comes earlier. One pass over the scalars:
    /// splitting into Substrings and counting Characters was a tenth of an in-process search.
    static func truncate(_ snippet: String, toCharacters limit: Int) -> String {
        let s = Array(snippet.unicodeScalars)
        var words: [Range<Int>] = []
        var i = 0
        while i < s.count {
            while i < s.count && s[i] == " " { i += 1 }
            let start = i
            while i < s.count && s[i] != " " { i += 1 }
            if i > start { words.append(start..<i) }
        }
        func markers(_ range: Range<Int>) -> Int {
            var count = 0, j = range.lowerBound
            while j + 1 < range.upperBound {
                if s[j] == "*" && s[j + 1] == "*" { count += 1; j += 2 } else { j += 1 }
            }
            return count
        }
        func visible(_ range: Range<Int>) -> Int { range.count - 2 * markers(range) }
        if words.reduce(0, { $0 + visible($1) }) + max(words.count - 1, 0) <= limit { return snippet }
        let firstHighlight = words.firstIndex(where: { markers($0) > 0 }) ?? 0
        // Words before the highlight that fit in a third of the limit stay as context.
        var start = firstHighlight
        var before = 0
        while start > 0, before + visible(words[start - 1]) + 1 <= limit / 3 {
            start -= 1
            before += visible(words[start]) + 1
        }
        var out = String.UnicodeScalarView()
        if start > 0 { out.append("…") }
        var length = start > 0 ? 1 : 0
        var kept = 0
        for word in words[start...] {
            let added = visible(word) + (kept == 0 ? 0 : 1)
            if length + added > max(limit - 1, 1) { break }
            if kept > 0 { out.append(" ") }
            out.append(contentsOf: s[word])
            kept += 1
            length += added
        }
        if kept == 0 {
            // One word longer than the limit: cut inside it.
            var bare: [Unicode.Scalar] = []
            var j = words[start].lowerBound
            while j < words[start].upperBound {
                if s[j] == "*" && j + 1 < words[start].upperBound && s[j + 1] == "*" { j += 2; continue }
                bare.append(s[j])
                j += 1
            }
            out.append(contentsOf: bare.prefix(max(limit - 1 - length, 1)))
            kept = 1
        }
        var result = String(out)
        if Self.markers(in: Substring(result)) % 2 == 1 { result += "**" }
        if result.hasSuffix("…") || start + kept == words.count { return result }
        return result + "…"
    }

    /// How many `**` markers `text` holds (counted left to right without overlap, as
    /// `components(separatedBy: "**")` splits), over UTF-8 bytes.
    static func markers(in text: Substring) -> Int {
        var count = 0
        var previousStar = false
        for byte in text.utf8 {
            if byte == UInt8(ascii: "*") {
                if previousStar { count += 1; previousStar = false } else { previousStar = true }
            } else {
                previousStar = false
            }
        }
        return count
    }

    /// Whether the joined word's stem is one of `compoundStems`. Snowball's Russian stemmer
    /// only cuts endings (the text is `ё`-folded already), so a stem is a prefix of its word:
    /// the stemmer runs only for a word that starts with one of them.
    private static func isCompound(_ joined: String, _ compoundStems: Set<String>, _ stem: (String) throws -> String) throws -> Bool {
        guard compoundStems.contains(where: { !$0.isEmpty && joined.utf8.starts(with: $0.utf8) }) else { return false }
        return compoundStems.contains(try stem(joined))
    }

    /// The word without leading and trailing punctuation (Unicode category P), hyphens kept.
    private static func trimPunctuation(_ word: String) -> String {
        func isPunctuation(_ scalar: Unicode.Scalar) -> Bool {
            guard scalar != "-" else { return false }
            switch scalar.properties.generalCategory {
            case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
                 .initialPunctuation, .finalPunctuation, .otherPunctuation: return true
            default: return false
            }
        }
        let scalars = word.unicodeScalars
        var start = scalars.startIndex, end = scalars.endIndex
        while start < end, isPunctuation(scalars[start]) { start = scalars.index(after: start) }
        while end > start, isPunctuation(scalars[scalars.index(before: end)]) { end = scalars.index(before: end) }
        return String(scalars[start..<end])
    }

    // MARK: - Marking a text as written

    /// The words Xapian highlighted in `raw` (between `start` and `end`), lowercased.
    static func highlightedWords(_ raw: String, start: String, end: String) -> Set<String> {
        var words = Set<String>()
        for piece in raw.components(separatedBy: start).dropFirst() {
            guard let close = piece.range(of: end) else { continue }
            for word in piece[..<close.lowerBound].split(whereSeparator: { !WordScalar.isWord($0.unicodeScalars.first!) && $0 != "-" }) {
                words.insert(word.lowercased())
            }
        }
        return words
    }

    /// `text` unchanged but for `**` around each word in `words` (compared lowercased) and
    /// each hyphenated compound whose joined stem is in `compoundStems`; the text's own `**`
    /// are dropped so that they cannot be taken for a highlight. Returns the text and the
    /// number of marks.
    static func mark(_ text: String, words: Set<String>, compoundStems: Set<String>,
                     stem: (String) throws -> String) throws -> (String, Int) {
        let source = text.replacingOccurrences(of: "**", with: "")
        guard !words.isEmpty || !compoundStems.isEmpty else { return (source, 0) }
        var out = ""
        var marks = 0
        var token = ""
        func flush() throws {
            guard !token.isEmpty else { return }
            defer { token = "" }
            let core = token.hasSuffix("-") ? String(token.dropLast()) : token
            let tail = token.hasSuffix("-") ? "-" : ""
            var compound = false
            if core.contains("-"), let joined = Compounds.joined(core) { compound = try isCompound(joined, compoundStems, stem) }
            if words.contains(core.lowercased()) || compound {
                out += "**\(core)**" + tail
                marks += 1
                return
            }
            // Parts of a hyphenated word (`военно-**технического**`).
            var first = true
            for part in core.split(separator: "-", omittingEmptySubsequences: false) {
                if !first { out += "-" }
                first = false
                if !part.isEmpty && words.contains(part.lowercased()) { out += "**\(part)**"; marks += 1 } else { out += part }
            }
            out += tail
        }
        for character in source {
            if let scalar = character.unicodeScalars.first, WordScalar.isWord(scalar) || (character == "-" && !token.isEmpty) {
                token.append(character)
            } else {
                try flush()
                out.append(character)
            }
        }
        try flush()
        return (out, marks)
    }
}

