internal import CXapian

/// A Xapian document: opaque data, terms (with or without positions) and value slots.
public final class Document {
    let handle: OpaquePointer

    init(handle: OpaquePointer) { self.handle = handle }

    /// A new, empty document.
    public init() throws(XapianError) {
        handle = try callHandle { CXapian_document_new($0) }
    }

    deinit { CXapian_document_free(handle) }

    /// The id in the database it came from (0 for a new document).
    public var id: UInt32 { CXapian_document_docid(handle) }

    /// Xapian's longest term, in bytes; longer ones are rejected at commit.
    public static let maxTermBytes = 245

    /// The document data (opaque to Xapian).
    public func data() throws(XapianError) -> String {
        takeString(try call { CXapian_document_get_data(handle, $0) })
    }

    public func setData(_ data: String) throws(XapianError) {
        _ = try withBytes(data) { p, n throws(XapianError) in try call { CXapian_document_set_data(handle, p, n, $0) } }
    }

    /// The document data as bytes (for data that is not UTF-8 text).
    public func dataBytes() throws(XapianError) -> [UInt8] {
        takeBytes(try call { CXapian_document_get_data(handle, $0) })
    }

    /// Sets the document data to `bytes` (any bytes, NUL included).
    public func setData(bytes: [UInt8]) throws(XapianError) {
        _ = try withBytes(bytes) { p, n throws(XapianError) in try call { CXapian_document_set_data(handle, p, n, $0) } }
    }

    /// Adds a term without position. Terms longer than `maxTermBytes` throw
    /// `.invalidArgument` here instead of failing the whole commit later.
    public func addTerm(_ term: String, wdfIncrement: Int = 1) throws(XapianError) {
        try Self.checkTerm(term)
        _ = try withBytes(term) { p, n throws(XapianError) in
            try call { CXapian_document_add_term(handle, p, n, UInt32(clamping: wdfIncrement), $0) }
        }
    }

    /// Adds a term that only filters (wdf 0).
    public func addBooleanTerm(_ term: String) throws(XapianError) {
        try Self.checkTerm(term)
        _ = try withBytes(term) { p, n throws(XapianError) in try call { CXapian_document_add_boolean_term(handle, p, n, $0) } }
    }

    /// Sets value slot `slot` (values sort as byte strings).
    public func setValue(_ value: String, slot: UInt32) throws(XapianError) {
        _ = try withBytes(value) { p, n throws(XapianError) in try call { CXapian_document_set_value(handle, slot, p, n, $0) } }
    }

    /// The value in `slot` ("" when unset).
    public func value(slot: UInt32) throws(XapianError) -> String {
        takeString(try call { CXapian_document_get_value(handle, slot, $0) })
    }

    /// The document's terms starting with `prefix`, in byte order, with their wdf.
    public func terms(prefix: String = "") throws(XapianError) -> [(term: String, wdf: Int)] {
        try withBytes(prefix) { p, n throws(XapianError) in
            takeTermList(try call { CXapian_document_terms(handle, p, n, $0) }).map { ($0.term, $0.frequency) }
        }
    }

    private static func checkTerm(_ term: String) throws(XapianError) {
        let bytes = term.utf8.count
        if bytes == 0 || bytes > maxTermBytes {
            throw XapianError(kind: .invalidArgument, message: "term must be 1...\(maxTermBytes) bytes, got \(bytes)")
        }
    }
}
