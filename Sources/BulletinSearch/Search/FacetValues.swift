import Foundation
internal import Xapian

/// Resolves facet values typed by an analyst (`Беларусь`, `РБ`, `контракт`, `тасс`) to the
/// index's facet terms, and names facet terms for display.
struct FacetValues {
    let database: Database
    private var indexedCache: [String: [String]] = [:]

    init(database: Database) { self.database = database }

    // MARK: Countries and types (tables)

    /// ISO2 for a code or a Russian name in any form (`BY`, `Беларусь`, `Белоруссии`, `РБ`,
    /// `белорусский`).
    static func country(_ value: String) -> String? { CountryTable.resolve(value) }

    /// ISO2 for `value` as `country(_:)` resolves it, asking the index's synonym table first: every
    /// single-word country form already maps to its `XC` term there, so a filter such as
    /// `--country Индии` costs one lookup instead of building every case form of every country
    /// (~70 ms, paid by each search process). Multi-word names, names the index does not hold
    /// and anything ambiguous fall back to the full table.
    func countryCode(_ value: String) -> String? {
        let trimmed = value.trimmingWhitespace()
        return indexedCountryCode(trimmed) ?? Self.country(trimmed)
    }

    /// The country a single word names, through the index's synonym table alone (every
    /// country form is a synonym of its `XC` term): no table is built, so a search can ask
    /// for every query word. Nil for other words, phrases and indexes without synonyms.
    func indexedCountryCode(_ word: String) -> String? {
        guard word.count > 2, !word.contains(" ") else { return nil }
        let key = RussianMorphology.fold(TextNormalizer.normalize(word))
        let codes = Set(((try? database.synonyms(of: Compounds.joined(key) ?? key)) ?? [])
            .filter { $0.hasPrefix(IndexSchema.countryPrefix) })
        guard codes.count == 1, let term = codes.first else { return nil }
        return String(term.dropFirst(IndexSchema.countryPrefix.count))
    }

    static func countrySuggestions(_ value: String) -> [String] { CountryTable.suggestions(for: value, limit: 3) }

    static func countryName(_ code: String) -> String { CountryTable.info(code)?.name ?? code }

    /// `BY-CN` → `Беларусь – Китай`.
    static func pairName(_ pair: String) -> String {
        pair.split(whereSeparator: { $0 == "-" || $0 == "–" }).map { countryName(String($0)) }.joined(separator: " – ")
    }

    static let typeNames: [String] = DocumentType.allCases.map(\.rawValue)

    /// A type for its English name or a Russian word in any form (`contract`, `контракт`, `учения`).
    static func type(_ value: String) -> String? { DocumentType.resolve(value)?.rawValue }

    static func typeName(_ type: String) -> String { DocumentType(rawValue: type)?.russianName ?? type }

    // MARK: Sources, persons, weapons (what the index holds)

    /// Facet terms under `prefix` whose value matches `value` ignoring case, `ё`, spaces and
    /// hyphens; for persons any single word of the name (a surname) matches too.
    mutating func indexedTerms(prefix: String, matching value: String, wordMatch: Bool) throws(XapianError) -> [String] {
        let candidates = try indexed(prefix: prefix)
        let wanted = Self.fold(value)
        return candidates.filter { term in
            let v = term.dropFirst(prefix.count)
            if Self.fold(String(v)) == wanted { return true }
            return wordMatch && v.split(whereSeparator: { $0 == " " || $0 == "-" }).contains { Self.fold(String($0)) == wanted }
        }
    }

    /// The indexed values under `prefix` closest to `value`, for "did you mean" messages.
    mutating func suggestions(prefix: String, for value: String, limit: Int = 3) throws(XapianError) -> [String] {
        let wanted = Self.fold(value)
        let values: [String] = try indexed(prefix: prefix).map { String($0.dropFirst(prefix.count)) }
        let scored: [(value: String, distance: Int)] = values.map { ($0, EditDistance.between(Array(Self.fold($0)), Array(wanted))) }
        let sorted = scored.sorted { $0.distance != $1.distance ? $0.distance < $1.distance : $0.value < $1.value }
        return sorted.prefix(limit).map(\.value)
    }

    private mutating func indexed(prefix: String) throws(XapianError) -> [String] {
        if let cached = indexedCache[prefix] { return cached }
        let terms = try database.allTerms(prefix: prefix).map(\.term)
        indexedCache[prefix] = terms
        return terms
    }

    static func fold(_ s: String) -> String {
        TextNormalizer.normalize(s).lowercased().filter { !$0.isWhitespace && $0 != "-" }
    }
}
