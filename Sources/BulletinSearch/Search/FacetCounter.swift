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
    /// With `column` (a `FacetColumn` of the enquire's database at its revision, see
    /// `FacetColumns`), the parts are counted from it instead of from each match's values: the
    /// same counts.
    static func count(_ enquire: Enquire, kinds: [FacetKind], limit: Int?, documents: Int, column: FacetColumn? = nil) throws
        -> (matches: Int, counts: [String: [(value: String, count: Int)]]) {
        let (facets, slots) = schema(of: kinds)
        let counted: (parts: [(value: String, count: Int)], matches: Int)
        if let column, slots.allSatisfy(column.slots.contains) {
            counted = try enquire.countValueParts(column: column, slots: slots, checkAtLeast: documents, limitPerGroup: limit)
        } else {
            let read = try enquire.countValueParts(slots: slots, separator: IndexSchema.facetSeparator,
                                                   checkAtLeast: documents, limitPerGroup: limit)
            counted = (read.parts, read.matches)
        }
        var counts: [String: [(value: String, count: Int)]] = [:]
        for facet in facets { counts[facet.name] = [] }
        let byTag = Dictionary(uniqueKeysWithValues: facets.map { ($0.tag, $0.name) })
        for part in counted.parts {
            guard let tag = part.value.utf8.first, let name = byTag[tag] else { continue }
            counts[name, default: []].append((String(part.value.dropFirst()), part.count))
        }
        return (counted.matches, counts)
    }

    /// The schema's facets of `kinds` and the value slots that hold them (each once).
    static func schema(of kinds: [FacetKind]) -> (facets: [IndexSchema.Facet], slots: [UInt32]) {
        let facets = IndexSchema.facets.filter { facet in kinds.contains { $0.rawValue == facet.name } }
        var slots: [UInt32] = []
        for facet in facets where !slots.contains(facet.slot) { slots.append(facet.slot) }
        return (facets, slots)
    }
}

extension FacetCounter {
    /// Facets whose values are exactly the document's terms of the facet's prefix (the same
    /// lists build both: `DocumentPreparer`): their counts over the whole index are those
    /// terms' document frequencies.
    static let termBacked: Set<FacetKind> = [.country, .type, .year, .source]

    /// The counts of `kinds` (all in `termBacked`) over the matches of `query`, from the other
    /// side: each value's document frequency minus its count over the documents the query does
    /// not match. For a query that matches most of the index this reads the values of far
    /// fewer documents (`контракт` matches 90 % of the generated bulletins). The same counts
    /// and order as `count`; nil when a facet term may be a hashed long one or hold a line
    /// break (then its part differs from the term), so the caller counts the usual way.
    static func countByComplement(_ complement: Enquire, in database: Database, kinds: [FacetKind], limit: Int?, documents: Int) throws
        -> (matches: Int, counts: [String: [(value: String, count: Int)]])? {
        let (facets, slots) = schema(of: kinds)
        var totals: [String: [(value: String, count: Int)]] = [:]
        for facet in facets {
            var values: [(value: String, count: Int)] = []
            for (term, frequency) in try database.allTerms(prefix: facet.prefix) {
                let value = String(term.dropFirst(facet.prefix.count))
                if value.isEmpty { continue }   // never a part (`IndexSchema.Facet.parts`)
                // A hashed long value (`#` + hash) or one with a line break is stored as a
                // part differently from its term, or not at all.
                if value.hasPrefix("#") || value.contains("\n") { return nil }
                values.append((value, frequency))
            }
            totals[facet.name] = values
        }
        let outside = try complement.countValueParts(slots: slots, separator: IndexSchema.facetSeparator, checkAtLeast: documents, limitPerGroup: nil)
        var seen: [String: Int] = [:]
        for part in outside.parts { seen[part.value] = part.count }
        var counts: [String: [(value: String, count: Int)]] = [:]
        for facet in facets {
            let tag = String(UnicodeScalar(facet.tag))
            var values = totals[facet.name, default: []].compactMap { value -> (value: String, count: Int)? in
                let count = value.count - (seen[tag + value.value] ?? 0)
                return count > 0 ? (value.value, count) : nil
            }
            // As the shim orders them: most frequent first, ties in byte order.
            values.sort { $0.count != $1.count ? $0.count > $1.count : Array($0.value.utf8).lexicographicallyPrecedes(Array($1.value.utf8)) }
            if let limit { values = Array(values.prefix(max(limit, 0))) }
            counts[facet.name] = values
        }
        return (documents - outside.matches, counts)
    }
}

/// Facet columns (`FacetColumn`) of one index for long-lived Searchers (`bulletin serve`):
/// the column of the index's latest revision, shared by every Searcher that has that revision
/// open. With it a facet count adds up numbers per match instead of reading and splitting the
/// match's facet slots (at 20 000 generated bulletins, a query matching 18 000 of them: about
/// 16 ms of value reading and counting against about 2 ms). A Searcher whose handle is at
/// another revision than the column counts the usual way, and asks for the column of its
/// revision, which is read on a thread of its own (one at a time) while searches go on.
/// Only an index of one database has columns; a stub of shards always counts the usual way.
/// Memory: 4 bytes per facet value of each document and per document and slot, and the
/// distinct values (about 3 MB at 20 000 generated bulletins).
public final class FacetColumns: @unchecked Sendable {
    // @unchecked: every field is read and written under `lock`; FacetColumn is immutable.
    let indexPath: String
    private let lock = NSLock()
    private var latest: FacetColumn?
    private var building = false
    private var unavailable = false
    private var builds = 0, answers = 0
    /// Columns read so far, and counts a column answered (tests: that one was used, and that
    /// a stale one was not).
    var statistics: (builds: Int, answers: Int) {
        lock.lock()
        defer { lock.unlock() }
        return (builds, answers)
    }

    public init(indexPath: String) {
        self.indexPath = indexPath
    }

    /// The column for `database` when there is one of its revision; otherwise nil, and the
    /// column of the index's latest revision is read on another thread unless that is
    /// already happening (or the index cannot have one).
    func column(for database: Database) -> FacetColumn? {
        lock.lock()
        let current = latest
        lock.unlock()
        if let current, current.matches(database) {
            lock.lock()
            answers += 1
            lock.unlock()
            return current
        }
        startBuilding()
        return nil
    }

    /// Reads the column of the index's latest revision now, on this thread. False when the
    /// index cannot have one (a stub of shards).
    @discardableResult
    public func build() -> Bool {
        lock.lock()
        if unavailable { lock.unlock(); return false }
        lock.unlock()
        let built: FacetColumn?
        var impossible = false
        do {
            let database = try Database(path: indexPath)
            built = try FacetColumn(database: database, slots: IndexSchema.facetSlots, separator: IndexSchema.facetSeparator)
        } catch {
            // One revision to open, or none (a multi-database): the latter never changes.
            impossible = [.invalidOperation, .unimplemented].contains(error.kind)
            built = nil
        }
        lock.lock()
        defer { lock.unlock() }
        if let built { latest = built; builds += 1 }
        if impossible { unavailable = true }
        return built != nil
    }

    private func startBuilding() {
        lock.lock()
        guard !building, !unavailable else { lock.unlock(); return }
        building = true
        lock.unlock()
        DispatchQueue.global(qos: .utility).async { [self] in
            build()
            lock.lock()
            building = false
            lock.unlock()
        }
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
