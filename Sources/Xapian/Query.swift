internal import CXapian

/// A Xapian query tree. Immutable; combine with the static builders.
public final class Query: CustomStringConvertible {
    let handle: OpaquePointer

    init(handle: OpaquePointer) { self.handle = handle }

    deinit { CXapian_query_free(handle) }

    /// Operators for `Query.combine`.
    public enum Operator: Int32, Sendable {
        case and = 0, or = 1, andNot = 2, xor = 3, andMaybe = 4, filter = 5, near = 6, phrase = 7
        case eliteSet = 10, synonym = 13, max = 14
    }

    /// Matches nothing.
    public static func empty() throws(XapianError) -> Query {
        Query(handle: try callHandle { CXapian_query_new_empty($0) })
    }

    /// Matches every document.
    public static func matchAll() throws(XapianError) -> Query {
        Query(handle: try callHandle { CXapian_query_new_match_all($0) })
    }

    public static func term(_ term: String, wqf: Int = 1) throws(XapianError) -> Query {
        try withBytes(term) { p, n throws(XapianError) in
            Query(handle: try callHandle { CXapian_query_new_term(p, n, UInt32(clamping: wqf), $0) })
        }
    }

    /// Combines `queries` with `op`; `window` for NEAR/PHRASE (0: number of subqueries).
    public static func combine(_ op: Operator, _ queries: [Query], window: Int = 0) throws(XapianError) -> Query {
        let handles: [OpaquePointer?] = queries.map { $0.handle }
        let result = try handles.withUnsafeBufferPointer { buffer throws(XapianError) in
            try callHandle { CXapian_query_new_combine(op.rawValue, buffer.baseAddress, buffer.count, UInt32(clamping: window), $0) }
        }
        return withExtendedLifetime(queries) { Query(handle: result) }
    }

    /// Documents whose value in `slot` is within `lower...upper` (byte order).
    public static func valueRange(slot: UInt32, _ lower: String, _ upper: String) throws(XapianError) -> Query {
        try withBytes(lower) { l, ln throws(XapianError) in
            try withBytes(upper) { u, un throws(XapianError) in
                Query(handle: try callHandle { CXapian_query_new_value_range(slot, l, ln, u, un, $0) })
            }
        }
    }

    /// `query` with its weight multiplied by `factor` (0 makes it a pure filter).
    public static func scaled(_ query: Query, by factor: Double) throws(XapianError) -> Query {
        Query(handle: try callHandle { CXapian_query_new_scaled(query.handle, factor, $0) })
    }

    /// Terms starting with `prefix`; more than `maxExpansion` raises `.wildcard` when run.
    public static func wildcard(_ prefix: String, maxExpansion: Int = 0) throws(XapianError) -> Query {
        try withBytes(prefix) { p, n throws(XapianError) in
            Query(handle: try callHandle { CXapian_query_new_wildcard(p, n, UInt32(clamping: maxExpansion), $0) })
        }
    }

    /// Every document with the constant weight `weight`: `combine(.filter, [fixedWeight(k), q])`
    /// adds `k` to each document matching `q`.
    public static func fixedWeight(_ weight: Double) throws(XapianError) -> Query {
        Query(handle: try callHandle { CXapian_query_new_fixed_weight(weight, $0) })
    }

    public var isEmpty: Bool { CXapian_query_is_empty(handle) }

    /// Xapian's description, e.g. `Query((Zсотрудничеств@1 AND XCBY))`.
    public var description: String { takeString(CXapian_query_description(handle)) }

    /// Bytes from which `unserialised` rebuilds an equal query: the way to hand a query to
    /// another thread (Xapian's reference counts are not atomic, so a Query object must not be
    /// used by two threads).
    public func serialised() throws(XapianError) -> [UInt8] {
        takeBytes(try call { CXapian_query_serialise(handle, $0) })
    }

    /// The query `serialised` described. Throws `.serialisation` (or `.invalidArgument`) for
    /// bytes that are not one.
    public static func unserialised(_ bytes: [UInt8]) throws(XapianError) -> Query {
        Query(handle: try withBytes(bytes) { p, n throws(XapianError) in try callHandle { CXapian_query_unserialise(p, n, $0) } })
    }

    /// The distinct terms in query order.
    public func terms() throws(XapianError) -> [String] {
        takeTermList(try call { CXapian_query_terms(handle, $0) }).map(\.term)
    }
}
