// Person names: the lexicon built from `PersonData`, turning a name as written
// into its nominative, and the stable keys used as facet terms.

/// A given-name form: the nominative it belongs to, its gender, and the cases it can be.
struct GivenNameForm: Sendable {
    let nominative: String
    let feminine: Bool
    let cases: UInt8
    /// A female name with the same form ("Валерии": Валерий or Валерия).
    var feminineAlternative: FeminineForm? = nil
}

struct FeminineForm: Sendable {
    let nominative: String
    let cases: UInt8
}

/// Lookup sets built once from `PersonData`.
struct PersonLexicon: Sendable {
    let given: [Word: GivenNameForm]
    let asianSurnames: Set<Word>
    let heads: Set<Word>
    let modifiers: Set<Word>
    let notNames: Set<Word>
    let stops: Set<Word>
    /// Case bits of position-word forms ("министром" → instrumental).
    let headCases: [Word: UInt8]
    /// Every case form of gazetteer cities and regions: never the start of a name.
    let places: Set<Word>

    static let shared = PersonLexicon()

    init() {
        var given: [Word: GivenNameForm] = [:]
        func addNames(_ list: String, feminine: Bool) {
            for name in list.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\\" }) where !name.isEmpty {
                let display = String(name)
                let lower = RussianMorphology.fold(display)
                let forms = RussianMorphology.givenNameCases(lower, feminine: feminine)
                for (c, fs) in forms.enumerated() {
                    let f = Word(fs)
                    let bits: UInt8 = forms.count == 1 ? 0x3F : 1 << UInt8(c)
                    if let old = given[f], old.nominative == display {
                        given[f] = GivenNameForm(nominative: display, feminine: feminine, cases: old.cases | bits,
                                                 feminineAlternative: old.feminineAlternative)
                    } else if let old = given[f], feminine, !old.feminine {
                        var merged = old
                        let prev = old.feminineAlternative?.nominative == display ? old.feminineAlternative!.cases : 0
                        merged.feminineAlternative = FeminineForm(nominative: display, cases: prev | bits)
                        given[f] = merged
                    } else if given[f] == nil || c == 0 {
                        given[f] = GivenNameForm(nominative: display, feminine: feminine, cases: bits)
                    }
                }
            }
        }
        addNames(PersonData.maleNames, feminine: false)
        addNames(PersonData.femaleNames, feminine: true)
        self.given = given

        func words(_ s: String) -> [String] {
            s.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\\" }).map { RussianMorphology.fold(String($0)) }
        }
        asianSurnames = Set(words(PersonData.asianSurnames).map { Word($0) })
        var heads = Set<Word>()
        var headCases: [Word: UInt8] = [:]
        func addCases(_ forms: [String]) {
            if forms.count == 6 {
                for (c, f) in forms.enumerated() { headCases[Word(f), default: 0] |= 1 << UInt8(c) }
            }
        }
        for w in words(PersonData.positionHeads) {
            for part in w.split(separator: "-").map(String.init) {
                if part.hasSuffix("щий") || part.hasSuffix("ный") {
                    heads.formUnion(RussianMorphology.allAdjectiveForms(part).map { Word($0) })
                    addCases(RussianMorphology.adjectiveCases(part))
                } else if part.hasSuffix("теля") || part.hasSuffix("стра") || part.hasSuffix("ника")
                            || part.hasSuffix("вы") || part.hasSuffix("ора") || part.hasSuffix("его") || part == "атташе" {
                    heads.insert(Word(part))
                } else {
                    let forms = RussianMorphology.nounCases(part)
                    heads.formUnion(forms.map { Word($0) })
                    addCases(forms)
                }
            }
        }
        headCases["посла"] = 0b1010; headCases["послу"] = 4; headCases["послом"] = 16
        for (k, v) in headCases where v & 1 == 0 && v & 8 == 0 && v & 2 != 0 {
            headCases[k] = v | 8   // animate accusative = genitive
        }
        self.headCases = headCases
        heads.formUnion(["посла", "послу", "послом", "послы", "послов"] as [Word])
        self.heads = heads
        var mods = Set<Word>()
        for w in words(PersonData.positionModifiers) { mods.formUnion(RussianMorphology.allAdjectiveForms(w).map { Word($0) }) }
        modifiers = mods
        notNames = Set(words(PersonData.notNames).map { Word($0) })
        stops = Set(words(PersonData.positionStops).map { Word($0) })
        var places = Set<Word>()
        for list in CountryTable.cities.values {
            for c in list where c.tokens.count == 1 {
                places.formUnion(RussianMorphology.nounCases(RussianMorphology.fold(c.name)).map { Word($0) })
            }
        }
        for w in words(PersonData.regions) { places.formUnion(RussianMorphology.phraseCases(w).map { Word($0) }) }
        self.places = places
    }

    /// Case bits implied by a position word or a modifier ("первым" → instrumental), or nil.
    func caseOf(_ word: Word) -> UInt8? {
        if let c = headCases[word] { return c }
        let lower = word.string
        if modifiers.contains(word) || heads.contains(word) {
            if lower.hasSuffix("ого") || lower.hasSuffix("его") { return 0b1010 }
            if lower.hasSuffix("ому") || lower.hasSuffix("ему") { return 4 }
            if lower.hasSuffix("ым") || lower.hasSuffix("им") { return 16 }
            if lower.hasSuffix("ом") || lower.hasSuffix("ем") { return 32 }
            if lower.hasSuffix("ый") || lower.hasSuffix("ий") { return 1 }
        }
        return nil
    }

    func givenForm(_ word: Word) -> GivenNameForm? { given[word] }
    func givenForm(_ lower: String) -> GivenNameForm? { given[Word(lower)] }
}

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

/// The structure of a person's name and its nominative.
struct NameAnalysis {
    enum Role { case given, initial, patronymic, surname, asianSurname, asianGiven }

    let original: [String]
    var roles: [Role] = []
    var parts: [String] = []   // nominative, as displayed
    var feminine = false
    /// Bit set of cases the written form can be in (0x3F when unknown).
    var caseMask: UInt8 = 0x3F

    /// `caseHint`: case bits implied by the position word before the name, used when the
    /// given name does not tell ("президента Джо Байдена").
    init(_ words: [String], caseHint: UInt8? = nil) {
        original = words
        let lex = PersonLexicon.shared
        let lower = words.map(RussianMorphology.fold)
        guard !words.isEmpty else { return }
        parts = words
        roles = Array(repeating: .surname, count: words.count)

        // Chinese, Korean, Vietnamese: family name first, nothing declines.
        if lex.asianSurnames.contains(Word(lower[0])), words.count <= 3,
           words.count == 1 || (lex.givenForm(lower[1]) == nil && !NameAnalysis.looksSlavicSurname(lower[1])) {
            roles[0] = .asianSurname
            for i in 1..<words.count { roles[i] = .asianGiven }
            // "Ким Чен Ыном", "Си Цзиньпином": the instrumental is unambiguous.
            if words.count > 1, let last = lower.last, last.count > 3, last.hasSuffix("ом") || last.hasSuffix("ем") {
                let c = last[last.index(last.endIndex, offsetBy: -3)]
                if !RussianMorphology.vowels.contains(c) {
                    parts[words.count - 1] = NameAnalysis.recase(words[words.count - 1], String(last.dropLast(2)))
                    caseMask = 1 << 4
                }
            }
            return
        }
        var mask: UInt8 = 0x3F
        var i = 0
        var sawGiven = false
        while i < words.count - 1 {
            if var g = lex.givenForm(lower[i]), i < 3 {
                if let alt = g.feminineAlternative, NameAnalysis.looksFeminineSurname(lower[words.count - 1]) {
                    // "Александра Иванова": a woman, unless the position word asks for a case only the man's form has.
                    let maleFits = caseHint.map { g.cases & $0 != 0 } ?? false
                    let femaleFits = caseHint.map { alt.cases & $0 != 0 } ?? true
                    if femaleFits || !maleFits {
                        g = GivenNameForm(nominative: alt.nominative, feminine: true, cases: alt.cases)
                    }
                }
                roles[i] = .given
                parts[i] = g.nominative
                if !sawGiven { feminine = g.feminine }
                sawGiven = true
                mask &= g.cases
                i += 1
            } else if lower[i].count == 1 {
                roles[i] = .initial
                i += 1
            } else {
                break
            }
        }
        if i < words.count - 1, let (nom, cases) = NameAnalysis.patronymic(lower[i]) {
            roles[i] = .patronymic
            parts[i] = NameAnalysis.recase(words[i], nom)
            mask &= cases
            i += 1
        }
        if !sawGiven && words.count >= 2 {
            // Surname first with given name and patronymic after ("Пантус Дмитрий Владимирович").
            if words.count == 3, let g = lex.givenForm(lower[1]), NameAnalysis.patronymic(lower[2]) != nil {
                roles = [.surname, .given, .patronymic]
                parts[1] = g.nominative
                feminine = g.feminine
                mask &= g.cases
                let (pn, pc) = NameAnalysis.patronymic(lower[2])!
                parts[2] = NameAnalysis.recase(words[2], pn)
                mask &= pc
            } else if roles[0] == .surname {
                // Unknown given name: assume given name first.
                roles[0] = .given
            }
        }
        if mask == 0 { mask = 0x3F }
        if mask == 0x3F, let hint = caseHint, hint != 0x3F { mask = hint }
        caseMask = mask
        // Which case to undo: none if the name may be nominative.
        var caseIndex = -1
        if mask & 1 == 0 {
            for c in 1..<6 where mask & (1 << UInt8(c)) != 0 { caseIndex = c; break }
        } else if mask == 0x3F {
            caseIndex = NameAnalysis.guessCase(from: lower, roles: roles)
            if caseIndex > 0 { caseMask = 1 << UInt8(caseIndex) }
        }
        if caseIndex > 0 {
            let surnameIdx = roles.indices.filter { roles[$0] == .surname }
            for (k, idx) in surnameIdx.enumerated() {
                let isLast = k == surnameIdx.count - 1
                let isFirst = k == 0
                // In a multi-part family name only the first and last parts are declined.
                guard isLast || isFirst else { continue }
                if !isLast && surnameIdx.count > 1 && caseIndex != 4 { continue }
                let nom = NameAnalysis.surnameNominative(lower[idx], caseIndex: caseIndex, feminine: feminine, isLast: isLast)
                parts[idx] = NameAnalysis.recase(words[idx], nom)
            }
            for idx in roles.indices where roles[idx] == .given && lex.givenForm(lower[idx]) == nil {
                // Unknown given name in a known case: undo the case like a surname.
                let nom = NameAnalysis.surnameNominative(lower[idx], caseIndex: caseIndex, feminine: feminine, isLast: true)
                parts[idx] = NameAnalysis.recase(words[idx], nom)
            }
        }
    }

    var nominative: String { parts.joined(separator: " ") }

    var surnameTokens: [String] {
        var out: [String] = []
        for (i, r) in roles.enumerated() where r == .surname || r == .asianSurname {
            out.append(contentsOf: RussianMorphology.fold(parts[i]).split(separator: "-").map(String.init))
        }
        if out.isEmpty, let last = parts.last { out = [RussianMorphology.fold(last)] }
        return out
    }

    var surnameKey: String { surnameTokens.first ?? "" }

    var key: String {
        if roles.first == .asianSurname { return parts.map(RussianMorphology.fold).joined(separator: " ") }
        let surnames = roles.indices.filter { roles[$0] == .surname }.map { RussianMorphology.fold(parts[$0]) }
        let given = roles.indices.filter { roles[$0] == .given }.map { RussianMorphology.fold(parts[$0]) }
        return (surnames + given).joined(separator: " ")
    }

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
        switch caseIndex {
        case 1, 3:
            for (s, r) in [("ского", "ский"), ("цкого", "цкий"), ("ова", "ов"), ("ева", "ев"), ("ина", "ин"), ("ына", "ын")] {
                if let x = replace(s, r) { return x }
            }
            if w.hasSuffix("ля") || w.hasSuffix("ня") { return String(w.dropLast()) + "ь" }
            if w.hasSuffix("а"), consonantBefore(1), isLast { return String(w.dropLast()) }
            if w.hasSuffix("ы"), consonantBefore(1), isLast { return String(w.dropLast()) + "а" }
            return w
        case 2:
            for (s, r) in [("скому", "ский"), ("цкому", "цкий"), ("ову", "ов"), ("еву", "ев"), ("ину", "ин"), ("ыну", "ын")] {
                if let x = replace(s, r) { return x }
            }
            if w.hasSuffix("лю") || w.hasSuffix("ню") { return String(w.dropLast()) + "ь" }
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
                if c == "л" || c == "н" { return String(w.dropLast(2)) + "ь" }
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
