import Foundation
internal import Xapian

/// What the index keeps of a bulletin: everything a hit shows, without going back to the file.
/// Stored in the Xapian document data (`StoredData`), except the date and facet fields the value
/// slots already hold.
public struct StoredDocument: Codable, Sendable, Equatable {
    /// Unique id: the path relative to the indexed root, or the feed's id.
    public var id: String
    /// Absolute path of the file, or nil for feed input.
    public var path: String?
    /// Absolute path of the root the file was indexed under. Index-time only: not stored
    /// (nil in a decoded document).
    public var root: String?
    public var url: String?
    /// Publication date `YYYY-MM-DD`.
    public var date: String?
    public var dateSource: String
    public var source: String?
    public var origin: String?
    public var title: String
    public var countries: [String]
    public var venue: String?
    public var types: [String]
    public var persons: [String]
    public var organisations: [String]
    public var weapons: [String]
    /// The normalised text the snippets are cut from (the body after the header).
    public var text: String

    // Index-time only (not stored): the text to index, with lookalike letters repaired, and
    // how often each country is named (the weight of its `XC` term).
    var indexText: String? = nil
    var countryMentionCounts: [String: Int] = [:]

    enum CodingKeys: String, CodingKey {
        case id, path, root, url, date, dateSource = "date_source", source, origin, title, countries, venue, types
        case persons, organisations, weapons, text
    }
}

extension StoredDocument {
    /// The part of the stored data a near-duplicate candidate is compared by: decoding only
    /// these two fields reads no value slot.
    struct TextOnly: StoredDataPart {
        var id: String
        var text: String

        static func read(_ bytes: [UInt8], from document: Document, baseRoot: () throws -> String) -> TextOnly? {
            StoredData.decodeIDAndText(bytes).map { TextOnly(id: $0.id, text: $0.text) }
        }
    }

    /// Decodes a document's stored data; broken or missing data is the index's fault and
    /// says so (exit 3, naming the index and the document), never a raw decoding error.
    /// `database` is the one the document came from: a file's path is its base root
    /// (`IndexSchema.baseRootKey`) + `/` + id.
    static func decode(_ document: Document, documentID: UInt32, in database: Database, indexPath: String) throws(BulletinError) -> StoredDocument {
        try decode(StoredDocument.self, from: document, documentID: documentID, indexPath: indexPath, database: database) {
            try database.metadata(IndexSchema.baseRootKey)
        }
    }

    /// `decode`, for the whole record or a part of it (`TextOnly`): the one path from a
    /// Xapian document's data (`StoredData`) to its fields.
    /// `database` (the document's) holds the dictionary of deflated data (`StoredDictionary`).
    static func decode<T: StoredDataPart>(_ type: T.Type, from document: Document, documentID: UInt32, indexPath: String,
                                          database: Database?, baseRoot: () throws -> String = { "" }) throws(BulletinError) -> T {
        let stored = try BulletinError.mapping(indexPath: indexPath) { try document.dataBytes() }
        let plain = try BulletinError.mapping(indexPath: indexPath) { try StoredDictionaries.shared.plain(stored, database: database, indexPath: indexPath) }
        let data = plain ?? []
        if let plain, let decoded = try BulletinError.mapping(indexPath: indexPath, { try T.read(plain, from: document, baseRoot: baseRoot) }) { return decoded }
        let term = (try? document.terms(prefix: IndexSchema.uniqueIDPrefix).first?.term).flatMap { $0 }
        let name = term.map { "document \(documentID) (\(String($0.dropFirst(IndexSchema.uniqueIDPrefix.count)).oneLine))" } ?? "document \(documentID)"
        let what = stored.isEmpty ? "no stored data"
            : plain == nil ? "deflated stored data that cannot be expanded (damaged, or its dictionary is missing from the index)"
            : data.first == UInt8(ascii: "{") ? "stored data of schema 5 or older (JSON)" : "unreadable stored data"
        throw .indexCorrupt(path: indexPath, detail: "\(name) has \(what); run `bulletin check` and re-index into a new directory")
    }
}

/// What `StoredDocument.decode` can read from a document's data: the whole record or a part.
protocol StoredDataPart {
    /// The part `bytes` (the document's data) hold, or nil when they are not stored data.
    static func read(_ bytes: [UInt8], from document: Document, baseRoot: () throws -> String) throws -> Self?
}

extension StoredDocument: StoredDataPart {
    static func read(_ bytes: [UInt8], from document: Document, baseRoot: () throws -> String) throws -> StoredDocument? {
        try StoredData.decode(bytes, baseRoot: baseRoot) { try document.value(slot: $0) }
    }
}
