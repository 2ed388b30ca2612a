internal import Xapian

extension Searcher {
    /// AND across facets, OR within one; nil when there is no filter.
    func filterQuery(_ filters: SearchFilters) throws -> Query? {
        var parts: [Query] = []
        for terms in try facetTerms(filters) where !terms.isEmpty {
            parts.append(terms.count == 1 ? try Query.term(terms[0]) : try Query.combine(.or, try terms.map { try Query.term($0) }))
        }
        if filters.from != nil || filters.to != nil {
            let lower = try filters.from.map { value throws(BulletinError) in
                guard let bound = DateBound.lower(value) else { throw .usage("bad start date '\(value)': use YYYY, YYYY-MM or YYYY-MM-DD, a day that exists") }
                return bound
            } ?? "00000000"
            let upper = try filters.to.map { value throws(BulletinError) in
                guard let bound = DateBound.upper(value) else { throw .usage("bad end date '\(value)': use YYYY, YYYY-MM or YYYY-MM-DD, a day that exists") }
                return bound
            } ?? "99999999"
            if lower > upper { throw BulletinError.usage("the date range is empty: \(filters.from ?? "…") is after \(filters.to ?? "…")") }
            parts.append(try dateQuery(lower, upper))
        }
        if parts.isEmpty { return nil }
        return parts.count == 1 ? parts[0] : try Query.combine(.and, parts)
    }

    /// Dated documents from `lower` to `upper` (`YYYYMMDD`, inclusive) as an OR of the
    /// boolean date terms that cover the days exactly (`dateTerms`): Xapian reads only the
    /// postings of those terms. A value range on slot 0 gives the same documents but reads the
    /// date of every document in the index (`--year 2018` at 100 000 bulletins: 26 ms as a
    /// process against 12 for a word).
    func dateQuery(_ lower: String, _ upper: String) throws -> Query {
        let years = try database.allTerms(prefix: IndexSchema.yearPrefix).compactMap { Int($0.term.dropFirst(IndexSchema.yearPrefix.count)) }
        let terms = Self.dateTerms(lower: lower, upper: upper, years: years)
        if terms.isEmpty { return try Query.empty() }
        return terms.count == 1 ? try Query.term(terms[0]) : try Query.combine(.or, try terms.map { try Query.term($0) })
    }

    /// The fewest `Y`/`M`/`D` terms covering every day from `lower` to `upper` (`YYYYMMDD`,
    /// inclusive, `00000000`/`99999999` for open ends), clipped to `years` (those the index
    /// has): whole years as `Y2019`, whole months as `M201903`, other days as `D20190315`.
    /// A document has these terms exactly when its date (slot 0) is that day, month or year.
    static func dateTerms(lower: String, upper: String, years: [Int]) -> [String] {
        guard let first = years.min(), let last = years.max() else { return [] }
        func parts(_ s: String) -> (Int, Int, Int)? {
            guard s.utf8.count == 8, let n = Int(s) else { return nil }
            return (n / 10000, n / 100 % 100, n % 100)
        }
        guard var (y, m, d) = parts(lower), var (uy, um, ud) = parts(upper) else { return [] }
        if (y, m, d) < (first, 1, 1) { (y, m, d) = (first, 1, 1) }
        if (uy, um, ud) > (last, 12, 31) { (uy, um, ud) = (last, 12, 31) }
        func pad(_ n: Int, _ width: Int) -> String {
            let s = String(n)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        var terms: [String] = []
        while (y, m, d) <= (uy, um, ud) {
            if m == 1 && d == 1 && (y < uy || (um == 12 && ud == 31)) {
                terms.append(IndexSchema.yearPrefix + pad(y, 4))
                (y, m, d) = (y + 1, 1, 1)
            } else if d == 1 && ((y, m) < (uy, um) || ((y, m) == (uy, um) && ud >= SimpleDate.daysIn(month: m, year: y))) {
                terms.append(IndexSchema.monthPrefix + pad(y, 4) + pad(m, 2))
                (y, m, d) = m == 12 ? (y + 1, 1, 1) : (y, m + 1, 1)
            } else {
                terms.append(IndexSchema.dayPrefix + pad(y, 4) + pad(m, 2) + pad(d, 2))
                if d < SimpleDate.daysIn(month: m, year: y) { d += 1 } else { (y, m, d) = m == 12 ? (y + 1, 1, 1) : (y, m + 1, 1) }
            }
        }
        return terms
    }

    /// Documents having any of the excluded values (`-country:cn`, `NOT type:exercise`).
    func exclusionQuery(_ filters: SearchFilters) throws -> Query? {
        var parts = try facetTerms(filters).flatMap { try $0.map { try Query.term($0) } }
        if filters.from != nil || filters.to != nil {
            let lower = filters.from.flatMap(DateBound.lower) ?? "00000000"
            let upper = filters.to.flatMap(DateBound.upper) ?? "99999999"
            parts.append(try dateQuery(lower, upper))
        }
        if parts.isEmpty { return nil }
        return parts.count == 1 ? parts[0] : try Query.combine(.or, parts)
    }

    /// The index terms of each facet's values, resolving names; unknown values are usage errors.
    private func facetTerms(_ filters: SearchFilters) throws -> [[String]] {
        var countries: [String] = []
        for value in filters.countries.flatMap(Self.splitList) {
            guard let code = facetValues.countryCode(value) else {
                let close = FacetValues.countrySuggestions(value)
                throw BulletinError.usage("unknown country '\(value)'" + (close.isEmpty ? "; use an ISO code such as BY or a Russian name" : "; did you mean \(close.joined(separator: ", "))?"))
            }
            countries.append(IndexSchema.countryPrefix + code)
        }
        var types: [String] = []
        for value in filters.types.flatMap(Self.splitList) {
            guard let type = FacetValues.type(value) else {
                throw BulletinError.usage("unknown document type '\(value)'; use one of \(FacetValues.typeNames.joined(separator: ", "))")
            }
            types.append(IndexSchema.typePrefix + type)
        }
        let sources = try indexedValues(filters.sources, prefix: IndexSchema.sourcePrefix, label: "source", wordMatch: false)
        let persons = try indexedValues(filters.persons, prefix: IndexSchema.personPrefix, label: "person", wordMatch: true)
        let weapons = try indexedValues(filters.weapons.flatMap(Self.splitList).map(WeaponNormalizer.canonical),
                                        prefix: IndexSchema.weaponPrefix, label: "weapon", wordMatch: false)
        return [countries, types, sources, persons, weapons]
    }

    private func indexedValues(_ values: [String], prefix: String, label: String, wordMatch: Bool) throws -> [String] {
        var terms: [String] = []
        for value in values.flatMap(Self.splitList) {
            let found = try facetValues.indexedTerms(prefix: prefix, matching: value, wordMatch: wordMatch)
            if found.isEmpty {
                let close = try facetValues.suggestions(prefix: prefix, for: value)
                throw BulletinError.usage("no \(label) '\(value)' in the index" + (close.isEmpty ? "" : "; did you mean \(close.joined(separator: ", "))?"))
            }
            terms += found
        }
        return terms
    }

    /// `BY,CN` → [`BY`, `CN`].
    static func splitList(_ value: String) -> [String] {
        value.split(separator: ",").map { $0.trimmingWhitespace() }.filter { !$0.isEmpty }
    }

    /// Counts from `FacetCounter`, named for display.
    func facetCounts(_ counted: [String: [(value: String, count: Int)]]) -> FacetCounts {
        var counts = FacetCounts()
        for (name, values) in counted {
            guard let kind = FacetKind(rawValue: name) else { continue }
            counts[kind] = values.map { FacetCount(value: kind.displayValue($0.value), name: kind.name($0.value), count: $0.count) }
        }
        return counts
    }
}

extension Searcher {
    /// The value ranges of an `AddedWindow`; nil when it is open.
    func addedQuery(_ window: AddedWindow) throws -> Query? {
        var parts: [Query] = []
        if window.afterSequence != nil || window.throughSequence != nil {
            let lower = IndexSchema.encodeSequence((window.afterSequence ?? 0) + 1)
            let upper = IndexSchema.encodeSequence(window.throughSequence ?? 999_999_999_999)
            parts.append(try Query.valueRange(slot: IndexSchema.sequenceSlot, lower, upper))
        }
        if let since = window.since {
            guard let day = DateBound.lower(since) else { throw BulletinError.usage("bad indexing date '\(since)': use YYYY, YYYY-MM or YYYY-MM-DD") }
            parts.append(try Query.valueRange(slot: IndexSchema.indexedAtSlot, day + "000000", "99999999999999"))
        }
        if parts.isEmpty { return nil }
        return parts.count == 1 ? parts[0] : try Query.combine(.and, parts)
    }
}
