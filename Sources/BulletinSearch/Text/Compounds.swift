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
        var result: [String] = []
        var current = String.UnicodeScalarView()
        var parts = 0
        var pendingHyphen = false

        func flush() {
            if parts > 1, current.count <= maxLength { result.append(String(current).lowercased()) }
            current.removeAll(keepingCapacity: true)
            parts = 0
            pendingHyphen = false
        }

        for scalar in text.unicodeScalars {
            if WordScalar.isWord(scalar) {
                if pendingHyphen { parts += 1; pendingHyphen = false } else if parts == 0 { parts = 1 }
                current.append(scalar)
            } else if scalar == "-", !current.isEmpty, !pendingHyphen {
                pendingHyphen = true
            } else {
                flush()
            }
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
