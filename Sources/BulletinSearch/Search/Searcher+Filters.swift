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
        guard var from = parts(lower), var to = parts(upper) else { return [] }
        if from < (first, 1, 1) { from = (first, 1, 1) }
        if to > (last, 12, 31) { to = (last, 12, 31) }
        guard var day = SimpleDate(year: from.0, month: from.1, day: from.2),
              let end = SimpleDate(year: to.0, month: to.1, day: to.2) else { return [] }
        var terms: [String] = []
        while day <= end {
            let compact = day.compact
            let yearEnd = SimpleDate(year: day.year, month: 12, day: 31)!
            let monthEnd = SimpleDate(year: day.year, month: day.month, day: SimpleDate.daysIn(month: day.month, year: day.year))!
            if day.month == 1 && day.day == 1 && yearEnd <= end {
                terms.append(IndexSchema.yearPrefix + compact.prefix(4))
                day = yearEnd.adding(days: 1)
            } else if day.day == 1 && monthEnd <= end {
                terms.append(IndexSchema.monthPrefix + compact.prefix(6))
                day = monthEnd.adding(days: 1)
            } else {
                terms.append(IndexSchema.dayPrefix + compact)
                day = day.adding(days: 1)
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
