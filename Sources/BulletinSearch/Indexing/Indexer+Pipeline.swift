import Foundation
internal import Xapian

// Files: read, hash, decode, analyse and prepare in worker threads; write in file order on
// the writer's thread (the one that holds the WritableDatabase). See docs/indexing.md.

/// What a worker made of one file, handed to the writer in file order.
enum PreparedFile: @unchecked Sendable {
    // @unchecked: the PreparedDocument's Xapian Document moves from the worker that built it
    // to the writer and is then used by the writer only.

    /// Size and mtime match the index: not read.
    case unchanged
    /// Rejected; `bytes` were read before the rejection.
    case failed(reason: String, note: String?, bytes: Int)
    /// The bytes hash as indexed: only the signature (new size or mtime) is rewritten.
    case touched(signature: String, bytes: Int)
    /// A new or changed document; `stored` and `prepared` are nil in a dry run.
    case document(StoredDocument?, prepared: Result<PreparedDocument, any Error>?, signature: String, bytes: Int, note: String?)
}

extension Indexer {
    /// Steps of one file that need no index: `stat` check, read, hash, decode, analyse and
    /// the index-independent part of the document (`preparer`; nil in a dry run). Reads only
    /// its arguments: safe on any thread with a `preparer` of its own.
    static func prepareFile(_ file: SourceFile, old: KnownDocument?, options: IndexOptions, preparer: DocumentPreparer?, position: Int) -> PreparedFile {
        let prepared = prepareSteps(file, old: old, options: options, preparer: preparer, position: position)
        if case .document(_, prepared: .success?, _, _, _) = prepared {} else { preparer?.compression?.skip(position: position) }
        return prepared
    }

    private static func prepareSteps(_ file: SourceFile, old: KnownDocument?, options: IndexOptions, preparer: DocumentPreparer?, position: Int) -> PreparedFile {
        if let old, !options.checkContent, old.signature.hasPrefix(file.statSignature + ":") { return .unchanged }
        if file.size > options.maxBytes { return .failed(reason: tooLarge(file.size, options: options), note: nil, bytes: 0) }

        let content: FileContent
        switch FileContent.read(file.path, maxBytes: options.maxBytes) {
        case .success(let read): content = read
        case .failure(let rejection): return .failed(reason: rejection.reason, note: nil, bytes: 0)
        }
        let bytes = content.bytes.count
        let hash = FNV1a.hex(content.bytes)
        let signature = "\(bytes):\(content.mtimeMillis):\(hash)"
        if let old, old.signature.hasSuffix(":" + hash) { return .touched(signature: signature, bytes: bytes) }
        let decoded: TextDecoder.Decoded
        switch TextDecoder.decodeDetectingEncoding(content.bytes) {
        case .success(let value): decoded = value
        case .failure(let rejection): return .failed(reason: rejection.reason, note: nil, bytes: bytes)
        }
        let note = decoded.encoding == .utf8 ? nil : decoded.encoding.rawValue
        guard let preparer else { return .document(nil, prepared: nil, signature: signature, bytes: bytes, note: note) }
        let stored = BulletinAnalyzer.analyze(text: decoded.text, id: file.id, path: file.path, root: file.root)
        let prepared = Result<PreparedDocument, any Error>(catching: { try preparer.prepare(stored, position: position) })
        return .document(stored, prepared: prepared, signature: signature, bytes: bytes, note: note)
    }

    /// The writer's part of one file, in file order: returns what happened and a note (the
    /// encoding when not UTF-8).
    func writePrepared(_ file: SourceFile, _ prepared: PreparedFile) throws -> (FileOutcome, String?) {
        let uniqueTerm = DocumentBuilder.uniqueTerm(for: file.id)
        let old = known[uniqueTerm]
        switch prepared {
        case .unchanged:
            return (.unchanged, nil)
        case .failed(let reason, let note, let bytes):
            progress.bytes += bytes
            return (.failed(reason), note)
        case .touched(let signature, let bytes):
            progress.bytes += bytes
            // Touched but not changed: remember the new size/mtime so the next run needs no hash.
            if let old, old.signature != signature {
                if let shards {
                    try shards.refreshSignature(uniqueTerm: uniqueTerm, signature: signature)
                } else if let writer {
                    let document = try writer.document(old.documentID)
                    try document.setValue(signature, slot: IndexSchema.signatureSlot)
                    try writer.replace(uniqueTerm: uniqueTerm, with: document)
                } else {
                    return (.unchanged, nil)
                }
                known[uniqueTerm]?.signature = signature
                changed(bytes: 0)
            }
            return (.unchanged, nil)
        case .document(let stored, let document, let signature, let bytes, let note):
            progress.bytes += bytes
            if writer != nil, let stored, let document {
                if let reason = try write(stored, prepared: document, uniqueTerm: uniqueTerm, signature: signature, textBytes: bytes) {
                    return (.failed(reason), note)
                }
            }
            return (old == nil ? .indexed : .updated, note)
        }
    }

    /// Indexes `files` in order: with `options.jobs` > 1, workers prepare files ahead of the
    /// writer; otherwise each file is prepared and written on this thread.
    func indexFiles(_ files: [SourceFile], report: (IndexEvent) -> Void) throws {
        let jobs = min(max(options.jobs, 1), max(files.count, 1))
        let preparing = writer != nil
        if jobs == 1 || files.count < 2 {
            let preparer = preparing ? try DocumentPreparer(pipeline: try TextPipeline()) : nil
            preparer?.compression = compression
            for (position, file) in files.enumerated() {
                if stopRequested() { break }
                let old = known[DocumentBuilder.uniqueTerm(for: file.id)]
                let prepared = Self.prepareFile(file, old: old, options: options, preparer: preparer, position: position)
                let (outcome, note) = try writePrepared(file, prepared)
                finish(path: file.path, outcome: outcome, note: note, report: report)
                try commitIfDue(report: report)
            }
            return
        }
        // What each file's id was indexed with when the run started: a file's own entry is
        // all its preparation reads, and no other file of this run changes it.
        let olds = files.map { known[DocumentBuilder.uniqueTerm(for: $0.id)] }
        let queue = PreparationQueue(count: files.count, window: jobs * 32)
        let options = self.options
        let preparers = try (0..<jobs).map { _ in
            preparing ? UncheckedBox(try DocumentPreparer(pipeline: try TextPipeline())) : nil
        }
        for preparer in preparers { preparer?.value.compression = compression }
        for preparer in preparers {
            queue.start {
                // Each worker owns its preparer (TermGenerator, stemmer, lexicon matcher).
                while let index = queue.take() {
                    queue.put(index, Self.prepareFile(files[index], old: olds[index], options: options, preparer: preparer?.value, position: index))
                }
            }
        }
        var completed = false
        defer {
            // Workers waiting for the dictionary go on when the run stops (or fails) before
            // every sample position was reached; a completed run reached them all.
            if !completed { compression?.finishSampling() }
            queue.finish()
        }
        for (index, file) in files.enumerated() {
            if stopRequested() { break }
            let (outcome, note) = try writePrepared(file, queue.result(index))
            finish(path: file.path, outcome: outcome, note: note, report: report)
            try commitIfDue(report: report)
        }
        completed = !stopRequested()
    }
}

/// Moves a value that is not Sendable to the one thread that will use it.
struct UncheckedBox<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}

/// Hands out file indexes to worker threads, at most `window` ahead of the writer, and
/// gives their results to the writer in index order.
final class PreparationQueue: @unchecked Sendable {
    // @unchecked: every field is read and written under `condition`.
    private let condition = NSCondition()
    private var results: [PreparedFile?]
    private let window: Int
    private var next = 0
    /// Results handed to the writer so far.
    private var consumed = 0
    private var cancelled = false
    private var running = 0

    init(count: Int, window: Int) {
        results = Array(repeating: nil, count: count)
        self.window = max(window, 1)
    }

    /// How much lower than the writer's the workers' scheduling priority is (nice values).
    /// The writer sets the pace (Xapian's `add_document` and commits, in file order) while the
    /// workers run ahead up to the window: at equal priority the kernel shared the two cores
    /// among the three threads, and the writer, preempted, waited for a core for about a fifth
    /// of the run. Niced, the workers take what the writer leaves (docs/indexing.md, "Threads").
    static let workerNiceness: Int32 = 5

    /// Runs `work` on a new thread, at a lower scheduling priority (`workerNiceness`).
    func start(_ work: @escaping @Sendable () -> Void) {
        condition.lock()
        running += 1
        condition.unlock()
        let thread = Thread { [self] in
            Self.lowerThisThreadsPriority(by: Self.workerNiceness)
            work()
            condition.lock()
            running -= 1
            condition.broadcast()
            condition.unlock()
        }
        thread.stackSize = 8 << 20
        thread.start()
    }

    /// The next file index to prepare, or nil when there is none (or the run ended).
    func take() -> Int? {
        condition.lock()
        defer { condition.unlock() }
        while !cancelled && next < results.count && next >= consumed + window { condition.wait() }
        guard !cancelled, next < results.count else { return nil }
        next += 1
        return next - 1
    }

    func put(_ index: Int, _ result: PreparedFile) {
        condition.lock()
        results[index] = result
        condition.broadcast()
        condition.unlock()
    }

    /// The result for `index`, waiting for it (indexes are asked for in order).
    func result(_ index: Int) -> PreparedFile {
        condition.lock()
        defer { condition.unlock() }
        while results[index] == nil { condition.wait() }
        let result = results[index]!
        results[index] = nil
        consumed = index + 1
        condition.broadcast()
        return result
    }

    /// Raises the calling thread's nice value by `amount` (Linux keeps one per thread;
    /// `setpriority(PRIO_PROCESS, 0)` names the calling thread). An unprivileged thread may
    /// always lower its own priority; on failure the thread simply keeps its priority.
    static func lowerThisThreadsPriority(by amount: Int32) {
        #if os(Linux)
        errno = 0
        let current = getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0)
        if current == -1 && errno != 0 { return }
        _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, min(current + amount, 19))
        #endif
    }

    /// Stops handing out work and waits until every worker has returned.
    func finish() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        while running > 0 { condition.wait() }
        condition.unlock()
    }
}
