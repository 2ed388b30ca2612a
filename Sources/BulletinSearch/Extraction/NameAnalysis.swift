// A person's name as written: which word is the given name, patronymic, surname or particle,
// and its nominative.

/// The structure of a person's name and its nominative.
struct NameAnalysis {
    enum Role { case given, initial, patronymic, surname, asianSurname, asianGiven, particle }

    /// Lower-case particles inside names; the word after "бин"/"ибн" is a father's given name.
    static let particles: Set<String> = ["фон", "дер", "да", "де", "ди", "ван", "бин", "бен", "ибн", "аль", "эль", "ла", "дос", "дель",
                                         "делла", "дю", "ал", "аз", "ас", "ад", "ат", "ан", "ар", "аш", "эд", "эс", "эш", "эр", "уль", "абу"]

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
           words.count == 1 || (lex.givenForm(lower[1]) == nil
                                && (lex.givenForm(lower[0]) == nil || !NameAnalysis.looksSlavicSurname(lower[1]))) {
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
        // "Орландо Хосе Сандоваль": an unknown first name before a known one is a given name too.
        if words.count >= 3, lex.givenForm(lower[0]) == nil, lower[0].count > 1, lex.givenForm(lower[1]) != nil,
           !NameAnalysis.particles.contains(lower[0]), !(words.count == 3 && NameAnalysis.patronymic(lower[2]) != nil) {
            roles[0] = .given
            i = 1
        }
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
        if i < words.count - 1, let (nom, cases) = NameAnalysis.patronymic(lower[i]),
           NameAnalysis.isPatronymicOfKnownName(lower[i]) || i < words.count - 2 {
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
        for idx in roles.indices where NameAnalysis.particles.contains(lower[idx]) && roles[idx] == .surname {
            roles[idx] = .particle
        }
        if caseIndex > 0 {
            // The word after "бин"/"ибн" declines like a given name ("Фейсала бин Салеха").
            for idx in roles.indices.dropFirst() where ["бин", "ибн", "бен"].contains(lower[idx - 1]) && roles[idx] == .surname {
                roles[idx] = .given
            }
            let surnameIdx = roles.indices.filter { roles[$0] == .surname }
            for (k, idx) in surnameIdx.enumerated() {
                let isLast = k == surnameIdx.count - 1
                // In a multi-part family name the first part declines when it ends in a consonant
                // ("Варгаса Кинтаны"); a part ending in -ка/-га/-ха may be its own nominative ("Биоска").
                if !isLast {
                    let w = lower[idx]
                    let stem = w.dropLast()
                    if let c = stem.last, RussianMorphology.velars.contains(c), caseIndex != 4 { continue }
                }
                let nom = NameAnalysis.surnameNominative(lower[idx], caseIndex: caseIndex, feminine: feminine, isLast: true)
                parts[idx] = NameAnalysis.recase(words[idx], nom)
            }
            for idx in roles.indices where roles[idx] == .given && lex.givenForm(lower[idx]) == nil && !lower[idx].contains("-") {
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
}
