import Foundation
internal import Xapian

// Batches, the known-document table and writing one document.

extension Indexer {
    // MARK: - Batches

    func stopRequested() -> Bool { options.stop?.isRequested ?? false }

    func finish(path: String, outcome: FileOutcome, note: String?, report: (IndexEvent) -> Void) {
        switch outcome {
        case .indexed: summary.indexed += 1
        case .updated: summary.updated += 1
        case .unchanged: summary.unchanged += 1
        case .failed(let reason): summary.failures.append(FileFailure(path: path, reason: reason))
        }
        progress.done += 1
        report(.file(path: path, outcome: outcome, note: note, progress: progress))
    }

    /// Counts a change towards the batch.
    func changed(bytes: Int) {
        pendingDocuments += 1
        pendingBytes += bytes
    }

    func commitIfDue(report: (IndexEvent) -> Void) throws {
        guard let writer, pendingDocuments >= options.commitEvery || pendingBytes >= options.commitBytes else { return }
        if let shards {
            try shards.commit()
        } else {
            try builder?.prepareCommit()
            try writer.commit()
            try builder?.committed()
        }
        committedDocuments = progress.documents
        pendingDocuments = 0
        pendingBytes = 0
        report(.committed(documents: progress.documents))
    }

    /// Every document's unique term, id and signature: the incremental check is then a
    /// dictionary lookup per file.
    func loadKnownDocuments() throws {
        known = [:]
        guard let reader else { return }
        let terms = try reader.allTerms(prefix: IndexSchema.uniqueIDPrefix)
        let count = try reader.documentCount()
        if terms.count != count {
            throw BulletinError.indexCorrupt(path: options.indexPath, detail: "\(count) documents but \(terms.count) unique ids; run `bulletin check`, and re-index into a new directory")
        }
        known.reserveCapacity(terms.count)
        for (term, _) in terms {
            guard let id = try reader.documentID(withTerm: term) else { continue }
            let signature = try reader.document(id).value(slot: IndexSchema.signatureSlot)
            known[term] = KnownDocument(documentID: id, signature: signature)
        }
    }

    // MARK: - Writing one document

    /// Builds and stores `stored`; errors caused by the document itself (a term Xapian
    /// refuses, …) are returned as the reason, errors of the index are thrown.
    /// `prepared` is the document's index-independent part when a worker made it already.
    func write(_ stored: StoredDocument, prepared: Result<PreparedDocument, any Error>? = nil, uniqueTerm: String, signature: String, textBytes: Int) throws -> String? {
        if let shards { return try writeShard(shards, stored, prepared: prepared, uniqueTerm: uniqueTerm, signature: signature, textBytes: textBytes) }
        guard let writer, let builder else { return nil }   // dry run
        var document: Document?
        do {
            document = try prepared.map { try builder.finish(try $0.get(), for: stored, signature: signature) } ?? builder.build(stored, signature: signature)
        } catch let error as XapianError {
            if Self.isIndexError(error) { throw error }
            return "cannot index: \(error.message.oneLine)"
        } catch is EncodingError {
            return "cannot index: the document cannot be stored"
        }
        guard let document else { return nil }
        var id: UInt32 = 0
        do {
            // `known` holds every unique id of the index and of this run: an id not in it is
            // new, and add_document skips replace_document's look-up of its postlist.
            // A known id is replaced by its document id: a look-up by term would make Xapian
            // flush the batch it buffers (docs/indexing.md).
            if let old = known[uniqueTerm], old.documentID != 0 {
                try writer.replace(documentID: old.documentID, with: document)
                id = old.documentID
            } else {
                id = try writer.add(document)
            }
        } catch {
            if Self.isIndexError(error) { throw error }
            return "cannot index: \(error.message.oneLine)"
        }
        builder.written(documentID: id)
        known[uniqueTerm] = KnownDocument(documentID: id, signature: signature)
        changed(bytes: textBytes)
        progress.documents += 1
        return nil
    }

    /// `write` for year shards.
    private func writeShard(_ shards: YearShards, _ stored: StoredDocument, prepared: Result<PreparedDocument, any Error>?, uniqueTerm: String, signature: String, textBytes: Int) throws -> String? {
        var id: UInt32 = 0
        do {
            id = try shards.replace(stored, prepared: try prepared?.get(), uniqueTerm: uniqueTerm, signature: signature)
        } catch let error as XapianError {
            if Self.isIndexError(error) { throw error }
            return "cannot index: \(error.message.oneLine)"
        } catch is EncodingError {
            return "cannot index: the document cannot be stored"
        }
        // Shard-local: never used to read through `reader` (see `prune`).
        known[uniqueTerm] = KnownDocument(documentID: id, signature: signature)
        changed(bytes: textBytes)
        progress.documents += 1
        return nil
    }

    /// Errors that concern the index (or the machine), not one document: they end the run.
    static func isIndexError(_ error: XapianError) -> Bool {
        switch error.kind {
        case .invalidArgument, .range, .serialisation: return false
        default: return true
        }
    }
}
