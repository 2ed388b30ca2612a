internal import Xapian

/// Exact facet counts over every match. A document's facet values are tagged parts packed in
/// value slots (`IndexSchema.facets`); one pass reads each needed slot once per match and
/// counts the parts (`Enquire.countValueParts`: a spy of the shim's on local shards, Xapian's
/// built-in `ValueCountMatchSpy` when a shard is remote; the same counts either way).
enum FacetCounter {
    /// Runs `enquire` (a counting pass: see `Searcher.countingEnquire`) over every document
    /// and returns its exact match count and, for each facet of `kinds`, its most frequent
    /// values (at most `limit`; nil: all) with their counts, most frequent first (ties in byte
    /// order).
    static func count(_ enquire: Enquire, kinds: [FacetKind], limit: Int?, documents: Int) throws
        -> (matches: Int, counts: [String: [(value: String, count: Int)]]) {
        let facets = IndexSchema.facets.filter { facet in kinds.contains { $0.rawValue == facet.name } }
        var slots: [UInt32] = []
        for facet in facets where !slots.contains(facet.slot) { slots.append(facet.slot) }
        let counted = try enquire.countValueParts(slots: slots, separator: IndexSchema.facetSeparator,
                                                  checkAtLeast: documents, limitPerGroup: limit)
        var counts: [String: [(value: String, count: Int)]] = [:]
        for facet in facets { counts[facet.name] = [] }
        let byTag = Dictionary(uniqueKeysWithValues: facets.map { ($0.tag, $0.name) })
        for part in counted.parts {
            guard let tag = part.value.utf8.first, let name = byTag[tag] else { continue }
            counts[name, default: []].append((String(part.value.dropFirst()), part.count))
        }
        return (counted.matches, counts)
    }
}
