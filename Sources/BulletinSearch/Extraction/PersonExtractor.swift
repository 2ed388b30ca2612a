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
}
