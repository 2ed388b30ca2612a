/// Why one input (a file's bytes, its encoding, a directory) cannot be indexed: the reason
/// every step of reading and decoding gives, before the path is known to it.
public struct Rejection: Error, Sendable, Equatable, CustomStringConvertible {
    public var reason: String
    public init(_ reason: String) { self.reason = reason }
    public var description: String { reason }
}

/// A file or argument that was not indexed, and why.
public struct FileFailure: Error, Sendable, Equatable, CustomStringConvertible {
    public var path: String
    public var reason: String
    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }
    /// `path: reason`, one line.
    public var description: String { "\(path.escapedForTerminal): \(reason.oneLine)" }
}
