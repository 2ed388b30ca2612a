import Foundation

// Finds weapon designations in the tokens: family + hyphen + number
// ("Су-30МКИ", "Ми-17В-5", "F-16"), one-token forms ("M777", "TB2"), GRAU
// indices ("2С19"), and named systems ("HIMARS", «Калибр»).

enum WeaponExtractor {
    static func find(_ tt: TokenizedText, from: Int = 0) -> [String] {
        let tokens = tt.tokens
        let n = tokens.count
        var out: [String] = []
        var seen = Set<String>()
        var lastDesignationEnd = -10
        func emit(_ s: String, end: Int) {
            lastDesignationEnd = end
            if seen.insert(s).inserted { out.append(s) }
        }
        var i = from
        while i < n {
            let t = tokens[i]
            // Family + hyphen + number.
            if t.isWord, t.isCapitalized, t.length <= 9, i + 1 < n, isDash(tt, before: i + 1) {
                let next = tokens[i + 1]
                let startsWithDigit = next.flags.contains(.digits) && firstIsDigit(tt, i + 1)
                let number = startsWithDigit ? leadingNumber(next.lower) : nil
                if let fam = WeaponNormalizer.family(for: tt.original(i), number: number), !fam.merged {
                    var ok = false
                    if startsWithDigit, let num = number {
                        let digits = leadingDigits(next.lower)
                        ok = digits >= fam.minDigits && digits <= 4 && !(digits == 4 && num >= 1900)
                    } else if fam.letterSuffix, next.length <= 3, next.isCapitalized {
                        ok = true
                    }
                    // «Мста-С» right after "2С19" names the same system.
                    if ok, i - lastDesignationEnd <= 1, tt.separator(before: i).contains(where: { $0 == "«" || $0 == "\"" }) {
                        var last = i + 1
                        while last + 1 < n, isStrictHyphen(tt, before: last + 1) { last += 1 }
                        lastDesignationEnd = last
                        i = last + 1
                        continue
                    }
                    if ok {
                        var last = i + 1
                        var parts = 1
                        while last + 1 < n, parts < 3, isStrictHyphen(tt, before: last + 1) {
                            let p = tokens[last + 1]
                            let pDigit = firstIsDigit(tt, last + 1)
                            guard pDigit || (p.length <= 3 && (p.isAllUpper || p.flags.contains(.digits))) else { break }
                            last += 1
                            parts += 1
                        }
                        emit(WeaponNormalizer.canonical(tt.span(i, last)), end: last)
                        i = last + 1
                        continue
                    }
                }
            }
            // One token: letters then digits ("M777", "TB2", "Су30МКИ"), or digits then letters ("2С19").
            if t.flags.contains(.letters), t.flags.contains(.digits), t.length >= 2, t.length <= 10 {
                if let d = mergedDesignation(tt, i) {
                    var last = i
                    if d.hasSuffix("-") == false, i + 1 < n, isStrictHyphen(tt, before: i + 1), firstIsDigit(tt, i + 1),
                       tokens[i + 1].length <= 3, t.lower.last.map({ !$0.isNumber }) ?? false {
                        last = i + 1   // "3М-14"
                    }
                    var name = WeaponNormalizer.canonical(tt.span(i, last))
                    // Korean designations go with their Latin names: "K9 Thunder", "K2 Black Panther".
                    if name.hasPrefix("K"), name.count <= 4 {
                        var j = last
                        while j + 1 < n, j - last < 2, tt.isSpaceJoin(before: j + 1), tokens[j + 1].isWord,
                              tokens[j + 1].isCapitalized, tokens[j + 1].flags.contains(.latin) { j += 1 }
                        if j > last { name += " " + tt.span(last + 1, j); last = j }
                    }
                    emit(name, end: last)
                    i = last + 1
                    continue
                }
            }
            // «Name» after a weapon noun: "бронеавтомобилей «Кайман»", "РЛС «Восток-Э»".
            if t.isCapitalized, i > from, i - lastDesignationEnd > 1, let (name, last) = quotedWeaponName(tt, at: i) {
                emit(name, end: last)
                i = last + 1
                continue
            }
            // Named systems.
            if t.isWord, t.isCapitalized, let (canonical, needsQuotes) = WeaponNormalizer.namedByWord[t.key] {
                let quoted = isQuoted(tt, i)
                let civil = i > 0 && (civilNouns.contains(tokens[i - 1].key) || OrganisationExtractor.typeWords.contains(tokens[i - 1].key))
                if (!needsQuotes || (quoted && !civil)) && i - lastDesignationEnd > 1 {
                    var name = canonical
                    var last = i
                    if canonical == "Leopard", i + 1 < n, tt.isSpaceJoin(before: i + 1), firstIsDigit(tt, i + 1) {
                        name = "Leopard " + tt.original(i + 1).uppercased()
                        last = i + 1
                    } else if canonical == "Leopard" {
                        name = "Leopard 2"
                    } else if canonical == "Wing Loong" {
                        // "Wing Loong II": only with "Loong" after it.
                        guard i + 1 < n, tokens[i + 1].key == "loong" else { i += 1; continue }
                        last = i + 1
                        if i + 2 < n, tt.isSpaceJoin(before: i + 2), ["i", "ii", "id", "1", "2", "3"].contains(tokens[i + 2].lower) {
                            last = i + 2
                        }
                        name = WeaponNormalizer.canonical(tt.span(i, last))
                    } else if canonical.hasPrefix("Bayraktar"), i + 1 < n, tt.isSpaceJoin(before: i + 1),
                              tokens[i + 1].lower.hasPrefix("tb") {
                        // "Bayraktar TB2": the model belongs to the name.
                        name = WeaponNormalizer.canonical(tt.span(i, i + 1))
                        last = i + 1
                    }
                    // A hyphenated variant: «Панцирь-С1» handled above; «Искандер-М» likewise.
                    emit(name, end: last)
                    i = last + 1
                    continue
                }
            }
            i += 1
        }
        return out
    }

    /// The canonical designation of a one-token form, or nil.
    static func mergedDesignation(_ tt: TokenizedText, _ i: Int) -> String? {
        let t = tt.tokens[i]
        let original = tt.original(i)
        let chars = Array(original)
        guard let first = chars.first else { return nil }
        if first.isASCII && first.isNumber {
            // GRAU index: digits, 1-2 upper-case Cyrillic letters, optional digits ("2С19", "9К720", "3М").
            var k = 0
            while k < chars.count, chars[k].isASCII, chars[k].isNumber { k += 1 }
            guard k <= 2 else { return nil }
            var letters = 0
            while k < chars.count, chars[k].isLetter, chars[k].isUppercase, ("А"..."Я").contains(chars[k]) { k += 1; letters += 1 }
            guard letters >= 1, letters <= 2 else { return nil }
            var digits = 0
            while k < chars.count, chars[k].isASCII, chars[k].isNumber { k += 1; digits += 1 }
            guard k == chars.count else { return nil }
            if digits == 0 {
                // "3М" alone must be followed by "-14".
                guard i + 1 < tt.tokens.count, isStrictHyphen(tt, before: i + 1), firstIsDigit(tt, i + 1) else { return nil }
            }
            return original
        }
        guard t.isCapitalized else { return nil }
        var k = 0
        while k < chars.count, chars[k].isLetter { k += 1 }
        guard k >= 1, k <= 3, k < chars.count else { return nil }
        let letters = String(chars[0..<k])
        let rest = String(chars[k...])
        guard let num = leadingNumber(rest) else { return nil }
        let digits = leadingDigits(rest)
        guard let fam = WeaponNormalizer.family(for: letters, number: num) else { return nil }
        // Letters must be upper case ("МиГ" aside): "Mi8" is not a designation, "MI8" rarely is.
        if fam.merged {
            switch fam.canonical {
            case "M": guard digits >= 3 || rest.uppercased().range(of: "^[12]A[0-9]$", options: .regularExpression) != nil else { return nil }
            case "K": guard [2, 9, 21, 239].contains(num) else { return nil }
            default: guard digits >= fam.minDigits else { return nil }
            }
            return original
        }
        // "Су30МКИ", "F16": a hyphen was left out; only for families of two or more letters or F/J.
        guard k >= 2 || ["F", "J"].contains(fam.canonical), digits >= max(fam.minDigits, 1), digits <= 3 else { return nil }
        return original
    }

    /// Nouns after which a quoted name is not a weapon ("торговый центр «Калибр»").
    static let civilNouns: Set<Word> = [
        "центр", "центра", "центре", "центром", "магазин", "магазина", "парк", "парка", "парке", "кафе", "ресторан", "ресторана",
        "клуб", "клуба", "отель", "отеля", "гостиница", "гостиницы", "кинотеатр", "журнал", "журнала", "газета", "газеты",
        "фестиваль", "фестиваля", "конкурс", "конкурса", "форум", "форума", "премия", "премии", "фильм", "фильма", "сериал",
        "команда", "команды", "операция", "операции", "проект", "проекта", "программа", "программы", "бренд", "марка", "марки",
    ]

    /// Nouns (by stem) after which «Name» is a weapon or a warship.
    static let weaponNounStems: [String] = [
        "бронеавтомобил", "бронемашин", "бронетранспортер", "бтр", "бмп", "бмд", "танк", "сау", "гаубиц", "миномет", "рсзо",
        "зрк", "зрпк", "зрс", "пзрк", "птрк", "рлс", "радар", "самолет", "вертолет", "истребител", "штурмовик", "бомбардировщик",
        "перехватчик", "беспилотник", "бпла", "бла", "дрон", "ракет", "торпед", "корабл", "фрегат", "корвет", "катер", "подлодк",
        "эсминц", "эсминец", "крейсер", "авианос", "тральщик", "автомат", "винтовк", "пулемет", "гранатомет", "пистолет",
        "карабин", "тягач", "снайперск",
    ]
    /// Adjectives that make "комплекс"/"система"/"станция" a weapon noun.
    static let weaponAdjectiveStems: [String] = [
        "ракетн", "зенитн", "противотанков", "противокорабельн", "тактическ", "береговой", "берегов", "радиолокацион",
        "разведывательн", "беспилотн", "артиллерийск", "реактивн", "зенитно", "оперативно",
    ]

    /// «Name» at token `i` (the first token inside the quotes) right after a weapon noun: its
    /// canonical form and last token.
    static func quotedWeaponName(_ tt: TokenizedText, at i: Int) -> (String, Int)? {
        let tokens = tt.tokens
        let before = tt.separator(before: i)
        guard let open = before.last, open == "«" || open == "\"" || open == "„", before.count <= 2, i > 0 else { return nil }
        let prev = tokens[i - 1].lower
        var isWeaponNoun = weaponNounStems.contains { prev.hasPrefix($0) }
        if !isWeaponNoun, prev.hasPrefix("комплекс") || prev.hasPrefix("систем") || prev.hasPrefix("станци"), i > 1 {
            let adj = tokens[i - 2].lower
            isWeaponNoun = weaponAdjectiveStems.contains { adj.hasPrefix($0) }
        }
        guard isWeaponNoun else { return nil }
        // The quoted text: up to four tokens before the closing quote.
        var last = i
        while last - i < 4 {
            let afterEnd = last + 1 < tokens.count ? tokens[last + 1].start : tt.scalars.count
            let after = tt.scalars[tokens[last].end..<afterEnd]
            if after.contains(where: { $0 == "»" || $0 == "\"" || $0 == "“" }) {
                let text = tt.string(from: tokens[i].start, to: tokens[last].end)
                return (WeaponNormalizer.canonical(text), last)
            }
            if after.contains(where: { $0 == "\n" || $0 == "," || $0 == "«" }) { return nil }
            last += 1
            if last >= tokens.count { return nil }
        }
        return nil
    }

    static func isDash(_ tt: TokenizedText, before i: Int) -> Bool {
        let sep = tt.separator(before: i)
        guard sep.count == 1, let s = sep.first else { return false }
        return s.value == 0x2D || s.value == 0x2010 || s.value == 0x2011 || s.value == 0x2013 || s.value == 0x2012
    }

    static func isStrictHyphen(_ tt: TokenizedText, before i: Int) -> Bool {
        isDash(tt, before: i)
    }

    static func firstIsDigit(_ tt: TokenizedText, _ i: Int) -> Bool {
        let v = tt.scalars[tt.tokens[i].start].value
        return v >= 0x30 && v <= 0x39
    }

    static func leadingNumber(_ s: String) -> Int? { WeaponNormalizer.leadingNumber(s) }

    static func leadingDigits(_ s: String) -> Int {
        var c = 0
        for ch in s { if ch.isASCII && ch.isNumber { c += 1 } else { break } }
        return c
    }

    /// The token is directly inside quotes: «Калибр», "Кинжал".
    static func isQuoted(_ tt: TokenizedText, _ i: Int) -> Bool {
        let before = tt.separator(before: i)
        guard let open = before.last, open == "«" || open == "\"" || open == "„" || open == "“" else { return false }
        let afterEnd = i + 1 < tt.tokens.count ? tt.tokens[i + 1].start : tt.scalars.count
        let after = tt.scalars[tt.tokens[i].end..<afterEnd]
        guard let close = after.first else { return false }
        return close == "»" || close == "\"" || close == "“" || close == "”" || close == "-"
    }
}
