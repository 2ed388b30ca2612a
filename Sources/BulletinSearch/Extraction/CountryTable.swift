import Foundation

// Lookup tables built once from `CountryData.table`: every case form of every
// name, adjective and abbreviation, keyed by its first lowercased token.

/// A country as the table knows it.
public struct CountryInfo: Sendable {
    /// ISO 3166-1 alpha-2 code (XK for Kosovo).
    public let code: String
    /// Russian display name, nominative.
    public let name: String
}

/// One surface form in the lookup index.
struct CountryEntry: Sendable {
    enum Kind: UInt8, Sendable {
        case name, adjective, abbreviation, compound, headOnly, blocker
    }
    /// Lowercased tokens of the form ("южной", "кореи").
    let tokens: [Word]
    /// ISO2, or "" for a blocker.
    let code: String
    let kind: Kind
    /// The cases the form can be in (`.all` when indeclinable).
    let cases: GrammaticalCases
    /// For abbreviations: the form exactly as it must be written.
    let exact: String?

    var isNominative: Bool { cases.contains(.nominative) }
    var isPrepositional: Bool { cases.contains(.prepositional) }
}

/// A city of the gazetteer, in one case form.
struct CityEntry: Sendable {
    enum Form: UInt8, Sendable { case nominative, genitive, prepositional }
    let tokens: [Word]
    let code: String
    let name: String
    let form: Form
}

/// Country names, codes and forms.
public enum CountryTable {
    /// ISO2 for a code ("BY", "by"), a name in any case ("Белоруссии"), an official
    /// long form ("Республика Беларусь"), an adjective ("белорусский") or an abbreviation ("РБ").
    public static func resolve(_ name: String) -> String? {
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { return nil }
        if trimmed.count == 2, trimmed.unicodeScalars.allSatisfy({ $0.isASCII && $0.properties.isAlphabetic }) {
            let code = trimmed.uppercased()
            if names.byCode[code] != nil { return code }
        }
        let tt = TokenizedText(TextRepair.repair(trimmed))
        let words = tt.tokens.map(\.key)
        guard !words.isEmpty else { return nil }
        // Strip a leading head noun ("Республика", "Королевство").
        var candidates = [(words, false)]
        // "Республика Беларусь", "Боливарианская Республика Венесуэла": the name after the head noun.
        if let h = words.prefix(4).firstIndex(where: { tables.headNouns.contains($0) }), h + 1 < words.count {
            candidates.append((Array(words[(h + 1)...]), true))
        }
        for (ws, afterHead) in candidates {
            if let entries = tables.index[ws[0]] {
                for e in entries where e.tokens == ws && e.kind != .blocker && (afterHead || e.kind != .headOnly) {
                    return e.code
                }
            }
        }
        if words.count == 1, let entries = tables.index[words[0]] {
            // An abbreviation written in another case ("сша").
            if let e = entries.first(where: { $0.kind == .abbreviation }) { return e.code }
        }
        return nil
    }

    /// The country for a code, or nil.
    public static func info(_ code: String) -> CountryInfo? {
        names.byCode[code.uppercased()].map { names.infos[$0] }
    }

    /// Display names closest to `name` (edit distance on the lowercased nominative forms).
    public static func suggestions(for name: String, limit: Int) -> [String] {
        let q = RussianMorphology.fold(name.trimmingCharacters(in: .whitespacesAndNewlines))
        guard !q.isEmpty, limit > 0 else { return [] }
        let qa = Array(q)
        var best: [String: Int] = [:]
        for (form, code) in tables.nominatives {
            var d = EditDistance.between(qa, Array(form))
            if form.hasPrefix(q) || q.hasPrefix(form) { d = min(d, 1) }
            if let display = info(code)?.name, d < best[display] ?? Int.max { best[display] = d }
        }
        return best.sorted { $0.value != $1.value ? $0.value < $1.value : $0.key < $1.key }
            .prefix(limit).map(\.key)
    }

    /// Every known lowercase form of the country's names, adjectives and abbreviations
    /// (all cases, genders and numbers), `ё` folded to `е`.
    public static func surfaceForms(of code: String) -> [String] {
        tables.surface[code.uppercased()] ?? []
    }

    /// The display name in the genitive ("Индии", "Южной Кореи"), for labels like
    /// "Министерство обороны Индии".
    public static func genitive(of code: String) -> String? {
        tables.genitives[code.uppercased()]
    }

    /// Every country in the table, ordered by code.
    public static var all: [CountryInfo] { names.infos }

    // MARK: - Internal lookups

    static var index: [Word: [CountryEntry]] { tables.index }
    static var cities: [Word: [CityEntry]] { tables.cities }
    static var headNouns: Set<Word> { tables.headNouns }

    static let tables = Tables()
    /// Codes and display names only: what renderers need, cheap to build. The full `tables`
    /// (every case form of every name) costs tens of milliseconds and is built only when a
    /// name must be resolved or matched.
    static let names = CountryNames()
}

/// Codes and display names, read from the first two fields of `CountryData.table`: one pass
/// over its UTF-8 bytes (a facet's names are rendered by every search process; splitting the
/// table as Strings cost ~2 ms of each). `Tables.displayName` is the reference
/// (`CountryNamesTests`).
struct CountryNames: Sendable {
    var infos: [CountryInfo] = []
    var byCode: [String: Int] = [:]

    init() {
        var table = CountryData.table
        table.withUTF8 { bytes in
            var i = 0
            let n = bytes.count
            while i < n {
                // A line: CODE|Display name|...
                let lineStart = i
                while i < n && bytes[i] != 0x0A { i += 1 }
                let lineEnd = i
                i += 1
                var bar1 = lineStart
                while bar1 < lineEnd && bytes[bar1] != 0x7C { bar1 += 1 }
                var bar2 = bar1 + 1
                while bar2 < lineEnd && bytes[bar2] != 0x7C { bar2 += 1 }
                guard bar2 < lineEnd else { continue }
                var codeStart = lineStart, codeEnd = bar1
                while codeStart < codeEnd && (bytes[codeStart] == 0x20 || bytes[codeStart] == 0x09) { codeStart += 1 }
                while codeEnd > codeStart && (bytes[codeEnd - 1] == 0x20 || bytes[codeEnd - 1] == 0x09) { codeEnd -= 1 }
                let code = String(decoding: UnsafeBufferPointer(rebasing: bytes[codeStart..<codeEnd]), as: UTF8.self)
                guard code != "-", !code.isEmpty else { continue }
                // The display name: the spec up to `{`, without the markers = * ~ ^ (all ASCII).
                var name: [UInt8] = []
                name.reserveCapacity(bar2 - bar1)
                for j in (bar1 + 1)..<bar2 {
                    let b = bytes[j]
                    if b == 0x7B { break }
                    if b == 0x3D || b == 0x2A || b == 0x7E || b == 0x5E { continue }
                    name.append(b)
                }
                infos.append(CountryInfo(code: code, name: String(decoding: name, as: UTF8.self)))
            }
        }
        infos.sort { $0.code < $1.code }
        byCode.reserveCapacity(infos.count)
        for (i, info) in infos.enumerated() { byCode[info.code] = i }
    }
}
