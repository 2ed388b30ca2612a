import Foundation
internal import Xapian

/// `show`, `stats` and `timeline`: the library calls behind the CLI commands and the web
/// front end (one implementation for both).
extension Searcher {
    // MARK: - show

    /// The whole document named by `target` (its id, or the path of an indexed file) with
    /// its extracted metadata; with `query`, the words it matches wrapped in `**` as in
    /// snippets. Unknown id or path → `.usage` (exit 2) naming the closest ids.
    public func show(_ target: String, query: String? = nil) throws(BulletinError) -> DocumentView {
        let words = query?.trimmingWhitespace() ?? ""
        return try mapErrors(query: words) { () throws -> DocumentView in
            try withReopenOnModification { () throws -> DocumentView in
                guard let (documentID, _) = try resolve(target) else {
                    let close = try closestIDs(to: target)
                    throw BulletinError.usage("no document with id or path «\(target.oneLine)» in the index \(indexPath)"
                                              + (close.isEmpty ? "" : "; closest ids: \(close.joined(separator: ", "))"))
                }
                let document = try database.document(documentID)
                let stored = try StoredDocument.decode(document, documentID: documentID, in: database, indexPath: indexPath)
                var text = Self.paragraphs(stored.text).joined(separator: "\n")
                var highlights = 0
                if !words.isEmpty {
                    (text, highlights) = try highlighted(stored, documentID: documentID, query: words)
                }
                return DocumentView(
                    id: stored.id, path: stored.path, url: stored.url, date: stored.date, dateSource: stored.dateSource,
                    title: stored.title, source: stored.source, origin: stored.origin,
                    countries: stored.countries.map { NamedValue(value: $0, name: FacetValues.countryName($0)) },
                    venue: stored.venue.map { NamedValue(value: $0, name: FacetValues.countryName($0)) },
                    types: stored.types.map { NamedValue(value: $0, name: FacetValues.typeName($0)) },
                    pairs: DocumentBuilder.pairs(of: stored.countries).map(FacetKind.pair.displayValue),
                    persons: stored.persons, organisations: stored.organisations, weapons: stored.weapons,
                    duplicates: try duplicateIDs(of: document, documentID: documentID),
                    sequence: IndexSchema.decodeSequence(try document.value(slot: IndexSchema.sequenceSlot)),
                    query: words.isEmpty ? nil : words, text: text, highlights: highlights)
            }
        }
    }

    /// Non-empty lines of `text`, trimmed.
    static func paragraphs(_ text: String) -> [String] {
        text.split(whereSeparator: \.isNewline).map { $0.trimmingWhitespace() }.filter { !$0.isEmpty }
    }

    /// The document's paragraphs with the query's matches in `**`, through the same
    /// Xapian snippet machinery as search hits (so the same words light up), each paragraph
    /// whole.
    private func highlighted(_ stored: StoredDocument, documentID: UInt32, query: String) throws -> (String, Int) {
        var request = SearchRequest(query: query)
        request.synonyms = true
        let plan = try makePlan(request)
        let enquire = try Enquire(database: database)
        try enquire.setQuery(try Query.combine(.filter, [plan.query, try Query.term(DocumentBuilder.uniqueTerm(of: stored))]))
        let mset = try enquire.mset(first: 0, count: 1)
        var count = 0
        var out: [String] = []
        for paragraph in Self.paragraphs(stored.text) {
            // Xapian's snippet decides which words match (stems, synonyms, phrases) but
            // reflows the text (list dashes dropped, `…` at the ends): the marks go onto the
            // paragraph as written.
            let raw = try mset.snippet(of: paragraph, length: paragraph.utf8.count + 64, stemmer: pipeline.stemmer, flags: [.exhaustive],
                                       highlightStart: Self.highlightStart, highlightEnd: Self.highlightEnd)
            let (marked, marks) = try Snippet.mark(paragraph, words: Snippet.highlightedWords(raw, start: Self.highlightStart, end: Self.highlightEnd),
                                                   compoundStems: plan.compoundStems, stem: pipeline.stem)
            count += marks
            out.append(marked)
        }
        return (out.joined(separator: "\n"), count)
    }

    /// Ids of the other documents sharing this one's near-duplicate key.
    private func duplicateIDs(of document: Document, documentID: UInt32) throws -> [String] {
        let key = try document.value(slot: IndexSchema.duplicateKeySlot)
        guard !key.isEmpty else { return [] }
        let enquire = try Enquire(database: database)
        try enquire.setQuery(try Query.valueRange(slot: IndexSchema.duplicateKeySlot, key, key))
        return try enquire.mset(first: 0, count: 50).compactMap { item in
            guard item.documentID != documentID else { return nil }
            return try StoredDocument.decode(item.document, documentID: item.documentID, in: database, indexPath: indexPath).id
        }
    }

    /// Up to `limit` indexed ids closest to `target`: the ids sharing its longest prefix
    /// that any id has (a few hundred at most are compared), by edit distance.
    func closestIDs(to target: String, limit: Int = 3) throws -> [String] {
        let prefix = IndexSchema.uniqueIDPrefix
        let wanted = Array(target)
        // Longest prefix of the target some id starts with (binary search on its length).
        var low = 0, high = wanted.count
        while low < high {
            let mid = (low + high + 1) / 2
            if try !database.allTerms(prefix: prefix + String(wanted[..<mid]), limit: 1).isEmpty { low = mid } else { high = mid - 1 }
        }
        var candidates: [String] = []
        var length = low
        while true {
            candidates = try database.allTerms(prefix: prefix + String(wanted[..<length]), limit: 500).map { String($0.term.dropFirst(prefix.count)) }
            if candidates.count >= limit || length == 0 { break }
            length = max(0, length - 4)
        }
        let scored = candidates.map { ($0, EditDistance.between(Array($0), wanted)) }
        return scored.sorted { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0 < $1.0 }.prefix(limit).map { $0.0.hasPrefix(IndexSchema.feedIDMarker) ? String($0.0.dropFirst()) : $0.0 }
    }

    // MARK: - stats

    /// What the index holds: counts from the term frequencies of the facet terms (a
    /// document counts once per value, exactly as a search filtered on that value finds it,
    /// near-duplicates not collapsed), the top `facetLimit` values of each facet.
    public func stats(facetLimit: Int = 10) throws(BulletinError) -> IndexStats {
        try BulletinError.mapping(indexPath: indexPath) { () throws -> IndexStats in
            try withReopenOnModification { () throws -> IndexStats in
                let documents = try database.documentCount()
                let years = try database.allTerms(prefix: IndexSchema.yearPrefix).map { entry in
                    let year = String(entry.term.dropFirst(IndexSchema.yearPrefix.count))
                    return FacetCount(value: year, name: year, count: entry.frequency)
                }
                let days = try database.allTerms(prefix: IndexSchema.dayPrefix)
                func date(_ term: String?) -> String? {
                    guard let term, term.count == IndexSchema.dayPrefix.count + 8 else { return nil }
                    let d = Array(term.dropFirst(IndexSchema.dayPrefix.count))
                    return "\(String(d[0..<4]))-\(String(d[4..<6]))-\(String(d[6..<8]))"
                }
                var facets = FacetCounts()
                for facet in FacetKind.allCases {
                    let terms = try database.allTerms(prefix: facet.prefix)
                    let top = terms.sorted { $0.frequency != $1.frequency ? $0.frequency > $1.frequency : $0.term < $1.term }.prefix(facetLimit)
                    facets[facet] = top.map { entry in
                        let value = String(entry.term.dropFirst(facet.prefix.count))
                        return FacetCount(value: facet.displayValue(value), name: facet.name(value), count: entry.frequency)
                    }
                }
                let (size, modified) = Self.directorySize(indexPath)
                let version = try database.metadata(IndexSchema.versionKey)
                return IndexStats(
                    indexPath: indexPath, documents: documents, firstDate: date(days.first?.term), lastDate: date(days.last?.term),
                    years: years, undated: max(0, documents - years.reduce(0) { $0 + $1.count }), facets: facets,
                    sizeBytes: size, lastIndexed: modified.map(Self.isoDate),
                    schemaVersion: version.isEmpty ? IndexSchema.version : version,
                    lastSequence: Int(try database.metadata(IndexSchema.sequenceKey)) ?? 0)
            }
        }
    }

    /// Total bytes of the files in `path`, and the modification time of Xapian's version
    /// file (rewritten by every commit).
    static func directorySize(_ path: String) -> (Int64, Date?) {
        let manager = FileManager.default
        var total: Int64 = 0
        for name in (try? manager.contentsOfDirectory(atPath: path)) ?? [] {
            if let attributes = try? manager.attributesOfItem(atPath: path + "/" + name),
               attributes[.type] as? FileAttributeType == .typeRegular,
               let size = attributes[.size] as? NSNumber {
                total += size.int64Value
            }
        }
        let modified = (try? manager.attributesOfItem(atPath: path + "/iamglass"))?[.modificationDate] as? Date
        return (total, modified)
    }

    static func isoDate(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }

    // MARK: - timeline

    /// Matching documents counted per period, every period from the first to the last
    /// that has one (empty ones as zero); with a split, one series per top value.
    public func timeline(_ request: TimelineRequest) throws(BulletinError) -> Timeline {
        guard request.top >= 1, request.top <= 50 else { throw .usage("--top must be between 1 and 50") }
        return try mapErrors(query: request.query) { () throws -> Timeline in
            try withReopenOnModification { () throws -> Timeline in try runTimeline(request) }
        }
    }

    private func runTimeline(_ request: TimelineRequest) throws -> Timeline {
        let base: Query
        if request.query.trimmingWhitespace().isEmpty && request.filters.isEmpty {
            base = try Query.matchAll()
        } else {
            var search = SearchRequest(query: request.query)
            search.filters = request.filters
            search.allWords = request.allWords
            base = try makePlan(search).query
        }
        let all = try countValues(of: base, slot: IndexSchema.dateSlot, collapse: request.collapse)
        var series: [(value: String, name: String, days: [(String, Int)])] = []
        if let split = request.split {
            let kind = split.facet
            let counted = try countFacets(base, collapse: request.collapse, kinds: [kind], limit: request.top).counts
            let top = (counted[kind.rawValue] ?? []).map { kind.prefix + $0.value }
            for term in top {
                let value = String(term.dropFirst(kind.prefix.count))
                let filtered = try Query.combine(.filter, [base, try Query.term(term)])
                series.append((value, kind.name(value), try countValues(of: filtered, slot: IndexSchema.dateSlot, collapse: request.collapse).days))
            }
            if !top.isEmpty {
                let rest = try Query.combine(.andNot, [base, try Query.combine(.or, try top.map { try Query.term($0) })])
                let other = try countValues(of: rest, slot: IndexSchema.dateSlot, collapse: request.collapse)
                if other.matches > 0 { series.append(("other", "прочие", other.days)) }
            }
        } else {
            series.append(("all", "все", all.days))
        }
        let periods = Self.periods(covering: all.days.map(\.0), by: request.by)
        let position = Dictionary(uniqueKeysWithValues: periods.enumerated().map { ($1, $0) })
        let built = series.map { entry -> TimelineSeries in
            var counts = [Int](repeating: 0, count: periods.count)
            for (day, n) in entry.days {
                if let i = position[Self.period(of: day, by: request.by)] { counts[i] += n }
            }
            return TimelineSeries(value: entry.value, name: entry.name, counts: counts, total: counts.reduce(0, +))
        }
        var totals = [Int](repeating: 0, count: periods.count)
        for (day, n) in all.days {
            if let i = position[Self.period(of: day, by: request.by)] { totals[i] += n }
        }
        let dated = all.days.reduce(0) { $0 + $1.1 }
        return Timeline(query: request.query, by: request.by, split: request.split, periods: periods, totals: totals, series: built,
                        total: all.matches, undated: all.matches - dated)
    }

    /// The values of `slot` over every match of `query`, with their counts (one pass, in
    /// Xapian's matcher); documents with an empty value are in `matches` only.
    func countValues(of query: Query, slot: UInt32, collapse: Bool) throws -> (days: [(String, Int)], matches: Int) {
        let spy = try ValueCountMatchSpy(slot: slot)
        let matches = try count(query, collapse: collapse) { try $0.add(spy) }
        return (try spy.counts().filter { !$0.value.isEmpty }.map { ($0.value, $0.count) }, matches)
    }

    /// `YYYYMMDD` → `YYYY`, `YYYY-Qn` or `YYYY-MM`.
    static func period(of day: String, by: TimelinePeriod) -> String {
        let d = Array(day)
        guard d.count >= 6 else { return "" }
        let year = String(d[0..<4])
        let month = Int(String(d[4..<6])) ?? 1
        switch by {
        case .year: return year
        case .quarter: return "\(year)-Q\((month - 1) / 3 + 1)"
        case .month: return "\(year)-\(String(d[4..<6]))"
        }
    }

    /// Every period from the earliest to the latest of `days`, in order.
    static func periods(covering days: [String], by: TimelinePeriod) -> [String] {
        let valid = days.filter { $0.count == 8 && Int($0) != nil }
        guard let first = valid.min(), let last = valid.max() else { return [] }
        let step = by == .year ? 12 : by == .quarter ? 3 : 1
        func index(_ day: String) -> Int {
            let year = Int(day.prefix(4))!, month = Int(day.dropFirst(4).prefix(2))!
            return (year * 12 + month - 1) / step
        }
        return (index(first)...index(last)).map { i in
            let month0 = i * step
            let day = String(format: "%04d%02d01", month0 / 12, month0 % 12 + 1)
            return period(of: day, by: by)
        }
    }
}

extension TimelineSplit {
    var facet: FacetKind {
        switch self {
        case .country: return .country
        case .type: return .type
        case .source: return .source
        }
    }
}
