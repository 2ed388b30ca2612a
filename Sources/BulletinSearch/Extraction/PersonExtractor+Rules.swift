// What a word looks like to the person rules: Asian syllables, adjectives, surnames, quotes, barriers, position phrases.

extension PersonExtractor {
    static let nameParticles: Set<Word> = Set(NameAnalysis.particles.map { Word($0) })

    static let functionWords: Set<Word> = ["ли", "ма", "у", "е", "су", "ду", "то", "со", "до", "ко", "во", "ле", "хо", "ан", "ю", "си", "го", "ху", "ян"]

    /// Single capital letters in Chinese names ("Ван И").
    static func isAsianSyllable(_ tt: TokenizedText, _ i: Int) -> Bool {
        let t = tt.tokens[i]
        guard t.isWord, t.length == 1, t.isCapitalized else { return false }
        let sep = i + 1 < tt.tokens.count ? tt.separator(before: i + 1) : []
        return sep.first != "."
    }

    static func isAdjectiveForm(_ w: String) -> Bool {
        for e in ["ого", "его", "ому", "ему", "ыми", "ими", "ая", "яя", "ую", "юю", "ое", "ее", "ые", "ие", "ых", "их", "ый", "ий", "ой", "ым", "им"]
        where w.hasSuffix(e) && w.count > e.count + 2 {
            return true
        }
        return false
    }

    static func looksLikeSurname(_ w: String) -> Bool {
        if NameAnalysis.looksSlavicSurname(w) { return true }
        for e in ["дзе", "швили", "ян", "янц", "енко", "ко", "ук", "юк", "ич", "ов", "ев", "ин"] where w.hasSuffix(e) && w.count > e.count + 2 {
            return true
        }
        return false
    }

    /// Punctuation that ends a name run or a position phrase.
    static func hasBarrier(_ tt: TokenizedText, before i: Int) -> Bool {
        for s in tt.separator(before: i) {
            switch s {
            case ".", ",", ";", ":", "!", "?", "–", "—", "\n", "…": return true
            default: continue
            }
        }
        return false
    }

    /// Tokens inside short quoted names («Адмирал Горшков», «Александр Невский»).
    static func quotedTokens(_ tt: TokenizedText) -> [Bool] {
        let tokens = tt.tokens
        var out = [Bool](repeating: false, count: tokens.count)
        var openAt: [Int] = []
        for (i, _) in tokens.enumerated() {
            for s in tt.separator(before: i) {
                if s == "«" || s == "“" { openAt.append(i) }
                else if s == "»" || s == "”", let o = openAt.popLast() {
                    if i - o <= 5 { for k in o..<i { out[k] = true } }
                }
            }
        }
        return out
    }

    /// The position phrase right before a name (back to the first position word of the
    /// clause), and the case its first word implies.
    static func positionPhrase(_ tt: TokenizedText, before s: Int, from: Int, covered: [Bool]) -> (text: String, caseHint: UInt8?)? {
        let lex = PersonLexicon.shared
        let tokens = tt.tokens
        var k = s - 1
        var b = s
        while k >= from, s - k <= 30 {
            if hasBarrier(tt, before: k + 1) { break }
            if covered[k] || lex.stops.contains(tokens[k].key) { break }
            b = k
            if tokens[k].flags.contains(.sentenceStart) || tokens[k].flags.contains(.paragraphStart) { break }
            k -= 1
        }
        guard b < s else { return nil }
        var h = -1
        for x in b..<s where tokens[x].isWord && lex.heads.contains(tokens[x].key) {
            h = x
            break
        }
        guard h >= 0 else { return nil }
        while h - 1 >= b, lex.modifiers.contains(tokens[h - 1].key) { h -= 1 }
        var text = tt.span(h, s - 1)
        // Keep a closing parenthesis or quote that belongs to the phrase.
        let after = tt.separator(before: s)
        if let c = after.first, c == ")" || c == "»" { text.unicodeScalars.append(c) }
        return (text, lex.caseOf(tokens[h].key))
    }

    static func assemble(_ tt: TokenizedText, spans: [PersonSpan], covered: [Bool], from: Int) -> [PersonMention] {
        struct Group {
            var mentions: [(written: String, analysis: NameAnalysis, position: String?)]
        }
        var groups: [String: Group] = [:]
        var order: [String] = []
        for sp in spans {
            let written = tt.span(sp.first, sp.last)
            let phrase = positionPhrase(tt, before: sp.first, from: from, covered: covered)
            let a = NameAnalysis(PersonNormalizer.words(written), caseHint: phrase?.caseHint)
            let key = a.key
            guard !key.isEmpty else { continue }
            let pos = phrase?.text
            if groups[key] == nil { order.append(key); groups[key] = Group(mentions: []) }
            groups[key]!.mentions.append((written, a, pos))
        }
        // Fold initials-only and surname-only groups into a full name with the same family name,
        // and declined Asian names ("Ким Чен Ына") into their nominative group.
        var result: [PersonMention] = []
        var absorbed = Set<String>()
        for key in order where groups[key]!.mentions[0].analysis.roles.first == .asianSurname {
            if let last = key.last, "ауе".contains(last), groups[String(key.dropLast())] != nil {
                groups[String(key.dropLast())]!.mentions.append(contentsOf: groups[key]!.mentions)
                absorbed.insert(key)
            }
        }
        for key in order {
            guard let g = groups[key] else { continue }
            let hasGiven = g.mentions.contains { m in m.analysis.roles.contains(.given) || m.analysis.roles.first == .asianSurname }
            if !hasGiven && !absorbed.contains(key) {
                let sk = g.mentions[0].analysis.surnameKey
                if let target = order.first(where: { $0 != key && groups[$0]!.mentions[0].analysis.surnameKey == sk
                    && groups[$0]!.mentions.contains { $0.analysis.roles.contains(.given) } }) {
                    groups[target]!.mentions.append(contentsOf: g.mentions)
                    absorbed.insert(key)
                }
            }
        }
        for key in order where !absorbed.contains(key) {
            guard let g = groups[key] else { continue }
            func isNom(_ m: (written: String, analysis: NameAnalysis, position: String?)) -> Bool {
                m.analysis.caseMask & 1 != 0 && (m.analysis.roles.contains(.given) || m.analysis.roles.first == .asianSurname)
            }
            let full = g.mentions.filter { $0.analysis.roles.contains(.given) || $0.analysis.roles.first == .asianSurname }
            // Only people named in full (given name and family name): "Д. Пантус" alone is not reported.
            guard !full.isEmpty else { continue }
            let pool = full
            let chosen = pool.first { isNom($0) && $0.position != nil } ?? pool.first { isNom($0) }
                ?? pool.first { $0.position != nil } ?? pool[0]
            let name = isNom(chosen) ? chosen.written : chosen.analysis.nominative
            let position = chosen.position ?? g.mentions.first { $0.position != nil }?.position
            result.append(PersonMention(name: normalizeSpaces(name), asWritten: normalizeSpaces(chosen.written), position: position.map(normalizeSpaces)))
        }
        return result
    }

    static func normalizeSpaces(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        var lastSpace = false
        var changed = false
        for c in s.unicodeScalars {
            if c == " " || c == "\n" || c == "\t" || c == "\r" || c == "\u{A0}" || c == "\u{202F}" {
                if c != " " || lastSpace { changed = true }
                if !lastSpace { out.append(" ") }
                lastSpace = true
            } else {
                out.append(c)
                lastSpace = false
            }
        }
        return changed ? String(out) : s
    }
}
