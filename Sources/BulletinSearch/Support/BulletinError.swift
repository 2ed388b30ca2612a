import Foundation
internal import Xapian

/// Every outcome other than plain success, each with its documented exit code. The library
/// throws (or returns) these; only the CLI's root turns them into a process exit
/// (`exitCode`), so the library never ends the process itself.
public enum BulletinError: Error, Equatable, CustomStringConvertible {
    /// A bad argument or option (exit 2).
    case usage(String)
    /// A prune over a root that holds no bulletin files (an unmounted disk?) was refused:
    /// it would remove every document indexed from it (exit 2; forcing it is the caller's flag).
    case emptyPruneRoot(root: String)
    /// A query that cannot be parsed (exit 2).
    case querySyntax(String)
    /// No index at the path (exit 3).
    case indexMissing(path: String)
    /// Another process is writing the index (exit 3).
    case indexLocked(path: String)
    /// The index cannot be read (exit 3).
    case indexCorrupt(path: String, detail: String)
    /// The index (or its directory) cannot be read or written for lack of permission, or
    /// because it is on a read-only file system (exit 3). `detail` says which.
    case indexAccess(path: String, detail: String)
    /// The path is not an index and will not be made one (a regular file, a directory of
    /// other files) (exit 3).
    case notAnIndex(path: String, detail: String)
    /// The disk filled up while writing; `committed` documents of this run are durable (exit 1).
    case diskFull(path: String, committed: Int)
    /// Indexing finished but `count` files or feed lines were rejected (exit 4).
    case filesRejected(count: Int)
    /// A signal stopped the run after committing the work done so far (exit 128 + signal).
    case interrupted(signal: Int32)
    /// An indexing run committed so often while this read was under way that the reader
    /// could not catch up even after reopening (exit 1). Readers retry on it first
    /// (`Searcher.retryingOnModification`), so a user meets it only after many retries.
    case indexModified(path: String)
    /// Anything else that went wrong at run time (exit 1).
    case runtime(String)

    /// The process exit code for this outcome, as documented in README and `--help`.
    public var exitCode: Int32 {
        switch self {
        case .usage, .querySyntax, .emptyPruneRoot: return 2
        case .indexMissing, .indexLocked, .indexCorrupt, .indexAccess, .notAnIndex: return 3
        case .filesRejected: return 4
        case .interrupted(let signal): return 128 + signal
        case .runtime, .diskFull, .indexModified: return 1
        }
    }

    /// One line, for stderr.
    public var description: String {
        switch self {
        case .usage(let message): return message.oneLine
        case .emptyPruneRoot(let root): return "refusing to prune \(root.escapedForTerminal): it holds no bulletin files (an unmounted disk?), so every document indexed from it would be removed; force the prune to remove them anyway"
        case .querySyntax(let message): return "query syntax error: \(message.oneLine)"
        case .indexMissing(let path): return "no index at \(path.escapedForTerminal): index bulletins into it first"
        case .indexLocked(let path): return "index \(path.escapedForTerminal) is locked: indexing in progress in another process; try again when it finishes"
        case .indexCorrupt(let path, let detail): return "index \(path.escapedForTerminal) is corrupt or unreadable: \(detail.oneLine)"
        case .indexAccess(let path, let detail): return "index \(path.escapedForTerminal): \(detail.oneLine)"
        case .notAnIndex(let path, let detail): return "\(path.escapedForTerminal) is not a bulletin index: \(detail.oneLine)"
        case .diskFull(let path, let committed):
            return "disk full while writing index \(path.escapedForTerminal): the index is intact at its last commit (\(committed) document\(committed == 1 ? "" : "s") of this run committed); free space and run the same command again"
        case .filesRejected(let count): return "\(count) file\(count == 1 ? " or feed line was" : "s or feed lines were") rejected (see above)"
        case .interrupted(let signal): return "interrupted by \(Self.signalName(signal)): the work done so far is committed; run the same command again to finish"
        case .indexModified(let path): return "index \(path.escapedForTerminal) kept changing while it was read (an indexing run is committing); run the same command again"
        case .runtime(let message): return message.oneLine
        }
    }

    /// `SIGINT`, `SIGTERM`, `SIGHUP`, or `signal N`.
    public static func signalName(_ signal: Int32) -> String {
        switch signal {
        case SIGINT: return "SIGINT"
        case SIGTERM: return "SIGTERM"
        case SIGHUP: return "SIGHUP"
        default: return "signal \(signal)"
        }
    }

    /// Maps a Xapian error met while using the index at `path`. Errors that carry an
    /// operating-system cause (Xapian appends `strerror`) say that cause, not "corrupt".
    static func from(_ error: XapianError, indexPath path: String) -> BulletinError {
        if let cause = SystemCause(message: error.message) {
            return cause.error(indexPath: path, committed: 0)
        }
        switch error.kind {
        case .databaseNotFound: return .indexMissing(path: path)
        case .databaseLock: return .indexLocked(path: path)
        case .databaseOpening, .databaseVersion, .databaseCorrupt, .databaseClosed, .docNotFound, .database, .featureUnavailable:
            return .indexCorrupt(path: path, detail: "\(error.kind): \(error.message.oneLine)")
        case .databaseModified: return .indexModified(path: path)
        case .queryParser: return .querySyntax(error.message.oneLine)
        case .wildcard: return .querySyntax("a wildcard matches too many words; make it longer (\(error.message.oneLine))")
        default: return .runtime("Xapian \(error.kind): \(error.message.oneLine)")
        }
    }
}

/// An operating-system cause of a failure: what `errno` said, classified the way the user
/// needs it (permission, read-only, disk full, missing).
enum SystemCause: Equatable {
    case permissionDenied
    case readOnly
    case diskFull
    case missing

    init?(errno code: Int32) {
        switch code {
        case EACCES, EPERM: self = .permissionDenied
        case EROFS: self = .readOnly
        case ENOSPC, EDQUOT: self = .diskFull
        case ENOENT: self = .missing
        default: return nil
        }
    }

    /// Finds the cause in a Xapian message (Xapian appends `strerror(errno)` to errors of
    /// system calls). `ENOENT` is not looked for: Xapian reports a missing database by kind.
    init?(message: String) {
        for code in [EACCES, EPERM, EROFS, ENOSPC, EDQUOT] where message.contains(String(cString: strerror(code))) {
            self.init(errno: code)
            return
        }
        return nil
    }

    func error(indexPath path: String, committed: Int) -> BulletinError {
        switch self {
        case .permissionDenied: return .indexAccess(path: path, detail: "permission denied")
        case .readOnly: return .indexAccess(path: path, detail: "read-only file system")
        case .diskFull: return .diskFull(path: path, committed: committed)
        case .missing: return .indexMissing(path: path)
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
    /// The text on one line, safe for a terminal: newlines and tabs become spaces, other
    /// control characters (ESC, …) are shown as `\u{1B}`.
    public var oneLine: String {
        var out = ""
        out.unicodeScalars.reserveCapacity(unicodeScalars.count)
        var lastWasSpace = false
        for scalar in unicodeScalars {
            if scalar == "\n" || scalar == "\r" || scalar == "\t" || scalar == "\u{2028}" || scalar == "\u{2029}" || scalar == "\u{85}" {
                if !lastWasSpace { out.unicodeScalars.append(" ") }
                lastWasSpace = true
                continue
            }
            lastWasSpace = false
            if scalar.properties.generalCategory == .control {
                out += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}

extension String {
    /// The text with every character that could act on a terminal made visible: newline,
    /// tab and return as `\n`, `\t`, `\r`; other control characters (ESC, …), bidi
    /// overrides and line separators as `\u{1B}`.
    /// For file names and ids in text output and messages: they can neither break a line nor
    /// send escape sequences.
    public var escapedForTerminal: String {
        func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
            switch scalar.value {
            case 0..<0x20, 0x7F..<0xA0, 0x2028, 0x2029, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: return true
            default: return false
            }
        }
        guard unicodeScalars.contains(where: needsEscape) else { return self }
        var out = ""
        for scalar in unicodeScalars {
            guard needsEscape(scalar) else { out.unicodeScalars.append(scalar); continue }
            switch scalar {
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default: out += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
            }
        }
        return out
    }
}
