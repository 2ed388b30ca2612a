internal import Xapian

/// Exact facet counts over every match, from Xapian's built-in `ValueCountMatchSpy`: one spy
/// per value slot of each facet in `IndexSchema.facets`, the slots' counts added up. A
/// document holds each of its distinct values in one slot only, so the sum counts it once
/// per value; a combined value in a facet's last slot (a document past the cap) is split and
/// counted for each part. Built-in spies run on remote shards too, and Xapian merges the
/// shards' counts before they reach here.
struct FacetCounter {
    private let spies: [(facet: IndexSchema.Facet, spies: [ValueCountMatchSpy])]

    /// Adds the spies to `enquire`; they count during its next `mset` call, over every match
    /// only when that call checks every document (`checkAtLeast` = document count).
    init(enquire: Enquire, kinds: [FacetKind] = FacetKind.allCases) throws {
        var all: [(facet: IndexSchema.Facet, spies: [ValueCountMatchSpy])] = []
        for facet in IndexSchema.facets where kinds.contains(where: { $0.rawValue == facet.name }) {
            let spies = try facet.slots.map { try ValueCountMatchSpy(slot: $0) }
            for spy in spies { try enquire.add(spy) }
            all.append((facet, spies))
        }
        self.spies = all
    }

    /// Each facet's most frequent values (at most `limit`; nil: all) with their counts, most
    /// frequent first (ties in byte order). Merged, split and ordered in C++
    /// (`ValueCountMatchSpy.mergedCounts`): a facet such as `person` has thousands of values.
    func counts(limit: Int? = nil) throws -> [String: [(value: String, count: Int)]] {
        var result: [String: [(value: String, count: Int)]] = [:]
        for (facet, spies) in spies {
            result[facet.name] = try ValueCountMatchSpy.mergedCounts(
                spies, separator: IndexSchema.Facet.overflowSeparator.asciiValue, limit: limit).values
        }
        return result
    }
}
