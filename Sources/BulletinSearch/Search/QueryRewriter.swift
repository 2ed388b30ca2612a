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
        (try? rewrite(query, expansion: nil).text) ?? query
    }

    /// What the searcher adds to the plain words of a query (no sign, field, quotes, operator,
    /// hyphen or wildcard): lexicon concepts over runs of them, other case forms of each.
    struct Expansion {
        var concepts: ([String]) throws -> [LexiconMatcher.Match]
        var forms: (String) throws -> [String]
        /// The document type a word names (`производства` → `production`), if any.
        var type: (String) throws -> DocumentType?
    }

    /// A rewritten query and the words the searcher may widen (plain words, and hyphenated
    /// words joined: `нью-дели` → `ньюдели`).
    struct Rewritten {
        var text: String
        /// The text for the all-words query: a type word may also be met by the document's type
        /// (`(производства OR xtype:Production)`), so a bulletin typed `production` that says
        /// `выпуск` still has every word; in the any-word query the type weighs below the word.
        var allWordsText: String
        /// `allWordsText` and `text` with each hyphenated word as its joined token alone, no
        /// phrase of its parts: for the constant boosts of a query (`Searcher.makePlan`), which
        /// only test whether a match has every word. The indexer adds the joined token for every
        /// hyphenated word, so the phrase only adds bulletins spelling the parts apart, and
        /// testing it cost each boost a position check per match (half of an any-word query
        /// such as `заседание комиссии по военно-техническому сотрудничеству`).
        var boostText: String
        var literalBoostText: String
        var plainWords: [String]
        /// The query is one plain word (with its forms, concept or type as alternatives): its
        /// any-word and all-word readings then match the same documents, save the type's.
        var singleWord = false
    }

    private enum Item {
        case plain(String)
        /// Query text as is, and as the boosts read it.
        case text(String, boost: String)
    }

    static let stopwordSet = Set(IndexSchema.stopwords)

    /// The four readings of a query (`Rewritten`), built piece by piece: `typed` is a word with
    /// its type as an alternative (all-word readings), `boost` a piece as the boosts read it
    /// (a hyphenated word without the phrase of its parts).
    private struct Texts {
        var any: [String] = [], all: [String] = [], boost: [String] = [], literalBoost: [String] = []

        mutating func add(_ text: String, typed: String? = nil, boost boostText: String? = nil) {
            any.append(text)
            all.append(typed ?? text)
            literalBoost.append(boostText ?? text)
            boost.append(typed ?? boostText ?? text)
        }
    }

    static func rewrite(_ query: String, expansion: Expansion?) throws -> Rewritten {
        let text = normalized(query)
        var items: [Item] = []
        var inPhrase = false
        var phrase = ""
        var token = ""
        var widenable: [String] = []

        func flushToken() {
            guard !token.isEmpty else { return }
            let lower = token.lowercased()
            // A word glued to an emoji or punctuation (`⚡белоусов`, `ЗРК,`) is still a word.
            // Index arithmetic, not drop(while:)/reversed(): each of those generic wrappers costs
            // a process a runtime type and conformance look-up (a scan of every conformance).
            var start = lower.startIndex, end = lower.endIndex
            while start < end, case let c = lower[start], !c.isLetter && !c.isNumber && !"+-\"*".contains(c) {
                start = lower.index(after: start)
            }
            while end > start, case let c = lower[lower.index(before: end)], !c.isLetter && !c.isNumber && c != "*" {
                end = lower.index(before: end)
            }
            let bare = String(lower[start..<end])
            if isPlain(bare) {
                items.append(.plain(bare))
                widenable.append(bare)
                token = ""
                return
            }
            if isPlain(lower) {
                items.append(.plain(lower))
                widenable.append(lower)
            } else {
                if let joined = Compounds.joined(lower), lower.first != "-", lower.first != "+", !lower.contains(":") { widenable.append(joined) }
                items.append(.text(rewriteToken(token), boost: rewriteToken(token, phrases: false)))
            }
            token = ""
        }

        for character in text {
            if character == "\"" || character == "«" || character == "»" || character == "“" || character == "”" {
                if inPhrase {
                    let quoted = "\"" + phrase.lowercased() + "\""
                    items.append(.text(quoted, boost: quoted))
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
                items.append(.text(String(character), boost: String(character)))
            } else {
                token.append(character)
            }
        }
        flushToken()
        if inPhrase { items.append(.text("\"" + phrase.lowercased(), boost: "\"" + phrase.lowercased())) }   // unbalanced: as typed

        // A query of nothing but stop words searches them as written (they are indexed
        // unstemmed), instead of dropping them all and finding nothing.
        let plain = items.compactMap { if case .plain(let w) = $0 { return w } else { return nil } }
        let onlyStopwords = !plain.isEmpty && plain.allSatisfy { stopwordSet.contains($0) }
            && items.allSatisfy { if case .text(let t, _) = $0 { return t == "(" || t == ")" } else { return true } }

        var texts = Texts()
        var run: [String] = []
        func flushRun() throws {
            guard !run.isEmpty else { return }
            defer { run.removeAll() }
            if onlyStopwords {
                for word in run { texts.add("\"" + word + "\"") }
                return
            }
            guard let expansion else {
                for word in run { texts.add(word) }
                return
            }
            let matches = try expansion.concepts(run)
            var i = 0
            var m = 0
            while i < run.count {
                if m < matches.count, matches[m].start == i {
                    let match = matches[m]
                    let words = run[i..<(i + match.count)].joined(separator: " ")
                    texts.add("(\(words) OR \(conceptField):\(match.id.prefix(1).uppercased() + match.id.dropFirst()))")
                    i += match.count
                    m += 1
                    continue
                }
                let word = run[i]
                let forms = stopwordSet.contains(word) ? [] : try expansion.forms(word)
                let alternatives = forms.isEmpty ? word : "(" + ([word] + forms).joined(separator: " OR ") + ")"
                let typed = try expansion.type(word).map { "(\(alternatives) OR \(typeField):\($0.rawValue.prefix(1).uppercased() + $0.rawValue.dropFirst()))" }
                texts.add(alternatives, typed: typed)
                i += 1
            }
        }
        for item in items {
            switch item {
            case .plain(let word): run.append(word)
            case .text(let text, let boost):
                try flushRun()
                texts.add(text, boost: boost)
            }
        }
        try flushRun()
        return Rewritten(text: texts.any.joined(separator: " "), allWordsText: texts.all.joined(separator: " "),
                         boostText: texts.boost.joined(separator: " "), literalBoostText: texts.literalBoost.joined(separator: " "),
                         plainWords: widenable,
                         singleWord: items.count == 1 && { if case .plain = items[0] { return true } else { return false } }())
    }

    /// The QueryParser field of lexicon concept terms (`XL…`), for rewritten concepts only. The
    /// concept is written capitalised, so that STEM_SOME leaves it unstemmed.
    static let conceptField = "xlex"
    /// The QueryParser field of document-type terms (`XT…`), for type words in the all-words query.
    static let typeField = "xtype"

    /// A word the searcher may expand: letters and digits only, not an operator.
    static func isPlain(_ lower: String) -> Bool {
        !lower.isEmpty && QueryOperator.named(lower) == nil && lower.allSatisfy { $0.isLetter || $0.isNumber }
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

    /// A token as QueryParser should read it; without `phrases`, a hyphenated word is its
    /// joined token (and the alternatives that need no positions), not the phrase of its parts.
    static func rewriteToken(_ token: String, phrases: Bool = true) -> String {
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
                return phrases ? "(\(joined) OR \"\(lower)\" OR (\(name) AND \(yearField):\(year)))" : "(\(joined) OR (\(name) AND \(yearField):\(year)))"
            }
            // A designation ending in its number (`Су-30`, `С-300`) also names its family
            // (`Су-30СМ2`, `С-300ПС`): the joined token as a prefix.
            if sign.isEmpty && field.isEmpty, joined.first?.isLetter == true, !lower.hasSuffix("*"),
               let number = lower.split(separator: "-").last, (1...3).contains(number.count), number.allSatisfy(\.isNumber) {
                return phrases ? "(\(joined) OR \"\(lower)\" OR \(joined)*)" : "(\(joined) OR \(joined)*)"
            }
            if sign.isEmpty && field.isEmpty { return phrases ? "(\(joined) OR \"\(lower)\")" : joined }
            return sign + field + joined
        }
        return sign + field + lower
    }
}
