internal import CXapian

/// A Snowball stemmer (`Stem(language: "russian")`).
public final class Stem {
    let handle: OpaquePointer
    public let language: String

    /// Throws `.invalidArgument` for an unknown language.
    public init(language: String) throws(XapianError) {
        self.language = language
        handle = try withBytes(language) { p, n throws(XapianError) in try callHandle { CXapian_stem_new(p, n, $0) } }
    }

    deinit { CXapian_stem_free(handle) }

    /// The stem of `word` (expects lowercase input, as the TermGenerator produces).
    public func callAsFunction(_ word: String) throws(XapianError) -> String {
        try withBytes(word) { p, n throws(XapianError) in takeString(try call { CXapian_stem_apply(handle, p, n, $0) }) }
    }
}

/// A list of stopwords (Xapian::SimpleStopper).
public final class Stopper {
    let handle: OpaquePointer

    /// An array, not any Sequence: an unspecialised generic loop across the module boundary
    /// has the runtime instantiate its iterator's type from its mangled name (a conformance
    /// look-up) in every process.
    public init(words: [String]) throws(XapianError) {
        handle = try callHandle { CXapian_stopper_new($0) }
        // One call for the list, the words NUL-separated; a word holding NUL goes on its own.
        var joined = ""
        for word in words {
            if word.utf8.contains(0) {
                _ = try withBytes(word) { p, n throws(XapianError) in try call { CXapian_stopper_add(handle, p, n, $0) } }
            } else {
                joined += word
                joined += "\u{0}"
            }
        }
        _ = try withBytes(joined) { p, n throws(XapianError) in try call { CXapian_stopper_add_all(handle, p, n, $0) } }
    }

    deinit { CXapian_stopper_free(handle) }

    public func contains(_ word: String) -> Bool {
        (try? withBytes(word) { p, n in CXapian_stopper_contains(handle, p, n) }) ?? false
    }
}

/// How TermGenerator and QueryParser stem (Xapian's stem_strategy).
public enum StemStrategy: Int32, Sendable {
    case none = 0, some = 1, all = 2, allZ = 3, someFullPositions = 4
}

/// Turns text into terms of a document (Xapian::TermGenerator).
public final class TermGenerator {
    let handle: OpaquePointer
    private var document: Document?
    private var database: WritableDatabase?

    /// TermGenerator flags.
    public struct Flags: OptionSet, Sendable {
        public let rawValue: Int32
        public init(rawValue: Int32) { self.rawValue = rawValue }
        /// Feed words into the database's spelling table (needs `setDatabase`).
        public static let spelling = Flags(rawValue: 128)
        public static let cjkNgram = Flags(rawValue: 2048)
    }

    public init() throws(XapianError) {
        handle = try callHandle { CXapian_termgenerator_new($0) }
    }

    deinit { CXapian_termgenerator_free(handle) }

    public func setStemmer(_ stem: Stem) throws(XapianError) {
        _ = try call { CXapian_termgenerator_set_stemmer(handle, stem.handle, $0) }
    }

    public func setStopper(_ stopper: Stopper) throws(XapianError) {
        _ = try call { CXapian_termgenerator_set_stopper(handle, stopper.handle, $0) }
    }

    public func setStemmingStrategy(_ strategy: StemStrategy) throws(XapianError) {
        _ = try call { CXapian_termgenerator_set_stemming_strategy(handle, strategy.rawValue, $0) }
    }

    public func setFlags(_ flags: Flags) throws(XapianError) {
        _ = try call { CXapian_termgenerator_set_flags(handle, flags.rawValue, $0) }
    }

    /// The database whose spelling table `.spelling` feeds.
    public func setDatabase(_ database: WritableDatabase) throws(XapianError) {
        _ = try call { CXapian_termgenerator_set_database(handle, database.handle, $0) }
        self.database = database
    }

    /// The document that receives terms from now on (positions restart at 0).
    public func setDocument(_ document: Document) throws(XapianError) {
        _ = try call { CXapian_termgenerator_set_document(handle, document.handle, $0) }
        self.document = document
    }

    /// Indexes `text` into the current document, with positions unless `positions` is false.
    public func indexText(_ text: String, wdfIncrement: Int = 1, prefix: String = "", positions: Bool = true) throws(XapianError) {
        _ = try withBytes(text) { t, tn throws(XapianError) in
            try withBytes(prefix) { p, pn throws(XapianError) in
                try call { CXapian_termgenerator_index_text(handle, t, tn, UInt32(clamping: wdfIncrement), p, pn, positions, $0) }
            }
        }
    }

    /// Leaves a gap in positions (so phrases do not match across fields).
    public func increaseTermPosition(by delta: Int = 100) throws(XapianError) {
        _ = try call { CXapian_termgenerator_increase_termpos(handle, UInt32(clamping: delta), $0) }
    }

    /// The current term position.
    public var termPosition: Int { Int(CXapian_termgenerator_get_termpos(handle)) }
}
