import Foundation

// The POSIX facts the indexer reads about files: identity, kind, modification time.

/// Device and inode: one file however it is reached.
struct FileIdentity: Hashable, Sendable {
    var device: UInt64
    var inode: UInt64
    init(_ st: stat) {
        device = UInt64(st.st_dev)
        inode = UInt64(st.st_ino)
    }
}

func isDirectory(_ st: stat) -> Bool { (st.st_mode & S_IFMT) == S_IFDIR }
func isRegular(_ st: stat) -> Bool { (st.st_mode & S_IFMT) == S_IFREG }

func modificationMillis(_ st: stat) -> Int64 {
    #if canImport(Darwin)
    return Int64(st.st_mtimespec.tv_sec) * 1000 + Int64(st.st_mtimespec.tv_nsec) / 1_000_000
    #else
    return Int64(st.st_mtim.tv_sec) * 1000 + Int64(st.st_mtim.tv_nsec) / 1_000_000
    #endif
}

extension Array where Element == UInt8 {
    /// The bytes with a NUL appended, for POSIX calls.
    var cString: [CChar] { map { CChar(bitPattern: $0) } + [0] }
}
