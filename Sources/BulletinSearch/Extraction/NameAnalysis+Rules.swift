// The spelling rules NameAnalysis applies: patronymics, surname shapes, case guesses.

extension NameAnalysis {
    // MARK: - Rules

    /// Keeps the original capitalisation of the common prefix.
    static func recase(_ original: String, _ lowerNominative: String) -> String {
        let o = Array(original)
        let n = Array(lowerNominative)
        var out = ""
        for (k, ch) in n.enumerated() {
            if k < o.count, RussianMorphology.fold(String(o[k])) == String(ch) { out.append(o[k]) }
            else if k == 0 || (k > 0 && n[k - 1] == "-") { out += String(ch).uppercased() }
            else { out.append(ch) }
        }
        return out
    }

    /// Whether a patronymic-looking word is formed from a known given name ("Иванович", "Сергеевна",
    /// "Дмитриевич"), rather than being a family name in -ович ("Курилович").
    static func isPatronymicOfKnownName(_ w: String) -> Bool {
        guard let (nom, _) = patronymic(w) else { return false }
        let lex = PersonLexicon.shared
        for suffix in ["ович", "евич", "овна", "евна", "ична", "инична"] where nom.hasSuffix(suffix) {
            let stem = String(nom.dropLast(suffix.count))
            for ending in ["", "й", "ий", "ь", "а", "я"] {
                if let g = lex.givenForm(stem + ending), !g.feminine { return true }
            }
        }
        return false
    }

    /// Nominative and possible cases of a patronymic form.
    static func patronymic(_ w: String) -> (String, UInt8)? {
        let male: [(String, UInt8)] = [("ович", 1), ("овича", 0b1010), ("овичу", 4), ("овичем", 16), ("овиче", 32)]
        let maleE: [(String, UInt8)] = [("евич", 1), ("евича", 0b1010), ("евичу", 4), ("евичем", 16), ("евиче", 32)]
        let female: [(String, UInt8)] = [("овна", 1), ("овны", 2), ("овне", 36), ("овну", 8), ("овной", 16)]
        let femaleE: [(String, UInt8)] = [("евна", 1), ("евны", 2), ("евне", 36), ("евну", 8), ("евной", 16)]
        let femaleI: [(String, UInt8)] = [("ична", 1), ("ичны", 2), ("ичне", 36), ("ичну", 8), ("ичной", 16)]
        for table in [male, maleE, female, femaleE, femaleI] {
            for (suffix, cases) in table.reversed() where w.hasSuffix(suffix) && w.count > suffix.count + 1 {
                return (String(w.dropLast(suffix.count)) + table[0].0, cases)
            }
        }
        return nil
    }

    /// Endings of female family names in any case ("Байгаскиной", "Петрова", "Ковальская").
    static func looksFeminineSurname(_ w: String) -> Bool {
        for e in ["ова", "ева", "ина", "ына", "ская", "цкая", "овой", "евой", "иной", "ыной", "ской", "цкой", "ову", "еву", "скую"]
        where w.hasSuffix(e) && w.count > e.count + 1 {
            return true
        }
        return false
    }

    /// Family-name endings of Russian, Ukrainian and Belarusian names, in any case.
    static func looksSlavicSurname(_ w: String) -> Bool {
        let stems = ["ов", "ев", "ёв", "ин", "ын", "ск", "цк", "енк", "ук", "юк", "ич", "ович", "евич"]
        let endings = ["", "а", "у", "ом", "ым", "е", "ой", "ий", "ая", "ого", "ому", "им", "о", "ем", "и"]
        for s in stems {
            for e in endings where w.hasSuffix(s + e) && w.count > s.count + e.count + 1 {
                return true
            }
        }
        return false
    }

    /// Guesses the case from a family name's ending when the given name does not tell.
    static func guessCase(from lower: [String], roles: [Role]) -> Int {
        for (i, r) in roles.enumerated() where r == .surname || (r == .given && PersonLexicon.shared.givenForm(lower[i]) == nil) {
            let w = lower[i]
            let prev = w.count >= 3 ? w[w.index(w.endIndex, offsetBy: -3)] : " "
            if w.hasSuffix("ым") || w.hasSuffix("ским") || w.hasSuffix("цким") { return 4 }
            if (w.hasSuffix("ом") || w.hasSuffix("ем")) && !RussianMorphology.vowels.contains(prev) && w.count > 4 { return 4 }
            if w.hasSuffix("ову") || w.hasSuffix("еву") || w.hasSuffix("ину") || w.hasSuffix("скому") { return 2 }
            if w.hasSuffix("ского") || w.hasSuffix("цкого") { return 1 }
        }
        return -1
    }

    /// Undoes one case on a family name.
    static func surnameNominative(_ w: String, caseIndex: Int, feminine: Bool, isLast: Bool) -> String {
        func replace(_ suffix: String, _ with: String) -> String? {
            guard w.hasSuffix(suffix), w.count > suffix.count + 1 else { return nil }
            return String(w.dropLast(suffix.count)) + with
        }
        func consonantBefore(_ suffixLength: Int) -> Bool {
            guard w.count > suffixLength + 1 else { return false }
            let c = w[w.index(w.endIndex, offsetBy: -(suffixLength + 1))]
            return c.isLetter && !RussianMorphology.vowels.contains(c) && c != "ь" && c != "й"
        }
        if feminine {
            switch caseIndex {
            case 3:
                for (s, r) in [("скую", "ская"), ("цкую", "цкая"), ("ову", "ова"), ("еву", "ева"), ("ину", "ина")] {
                    if let x = replace(s, r) { return x }
                }
                if w.hasSuffix("у"), consonantBefore(1) { return String(w.dropLast()) + "а" }
                return w
            default:
                for (s, r) in [("ской", "ская"), ("цкой", "цкая"), ("овой", "ова"), ("евой", "ева"), ("иной", "ина"), ("ыной", "ына")] {
                    if let x = replace(s, r) { return x }
                }
                if caseIndex == 4, w.hasSuffix("ой"), consonantBefore(2) { return String(w.dropLast(2)) + "а" }
                if caseIndex == 1, w.hasSuffix("ы"), consonantBefore(1) { return String(w.dropLast()) + "а" }
                return w
            }
        }
        // Names in -ай/-ей/-уй: "Санджая", "Санджаю", "Санджаем", "Санджае".
        if w.count > 3 {
            let v = w[w.index(w.endIndex, offsetBy: -2)]
            let v2 = w[w.index(w.endIndex, offsetBy: -3)]
            if (caseIndex == 1 || caseIndex == 3) && w.hasSuffix("я") && "аеоу".contains(v) { return String(w.dropLast()) + "й" }
            if caseIndex == 2 && w.hasSuffix("ю") && "аеоу".contains(v) { return String(w.dropLast()) + "й" }
            if caseIndex == 4 && w.hasSuffix("ем") && "аеоу".contains(v2) { return String(w.dropLast(2)) + "й" }
        }
        switch caseIndex {
        case 1, 3:
            for (s, r) in [("ского", "ский"), ("цкого", "цкий"), ("ова", "ов"), ("ева", "ев"), ("ина", "ин"), ("ына", "ын")] {
                if let x = replace(s, r) { return x }
            }
            if w.hasSuffix("ля") || w.hasSuffix("ня") || w.hasSuffix("ря") { return String(w.dropLast()) + "ь" }
            if w.hasSuffix("а"), consonantBefore(1), isLast { return String(w.dropLast()) }
            if w.hasSuffix("ы"), consonantBefore(1), isLast { return String(w.dropLast()) + "а" }
            return w
        case 2:
            for (s, r) in [("скому", "ский"), ("цкому", "цкий"), ("ову", "ов"), ("еву", "ев"), ("ину", "ин"), ("ыну", "ын")] {
                if let x = replace(s, r) { return x }
            }
            if w.hasSuffix("лю") || w.hasSuffix("ню") || w.hasSuffix("рю") { return String(w.dropLast()) + "ь" }
            if w.hasSuffix("у"), consonantBefore(1) { return String(w.dropLast()) }
            return w
        case 4:
            for (s, r) in [("ским", "ский"), ("цким", "цкий"), ("овым", "ов"), ("евым", "ев"), ("иным", "ин"), ("ыным", "ын")] {
                if let x = replace(s, r) { return x }
            }
            if w.hasSuffix("ом"), consonantBefore(2) { return String(w.dropLast(2)) }
            if w.hasSuffix("ем"), consonantBefore(2) {
                let c = w[w.index(w.endIndex, offsetBy: -3)]
                if RussianMorphology.sibilants.contains(c) { return String(w.dropLast(2)) }
                if c == "л" || c == "н" || c == "р" { return String(w.dropLast(2)) + "ь" }
            }
            if w.hasSuffix("ой"), consonantBefore(2) { return String(w.dropLast(2)) + "а" }
            return w
        case 5:
            for (s, r) in [("ском", "ский"), ("цком", "цкий"), ("ове", "ов"), ("еве", "ев"), ("ине", "ин"), ("ыне", "ын")] {
                if let x = replace(s, r) { return x }
            }
            if w.hasSuffix("е"), consonantBefore(1), isLast { return String(w.dropLast()) }
            return w
        default:
            return w
        }
    }
}
