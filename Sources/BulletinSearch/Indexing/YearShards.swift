import Foundation
internal import Xapian

/// The writing side of a sharded index (`bulletin index --shard-by year`): one Xapian
/// database per publication year (`2019/`, …, `undated/`) and a metadata shard (`meta/`:
/// `bulletin.schema`, `bulletin.root`, the synonym table) under the index directory, listed
/// by the stub file `XAPIANDB` (metadata shard first), which Xapian opens as one database.
///
/// Xapian 1.4 writes one database per WritableDatabase, so each shard has its own writer,
/// its own DocumentBuilder (its spelling table holds its year's words, and near-duplicates
/// are looked for within the year), and its own commits. Every shard's write lock is held
/// while this lives; the metadata shard's lock is the index's lock.
///
/// Crash safety: each shard's commit is atomic; the stub is replaced atomically (rename)
/// before a new shard gets its first document. A document whose year changed is deleted
/// from its old shard and added to the new one; a kill between those two shards' commits
/// can leave it in both, which the next open repairs (keeps one copy, whose signature then
/// decides whether the file is indexed again) before anything reads the unique ids.
final class YearShards {
    let indexPath: String
    let pipeline: TextPipeline
    let meta: WritableDatabase
    private var shards: [String: (database: WritableDatabase, builder: DocumentBuilder)] = [:]
    /// Unique term → the shard holding it.
    private var location: [String: String] = [:]
    /// Shards written since the last commit: the others' caches are released at a commit
    /// (a run over years of bulletins in date order writes one year after another).
    private var writtenSinceCommit = Set<String>()
    /// The indexing sequence number shared by every shard (the highest any shard or the
    /// metadata shard recorded), recorded in the metadata shard for `stats`.
    private var sequence = 0
    /// How stored data is deflated; every shard's builder shares it.
    var compression: StoredCompression?

    /// True when `path` is (or, for a new index, will be) sharded: it holds a stub, or the
    /// caller asks for shards and the path holds no index yet.
    static func applies(to path: String, requested: Bool) throws(BulletinError) -> Bool {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return requested }
        guard isDirectory.boolValue else {
            if requested { throw .usage("--shard-by year needs an index directory; \(path) is a file") }
            return false
        }
        if FileManager.default.fileExists(atPath: path + "/" + IndexLayout.stubName) { return true }
        if requested, FileManager.default.fileExists(atPath: path + "/iamglass") {
            throw .usage("\(path) holds one database, not year shards: index with --shard-by year into a new directory")
        }
        return requested
    }

    /// Opens the sharded index at `path` for writing, creating it when new.
    init(path: String, pipeline: TextPipeline) throws {
        indexPath = path
        self.pipeline = pipeline
        let stub = path + "/" + IndexLayout.stubName
        if !FileManager.default.fileExists(atPath: stub) {
            _ = try IndexDirectory.prepareForWriting(path)
        } else {
            try IndexDirectory.probeWritable(path)
        }
        meta = try Self.openShard(path + "/" + IndexLayout.metaShard, indexPath: path)
        var listed: [String] = []
        if FileManager.default.fileExists(atPath: stub) {
            let layout = try IndexLayout.at(path)
            if !layout.remoteShards.isEmpty {
                throw BulletinError.usage("\(path) lists remote shards: index into each shard's own machine, or into a local index")
            }
            listed = layout.shards.map(\.name).filter { $0 != IndexLayout.metaShard }
        }
        for name in listed {
            // A shard removed by hand (to rebuild its year) is recreated empty.
            _ = try shard(name, writingStub: false)
        }
        try writeStub()
        try repairDuplicates()
        sequence = try ([meta] + shards.values.map(\.database)).map { Int(try $0.metadata(IndexSchema.sequenceKey)) ?? 0 }.max() ?? 0
    }

    private static func openShard(_ path: String, indexPath: String) throws -> WritableDatabase {
        let database = try BulletinError.mapping(indexPath: indexPath) { () throws -> WritableDatabase in
            let database = try WritableDatabase(path: path)
            try IndexSchema.checkVersion(of: database, path: path)
            try database.setMetadata(IndexSchema.versionKey, IndexSchema.version)
            return database
        }
        return database
    }

    /// The shard a document belongs to: its year, or `undated`.
    static func shardName(for stored: StoredDocument) -> String {
        if let date = stored.date, date.count == 10, let year = Int(date.prefix(4)), (1000...9999).contains(year) { return String(year) }
        return IndexLayout.undatedShard
    }

    /// The shard `name`, opened (and created, and listed in the stub) when first needed.
    private func shard(_ name: String, writingStub: Bool = true) throws -> (database: WritableDatabase, builder: DocumentBuilder) {
        if let open = shards[name] { return open }
        let database = try Self.openShard(indexPath + "/" + name, indexPath: indexPath)
        let builder = try DocumentBuilder(pipeline: pipeline, database: database, indexPath: indexPath + "/" + name)
        builder.compression = compression
        builder.firstDatabase = meta
        let opened = (database, builder)
        shards[name] = opened
        for (term, _) in try database.allTerms(prefix: IndexSchema.uniqueIDPrefix) where location[term] == nil {
            location[term] = name
        }
        if writingStub { try writeStub() }
        return opened
    }

    /// Writes the stub listing the metadata shard, then the years in order, `undated` last:
    /// a temporary file, flushed, renamed over the old one.
    private func writeStub() throws {
        let years = shards.keys.filter { $0 != IndexLayout.undatedShard }.sorted()
        let names = [IndexLayout.metaShard] + years + (shards[IndexLayout.undatedShard] == nil ? [] : [IndexLayout.undatedShard])
        let stub = indexPath + "/" + IndexLayout.stubName
        let text = IndexLayout.stubText(shards: names)
        if let current = FileManager.default.contents(atPath: stub), String(decoding: current, as: UTF8.self) == text { return }
        let temporary = stub + ".tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw IndexDirectory.accessError(indexPath, errno: errno) }
        let bytes = Array(text.utf8)
        let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        let synced = fsync(fd) == 0
        Foundation.close(fd)
        guard written == bytes.count, synced, rename(temporary, stub) == 0 else {
            let code = errno
            unlink(temporary)
            throw IndexDirectory.accessError(indexPath, errno: code == 0 ? EIO : code)
        }
    }

    /// A unique term in two shards (a run killed while moving a document to another year):
    /// keep the copy in the shard listed last, delete the others.
    private func repairDuplicates() throws {
        var seen: [String: String] = [:]
        var touched = Set<String>()
        for name in shards.keys.sorted().reversed() {
            let database = shards[name]!.database
            for (term, _) in try database.allTerms(prefix: IndexSchema.uniqueIDPrefix) {
                if let keeper = seen[term] {
                    try database.delete(uniqueTerm: term)
                    location[term] = keeper
                    touched.insert(name)
                } else {
                    seen[term] = name
                }
            }
        }
        for name in touched { try shards[name]!.database.commit() }
    }

    // MARK: Documents

    /// Builds `stored` and writes it into its year's shard (removing it from the shard that
    /// held it before, if its year changed); returns its id within that shard.
    /// `prepared` is its index-independent part when a worker thread made it already.
    func replace(_ stored: StoredDocument, prepared: PreparedDocument? = nil, uniqueTerm: String, signature: String) throws -> UInt32 {
        let name = Self.shardName(for: stored)
        let target = try shard(name)
        target.builder.sequence = sequence
        let document = try prepared.map { try target.builder.finish($0, for: stored, signature: signature) }
            ?? target.builder.build(stored, signature: signature)
        sequence = target.builder.sequence
        try meta.setMetadata(IndexSchema.sequenceKey, String(sequence))
        // A unique id no shard holds is added: replace_document's look-up of it would make
        // Xapian flush the shard's buffered batch (docs/indexing.md).
        writtenSinceCommit.insert(name)
        let id = location[uniqueTerm] == nil ? try target.database.add(document)
            : try target.database.replace(uniqueTerm: uniqueTerm, with: document)
        target.builder.written(documentID: id)
        if let previous = location[uniqueTerm], previous != name { try shards[previous]?.database.delete(uniqueTerm: uniqueTerm) }
        location[uniqueTerm] = name
        return id
    }

    /// The stored document of `uniqueTerm`, wherever it is.
    func document(uniqueTerm: String) throws -> (database: WritableDatabase, id: UInt32, document: Document)? {
        guard let name = location[uniqueTerm], let database = shards[name]?.database,
              let id = try database.documentID(withTerm: uniqueTerm) else { return nil }
        return (database, id, try database.document(id))
    }

    /// Sets the signature of an unchanged document whose size or mtime changed.
    func refreshSignature(uniqueTerm: String, signature: String) throws {
        guard let found = try document(uniqueTerm: uniqueTerm) else { return }
        try found.document.setValue(signature, slot: IndexSchema.signatureSlot)
        try found.database.replace(uniqueTerm: uniqueTerm, with: found.document)
    }

    func delete(uniqueTerm: String) throws {
        guard let name = location[uniqueTerm] else { return }
        try shards[name]?.database.delete(uniqueTerm: uniqueTerm)
        location[uniqueTerm] = nil
    }

    /// Commits every shard (the metadata shard last), each recording its tables.
    func commit() throws {
        for name in shards.keys.sorted() {
            let database = shards[name]!.database
            try shards[name]!.builder.prepareCommit()
            try database.setMetadata(IndexDirectory.tablesKey, try IndexDirectory.expectedTables(database, path: indexPath + "/" + name, synonyms: false))
            try database.commit()
            try shards[name]!.builder.committed()
            if !writtenSinceCommit.contains(name) { shards[name]!.builder.releaseCaches() }
        }
        writtenSinceCommit.removeAll()
        try meta.commit()
    }

    /// End of a run: commits the year shards, then rewrites the synonyms from the facet
    /// values of every shard into the metadata shard and commits it.
    func finish() throws {
        try commit()
        let all = try Database(path: indexPath)
        try SynonymWriter(database: meta, pipeline: pipeline, source: all).write()
        try meta.commit()
        try meta.setMetadata(IndexDirectory.tablesKey, try IndexDirectory.expectedTables(meta, path: indexPath + "/" + IndexLayout.metaShard))
        try meta.commit()
    }

    func close() {
        for (_, shard) in shards {
            // Closing commits what the shard holds: with the words of its documents.
            if shard.builder.pending { try? shard.builder.prepareCommit() }
            try? shard.database.close()
        }
        try? meta.close()
    }
}
