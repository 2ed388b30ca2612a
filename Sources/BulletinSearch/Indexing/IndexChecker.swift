import Foundation
internal import Xapian

/// `bulletin check`: Xapian's own consistency check of every table, then the bulletin
/// layer's invariants: each document has exactly one unique `Q` term, no unique term names
/// two documents, the stored data decodes and names that same id, the signature slot is set,
/// the schema version is one this build reads, and every table the schema uses is there.
public enum IndexChecker {
    public struct Report: Sendable, Equatable {
        public var documents: Int
        public var schemaVersion: String
        /// Every document's id, in unique-term order (filled when asked for).
        public var ids: [String]

        /// `index DIR ok: N documents (schema 1, Xapian 1.4.22)`
        public func line(indexPath: String) -> String {
            "index \(indexPath) ok: \(documents) documents (schema \(schemaVersion.isEmpty ? "unset" : schemaVersion), Xapian \(xapianVersion))"
        }
    }

    /// Checks the index at `indexPath`; any problem is `.indexCorrupt` (or `.indexMissing`,
    /// `.notAnIndex`, `.indexAccess`). Read-only throughout (it works on a read-only index),
    /// and it refuses (`.indexLocked`) while a writer holds the lock rather than read files
    /// an indexing run is changing.
    public static func check(indexPath: String, listIDs: Bool = false) throws(BulletinError) -> Report {
        try IndexDirectory.checkReadable(indexPath)
        if IndexDirectory.isWriteLocked(indexPath) { throw .indexLocked(path: indexPath) }
        try IndexDirectory.requirePostlist(indexPath)
        return try BulletinError.mapping(indexPath: indexPath) {
            let database = try Database(path: indexPath)
            try IndexDirectory.verifyOpened(database, path: indexPath)
            let (errors, report) = try xapianCheck(indexPath, database)
            if errors > 0 {
                let detail = report.split(whereSeparator: \.isNewline).filter { !$0.isEmpty }.suffix(3).joined(separator: "; ")
                throw BulletinError.indexCorrupt(path: indexPath, detail: "Xapian's check found \(errors) error\(errors == 1 ? "" : "s")\(detail.isEmpty ? "" : ": \(detail)")")
            }
            return try checkDocuments(database, indexPath: indexPath, listIDs: listIDs)
        }
    }

    /// Xapian's check of the whole database (of each local shard of a sharded index). It
    /// opens the tables for writing, so where it may not (a read-only mount, an index owned by
    /// another user) the index is verified by reading every entry of every table instead
    /// (`readEverything`), which only reads.
    static func xapianCheck(_ path: String, _ database: Database) throws -> (errors: Int, report: String) {
        let layout = try IndexLayout.at(path)
        if layout.kind != .single {
            var total = 0
            var reports: [String] = []
            for shard in layout.localDatabases {
                let (errors, report) = try xapianCheck(shard, try Database(path: shard))
                total += errors
                if errors > 0 { reports.append("\(shard): \(report)") }
            }
            return (total, reports.joined(separator: "\n"))
        }
        do {
            return try Database.check(path: path)
        } catch {
            guard let cause = SystemCause(message: error.message), cause == .readOnly || cause == .permissionDenied else { throw error }
            return try database.readEverything()
        }
    }

    private static func checkDocuments(_ database: Database, indexPath: String, listIDs: Bool) throws -> Report {
        func corrupt(_ detail: String) -> BulletinError { .indexCorrupt(path: indexPath, detail: detail) }
        let version = try database.metadata(IndexSchema.versionKey)
        if version.isEmpty, try database.documentCount() > 0 { throw corrupt("schema version unset although the index has documents") }
        let count = try database.documentCount()
        let terms = try database.allTerms(prefix: IndexSchema.uniqueIDPrefix)
        var ids: [String] = []
        var seen = Set<UInt32>()
        for (term, frequency) in terms {
            if frequency != 1 { throw corrupt("unique term \(term) indexes \(frequency) documents") }
            guard let id = try database.documentID(withTerm: term) else { throw corrupt("unique term \(term) has no document") }
            guard seen.insert(id).inserted else { throw corrupt("document \(id) has two unique terms") }
            let document = try database.document(id)
            if try document.terms(prefix: IndexSchema.uniqueIDPrefix).count != 1 {
                throw corrupt("document \(id) has more than one unique term")
            }
            let stored = try StoredDocument.decode(document, documentID: id, in: database, indexPath: indexPath)
            if DocumentBuilder.uniqueTerm(of: stored) != term {
                throw corrupt("document \(id) stores id \(stored.id) but is indexed as \(term)")
            }
            let signature = try document.value(slot: IndexSchema.signatureSlot)
            if signature.split(separator: ":", omittingEmptySubsequences: false).count != 3 {
                throw corrupt("document \(id) (\(stored.id)) has no valid signature")
            }
            if listIDs { ids.append(stored.id) }
        }
        if terms.count != count {
            throw corrupt("\(count) documents but \(terms.count) unique ids (documents without an id)")
        }
        return Report(documents: count, schemaVersion: version, ids: ids)
    }
}
