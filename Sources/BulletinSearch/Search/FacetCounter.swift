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

    /// Each facet's values with their counts, most frequent first (ties in byte order).
    func counts() throws -> [String: [(value: String, count: Int)]] {
        var result: [String: [(value: String, count: Int)]] = [:]
        for (facet, spies) in spies {
            var counts: [String: Int] = [:]
            for (index, spy) in spies.enumerated() {
                let last = index == spies.count - 1
                for (value, count) in try spy.counts() {
                    if last, value.contains(IndexSchema.Facet.overflowSeparator) {
                        for part in value.split(separator: IndexSchema.Facet.overflowSeparator) { counts[String(part), default: 0] += count }
                    } else {
                        counts[value, default: 0] += count
                    }
                }
            }
            result[facet.name] = counts.map { (value: $0.key, count: $0.value) }
                .sorted { $0.count != $1.count ? $0.count > $1.count : Array($0.value.utf8).lexicographicallyPrecedes(Array($1.value.utf8)) }
        }
        return result
    }
}
