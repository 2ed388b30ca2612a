import Foundation
internal import Xapian

/// `bulletin compact`: Xapian compaction of the index into a new directory beside it, then
/// an atomic swap. A sharded index is merged into one database (or, with `keepShards`, each
/// shard is compacted in its place).
///
/// Crash safety: the index path names a complete database at every instant. The compacted
/// copy is built under `.NAME.compact-new` beside the index (removed first if a killed run
/// left one), holding the write lock of every shard so no indexing run changes the source
/// meanwhile; then `renameat2(RENAME_EXCHANGE)` swaps the two directories in one step, and
/// the old one (now `.NAME.compact-old`) is removed. Files in the index directory that are not
/// Xapian's (a README, `.gitignore`) are copied into the new one before the swap.
public enum IndexCompactor {
    public struct Result: Sendable, Equatable {
        public var documents: Int
        public var bytesBefore: Int64
        public var bytesAfter: Int64
        /// Shards merged into one (0 for a single database or with `keepShards`).
        public var shardsMerged: Int
    }

    /// A test hook: called with each step's name before it runs (`compact`, `copy`, `swap`,
    /// `cleanup`).
    public typealias StepHook = (String) -> Void

    /// The block size `compact` writes by default (bytes): Xapian's own. 65536 makes the
    /// generated 20k index 1.5 % smaller but a search process about 2 ms slower (it reads whole
    /// blocks); see docs/scale.md, "Size on disk (schema 6)".
    public static let defaultBlockSize = 8192

    /// - Parameter blockSize: the compacted tables' block size in bytes (a power of two from
    ///   2048 to 65536): larger blocks waste less space at their ends.
    public static func compact(indexPath: String, keepShards: Bool = false, blockSize: Int = defaultBlockSize, step: StepHook = { _ in }) throws(BulletinError) -> Result {
        guard Database.validBlockSizes.contains(blockSize) else {
            throw .usage("--block-size must be a power of two from 2048 to 65536, not \(blockSize)")
        }
        let layout = try IndexLayout.at(indexPath)
        if layout.kind == .stubFile {
            throw .usage("\(indexPath) is a stub file: compact the local shards it lists one by one (`bulletin compact --index SHARD`)")
        }
        if !layout.remoteShards.isEmpty {
            throw .usage("\(indexPath) lists remote shards (\(layout.remoteShards.joined(separator: ", "))): compact them on their own machines")
        }
        try IndexDirectory.checkReadable(indexPath)
        let before = diskUsage(indexPath)
        // Every shard's write lock, held until the swap is done.
        var locks: [WritableDatabase] = []
        defer { for lock in locks { try? lock.close() } }
        for database in layout.localDatabases {
            do { locks.append(try WritableDatabase(path: database)) } catch {
                throw BulletinError.from(error, indexPath: indexPath)
            }
        }
        let documents = try BulletinError.mapping(indexPath: indexPath) { () throws -> Int in
            let reader = try Database(path: indexPath)
            try IndexSchema.checkVersion(of: reader, path: indexPath)
            return try reader.documentCount()
        }
        if layout.kind == .shardedDirectory, keepShards {
            for shard in layout.localDatabases {
                try compactOne(source: shard, into: shard, skipping: [], merging: false, blockSize: blockSize, step: step, indexPath: indexPath)
            }
            return Result(documents: documents, bytesBefore: before, bytesAfter: diskUsage(indexPath), shardsMerged: 0)
        }
        let shardNames = Set(layout.shards.map { ($0.name as NSString).pathComponents.first ?? $0.name } + [IndexLayout.stubName])
        try compactOne(source: indexPath, into: indexPath, skipping: layout.kind == .single ? [] : shardNames,
                       merging: layout.kind != .single, blockSize: blockSize, step: step, indexPath: indexPath)
        return Result(documents: documents, bytesBefore: before, bytesAfter: diskUsage(indexPath),
                      shardsMerged: layout.kind == .single ? 0 : layout.localDatabases.count)
    }

    /// Compacts the database (or stub directory) `source` into a fresh directory beside
    /// `target`, copies `target`'s other files, and swaps it in.
    private static func compactOne(source: String, into target: String, skipping: Set<String>, merging: Bool, blockSize: Int, step: StepHook, indexPath: String) throws(BulletinError) {
        let url = URL(fileURLWithPath: target).standardizedFileURL
        let parent = url.deletingLastPathComponent().path
        let fresh = parent + "/." + url.lastPathComponent + ".compact-new"
        let old = parent + "/." + url.lastPathComponent + ".compact-old"
        // Leftovers of a killed run: the index itself is complete, these are not.
        try? FileManager.default.removeItem(atPath: fresh)
        try? FileManager.default.removeItem(atPath: old)

        step("compact")
        try BulletinError.mapping(indexPath: indexPath) { () throws in
            try Database.compact(path: source, into: fresh, level: .full, multipass: true, blockSize: blockSize)
            // A merged index's tables are the union of its shards' (one database compacted
            // keeps its own record).
            guard merging else { return }
            let merged = try WritableDatabase(path: fresh)
            try merged.setMetadata(IndexDirectory.tablesKey, try IndexDirectory.expectedTables(merged, path: fresh))
            try merged.commit()
            try merged.close()
        }
        step("copy")
        do {
            for name in try FileManager.default.contentsOfDirectory(atPath: target)
            where !IndexDirectory.isXapianFile(name) && !skipping.contains(name) && !name.hasPrefix(".bulletin-write-probe") {
                try FileManager.default.copyItem(atPath: target + "/" + name, toPath: fresh + "/" + name)
            }
        } catch {
            try? FileManager.default.removeItem(atPath: fresh)
            throw .runtime("cannot copy the index's other files into \(fresh): \(error.localizedDescription)")
        }
        syncDirectory(fresh)
        step("swap")
        guard exchange(fresh, target) else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(atPath: fresh)
            throw .runtime("cannot swap the compacted index into \(target) (atomic rename: \(reason)); the index is unchanged")
        }
        syncDirectory(parent)
        step("cleanup")
        // `fresh` now names the old index.
        try? FileManager.default.removeItem(atPath: fresh)
    }

    /// Swaps two directories in one step (Linux renameat2 RENAME_EXCHANGE, looked up at run
    /// time: Swift's Glibc module does not declare it).
    private static func exchange(_ a: String, _ b: String) -> Bool {
        typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "renameat2") else { errno = ENOSYS; return false }
        let renameat2 = unsafeBitCast(symbol, to: RenameAt2.self)
        let renameExchange: UInt32 = 2
        return renameat2(AT_FDCWD, a, AT_FDCWD, b, renameExchange) == 0
    }

    private static func syncDirectory(_ path: String) {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return }
        fsync(fd)
        close(fd)
    }

    /// Bytes of the files under `path` (recursively).
    public static func diskUsage(_ path: String) -> Int64 {
        var total: Int64 = 0
        guard let walker = FileManager.default.enumerator(atPath: path) else {
            return (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int64) ?? 0
        }
        while let name = walker.nextObject() as? String {
            if let attributes = walker.fileAttributes, attributes[.type] as? FileAttributeType == .typeRegular {
                total += (attributes[.size] as? Int64) ?? 0
            }
            _ = name
        }
        return total
    }
}
