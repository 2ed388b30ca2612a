import Foundation

// Rule-based Russian declension, just enough to generate the case forms of
// country names, adjectives, cities and given names from their nominative,
// and to undo it for surnames. All functions work on lowercase text with
// `ё` folded to `е`.

enum RussianMorphology {
    /// Case order used throughout: nominative, genitive, dative, accusative, instrumental, prepositional.
    static let caseCount = 6

    static let vowels: Set<Character> = ["а", "е", "и", "о", "у", "ы", "э", "ю", "я"]
    static let velars: Set<Character> = ["г", "к", "х"]
    static let sibilants: Set<Character> = ["ж", "ш", "щ", "ч", "ц"]

    /// Lowercases and folds `ё` to `е`.
    static func fold(_ s: String) -> String {
        var out = s.lowercased()
        if out.contains("ё") { out = out.replacingOccurrences(of: "ё", with: "е") }
        return out
    }

    /// Splits on anything that is not a letter or digit and joins with one space:
    /// the key under which a phrase is looked up against tokens.
    static func key(_ s: String) -> String {
        let tokens = TokenizedText(fold(s)).tokens.map(\.lower)
        return tokens.joined(separator: " ")
    }

    static func isAdjective(_ w: String) -> Bool {
        for e in ["ая", "яя", "ый", "ий", "ое", "ее", "ые", "ие", "ой"] where w.hasSuffix(e) && w.count > 3 {
            return true
        }
        return false
    }

    // MARK: - Nouns

    /// The six singular case forms of a noun (or the plural forms when `plural`).
    /// `feminineSoft` makes a final `ь` decline as in `Беларусь`.
    static func nounCases(_ w: String, plural: Bool = false, genitivePluralOv: Bool = false,
                          feminineSoft: Bool = false) -> [String] {
        guard let last = w.last, w.count > 1 else { return [w] }
        if plural {
            let stem = String(w.dropLast())
            let gen = genitivePluralOv ? stem + "ов" : stem
            return [w, gen, stem + "ам", w, stem + "ами", stem + "ах"]
        }
        let stem = String(w.dropLast())
        let beforeLast = stem.last ?? " "
        if w.hasSuffix("ия") {
            return [w, stem + "и", stem + "и", stem + "ю", stem + "ей", stem + "и"]
        }
        switch last {
        case "я":
            return [w, stem + "и", stem + "е", stem + "ю", stem + "ей", stem + "е"]
        case "а":
            let gen = velars.contains(beforeLast) || sibilants.contains(beforeLast) && beforeLast != "ц" ? "и" : "ы"
            let ins = sibilants.contains(beforeLast) ? "ей" : "ой"
            return [w, stem + gen, stem + "е", stem + "у", stem + ins, stem + "е"]
        case "й":
            return [w, stem + "я", stem + "ю", w, stem + "ем", stem + (w.hasSuffix("ий") ? "и" : "е")]
        case "ь":
            if feminineSoft { return [w, stem + "и", stem + "и", w, w + "ю", stem + "и"] }
            return [w, stem + "я", stem + "ю", w, stem + "ем", stem + "е"]
        case "е" where w.hasSuffix("ье") && w.count > 4:
            // Neuter nouns in -ье: Подмосковье → Подмосковья.
            return [w, stem + "я", stem + "ю", w, stem + "ем", w]
        case "о" where w.hasSuffix("ство"):
            return [w, stem + "а", stem + "у", w, stem + "ом", stem + "е"]
        case "о", "е", "и", "у", "ю", "э", "ы":
            return [w]
        default:
            if last.isLetter {
                let ins = sibilants.contains(last) ? "ем" : "ом"
                return [w, w + "а", w + "у", w, w + ins, w + "е"]
            }
            return [w]
        }
    }

    /// The six case forms of an adjective given in its nominative (any gender or plural).
    static func adjectiveCases(_ w: String) -> [String] {
        func stem(_ n: Int) -> String { String(w.dropLast(n)) }
        if w.hasSuffix("ая") { let s = stem(2); return [w, s + "ой", s + "ой", s + "ую", s + "ой", s + "ой"] }
        if w.hasSuffix("яя") { let s = stem(2); return [w, s + "ей", s + "ей", s + "юю", s + "ей", s + "ей"] }
        if w.hasSuffix("ые") { let s = stem(2); return [w, s + "ых", s + "ым", w, s + "ыми", s + "ых"] }
        if w.hasSuffix("ие") { let s = stem(2); return [w, s + "их", s + "им", w, s + "ими", s + "их"] }
        if w.hasSuffix("ое") || w.hasSuffix("ой") || w.hasSuffix("ый") || w.hasSuffix("ий") || w.hasSuffix("ее") {
            let s = stem(2)
            let soft = w.hasSuffix("ее") || (w.hasSuffix("ий") && !(s.last.map { velars.contains($0) || sibilants.contains($0) } ?? false))
            let i = (s.last.map { velars.contains($0) } ?? false) || soft ? "и" : "ы"
            if soft {
                return [w, s + "его", s + "ему", w, s + "им", s + "ем"]
            }
            return [w, s + "ого", s + "ому", w, s + i + "м", s + "ом"]
        }
        return [w]
    }

    /// Every inflected form of an adjective (all genders, numbers, cases) from its
    /// masculine nominative (`белорусский`): the forms a text may use.
    static func allAdjectiveForms(_ masculine: String) -> [String] {
        guard masculine.hasSuffix("ий") || masculine.hasSuffix("ый") || masculine.hasSuffix("ой") else {
            return [masculine]
        }
        let s = String(masculine.dropLast(2))
        let velar = s.last.map { velars.contains($0) || sibilants.contains($0) } ?? false
        let soft = masculine.hasSuffix("ий") && !velar
        if soft {
            return ["ий", "его", "ему", "им", "ем", "яя", "ей", "юю", "ее", "ие", "их", "ими"].map { s + $0 }
        }
        let y = velar ? "и" : "ы"
        return [masculine, s + "ого", s + "ому", s + y + "м", s + "ом", s + "ая", s + "ой", s + "ую", s + "ое",
                s + y + "е", s + y + "х", s + y + "ми"]
    }

    /// The first part of a compound adjective: `белорусский` → `белорусско`.
    static func compoundStem(_ masculine: String) -> String? {
        guard masculine.hasSuffix("ий") || masculine.hasSuffix("ый") else { return nil }
        return String(masculine.dropLast(2)) + "о"
    }

    // MARK: - Phrases

    /// Case forms of a multi-word name declined word by word. Markers:
    /// `~word` keeps a word fixed, `word^` is a plural noun with genitive in -ов;
    /// in a hyphenated word only the last part declines.
    static func phraseCases(_ phrase: String, feminineSoft: Bool = false) -> [String] {
        let words = phrase.split(separator: " ").map(String.init)
        var perWord: [[String]] = []
        for raw in words {
            if raw.hasPrefix("~") {
                perWord.append([String(raw.dropFirst())])
                continue
            }
            var w = raw
            var pluralOv = false
            if w.hasSuffix("^") { w.removeLast(); pluralOv = true }
            // Only the last hyphen-separated part declines ("коста-рика").
            var head = ""
            var tail = w
            if let dash = w.lastIndex(of: "-") {
                head = String(w[...dash])
                tail = String(w[w.index(after: dash)...])
            }
            let cases: [String]
            if tail.count <= 1 || tail == "и" {
                cases = [tail]
            } else if isAdjective(tail) && (raw != words.last || ["ая", "яя", "ое", "ые", "ие"].contains(where: tail.hasSuffix)) {
                cases = adjectiveCases(tail)
            } else if pluralOv || (tail.hasSuffix("ы") && words.count > 1) {
                cases = nounCases(tail, plural: true, genitivePluralOv: pluralOv)
            } else {
                cases = nounCases(tail, feminineSoft: feminineSoft)
            }
            perWord.append(cases.map { head + $0 })
        }
        if perWord.allSatisfy({ $0.count == 1 }) { return [perWord.map { $0[0] }.joined(separator: " ")] }
        var out: [String] = []
        for c in 0..<caseCount {
            out.append(perWord.map { $0.count == 1 ? $0[0] : $0[min(c, $0.count - 1)] }.joined(separator: " "))
        }
        return out
    }

    /// Prepositional case of a city name (`Минск` → `минске`, `Нью-Дели` unchanged).
    static func cityPrepositional(_ name: String) -> String {
        let w = fold(name)
        guard let last = w.last else { return w }
        var head = ""
        var tail = w
        if let sep = w.lastIndex(where: { $0 == "-" || $0 == " " }) {
            head = String(w[...sep])
            tail = String(w[w.index(after: sep)...])
        }
        if "оеиуюэы".contains(last) || w.hasSuffix("уа") || w.hasSuffix("оа") || w.hasSuffix("иа") { return w }
        let cases = nounCases(tail)
        return head + (cases.count == 6 ? cases[5] : tail)
    }

    /// Genitive case of a city name (`Минск` → `минска`, `Нижний Новгород` → `нижнего новгорода`).
    /// `prepositional` is the explicit prepositional form from the data, if any: a feminine
    /// soft noun there ("Казани") gives the same genitive.
    static func cityGenitive(_ name: String, prepositional: String?) -> String {
        let w = fold(name)
        guard let last = w.last else { return w }
        if last == "ь", let p = prepositional.map(fold), p.hasSuffix("и"), !p.contains(" ") { return p }
        if w.contains(" ") {
            let cases = phraseCases(w)
            return cases.count == 6 ? cases[1] : w
        }
        if "оеиуюэы".contains(last) || w.hasSuffix("уа") || w.hasSuffix("оа") || w.hasSuffix("иа") { return w }
        var head = ""
        var tail = w
        if let sep = w.lastIndex(of: "-") {
            head = String(w[...sep])
            tail = String(w[w.index(after: sep)...])
        }
        let cases = nounCases(tail)
        return head + (cases.count == 6 ? cases[1] : tail)
    }

    // MARK: - Given names

    /// Case forms of a given name, with its grammatical gender.
    static func givenNameCases(_ w: String, feminine: Bool) -> [String] {
        guard let last = w.last else { return [w] }
        let stem = String(w.dropLast())
        switch last {
        case "а", "я":
            if w.hasSuffix("ия") { return [w, stem + "и", stem + "и", stem + "ю", stem + "ей", stem + "и"] }
            let b = stem.last ?? " "
            let gen = last == "я" || velars.contains(b) || (sibilants.contains(b) && b != "ц") ? "и" : "ы"
            let datPrep = last == "я" ? "е" : "е"
            let acc = last == "я" ? "ю" : "у"
            let ins = last == "я" ? "ей" : (sibilants.contains(b) ? "ей" : "ой")
            return [w, stem + gen, stem + datPrep, stem + acc, stem + ins, stem + datPrep]
        case "й":
            if feminine { return [w] }
            let prep = w.hasSuffix("ий") ? "и" : "е"
            return [w, stem + "я", stem + "ю", stem + "я", stem + "ем", stem + prep]
        case "ь":
            if feminine { return [w, stem + "и", stem + "и", w, w + "ю", stem + "и"] }
            return [w, stem + "я", stem + "ю", stem + "я", stem + "ем", stem + "е"]
        case "о", "е", "и", "у", "ю", "э", "ы":
            return [w]
        default:
            if feminine { return [w] }
            let ins = sibilants.contains(last) ? "ем" : "ом"
            return [w, w + "а", w + "у", w + "а", w + ins, w + "е"]
        }
    }
}
