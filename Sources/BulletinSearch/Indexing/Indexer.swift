import Foundation
import Xapian

/// Options of an indexing run.
public struct IndexOptions: Sendable {
    public var indexPath: String
    /// Commit after this many changed documents (and at the end).
    public var commitEvery: Int = 1000
    /// Files larger than this are rejected.
    public var maxBytes: Int = 10 * 1024 * 1024

    public init(indexPath: String) { self.indexPath = indexPath }
}

/// What an indexing run did.
public struct IndexSummary: Sendable, Equatable {
    public var indexed = 0
    public var updated = 0
    public var unchanged = 0
    public var removed = 0
    public var failures: [FileFailure] = []
    public var seconds: Double = 0

    public var failed: Int { failures.count }

    /// `indexed N, updated U, unchanged K, removed R, failed F in T s`
    public var line: String {
        "indexed \(indexed), updated \(updated), unchanged \(unchanged), removed \(removed), failed \(failed) in \(String(format: "%.2f", seconds)) s"
    }
}

/// Progress reports from an indexing run.
public enum IndexEvent: Sendable {
    /// Collected `total` files; indexing starts.
    case started(total: Int)
    /// One file handled (`done` of `total`, `bytes` read so far).
    case file(path: String, outcome: FileOutcome, done: Int, total: Int, bytes: Int)
}

public enum FileOutcome: Sendable, Equatable {
    case indexed, updated, unchanged
    case failed(String)
}

/// Writes bulletins into the index. One Indexer holds the index's write lock while it lives.
public final class Indexer {
    private let options: IndexOptions
    private let database: WritableDatabase
    private let builder: DocumentBuilder

    /// Opens (or creates) the index for writing. A second writer gets `.indexLocked`.
    public init(options: IndexOptions) throws(BulletinError) {
        self.options = options
        do {
            try FileManager.default.createDirectory(atPath: options.indexPath, withIntermediateDirectories: true)
        } catch {
            throw .runtime("cannot create index directory \(options.indexPath): \(error.localizedDescription)")
        }
        do {
            database = try WritableDatabase(path: options.indexPath)
            let version = try database.metadata(IndexSchema.versionKey)
            if !version.isEmpty, version != IndexSchema.version {
                throw BulletinError.indexCorrupt(path: options.indexPath, detail: "schema version \(version), this bulletin writes \(IndexSchema.version); index into a new directory")
            }
            builder = try DocumentBuilder(pipeline: try TextPipeline(), database: database)
        } catch let error as XapianError {
            throw BulletinError.from(error, indexPath: options.indexPath)
        } catch let error as BulletinError {
            throw error
        } catch {
            throw .runtime("\(error)")
        }
    }

    /// Indexes the files and directories in `arguments`. Files that cannot be indexed are
    /// reported in the summary and never stop the others.
    public func index(_ arguments: [String], report: (IndexEvent) -> Void = { _ in }) throws(BulletinError) -> IndexSummary {
        let start = Date()
        let collected = FileCollector.collect(arguments)
        var summary = IndexSummary()
        summary.failures = collected.failures
        report(.started(total: collected.files.count))
        var pending = 0
        var bytesRead = 0
        do {
            for (number, file) in collected.files.enumerated() {
                let outcome = try indexFile(file, bytesRead: &bytesRead)
                switch outcome {
                case .indexed: summary.indexed += 1; pending += 1
                case .updated: summary.updated += 1; pending += 1
                case .unchanged: summary.unchanged += 1
                case .failed(let reason): summary.failures.append(FileFailure(path: file.path, reason: reason))
                }
                report(.file(path: file.path, outcome: outcome, done: number + 1, total: collected.files.count, bytes: bytesRead))
                if pending >= options.commitEvery {
                    try database.commit()
                    pending = 0
                }
            }
            try builder.writeIndexWideData()
            try database.commit()
        } catch let error as XapianError {
            throw BulletinError.from(error, indexPath: options.indexPath)
        } catch {
            throw .runtime("\(error)")
        }
        summary.seconds = Date().timeIntervalSince(start)
        return summary
    }

    /// Indexes one file; Xapian errors other than bad input propagate (they concern the index).
    private func indexFile(_ file: SourceFile, bytesRead: inout Int) throws -> FileOutcome {
        let attributes: [FileAttributeKey: Any]
        do { attributes = try FileManager.default.attributesOfItem(atPath: file.path) } catch {
            return .failed("cannot read: \(error.localizedDescription)")
        }
        let size = (attributes[.size] as? NSNumber)?.intValue ?? 0
        let mtime = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
        if size > options.maxBytes { return .failed("file is \(size) bytes, over the limit of \(options.maxBytes)") }
        let stat = "\(size):\(Int64(mtime * 1000))"
        let uniqueTerm = DocumentBuilder.uniqueTerm(for: file.id)
        let existing = try database.documentID(withTerm: uniqueTerm)
        var oldSignature = ""
        if let existing {
            oldSignature = try database.document(existing).value(slot: IndexSchema.signatureSlot)
            if oldSignature.hasPrefix(stat + ":") { return .unchanged }
        }
        guard let data = FileManager.default.contents(atPath: file.path) else { return .failed("cannot read file") }
        bytesRead += data.count
        let hash = ContentHash.hex(data)
        if existing != nil, oldSignature.hasSuffix(":" + hash) { return .unchanged }
        let text: String
        switch TextDecoder.decode(data) {
        case .success(let decoded): text = decoded
        case .failure(let problem): return .failed(problem.reason)
        }
        let stored = BulletinAnalyzer.analyze(text: text, id: file.id, path: file.path, root: file.root)
        let doc = try builder.build(stored, signature: "\(stat):\(hash)")
        try database.replace(uniqueTerm: uniqueTerm, with: doc)
        return existing == nil ? .indexed : .updated
    }
}
