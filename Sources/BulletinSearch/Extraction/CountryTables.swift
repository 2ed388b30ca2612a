import Foundation

// The country table parsed once from CountryData: entries by form, display names, cities.

/// The parsed table (built once, immutable).
struct Tables: Sendable {
    var infos: [CountryInfo] = []
    var byCode: [String: Int] = [:]
    var index: [Word: [CountryEntry]] = [:]
    var cities: [Word: [CityEntry]] = [:]
    var surface: [String: [String]] = [:]
    var genitives: [String: String] = [:]
    /// Nominative lowercase names (display and alternatives) → code, for suggestions.
    var nominatives: [(String, String)] = []
    /// All case forms of "республика", "королевство", ... that introduce an official name.
    var headNouns: Set<Word> = []

    init() {
        var heads = Set<Word>()
        for h in ["республика", "королевство", "государство", "федерация", "султанат", "княжество",
                  "эмират", "содружество", "союз", "конфедерация"] {
            for f in RussianMorphology.phraseCases(h) { heads.insert(Word(f)) }
        }
        heads.insert("республик")
        headNouns = heads

        var entries: [Word: [CountryEntry]] = [:]
        var seen = Set<String>()
        var surfaceSets: [String: Set<String>] = [:]

        func add(_ form: String, code: String, kind: CountryEntry.Kind, cases: UInt8, exact: String? = nil) {
            let k = RussianMorphology.key(form)
            guard !k.isEmpty else { return }
            let tokens = k.split(separator: " ").map { Word(String($0)) }
            let id = "\(k)|\(code)|\(kind.rawValue)"
            if seen.contains(id) {
                // Merge case bits into the existing entry.
                if var list = entries[tokens[0]],
                   let idx = list.firstIndex(where: { $0.tokens == tokens && $0.code == code && $0.kind == kind }) {
                    let e = list[idx]
                    list[idx] = CountryEntry(tokens: e.tokens, code: e.code, kind: e.kind, cases: e.cases | cases, exact: e.exact)
                    entries[tokens[0]] = list
                }
                return
            }
            seen.insert(id)
            entries[tokens[0], default: []].append(CountryEntry(tokens: tokens, code: code, kind: kind, cases: cases, exact: exact))
            if !code.isEmpty && kind != .compound {
                surfaceSets[code, default: []].insert(RussianMorphology.fold(form).replacingOccurrences(of: " — ", with: " "))
            }
        }

        func addName(_ raw: String, code: String) {
            var spec = raw.trimmingCharacters(in: .whitespaces)
            guard !spec.isEmpty else { return }
            var kind: CountryEntry.Kind = code.isEmpty ? .blocker : .name
            var indeclinable = false
            if spec.hasPrefix("=") { indeclinable = true; spec.removeFirst() }
            if spec.hasPrefix("*") { kind = .headOnly; spec.removeFirst() }
            var explicit: [String] = []
            if let open = spec.firstIndex(of: "{"), let close = spec.firstIndex(of: "}") {
                explicit = spec[spec.index(after: open)..<close].split(separator: ",").map { String($0) }
                spec = String(spec[..<open])
            }
            let nominative = RussianMorphology.fold(spec)
            let cases: [String]
            if indeclinable {
                cases = [nominative.replacingOccurrences(of: "~", with: "").replacingOccurrences(of: "^", with: "")]
            } else if explicit.count == 5 {
                cases = [nominative] + explicit.map(RussianMorphology.fold)
            } else {
                cases = RussianMorphology.phraseCases(nominative)
            }
            if cases.count == 1 {
                add(cases[0], code: code, kind: kind, cases: 0x3F)
            } else {
                for (c, f) in cases.enumerated() { add(f, code: code, kind: kind, cases: 1 << UInt8(c)) }
            }
            if !code.isEmpty, kind == .name {
                nominatives.append((RussianMorphology.key(cases[0]), code))
            }
        }

        for line in CountryData.table.split(separator: "\n") {
            let fields = line.trimmingCharacters(in: .whitespaces).split(separator: "|", omittingEmptySubsequences: false)
                .map { String($0) }
            guard fields.count >= 3 else { continue }
            let code = fields[0] == "-" ? "" : fields[0]
            func list(_ i: Int) -> [String] {
                guard i < fields.count else { return [] }
                return fields[i].split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            }
            if !code.isEmpty {
                let display = Tables.displayName(spec: fields[1])
                byCode[code] = infos.count
                infos.append(CountryInfo(code: code, name: display))
                genitives[code] = Tables.genitive(spec: fields[1], display: display)
                addName(fields[1], code: code)
            }
            for n in list(2) { addName(n, code: code) }
            for a in list(3) { add(a, code: code, kind: .abbreviation, cases: 0x3F, exact: a) }
            for adj in list(4) {
                let folded = RussianMorphology.fold(adj)
                for f in RussianMorphology.allAdjectiveForms(folded) { add(f, code: code, kind: .adjective, cases: 0x3F) }
                if let stem = RussianMorphology.compoundStem(folded) { add(stem, code: code, kind: .compound, cases: 0x3F) }
            }
            for c in list(5) { add(c, code: code, kind: .compound, cases: 0x3F) }
            for city in list(6) {
                var name = city
                var prep: String? = nil
                if let gt = city.firstIndex(of: ">") {
                    name = String(city[..<gt])
                    prep = String(city[city.index(after: gt)...])
                }
                let nomKey = RussianMorphology.key(name)
                let prepKey = RussianMorphology.key(prep ?? RussianMorphology.cityPrepositional(name))
                let genKey = RussianMorphology.key(RussianMorphology.cityGenitive(name, prepositional: prep))
                for (k, form) in [(nomKey, CityEntry.Form.nominative), (genKey, .genitive), (prepKey, .prepositional)] {
                    let tokens = k.split(separator: " ").map { Word(String($0)) }
                    guard let first = tokens.first else { continue }
                    cities[first, default: []].append(CityEntry(tokens: tokens, code: code, name: name, form: form))
                }
            }
        }
        // Longest forms first so that the matcher can stop at the first hit.
        for (k, v) in entries {
            entries[k] = v.sorted { $0.tokens.count > $1.tokens.count }
        }
        for (k, v) in cities {
            cities[k] = v.sorted { $0.tokens.count > $1.tokens.count }
        }
        index = entries
        infos.sort { $0.code < $1.code }
        byCode = [:]
        for (i, info) in infos.enumerated() { byCode[info.code] = i }
        surface = surfaceSets.mapValues { $0.sorted() }
    }

    /// The display name in a table spec: explicit case forms (`{…}`) and markers (`= * ~ ^`) removed.
    static func displayName<S: StringProtocol>(spec: S) -> String {
        var display = String(spec)
        if let open = display.firstIndex(of: "{") { display = String(display[..<open]) }
        return display.filter { $0 != "=" && $0 != "*" && $0 != "~" && $0 != "^" }
    }

    /// Genitive of a display name, capitalised like the display name.
    static func genitive(spec: String, display: String) -> String {
        var s = spec
        if s.hasPrefix("=") { return display }
        if let open = s.firstIndex(of: "{"), let close = s.firstIndex(of: "}") {
            let forms = s[s.index(after: open)..<close].split(separator: ",")
            return forms.first.map(String.init) ?? display
        }
        s = s.replacingOccurrences(of: "*", with: "")
        let cases = RussianMorphology.phraseCases(RussianMorphology.fold(s))
        guard cases.count == 6 else { return display }
        // Re-capitalise word by word (and hyphen part by part) as in the display name.
        let shapeWords = display.split(separator: " ")
        var words: [String] = []
        for (i, w) in cases[1].split(separator: " ").enumerated() {
            let shapeParts = i < shapeWords.count ? shapeWords[i].split(separator: "-") : []
            let parts = w.split(separator: "-").enumerated().map { j, p -> String in
                let upper = j < shapeParts.count ? (shapeParts[j].first?.isUppercase ?? false) : (i == 0)
                return upper ? p.prefix(1).uppercased() + p.dropFirst() : String(p)
            }
            words.append(parts.joined(separator: "-"))
        }
        return words.joined(separator: " ")
    }
}
