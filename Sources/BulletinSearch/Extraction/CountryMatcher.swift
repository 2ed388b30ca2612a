// Finds country mentions and the venue in a tokenized text with the tables of
// `CountryTable`. One pass over the tokens, one dictionary lookup per token.

/// A country mention at tokens `first...last`.
struct CountryMatch: Sendable {
    let code: String
    let first: Int
    let last: Int
    let kind: CountryEntry.Kind
    let prepositional: Bool
}

enum CountryMatcher {
    /// Forms of "язык": an adjective before it names a language, not a country.
    static let languageNouns: Set<Word> = ["язык", "языка", "языку", "языком", "языке", "языки", "языков", "языкам", "языками", "языках"]

    static func findMentions(in tt: TokenizedText) -> [CountryMatch] {
        let tokens = tt.tokens
        let n = tokens.count
        let lex = PersonLexicon.shared
        var out: [CountryMatch] = []
        var i = 0
        while i < n {
            let t = tokens[i]
            guard t.isWord else { i += 1; continue }
            // "Республика Корея", "Королевство Саудовская Аравия": head noun + name in the nominative.
            if CountryTable.headNouns.contains(t.key), i + 1 < n, tt.isNameJoin(before: i + 1),
               let m = matchEntry(tt, at: i + 1, afterHead: true) {
                if !m.code.isEmpty {
                    out.append(CountryMatch(code: m.code, first: i, last: m.last, kind: .name,
                                            prepositional: headPrepositional.contains(t.key)))
                }
                i = m.last + 1
                continue
            }
            if let m = matchEntry(tt, at: i, afterHead: false) {
                if !m.code.isEmpty && !isFalsePositive(tt, m, lex: lex) {
                    out.append(m)
                }
                i = m.last + 1
                continue
            }
            i += 1
        }
        return out
    }

    /// The longest entry starting at token `i`, or nil. Blockers come back with an empty code.
    static func matchEntry(_ tt: TokenizedText, at i: Int, afterHead: Bool) -> CountryMatch? {
        let tokens = tt.tokens
        let t = tokens[i]
        guard let candidates = CountryTable.index[t.key] else { return nil }
        for e in candidates {
            let len = e.tokens.count
            guard tt.matchesEntry(e.tokens, at: i) else { continue }
            let last = i + len - 1
            switch e.kind {
            case .headOnly:
                guard afterHead, e.isNominative, t.isCapitalized else { continue }
            case .name:
                guard t.isCapitalized else { continue }
                if afterHead && !e.isNominative { continue }
            case .abbreviation:
                guard !afterHead, let exact = e.exact, tt.span(i, last) == exact else { continue }
            case .adjective:
                guard !afterHead else { continue }
            case .compound:
                // "белорусско-китайский": only before another country's adjective.
                guard !afterHead, last + 1 < tokens.count, tt.isHyphenJoin(before: last + 1), tokens[last + 1].isWord,
                      let next = CountryTable.index[tokens[last + 1].key],
                      next.contains(where: { $0.kind == .adjective || $0.kind == .compound }) else { continue }
            case .blocker:
                guard !afterHead else { continue }
            }
            return CountryMatch(code: e.code, first: i, last: last, kind: e.kind, prepositional: e.isPrepositional)
        }
        return nil
    }

    /// Surnames that look like countries, pronouns that look like "Того", languages.
    static func isFalsePositive(_ tt: TokenizedText, _ m: CountryMatch, lex: PersonLexicon) -> Bool {
        let tokens = tt.tokens
        let t = tokens[m.first]
        switch m.kind {
        case .name:
            // "Того же мнения", "Того, кто ..." at the start of a sentence.
            if t.key == "того" {
                if t.flags.contains(.sentenceStart) { return true }
                if m.last + 1 < tokens.count, tokens[m.last + 1].key == "же" { return true }
            }
            // Part of a person's name: after a given name or an initial, or before a patronymic.
            if isPersonContext(tt, m, lex: lex) { return true }
        case .adjective:
            if m.last + 1 < tokens.count, languageNouns.contains(tokens[m.last + 1].key) { return true }
            if t.isCapitalized && !t.flags.contains(.sentenceStart) && isPersonContext(tt, m, lex: lex) { return true }
        default:
            break
        }
        return false
    }

    static func isPersonContext(_ tt: TokenizedText, _ m: CountryMatch, lex: PersonLexicon) -> Bool {
        let tokens = tt.tokens
        if m.first > 0 && tt.isSpaceJoin(before: m.first) {
            let p = tokens[m.first - 1]
            if p.isCapitalized, lex.givenForm(p.key) != nil { return true }
        }
        if m.first > 0 {
            // "А. Грузия", "А.Б. Грузия"
            let p = tokens[m.first - 1]
            let sep = tt.separator(before: m.first)
            if p.length == 1 && p.isCapitalized && sep.first?.value == 0x2E && sep.count <= 2 { return true }
        }
        if m.last + 1 < tokens.count, tt.isSpaceJoin(before: m.last + 1) {
            let nx = tokens[m.last + 1]
            if nx.isCapitalized, NameAnalysis.patronymic(nx.lower) != nil { return true }
        }
        return false
    }

    // MARK: - Venue

    /// A city of the gazetteer at token `i` (longest first).
    static func matchCity(_ tt: TokenizedText, at i: Int, form: CityEntry.Form) -> (CityEntry, Int)? {
        let tokens = tt.tokens
        guard i < tokens.count, tokens[i].isCapitalized, let candidates = CountryTable.cities[tokens[i].key] else { return nil }
        for c in candidates where c.form == form {
            let len = c.tokens.count
            guard i + len <= tokens.count else { continue }
            var ok = true
            for k in 1..<max(len, 1) where k < len {
                if tokens[i + k].key != c.tokens[k] || !tt.isNameJoin(before: i + k) { ok = false; break }
            }
            if ok { return (c, i + len - 1) }
        }
        return nil
    }

    /// Prepositional forms of the head nouns ("в Республике Беларусь").
    static let headPrepositional: Set<Word> = {
        var out = Set<Word>()
        for h in ["республика", "королевство", "государство", "федерация", "султанат", "княжество", "эмират", "содружество"] {
            let forms = RussianMorphology.phraseCases(h)
            if forms.count == 6 { out.insert(Word(forms[5])) }
        }
        return out
    }()

    static let locativePrepositions: Set<Word> = ["в", "во", "на"]

    /// Words that introduce a city in the genitive: "в районе Минска", "под Москвой" aside.
    static let nearWords: Set<Word> = ["районе", "окрестностях", "пригороде", "близ", "вблизи", "недалеко", "неподалеку", "окрестности"]
    /// Words after which a city stands in the nominative: "на острове Лангкави".
    static let placeNouns: Set<Word> = ["острове", "полуострове", "авиабазе", "базе", "аэродроме", "космодроме", "городе", "г"]
    /// A city named only as the place of a future event is not a venue.
    static let futureWords: Set<Word> = ["пройдет", "пройдут", "состоится", "состоятся", "планируется", "запланировано",
                                         "запланирован", "запланирована", "запланированы", "намечено", "намечен", "будет", "будут",
                                         "следующее", "следующий", "следующая", "следующем", "следующей", "предстоящ", "предстоящее",
                                         "предстоящей", "предстоящем"]

    /// The place of the event: a gazetteer city in the first sentence after the dateline, else in
    /// the first paragraph, as "в Минске" (prepositional after в/во/на), "в районе Минска" (genitive
    /// after a word of nearness) or "на острове Лангкави" (nominative after a place noun). A city
    /// only given as the place of a future event is skipped. Countries alone are not venues.
    static func findVenue(_ tt: TokenizedText, bodyStart: Int, mentions: [CountryMatch]) -> String? {
        let tokens = tt.tokens
        guard bodyStart < tokens.count else { return nil }
        var sentenceEnd = tokens.count
        var paragraphEnd = tokens.count
        for k in (bodyStart + 1)..<max(tokens.count, bodyStart + 1) {
            if sentenceEnd == tokens.count, tokens[k].flags.contains(.sentenceStart), !isAbbreviationBreak(tt, k) { sentenceEnd = k }
            if tokens[k].flags.contains(.paragraphStart) { paragraphEnd = k; break }
        }
        sentenceEnd = min(sentenceEnd, paragraphEnd)
        func isFuture(around k: Int, to end: Int, in range: Range<Int>) -> Bool {
            let lo = max(range.lowerBound, k - 6), hi = min(range.upperBound, end + 5)
            for x in lo..<hi where futureWords.contains(tokens[x].key) { return true }
            return false
        }
        func city(in range: Range<Int>) -> String? {
            var k = range.lowerBound
            while k < range.upperBound {
                let w = tokens[k].key
                var found: (CityEntry, Int)? = nil
                if locativePrepositions.contains(w), k + 1 < tokens.count {
                    var j = k + 1
                    if tokens[j].key == "г", j + 1 < tokens.count { j += 1 }   // "в г. Минске"
                    found = matchCity(tt, at: j, form: .prepositional)
                } else if nearWords.contains(w) {
                    var j = k + 1
                    if j < tokens.count, tokens[j].key == "от" { j += 1 }     // "недалеко от Минска"
                    found = matchCity(tt, at: j, form: .genitive)
                } else if placeNouns.contains(w) {
                    found = matchCity(tt, at: k + 1, form: .nominative)
                }
                if let (c, end) = found {
                    if !isFuture(around: k, to: end, in: range) { return c.code }
                    k = end
                }
                k += 1
            }
            return nil
        }
        if let c = city(in: bodyStart..<sentenceEnd) { return c }
        if let c = city(in: sentenceEnd..<paragraphEnd) { return c }
        return nil
    }

    /// A sentence break after an initial or a common abbreviation ("г.", "А.") is not one.
    static func isAbbreviationBreak(_ tt: TokenizedText, _ k: Int) -> Bool {
        guard k > 0 else { return false }
        let p = tt.tokens[k - 1]
        if p.length == 1 && p.flags.contains(.letters) { return true }
        return abbreviations.contains(p.key)
    }

    static let abbreviations: Set<Word> = ["г", "гг", "т", "д", "др", "им", "ул", "млн", "млрд", "тыс", "руб", "долл", "ст", "п", "см", "рис", "проф", "акад", "ген"]
}
