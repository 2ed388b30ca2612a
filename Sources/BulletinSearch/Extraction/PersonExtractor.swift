// People: capitalised runs anchored by a known given name ("Олегом Мищенко"),
// a family name written first ("Чжань Шисянь"), or a position word right
// before them ("глава МИД Чада Абдераман Куламаллах"); each with the position
// phrase that precedes it.

struct PersonSpan {
    let first: Int
    let last: Int
}

enum PersonExtractor {
    /// `blocked[i]` marks tokens that belong to a country or organisation mention.
    static func find(_ tt: TokenizedText, from: Int, blocked: [Bool]) -> [PersonMention] {
        let tokens = tt.tokens
        let n = tokens.count
        let lex = PersonLexicon.shared
        let quoted = quotedTokens(tt)
        var covered = [Bool](repeating: false, count: n)
        var spans: [PersonSpan] = []

        func isCapWord(_ i: Int) -> Bool {
            let t = tokens[i]
            return t.isWord && t.isCapitalized && t.flags.contains(.cyrillic) && !(t.isAllUpper && t.length > 1)
        }
        func nameLike(_ i: Int) -> Bool {
            guard isCapWord(i), !blocked[i], !quoted[i] else { return false }
            let l = tokens[i].key
            return !lex.notNames.contains(l) && !lex.heads.contains(l) && !lex.places.contains(l)
                && DateExtractor.monthByWord[l] == nil && tokens[i].length > 1
        }
        func join(_ i: Int) -> Bool { tt.isSpaceJoin(before: i) || tt.isHyphenJoin(before: i) }
        func isInitial(_ i: Int) -> Bool {
            let t = tokens[i]
            guard t.isWord, t.length == 1, t.isCapitalized, t.flags.contains(.cyrillic), i + 1 < n else { return false }
            let sep = tt.separator(before: i + 1)
            return sep.first == "." && sep.count <= 2
        }
        func given(_ i: Int) -> Bool { isCapWord(i) && !blocked[i] && !quoted[i] && lex.givenForm(tokens[i].key) != nil }

        var i = from
        while i < n {
            if covered[i] { i += 1; continue }
            // A: given name(s) or initials, optional patronymic, family name(s).
            if given(i) || (isInitial(i) && !quoted[i]) {
                var j = i
                var count = 0
                while j < n, count < 3, given(j) || isInitial(j), j == i || join(j) || isInitial(j - 1) {
                    j += 1
                    count += 1
                }
                // A patronymic ("Иванович"), unless it is not formed from a known given name and nothing
                // follows it: then it is a family name ("Виталий Курилович").
                if j < n, isCapWord(j), join(j), NameAnalysis.patronymic(tokens[j].lower) != nil,
                   NameAnalysis.isPatronymicOfKnownName(tokens[j].lower) || (j + 1 < n && nameLike(j + 1) && join(j + 1)) {
                    j += 1
                }
                let surnameStart = j
                while j < n, j - surnameStart < 4 {
                    if nameLike(j), join(j) || (j > 0 && isInitial(j - 1)), lex.givenForm(tokens[j].key) == nil || j == surnameStart {
                        j += 1
                    } else if j > surnameStart || j > i, tokens[j].isWord, !tokens[j].isCapitalized,
                              nameParticles.contains(tokens[j].key), join(j) {
                        // "Урсула фон дер Ляйен", "Лула да Силва", "Мухаммед бин Салман".
                        var k = j
                        while k < n, k - j < 2, tokens[k].isWord, !tokens[k].isCapitalized, nameParticles.contains(tokens[k].key), join(k) { k += 1 }
                        if k < n, nameLike(k), join(k) { j = k + 1 } else { break }
                    } else {
                        break
                    }
                }
                if j > surnameStart {
                    spans.append(PersonSpan(first: i, last: j - 1))
                    for k in i..<j { covered[k] = true }
                    i = j
                    continue
                }
                // Family name first: "Пантус Дмитрий Владимирович".
                if i > from, !covered[i - 1], nameLike(i - 1), join(i), i + 1 < n, join(i + 1),
                   NameAnalysis.patronymic(tokens[i + 1].lower) != nil {
                    spans.append(PersonSpan(first: i - 1, last: i + 1))
                    for k in (i - 1)...(i + 1) { covered[k] = true }
                    i += 2
                    continue
                }
            }
            // B: Chinese, Korean, Vietnamese family name first.
            if isCapWord(i), !blocked[i], !quoted[i], lex.asianSurnames.contains(tokens[i].key),
               !(tokens[i].flags.contains(.sentenceStart) && functionWords.contains(tokens[i].key)) {
                var j = i + 1
                while j < n, j - i <= 2, join(j), isCapWord(j) || isAsianSyllable(tt, j), !blocked[j], !quoted[j],
                      !lex.notNames.contains(tokens[j].key), lex.givenForm(tokens[j].key) == nil,
                      lex.givenForm(tokens[i].key) == nil || !NameAnalysis.looksSlavicSurname(tokens[j].lower) {
                    j += 1
                }
                if j > i + 1 {
                    spans.append(PersonSpan(first: i, last: j - 1))
                    for k in i..<j { covered[k] = true }
                    i = j
                    continue
                }
            }
            // C: a position word, its complement, then a capitalised run.
            if tokens[i].isWord, lex.heads.contains(tokens[i].key) {
                var k = i + 1
                var found = -1
                while k < n, k - i <= 12 {
                    if hasBarrier(tt, before: k) { break }
                    let t = tokens[k]
                    if nameLike(k) && !isAdjectiveForm(t.lower) { found = k; break }
                    // "Санджая Кумара Вармы": a genitive in -ая followed by a name is a name.
                    if nameLike(k), t.lower.hasSuffix("ая"), k + 1 < n, nameLike(k + 1), tt.isSpaceJoin(before: k + 1),
                       !isAdjectiveForm(tokens[k + 1].lower) { found = k; break }
                    if t.key == "в" || t.key == "во" || t.key == "на" { break }
                    if !t.isCapitalized || t.isAllUpper || blocked[k] || isAdjectiveForm(t.lower) || lex.heads.contains(t.key)
                        || (t.flags.contains(.latin) && !t.flags.contains(.cyrillic))
                        || lex.notNames.contains(t.key) {
                        if lex.stops.contains(t.key) { break }
                        k += 1
                        continue
                    }
                    break
                }
                if found >= 0, !covered[found], lex.givenForm(tokens[found].key) == nil, !lex.asianSurnames.contains(tokens[found].key) {
                    var j = found
                    var hasGiven = false
                    while j < n, j - found < 4, nameLike(j), j == found || join(j) {
                        if j > found && lex.givenForm(tokens[j].key) != nil { hasGiven = true }
                        j += 1
                    }
                    let runLength = j - found
                    // Right after a rank ("генерал-майора Орландо Хосе Сандоваля Мурильо") the whole run is
                    // the name; further away a known given name starts the name itself.
                    let afterRank = found == i + 1 && ranks.contains(tokens[i].key)
                    if !hasGiven || afterRank, runLength >= 2 || (found == i + 1 && looksLikeSurname(tokens[found].lower)) {
                        spans.append(PersonSpan(first: found, last: j - 1))
                        for k in found..<j { covered[k] = true }
                        i = j
                        continue
                    }
                }
            }
            i += 1
        }
        return assemble(tt, spans: spans, covered: covered, from: from)
    }

    /// Military ranks: the name follows them directly.
    static let ranks: Set<Word> = ["генерал", "генерала", "генералу", "генералом", "генерале", "майор", "майора", "майору", "майором",
                                   "майоре", "адмирал", "адмирала", "адмиралу", "адмиралом", "адмирале", "полковник", "полковника",
                                   "полковнику", "полковником", "полковнике", "подполковник", "подполковника", "подполковнику",
                                   "подполковником", "капитан", "капитана", "капитану", "капитаном", "лейтенант", "лейтенанта",
                                   "лейтенанту", "лейтенантом", "маршал", "маршала", "маршалу", "маршалом", "сержант", "сержанта"]

    /// Lower-case particles inside names.
    static let nameParticles: Set<Word> = ["фон", "дер", "да", "де", "ди", "ван", "бин", "бен", "ибн", "аль", "эль", "ла", "дос", "дель",
                                           "делла", "дю", "ал", "аз", "ас", "ад", "ат", "ан", "ар", "аш", "эд", "эс", "эш", "эр", "уль", "абу"]

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

    /// The position phrase right before a name: back to the first position word of the clause.
    static func position(_ tt: TokenizedText, before s: Int, from: Int, covered: [Bool]) -> String? {
        positionPhrase(tt, before: s, from: from, covered: covered)?.text
    }

    /// The position phrase and the case its first word implies.
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
