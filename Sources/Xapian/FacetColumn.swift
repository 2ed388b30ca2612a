internal import CXapian

/// The parts of some multi-valued value slots (values joined by a separator byte) of every
/// document of a database, read once through Xapian's value streams and kept in memory as
/// numbers. Counting a query's matches with it (`Enquire.countValueParts(column:…)`) adds up
/// array entries instead of reading and splitting each match's values: the same counts, for as
/// long as the database stays at the revision the column was built from (`matches`).
///
/// Immutable once built: any number of threads may count with one column at once, each with
/// its own Database and Enquire. Only a database of one local sub-database has a column (a
/// stub of shards or a remote shard throws `.invalidOperation` or `.unimplemented`).
public final class FacetColumn: @unchecked Sendable {
    // @unchecked: the C++ object is never changed after the build; only read.
    let handle: OpaquePointer
    /// The slots it holds.
    public let slots: [UInt32]

    /// Reads `slots` of every document of `database` (at its current revision).
    public init(database: Database, slots: [UInt32], separator: UInt8) throws(XapianError) {
        handle = try slots.withUnsafeBufferPointer { buffer throws(XapianError) in
            try callHandle { CXapian_facet_column_build(database.handle, buffer.baseAddress, buffer.count, CChar(bitPattern: separator), $0) }
        }
        self.slots = slots
    }

    deinit { CXapian_facet_column_free(handle) }

    /// Memory held, in bytes (the id arrays and the distinct parts).
    public var bytes: Int { Int(CXapian_facet_column_bytes(handle)) }

    /// Whether `database` is open at the revision of the database the column was read from.
    public func matches(_ database: Database) -> Bool {
        (try? call { CXapian_facet_column_matches(handle, database.handle, $0) }) ?? false
    }
}

extension Enquire {
    /// `countValueParts(slots:…)` counted with `column`, which must hold `slots` and match the
    /// enquire's database (`FacetColumn.matches`): the same parts and counts.
    public func countValueParts(column: FacetColumn, slots: [UInt32], checkAtLeast: Int, limitPerGroup: Int? = nil) throws(XapianError)
        -> (parts: [(value: String, count: Int)], matches: Int) {
        var matches: UInt32 = 0
        let list = try slots.withUnsafeBufferPointer { buffer throws(XapianError) in
            try call {
                CXapian_enquire_count_column(handle, column.handle, buffer.baseAddress, buffer.count,
                                             UInt32(clamping: checkAtLeast), UInt32(clamping: max(limitPerGroup ?? 0, 0)), &matches, $0)
            }
        }
        let parts = takeTermList(list).map { (value: $0.term, count: $0.frequency) }
        return (limitPerGroup == 0 ? [] : parts, Int(matches))
    }
}
