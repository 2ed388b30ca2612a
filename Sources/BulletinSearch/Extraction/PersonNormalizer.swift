// Person names: the stable keys used as facet terms and for `person:` queries. The lexicon
// is PersonLexicon.swift, the analysis of a name as written NameAnalysis.swift.

/// Stable keys for people, used as facet terms and for `person:` queries.
public enum PersonNormalizer {
    /// Lowercase key, family name first: "мищенко олег" for "Олегом Мищенко",
    /// "чжань шисянь" for "Чжань Шисянь". Patronymics and initials are left out.
    public static func key(_ name: String) -> String {
        let a = NameAnalysis(words(name))
        return a.key
    }

    /// Lowercase key of the (first) family name alone: "мищенко" for "Олегом Мищенко".
    public static func surnameKey(_ name: String) -> String {
        NameAnalysis(words(name)).surnameKey
    }

    /// Every family-name token of the name, lowercased ("родригес", "мартинес").
    public static func surnameKeys(_ name: String) -> [String] {
        NameAnalysis(words(name)).surnameTokens
    }

    /// Best-effort nominative of a name as written ("Олегом Мищенко" → "Олег Мищенко").
    public static func nominative(_ name: String) -> String {
        NameAnalysis(words(name)).nominative
    }

    static func words(_ name: String) -> [String] {
        let tt = TokenizedText(name)
        var out: [String] = []
        for (i, t) in tt.tokens.enumerated() where t.flags.contains(.letters) {
            // Keep hyphenated parts together ("Родригес-Мартинес").
            if i > 0, tt.isHyphenJoin(before: i), let last = out.last, tt.tokens[i - 1].flags.contains(.letters) {
                out[out.count - 1] = last + "-" + tt.original(i)
            } else {
                out.append(tt.original(i))
            }
        }
        return out
    }
}
