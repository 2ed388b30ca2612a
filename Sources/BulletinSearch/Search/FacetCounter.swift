import Foundation
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

/// The result of `work`, computed on a thread of Dispatch's global pool. `result` waits for it;
/// `finish` only waits (for a caller that leaves without the result but must not leave the
/// work running on what it still owns).
final class BackgroundResult<R>: @unchecked Sendable {
    // @unchecked: `outcome` is written once by the worker before `done` is signalled and read
    // only after waiting on `done`.
    private let done = DispatchSemaphore(value: 0)
    private var outcome: Result<R, any Error>?
    private var waited = false

    init(_ work: @escaping () throws -> R) {
        let box = UncheckedBox(work)
        DispatchQueue.global(qos: .userInitiated).async { [self] in
            outcome = Result { try box.value() }
            done.signal()
        }
    }

    func result() throws -> R {
        finish()
        return try outcome!.get()
    }

    func finish() {
        guard !waited else { return }
        done.wait()
        waited = true
    }
}
