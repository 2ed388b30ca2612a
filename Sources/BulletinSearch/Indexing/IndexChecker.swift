import Foundation
import Xapian

/// `bulletin check`: Xapian's own consistency check of every table, then the bulletin
/// layer's invariants: each document has exactly one unique `Q` term, no unique term names
/// two documents, the stored data decodes and names that same id, the signature slot is set,
/// and the schema version is one this build reads.
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

    /// Checks the index at `indexPath`; any problem is `.indexCorrupt` (or `.indexMissing`).
    public static func check(indexPath: String, listIDs: Bool = false) throws(BulletinError) -> Report {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: indexPath, isDirectory: &isDirectory) else {
            throw .indexMissing(path: indexPath)
        }
        guard isDirectory.boolValue else {
            throw .indexCorrupt(path: indexPath, detail: "not a directory")
        }
        do {
            let database = try Database(path: indexPath)
            let (errors, report) = try Database.check(path: indexPath)
            if errors > 0 {
                let detail = report.split(whereSeparator: \.isNewline).filter { !$0.isEmpty }.suffix(3).joined(separator: "; ")
                throw BulletinError.indexCorrupt(path: indexPath, detail: "Xapian's check found \(errors) error\(errors == 1 ? "" : "s")\(detail.isEmpty ? "" : ": \(detail)")")
            }
            return try checkDocuments(database, indexPath: indexPath, listIDs: listIDs)
        } catch let error as BulletinError {
            throw error
        } catch let error as XapianError {
            if error.kind == .databaseNotFound { throw .indexMissing(path: indexPath) }
            if error.kind == .databaseLock { throw .indexLocked(path: indexPath) }
            throw .indexCorrupt(path: indexPath, detail: "\(error.kind): \(error.message.oneLine)")
        } catch {
            throw .indexCorrupt(path: indexPath, detail: "\(error)")
        }
    }

    private static func checkDocuments(_ database: Database, indexPath: String, listIDs: Bool) throws -> Report {
        func corrupt(_ detail: String) -> BulletinError { .indexCorrupt(path: indexPath, detail: detail) }
        let version = try database.metadata(IndexSchema.versionKey)
        if !version.isEmpty, version != IndexSchema.version {
            throw corrupt("schema version \(version), this bulletin reads \(IndexSchema.version)")
        }
        let count = try database.documentCount()
        let terms = try database.allTerms(prefix: IndexSchema.uniqueIDPrefix)
        let decoder = JSONDecoder()
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
            let stored: StoredDocument
            do { stored = try decoder.decode(StoredDocument.self, from: Data(try document.data().utf8)) } catch {
                throw corrupt("document \(id) (\(term)) has unreadable stored data")
            }
            if DocumentBuilder.uniqueTerm(for: stored.id) != term {
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
