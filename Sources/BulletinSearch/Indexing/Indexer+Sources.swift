import Foundation
internal import Xapian

// MARK: - Files, feeds and pruning

extension Indexer {
    static func tooLarge(_ size: Int, options: IndexOptions) -> String {
        "file is \(size) bytes, over the size limit of \(options.maxBytes)"
    }

    /// Indexes every record of one JSON-lines feed; malformed lines are failures `FEED:LINE`.
    func indexFeed(_ path: String, report: (IndexEvent) -> Void) throws {
        let (doubled, overflow) = options.maxBytes.multipliedReportingOverflow(by: 2)
        let reader = FeedReader(path: path, maxLineBytes: overflow || doubled > Int.max - 4096 ? Int.max : doubled + 4096)
        while !stopRequested(), let item = reader.next() {
            switch item {
            case .failure(let failure):
                finish(path: failure.path, outcome: .failed(failure.reason), note: nil, report: report)
            case .success(let record):
                let label = "\(reader.name):\(record.line) \(record.id)"
                let outcome = try indexRecord(record)
                if case .failed(let reason) = outcome {
                    finish(path: "\(reader.name):\(record.line)", outcome: .failed(reason), note: nil, report: report)
                } else {
                    finish(path: label, outcome: outcome, note: nil, report: report)
                }
            }
            try commitIfDue(report: report)
        }
    }

    private func indexRecord(_ record: FeedRecord) throws -> FileOutcome {
        let uniqueTerm = DocumentBuilder.uniqueTerm(forFeedRecord: record.id)
        let signature = record.signature
        let old = known[uniqueTerm]
        if old?.signature == signature { return .unchanged }
        let bytes = record.text.utf8.count
        progress.bytes += bytes
        if bytes > options.maxBytes { return .failed("text is \(bytes) bytes, over the size limit of \(options.maxBytes)") }
        let text = TextDecoder.clean(record.text)
        if writer != nil {
            let stored = BulletinAnalyzer.analyze(text: text, id: record.id, path: nil, root: nil, feed: record.fields)
            if let reason = try write(stored, uniqueTerm: uniqueTerm, signature: signature, textBytes: bytes) { return .failed(reason) }
        } else {
            known[uniqueTerm] = KnownDocument(documentID: 0, signature: signature)
        }
        return old == nil ? .indexed : .updated
    }

    /// Removes the documents indexed from under `roots` (by their stored real path) whose
    /// files no longer exist. Documents from other roots and from feeds are never touched;
    /// neither are documents whose file still exists but could not be indexed this time.
    func prune(roots: [String], keeping seen: Set<String>, report: (IndexEvent) -> Void) throws {
        guard let reader, !roots.isEmpty else { return }
        let prefixes = roots.map { $0.hasSuffix("/") ? $0 : $0 + "/" }
        for (term, entry) in known.sorted(by: { $0.key < $1.key }) where !seen.contains(term) && entry.documentID != 0 {
            if stopRequested() { return }
            let document: Document
            if let shards {
                // The stub reader's ids differ from the shards' and it does not see this run's writes.
                guard let found = try shards.document(uniqueTerm: term) else { continue }
                document = found.document
            } else {
                document = try reader.document(entry.documentID)
            }
            let base = baseRoot ?? ""
            let stored = try StoredDocument.decode(StoredDocument.self, from: document, documentID: entry.documentID,
                                                   indexPath: options.indexPath, database: shards?.meta ?? reader, baseRoot: { base })
            guard let path = stored.path, prefixes.contains(where: { path.hasPrefix($0) }), Self.isGone(path) else { continue }
            if let shards { try shards.delete(uniqueTerm: term) } else if let writer { try writer.delete(uniqueTerm: term) }
            known[term] = nil
            summary.removed += 1
            changed(bytes: 0)
            report(.removed(id: stored.id, path: stored.path))
            try commitIfDue(report: report)
        }
    }

    /// True only when the path certainly does not exist (not for permission errors).
    static func isGone(_ path: String) -> Bool {
        var st = stat()
        if lstat(path, &st) == 0 { return false }
        return errno == ENOENT || errno == ENOTDIR
    }
}

/// A file's bytes and what `fstat` said while it was open.
struct FileContent {
    var bytes: [UInt8]
    var mtimeMillis: Int64

    /// Reads a regular file, refusing anything else (a FIFO would block) and anything over
    /// `maxBytes` (even if it grew since it was listed).
    static func read(_ path: String, maxBytes: Int) -> Result<FileContent, Rejection> {
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else {
            let code = errno
            var link = stat()
            if code == ENOENT, lstat(path, &link) == 0, (link.st_mode & S_IFMT) == S_IFLNK {
                return .failure(Rejection("broken symbolic link"))
            }
            return .failure(Rejection("cannot read: \(FileCollector.errnoReason(code))"))
        }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { return .failure(Rejection("cannot read: \(FileCollector.errnoReason(errno))")) }
        guard isRegular(st) else { return .failure(Rejection(notRegularReason(st))) }
        if Int(st.st_size) > maxBytes {
            return .failure(Rejection("file is \(st.st_size) bytes, over the size limit of \(maxBytes)"))
        }
        var bytes = [UInt8](repeating: 0, count: Int(st.st_size) + 1)
        var filled = 0
        while true {
            if filled == bytes.count {
                if bytes.count > maxBytes {
                    return .failure(Rejection("file is over the size limit of \(maxBytes) bytes"))
                }
                bytes.append(contentsOf: repeatElement(0, count: min(max(bytes.count, 4096), maxBytes + 1 - bytes.count)))
            }
            let count = bytes.withUnsafeMutableBytes { raw in
                Foundation.read(fd, raw.baseAddress! + filled, raw.count - filled)
            }
            if count < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                return .failure(Rejection("cannot read: \(FileCollector.errnoReason(errno))"))
            }
            if count == 0 { break }
            filled += count
        }
        bytes.removeLast(bytes.count - filled)
        return .success(FileContent(bytes: bytes, mtimeMillis: modificationMillis(st)))
    }

    /// What a path that is not a regular file is, for the message.
    static func notRegularReason(_ st: stat) -> String {
        switch st.st_mode & S_IFMT {
        case S_IFDIR: return "is a directory, not a file"
        case S_IFIFO: return "is a FIFO (named pipe), not a file"
        case S_IFSOCK: return "is a socket, not a file"
        case S_IFCHR, S_IFBLK: return "is a device, not a file"
        default: return "not a regular file"
        }
    }
}
