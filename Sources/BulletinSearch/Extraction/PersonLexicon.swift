// The lexicon of person names, built once from PersonData: given-name forms and their cases,
// position words, places that never start a name.

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

    static let fleetingStems: [String: String] = ["павел": "павл", "лев": "льв"]

    init() {
        var given: [Word: GivenNameForm] = [:]
        func addNames(_ list: String, feminine: Bool) {
            for name in list.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\\" }) where !name.isEmpty {
                let display = String(name)
                let lower = RussianMorphology.fold(display)
                var forms = RussianMorphology.givenNameCases(lower, feminine: feminine)
                // Names with a fleeting vowel: Павел → Павла, Лев → Льва.
                if let stem = PersonLexicon.fleetingStems[lower] {
                    forms = [lower, stem + "а", stem + "у", stem + "а", stem + "ом", stem + "е"]
                }
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
