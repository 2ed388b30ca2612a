/// Hyphenated designations and compounds: `Су-30МКИ`, `С-400`, `военно-технического`.
///
/// Xapian's TermGenerator splits them at the hyphen (so the parts are findable, and the
/// whole as a phrase); `Compounds` supplies the whole token, joined without hyphens
/// (`су30мки`), which the indexer adds as an extra term and the query side produces for a
/// hyphenated query word.
public enum Compounds {
    /// Longest joined compound kept, in characters (Xapian's TermGenerator also skips
    /// words over 64 characters).
    public static let maxLength = 64

    /// Every hyphenated token in `text`, lowercased and joined (`Су-30МКИ` → `су30мки`).
    public static func joinedTokens(in text: String) -> [String] {
        // One pass over the scalars; a string is built only for a run of word characters that
        // a hyphen joined (most words are not compounds, so most runs cost no allocation).
        var result: [String] = []
        let scalars = text.unicodeScalars
        var runStart = scalars.startIndex
        var runEnd = scalars.startIndex   // after the run's last word scalar
        var length = 0                    // word scalars in the run
        var parts = 0
        var pendingHyphen = false

        func flush() {
            if parts > 1, length <= maxLength {
                var joined = String.UnicodeScalarView()
                for scalar in scalars[runStart..<runEnd] where scalar != "-" { joined.append(scalar) }
                result.append(String(joined).lowercased())
            }
            parts = 0
            length = 0
            pendingHyphen = false
        }

        var i = scalars.startIndex
        while i < scalars.endIndex {
            let scalar = scalars[i]
            let next = scalars.index(after: i)
            if WordScalar.isWord(scalar) {
                if pendingHyphen { parts += 1; pendingHyphen = false } else if parts == 0 { parts = 1; runStart = i }
                length += 1
                runEnd = next
            } else if scalar == "-", parts > 0, !pendingHyphen {
                pendingHyphen = true
            } else if parts > 0 {
                flush()
            }
            i = next
        }
        flush()
        return result
    }

    /// `Су-30МКИ` → `су30мки` when `token` is a hyphenated compound, else nil.
    public static func joined(_ token: String) -> String? {
        let found = joinedTokens(in: token)
        guard found.count == 1, token.contains("-") else { return nil }
        return found[0]
    }
}
