import Foundation
internal import Xapian

/// What the index keeps of a bulletin in the Xapian document data (JSON): everything a hit
/// shows, without going back to the file.
public struct StoredDocument: Codable, Sendable, Equatable {
    /// Unique id: the path relative to the indexed root, or the feed's id.
    public var id: String
    /// Absolute path of the file, or nil for feed input.
    public var path: String?
    /// Absolute path of the root the file was indexed under.
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
    /// these two fields skips the arrays of every candidate.
    struct TextOnly: Decodable {
        var id: String
        var text: String
    }

    /// Decodes a document's stored data; broken or missing data is the index's fault and
    /// says so (exit 3, naming the index and the document), never a raw decoding error.
    static func decode(_ document: Document, documentID: UInt32, indexPath: String) throws(BulletinError) -> StoredDocument {
        try decode(StoredDocument.self, from: document, documentID: documentID, indexPath: indexPath)
    }

    /// `decode`, for the whole record or a part of it (`TextOnly`): the one path from a
    /// Xapian document's data to its fields.
    static func decode<T: Decodable>(_ type: T.Type, from document: Document, documentID: UInt32, indexPath: String) throws(BulletinError) -> T {
        let data = try BulletinError.mapping(indexPath: indexPath) { try document.data() }
        // The indexer's own shape is read without Codable (see FlatJSON); anything else,
        // and any other type, goes through JSONDecoder.
        if T.self == StoredDocument.self || T.self == TextOnly.self, let fast = FlatJSON.storedDocument(data) {
            if let whole = fast as? T { return whole }
            if let part = TextOnly(id: fast.id, text: fast.text) as? T { return part }
        }
        do {
            return try JSONDecoder().decode(T.self, from: Data(data.utf8))
        } catch {
            let term = (try? document.terms(prefix: IndexSchema.uniqueIDPrefix).first?.term).flatMap { $0 }
            let name = term.map { "document \(documentID) (\(String($0.dropFirst(IndexSchema.uniqueIDPrefix.count)).oneLine))" } ?? "document \(documentID)"
            throw .indexCorrupt(path: indexPath, detail: "\(name) has \(data.isEmpty ? "no" : "unreadable") stored data; run `bulletin check` and re-index into a new directory")
        }
    }
}

/// A reader for the one JSON shape the indexer writes as document data: a flat object whose
/// values are strings, null or arrays of strings. A search decodes ten of these per page, and
/// Foundation's JSONDecoder (through Codable's keyed containers) was a fifth of an in-process
/// query. Anything else in the data (another shape, a missing required key, broken JSON)
/// returns nil, and the caller falls back to JSONDecoder, which decides and reports.
enum FlatJSON {
    static func storedDocument(_ json: String) -> StoredDocument? {
        var json = json
        return json.withUTF8 { bytes -> StoredDocument? in
            var reader = Reader(bytes: bytes)
            return reader.storedDocument()
        }
    }

    enum Value {
        case null
        case string(String)
        case strings([String])
    }

    struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        var i = 0

        init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

        mutating func storedDocument() -> StoredDocument? {
            var id: String?, path: String?, root: String?, url: String?, date: String?, dateSource: String?
            var source: String?, origin: String?, title: String?, venue: String?, text: String?
            var countries: [String]?, types: [String]?, persons: [String]?, organisations: [String]?, weapons: [String]?
            skipSpace()
            guard take(UInt8(ascii: "{")) else { return nil }
            skipSpace()
            if !take(UInt8(ascii: "}")) {
                while true {
                    skipSpace()
                    guard let key = string() else { return nil }
                    skipSpace()
                    guard take(UInt8(ascii: ":")) else { return nil }
                    skipSpace()
                    guard let value = value() else { return nil }
                    func optional() -> String?? {
                        switch value {
                        case .null: return .some(nil)
                        case .string(let s): return .some(s)
                        case .strings: return nil
                        }
                    }
                    func list() -> [String]? {
                        if case .strings(let l) = value { return l }
                        return nil
                    }
                    switch key {
                    case "id": guard case .string(let v) = value else { return nil }; id = v
                    case "date_source": guard case .string(let v) = value else { return nil }; dateSource = v
                    case "title": guard case .string(let v) = value else { return nil }; title = v
                    case "text": guard case .string(let v) = value else { return nil }; text = v
                    case "path": guard let v = optional() else { return nil }; path = v
                    case "root": guard let v = optional() else { return nil }; root = v
                    case "url": guard let v = optional() else { return nil }; url = v
                    case "date": guard let v = optional() else { return nil }; date = v
                    case "source": guard let v = optional() else { return nil }; source = v
                    case "origin": guard let v = optional() else { return nil }; origin = v
                    case "venue": guard let v = optional() else { return nil }; venue = v
                    case "countries": guard let v = list() else { return nil }; countries = v
                    case "types": guard let v = list() else { return nil }; types = v
                    case "persons": guard let v = list() else { return nil }; persons = v
                    case "organisations": guard let v = list() else { return nil }; organisations = v
                    case "weapons": guard let v = list() else { return nil }; weapons = v
                    default: break   // a key this version does not know, as JSONDecoder ignores it
                    }
                    skipSpace()
                    if take(UInt8(ascii: ",")) { continue }
                    guard take(UInt8(ascii: "}")) else { return nil }
                    break
                }
            }
            skipSpace()
            guard i == bytes.count, let id, let dateSource, let title, let text, let countries, let types,
                  let persons, let organisations, let weapons else { return nil }
            return StoredDocument(id: id, path: path, root: root, url: url, date: date, dateSource: dateSource,
                                  source: source, origin: origin, title: title, countries: countries, venue: venue,
                                  types: types, persons: persons, organisations: organisations, weapons: weapons,
                                  text: text)
        }

        mutating func value() -> Value? {
            guard i < bytes.count else { return nil }
            switch bytes[i] {
            case UInt8(ascii: "\""):
                return string().map(Value.string)
            case UInt8(ascii: "n"):
                guard i + 4 <= bytes.count, bytes[i + 1] == UInt8(ascii: "u"), bytes[i + 2] == UInt8(ascii: "l"),
                      bytes[i + 3] == UInt8(ascii: "l") else { return nil }
                i += 4
                return .null
            case UInt8(ascii: "["):
                i += 1
                var list: [String] = []
                skipSpace()
                if take(UInt8(ascii: "]")) { return .strings(list) }
                while true {
                    skipSpace()
                    guard let s = string() else { return nil }
                    list.append(s)
                    skipSpace()
                    if take(UInt8(ascii: ",")) { continue }
                    guard take(UInt8(ascii: "]")) else { return nil }
                    return .strings(list)
                }
            default:
                return nil
            }
        }

        /// A JSON string at `i`: unescaped bytes are copied in runs, escapes decoded
        /// (`\uXXXX` with surrogate pairs). Control characters and broken escapes are nil.
        mutating func string() -> String? {
            guard take(UInt8(ascii: "\"")) else { return nil }
            var start = i
            var out: [UInt8] = []
            var escaped = false
            while i < bytes.count {
                let b = bytes[i]
                if b == UInt8(ascii: "\"") {
                    let result: String
                    if escaped {
                        out.append(contentsOf: bytes[start..<i])
                        result = String(decoding: out, as: UTF8.self)
                    } else {
                        result = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
                    }
                    i += 1
                    return result
                }
                if b < 0x20 { return nil }
                if b != UInt8(ascii: "\\") { i += 1; continue }
                if !escaped { out.reserveCapacity(i - start + 64); escaped = true }
                out.append(contentsOf: bytes[start..<i])
                i += 1
                guard i < bytes.count else { return nil }
                let e = bytes[i]
                i += 1
                switch e {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"):
                    guard var code = hex4() else { return nil }
                    if (0xD800...0xDBFF).contains(code) {
                        guard i + 1 < bytes.count, bytes[i] == UInt8(ascii: "\\"), bytes[i + 1] == UInt8(ascii: "u") else { return nil }
                        i += 2
                        guard let low = hex4(), (0xDC00...0xDFFF).contains(low) else { return nil }
                        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                    } else if (0xDC00...0xDFFF).contains(code) {
                        return nil
                    }
                    guard let scalar = Unicode.Scalar(code) else { return nil }
                    out.append(contentsOf: String(scalar).utf8)
                default:
                    return nil
                }
                start = i
            }
            return nil
        }

        mutating func hex4() -> UInt32? {
            guard i + 4 <= bytes.count else { return nil }
            var value: UInt32 = 0
            for _ in 0..<4 {
                let b = bytes[i]
                let digit: UInt8
                switch b {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = b - UInt8(ascii: "0")
                case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = b - UInt8(ascii: "a") + 10
                case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = b - UInt8(ascii: "A") + 10
                default: return nil
                }
                value = value << 4 | UInt32(digit)
                i += 1
            }
            return value
        }

        mutating func skipSpace() {
            while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x09 { i += 1 }
        }

        mutating func take(_ byte: UInt8) -> Bool {
            guard i < bytes.count, bytes[i] == byte else { return false }
            i += 1
            return true
        }
    }
}
