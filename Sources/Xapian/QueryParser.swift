internal import CXapian

/// Parses a user's query string into a `Query` (Xapian::QueryParser).
public final class QueryParser {
    let handle: OpaquePointer
    private var database: Database?

    /// Xapian::QueryParser flags.
    public struct Flags: OptionSet, Sendable {
        public let rawValue: UInt32
        public init(rawValue: UInt32) { self.rawValue = rawValue }
        public static let boolean = Flags(rawValue: 1)
        public static let phrase = Flags(rawValue: 2)
        public static let loveHate = Flags(rawValue: 4)
        public static let booleanAnyCase = Flags(rawValue: 8)
        public static let wildcard = Flags(rawValue: 16)
        public static let pureNot = Flags(rawValue: 32)
        public static let partial = Flags(rawValue: 64)
        public static let spellingCorrection = Flags(rawValue: 128)
        public static let synonym = Flags(rawValue: 256)
        public static let autoSynonyms = Flags(rawValue: 512)
        public static let autoMultiwordSynonyms = Flags(rawValue: 1024)
        public static let `default`: Flags = [.phrase, .boolean, .loveHate]
    }

    public init() throws(XapianError) {
        handle = try callHandle { CXapian_queryparser_new($0) }
    }

    deinit { CXapian_queryparser_free(handle) }

    public func setStemmer(_ stem: Stem) throws(XapianError) {
        _ = try call { CXapian_queryparser_set_stemmer(handle, stem.handle, $0) }
    }

    public func setStopper(_ stopper: Stopper) throws(XapianError) {
        _ = try call { CXapian_queryparser_set_stopper(handle, stopper.handle, $0) }
    }

    public func setStemmingStrategy(_ strategy: StemStrategy) throws(XapianError) {
        _ = try call { CXapian_queryparser_set_stemming_strategy(handle, strategy.rawValue, $0) }
    }

    /// The operator between words with no explicit one (AND or OR, usually).
    public func setDefaultOperator(_ op: Query.Operator) throws(XapianError) {
        _ = try call { CXapian_queryparser_set_default_op(handle, op.rawValue, $0) }
    }

    /// Needed for wildcards, spelling correction and synonyms.
    public func setDatabase(_ database: Database) throws(XapianError) {
        _ = try call { CXapian_queryparser_set_database(handle, database.handle, $0) }
        self.database = database
    }

    /// `field:words` searches terms with `prefix` (probabilistic).
    public func addPrefix(_ field: String, _ prefix: String) throws(XapianError) {
        _ = try withBytes(field) { f, fn throws(XapianError) in
            try withBytes(prefix) { p, pn throws(XapianError) in try call { CXapian_queryparser_add_prefix(handle, f, fn, p, pn, $0) } }
        }
    }

    /// Caps wildcard and partial expansion; a query expanding further raises `.wildcard`.
    public func setMaxExpansion(_ limit: Int) throws(XapianError) {
        _ = try call { CXapian_queryparser_set_max_expansion(handle, UInt32(clamping: limit), $0) }
    }

    /// Parses `text`. Throws `.queryParser` on malformed input.
    public func parse(_ text: String, flags: Flags = .default, defaultPrefix: String = "") throws(XapianError) -> Query {
        try withBytes(text) { t, tn throws(XapianError) in
            try withBytes(defaultPrefix) { p, pn throws(XapianError) in
                Query(handle: try callHandle { CXapian_queryparser_parse(handle, t, tn, flags.rawValue, p, pn, $0) })
            }
        }
    }

    /// After parsing with `.spellingCorrection`: the corrected query, or nil.
    public func correctedQuery() throws(XapianError) -> String? {
        let s = takeString(try call { CXapian_queryparser_corrected_query(handle, $0) })
        return s.isEmpty ? nil : s
    }
}
