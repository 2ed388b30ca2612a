/// Rewrites an analyst's query into what Xapian's QueryParser should see, so that the query
/// side treats words exactly as the index side did:
///
/// - normalised like the text (`TextNormalizer`: NFC, `ё`→`е`, invisible characters),
/// - lowercased outside and inside phrases (STEM_SOME leaves capitalised words unstemmed, so
///   `Кубой` would otherwise miss `кубой`),
/// - boolean operators recognised in any case (`and`, `Or`, `NOT`, `near`, `adj`),
/// - a hyphenated word outside quotes (`Су-30МКИ`, `военно-технический`) becomes
///   `(су30мки OR "су-30мки")`: the joined whole token the indexer adds, or the phrase of
///   its parts; with a `+`/`-` sign or a field it becomes the joined token alone.
public enum QueryRewriter {
    /// The most terms a wildcard may expand to before the query is refused.
    public static let maxWildcardExpansion = 1000


    /// The query text as the index side sees document text: `TextNormalizer` (NFC, `ё`,
    /// invisible characters, stray combining marks), then `TextRepair` (Latin look-alike letters
    /// inside Cyrillic words: `Mинcк` is `Минск`, `Су-30MKИ` is `Су-30МКИ`), as the indexer
    /// applies both before it generates terms.
    public static func normalized(_ query: String) -> String {
        TextRepair.repair(TextNormalizer.normalize(query))
    }

    public static func rewrite(_ query: String) -> String {
        let text = normalized(query)
        var output: [String] = []
        var inPhrase = false
        var phrase = ""
        var token = ""

        func flushToken() {
            guard !token.isEmpty else { return }
            output.append(rewriteToken(token))
            token = ""
        }

        for character in text {
            if character == "\"" || character == "«" || character == "»" || character == "“" || character == "”" {
                if inPhrase {
                    output.append("\"" + phrase.lowercased() + "\"")
                    phrase = ""
                } else {
                    flushToken()
                }
                inPhrase.toggle()
            } else if inPhrase {
                phrase.append(character)
            } else if character.isWhitespace {
                flushToken()
            } else if character == "(" || character == ")" {
                flushToken()
                output.append(String(character))
            } else {
                token.append(character)
            }
        }
        flushToken()
        if inPhrase { output.append("\"" + phrase.lowercased()) }   // unbalanced: as typed
        return output.joined(separator: " ")
    }

    /// The joined hyphenated words of a query outside phrases (`Су-30МКИ` → `су30мки`).
    public static func compounds(in query: String) -> [String] {
        normalized(query).split(whereSeparator: { $0.isWhitespace || $0 == "(" || $0 == ")" }).compactMap { token in
            var word = token.drop(while: { $0 == "+" || $0 == "-" || $0 == "\"" })
            if let colon = word.firstIndex(of: ":") { word = word[word.index(after: colon)...] }
            return Compounds.joined(word.lowercased())
        }
    }

    /// The QueryParser field of the year terms (`Y2022`), for rewritten event names only.
    static let yearField = "xyear"

    /// `армия-2022` → (`армия`, `2022`) for a word followed by a year 1900–2099.
    static func eventYear(_ token: String) -> (String, String)? {
        let parts = token.split(separator: "-")
        guard parts.count == 2, parts[0].count > 1, parts[0].allSatisfy(\.isLetter),
              parts[1].count == 4, let year = Int(parts[1]), (1900...2099).contains(year) else { return nil }
        return (String(parts[0]), String(parts[1]))
    }

    static func rewriteToken(_ token: String) -> String {
        if let name = QueryOperator.named(token) { return name }
        var word = Substring(token)
        var sign = ""
        if let first = word.first, first == "+" || first == "-" {
            sign = String(first)
            word = word.dropFirst()
        }
        var field = ""
        if let colon = word.firstIndex(of: ":"), colon != word.startIndex, word[..<colon].allSatisfy(\.isLetter) {
            field = word[...colon].lowercased()
            word = word[word.index(after: colon)...]
        }
        let lower = word.lowercased()
        if let joined = Compounds.joined(lower) {
            // An event with its year (`Армия-2022`, `МАКС-2021`): also the name in that year.
            if sign.isEmpty && field.isEmpty, let (name, year) = eventYear(lower) {
                return "(\(joined) OR \"\(lower)\" OR (\(name) AND \(yearField):\(year)))"
            }
            if sign.isEmpty && field.isEmpty { return "(\(joined) OR \"\(lower)\")" }
            return sign + field + joined
        }
        return sign + field + lower
    }
}
