import Foundation
import Xapian

/// Every failure the library reports to the CLI, each with its documented exit code.
public enum BulletinError: Error, Equatable, CustomStringConvertible {
    /// A bad argument or option (exit 2).
    case usage(String)
    /// A query that cannot be parsed (exit 2).
    case querySyntax(String)
    /// No index at the path (exit 3).
    case indexMissing(path: String)
    /// Another process is writing the index (exit 3).
    case indexLocked(path: String)
    /// The index cannot be read (exit 3).
    case indexCorrupt(path: String, detail: String)
    /// Anything else that went wrong at run time (exit 1).
    case runtime(String)

    /// The process exit code the CLI uses for this error.
    public var exitCode: Int32 {
        switch self {
        case .usage, .querySyntax: return 2
        case .indexMissing, .indexLocked, .indexCorrupt: return 3
        case .runtime: return 1
        }
    }

    /// One line, for stderr.
    public var description: String {
        switch self {
        case .usage(let message): return message
        case .querySyntax(let message): return "query syntax error: \(message)"
        case .indexMissing(let path): return "no index at \(path): run `bulletin index PATH --index \(path)` first"
        case .indexLocked(let path): return "index \(path) is locked by another indexing process"
        case .indexCorrupt(let path, let detail): return "index \(path) is corrupt or unreadable: \(detail)"
        case .runtime(let message): return message
        }
    }

    /// Maps a Xapian error met while using the index at `path`.
    static func from(_ error: XapianError, indexPath path: String) -> BulletinError {
        switch error.kind {
        case .databaseNotFound: return .indexMissing(path: path)
        case .databaseLock: return .indexLocked(path: path)
        case .databaseOpening, .databaseVersion, .databaseCorrupt, .databaseClosed, .docNotFound, .database:
            return .indexCorrupt(path: path, detail: error.message.oneLine)
        case .queryParser: return .querySyntax(error.message.oneLine)
        case .wildcard: return .querySyntax("a wildcard matches too many words; make it longer (\(error.message.oneLine))")
        default: return .runtime("Xapian \(error.kind): \(error.message.oneLine)")
        }
    }
}

extension BulletinError {
    /// Runs `body`, turning whatever it throws into a `BulletinError` for the index at
    /// `indexPath` (Xapian errors by kind, anything else as a runtime failure).
    static func mapping<R>(indexPath: String, _ body: () throws -> R) throws(BulletinError) -> R {
        do {
            return try body()
        } catch let error as XapianError {
            throw from(error, indexPath: indexPath)
        } catch let error as BulletinError {
            throw error
        } catch {
            throw .runtime("\(error)")
        }
    }
}

extension String {
    /// The text on one line (newlines and tabs become spaces), for one-line messages.
    var oneLine: String {
        split(whereSeparator: { $0.isNewline || $0 == "\t" }).joined(separator: " ")
    }
}
