internal import CXapian

/// An error raised by Xapian (or by C++ underneath it), carried across the C shim.
///
/// `kind` mirrors Xapian 1.4's exception classes, so callers can match precisely:
/// `catch let error as XapianError where error.kind == .databaseLock`.
public struct XapianError: Error, CustomStringConvertible, Sendable, Equatable {
    /// Xapian's exception classes, plus what C++ itself may throw.
    public enum Kind: Int32, Sendable, CaseIterable {
        case assertion = 1
        case invalidArgument = 2
        case invalidOperation = 3
        case unimplemented = 4
        case database = 5
        case databaseCorrupt = 6
        case databaseCreate = 7
        case databaseLock = 8
        case databaseModified = 9
        case databaseOpening = 10
        case databaseVersion = 11
        case docNotFound = 12
        case featureUnavailable = 13
        case `internal` = 14
        case network = 15
        case networkTimeout = 16
        case queryParser = 17
        case serialisation = 18
        case range = 19
        case wildcard = 20
        case databaseNotFound = 21
        case databaseClosed = 22
        case otherXapianError = 90
        case outOfMemory = 97
        case stdException = 98
        case unknownException = 99

        /// True for the classes Xapian raises when a database cannot be opened or read:
        /// missing, not a database, wrong version, corrupt.
        public var isOpeningFailure: Bool {
            switch self {
            case .databaseNotFound, .databaseOpening, .databaseVersion, .databaseCorrupt: return true
            default: return false
            }
        }
    }

    public let kind: Kind
    public let message: String

    public init(kind: Kind, message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { "\(kind): \(message)" }
}

// MARK: - Calling the shim

/// Runs a shim call with an error out-parameter and throws what it reports.
@inline(__always)
func call<R>(_ body: (UnsafeMutablePointer<CXapianError>) -> R) throws(XapianError) -> R {
    var error = CXapianError(code: 0, message: nil)
    let result = body(&error)
    if error.code != 0 {
        let message = error.message.map { String(cString: $0) } ?? ""
        let kind = XapianError.Kind(rawValue: error.code) ?? .otherXapianError
        CXapian_error_clear(&error)
        throw XapianError(kind: kind, message: message)
    }
    return result
}

/// Like `call`, for functions returning a handle: a nil handle without an error code is
/// reported as out of memory.
@inline(__always)
func callHandle<H>(_ body: (UnsafeMutablePointer<CXapianError>) -> H?) throws(XapianError) -> H {
    guard let handle = try call(body) else {
        throw XapianError(kind: .outOfMemory, message: "Xapian shim returned no object")
    }
    return handle
}

/// Passes a Swift string to C as (pointer, byte length) without copying native strings.
@inline(__always)
func withBytes<R>(_ string: String, _ body: (UnsafePointer<CChar>?, Int) throws(XapianError) -> R) throws(XapianError) -> R {
    var string = string
    let result: Result<R, XapianError> = string.withUTF8 { buffer in
        buffer.withMemoryRebound(to: CChar.self) { chars in
            do throws(XapianError) { return .success(try body(chars.baseAddress, chars.count)) } catch { return .failure(error) }
        }
    }
    return try result.get()
}

/// Passes bytes to C as (pointer, length), the shim's way of taking binary strings.
@inline(__always)
func withBytes<R>(_ bytes: [UInt8], _ body: (UnsafePointer<CChar>?, Int) throws(XapianError) -> R) throws(XapianError) -> R {
    let result: Result<R, XapianError> = bytes.withUnsafeBufferPointer { buffer in
        buffer.withMemoryRebound(to: CChar.self) { chars in
            do throws(XapianError) { return .success(try body(chars.baseAddress, chars.count)) } catch { return .failure(error) }
        }
    }
    return try result.get()
}

/// Takes ownership of a shim string and decodes it as UTF-8 (invalid bytes are replaced).
@inline(__always)
func takeString(_ string: CXapianString) -> String {
    defer { CXapian_string_free(string) }
    guard let data = string.data, string.length > 0 else { return "" }
    return String(decoding: UnsafeRawBufferPointer(start: data, count: string.length), as: UTF8.self)
}

/// Takes ownership of a shim string and copies its bytes (any bytes, NUL included).
func takeBytes(_ string: CXapianString) -> [UInt8] {
    defer { CXapian_string_free(string) }
    guard let data = string.data, string.length > 0 else { return [] }
    return Array(UnsafeRawBufferPointer(start: data, count: string.length))
}

/// Copies a shim term list into Swift and frees it.
func takeTermList(_ list: OpaquePointer?) -> [(term: String, frequency: Int)] {
    guard let list else { return [] }
    defer { CXapian_termlist_free(list) }
    let count = CXapian_termlist_count(list)
    var result: [(term: String, frequency: Int)] = []
    result.reserveCapacity(count)
    for index in 0..<count {
        result.append((takeString(CXapian_termlist_term(list, index)), Int(CXapian_termlist_freq(list, index))))
    }
    return result
}

/// The Xapian library version, e.g. "1.4.22".
public var xapianVersion: String { takeString(CXapian_version()) }
