/// The bytes a document's Xapian data holds (schema 6): what `StoredDocument.decode` reads back.
///
/// ```
/// 0x06                       format byte (schema 5 and older wrote JSON, which starts with `{`)
/// flags                      varint, `Flag` bits: which optional fields follow
/// id                         string
/// path                       for a file (`Flag.file`; a feed record has none): 4 bytes, the
///                            low 32 bits of the FNV-1a hash of its base root, when the path
///                            is base root + `/` + id (`Flag.derivedPath`); else a string
/// url, origin                strings, when present
/// date_source                one byte: 1... a `commonDateSources` entry, 0 then a string
/// title                      string
/// organisations              varint count, then strings
/// date, source, venue        strings, only where the value slots cannot give them back
/// countries, types, persons, weapons   varint count + strings, likewise
/// text                       everything after the last field (no length)
/// ```
///
/// A string is its `CompactText` length as a varint, then its `CompactText` bytes. The date,
/// the facet fields (countries, types, source, persons, weapons, venue) are read from the
/// value slots the indexer writes anyway (slot 0, `IndexSchema.facetSlots`) whenever those
/// give back exactly what was stored (`encode` checks, per field), and are stored here only
/// when they would not (a value with a line break, one too long for a term, a repeated one).
/// Xapian compresses the whole with zlib; `CompactText` halves the Cyrillic before it does.
enum StoredData {
    static let format: UInt8 = 0x06

    struct Flag: OptionSet {
        let rawValue: UInt64
        static let file = Flag(rawValue: 1 << 0)
        static let url = Flag(rawValue: 1 << 1)
        static let origin = Flag(rawValue: 1 << 2)
        static let date = Flag(rawValue: 1 << 3)
        static let source = Flag(rawValue: 1 << 4)
        static let venue = Flag(rawValue: 1 << 5)
        static let countries = Flag(rawValue: 1 << 6)
        static let types = Flag(rawValue: 1 << 7)
        static let persons = Flag(rawValue: 1 << 8)
        static let weapons = Flag(rawValue: 1 << 9)
        /// The path is the index's base root + `/` + id (only the root's hash is stored).
        static let derivedPath = Flag(rawValue: 1 << 10)
        /// Every bit this version writes: data with another bit set is not ours.
        static let known = Flag(rawValue: (1 << 11) - 1)
    }

    /// `date_source` values stored as one byte (their index + 1). Append only: the bytes are
    /// part of the schema.
    static let commonDateSources = ["none", "header", "feed", "dateline+text", "dateline+path"]

    /// The value slots `decode` may read: the date and the facet slots.
    static var slotsRead: [UInt32] { [IndexSchema.dateSlot] + IndexSchema.facetSlots }

    // MARK: Fields kept in value slots

    /// What the value slots give back of a document's stored fields.
    struct SlotFields: Equatable {
        var date: String?
        var source: String?
        var venue: String?
        var countries: [String] = []
        var types: [String] = []
        var persons: [String] = []
        var weapons: [String] = []

        /// Reads the fields from the slot values `value(slot)` returns ("" for an unset slot).
        init(value: (UInt32) throws -> String) rethrows {
            let compact = try value(IndexSchema.dateSlot)
            date = Self.date(fromCompact: compact)
            for slot in IndexSchema.facetSlots {
                let packed = try value(slot)
                guard !packed.isEmpty else { continue }
                for part in packed.utf8.split(separator: IndexSchema.facetSeparator, omittingEmptySubsequences: true) {
                    guard let tag = part.first else { continue }
                    let text = String(decoding: part.dropFirst(), as: UTF8.self)
                    switch tag {
                    case Tag.country: countries.append(text)
                    case Tag.type: types.append(text)
                    case Tag.person: persons.append(text)
                    case Tag.weapon: weapons.append(text)
                    case Tag.source: if source == nil { source = text }
                    case Tag.venue: if venue == nil { venue = text }
                    default: break
                    }
                }
            }
        }

        /// `20240105` → `2024-01-05`; nil for anything else.
        static func date(fromCompact compact: String) -> String? {
            let digits = Array(compact.utf8)
            guard digits.count == 8, digits.allSatisfy({ (0x30...0x39).contains($0) }) else { return nil }
            return String(decoding: digits[0..<4], as: UTF8.self) + "-" + String(decoding: digits[4..<6], as: UTF8.self)
                + "-" + String(decoding: digits[6..<8], as: UTF8.self)
        }
    }

    /// The tag bytes of the facets whose values are stored fields (`IndexSchema.facets`).
    enum Tag {
        static let country = tag("country")
        static let type = tag("type")
        static let source = tag("source")
        static let person = tag("person")
        static let weapon = tag("weapon")
        static let venue = tag("venue")

        private static func tag(_ name: String) -> UInt8 {
            guard let facet = IndexSchema.facets.first(where: { $0.name == name }) else { preconditionFailure("no facet \(name)") }
            return facet.tag
        }
    }

    // MARK: Encoding

    /// The data for `stored`, whose value slots hold `slotValues` (the slot → value pairs the
    /// document is given: the date slot and `IndexSchema.facetSlotValues`).
    static func encode(_ stored: StoredDocument, slotValues: [UInt32: String]) -> [UInt8] {
        let fromSlots = SlotFields { slotValues[$0] ?? "" }
        var flags: Flag = []
        if stored.path != nil { flags.insert(.file) }
        // A file inside the base root: its id is its path relative to that root, so the path
        // is the root + "/" + id (real paths hold no "..", so an id with "../" never matches).
        var rootHash: UInt32?
        if let path = stored.path, !stored.id.isEmpty, path.hasSuffix("/" + stored.id) {
            let root = String(path.utf8.dropLast(stored.id.utf8.count + 1))
            if let root, !root.isEmpty, root + "/" + stored.id == path {
                rootHash = hash(root)
                flags.insert(.derivedPath)
            }
        }
        if stored.url != nil { flags.insert(.url) }
        if stored.origin != nil { flags.insert(.origin) }
        if stored.date != fromSlots.date { flags.insert(.date) }
        if stored.source != fromSlots.source { flags.insert(.source) }
        if stored.venue != fromSlots.venue { flags.insert(.venue) }
        if stored.countries != fromSlots.countries { flags.insert(.countries) }
        if stored.types != fromSlots.types { flags.insert(.types) }
        if stored.persons != fromSlots.persons { flags.insert(.persons) }
        if stored.weapons != fromSlots.weapons { flags.insert(.weapons) }

        var out: [UInt8] = []
        out.reserveCapacity(stored.text.utf8.count + 256)
        out.append(format)
        appendVarint(flags.rawValue, to: &out)
        appendString(stored.id, to: &out)
        if let rootHash {
            for k in 0..<4 { out.append(UInt8(truncatingIfNeeded: rootHash >> (8 * UInt32(k)))) }
        } else if let path = stored.path {
            appendString(path, to: &out)
        }
        if let url = stored.url { appendString(url, to: &out) }
        if let origin = stored.origin { appendString(origin, to: &out) }
        if let index = commonDateSources.firstIndex(of: stored.dateSource) {
            out.append(UInt8(index + 1))
        } else {
            out.append(0)
            appendString(stored.dateSource, to: &out)
        }
        appendString(stored.title, to: &out)
        appendList(stored.organisations, to: &out)
        // An explicit date, source or venue is never nil: nil is what the slots give back
        // when they hold none, so a nil that differs from them cannot happen.
        if flags.contains(.date), let date = stored.date { appendString(date, to: &out) }
        if flags.contains(.source), let source = stored.source { appendString(source, to: &out) }
        if flags.contains(.venue), let venue = stored.venue { appendString(venue, to: &out) }
        if flags.contains(.countries) { appendList(stored.countries, to: &out) }
        if flags.contains(.types) { appendList(stored.types, to: &out) }
        if flags.contains(.persons) { appendList(stored.persons, to: &out) }
        if flags.contains(.weapons) { appendList(stored.weapons, to: &out) }
        CompactText.append(stored.text, to: &out)
        return out
    }

    /// The base root's hash a derived path is stored as.
    static func hash(_ root: String) -> UInt32 { UInt32(truncatingIfNeeded: FNV1a.hash(root.utf8)) }

    static func appendVarint(_ value: UInt64, to out: inout [UInt8]) {
        var v = value
        while v >= 0x80 {
            out.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        out.append(UInt8(v))
    }

    static func appendString(_ string: String, to out: inout [UInt8]) {
        var encoded: [UInt8] = []
        CompactText.append(string, to: &encoded)
        appendVarint(UInt64(encoded.count), to: &out)
        out.append(contentsOf: encoded)
    }

    static func appendList(_ list: [String], to out: inout [UInt8]) {
        appendVarint(UInt64(list.count), to: &out)
        for item in list { appendString(item, to: &out) }
    }

    // MARK: Decoding

    /// Reads data written by `encode`; `value(slot)` gives the document's value slots (read
    /// only for fields the data does not hold), `baseRoot()` the index's base root
    /// (`IndexSchema.baseRootKey`, read only for a derived path). Nil when the bytes are not
    /// such data (another format, truncated, a bit or length that does not fit).
    ///
    /// A derived path whose root hash is not the base root's (a remote shard indexed under
    /// another root and searched through a stub) is nil rather than a made-up path.
    static func decode(_ bytes: [UInt8], baseRoot: () throws -> String, value: (UInt32) throws -> String) rethrows -> StoredDocument? {
        guard let header = bytes.withUnsafeBufferPointer({ buffer -> Header? in
            var reader = Reader(bytes: buffer)
            return reader.header()
        }) else { return nil }
        var stored = header.document
        if let rootHash = header.rootHash {
            let root = try baseRoot()
            stored.path = !root.isEmpty && hash(root) == rootHash ? root + "/" + stored.id : nil
        }
        let needsSlots: Flag = [.date, .source, .venue, .countries, .types, .persons, .weapons]
        if !header.flags.isSuperset(of: needsSlots) {
            let fromSlots = try SlotFields(value: value)
            if !header.flags.contains(.date) { stored.date = fromSlots.date }
            if !header.flags.contains(.source) { stored.source = fromSlots.source }
            if !header.flags.contains(.venue) { stored.venue = fromSlots.venue }
            if !header.flags.contains(.countries) { stored.countries = fromSlots.countries }
            if !header.flags.contains(.types) { stored.types = fromSlots.types }
            if !header.flags.contains(.persons) { stored.persons = fromSlots.persons }
            if !header.flags.contains(.weapons) { stored.weapons = fromSlots.weapons }
        }
        return stored
    }

    /// The id and text alone (no value slot read).
    static func decodeIDAndText(_ bytes: [UInt8]) -> (id: String, text: String)? {
        bytes.withUnsafeBufferPointer { buffer -> (id: String, text: String)? in
            var reader = Reader(bytes: buffer)
            return reader.header().map { ($0.document.id, $0.document.text) }
        }
    }

    struct Header {
        var flags: Flag
        /// The stored hash of a derived path's root.
        var rootHash: UInt32?
        /// The stored fields; those the flags leave to the value slots are empty.
        var document: StoredDocument
    }

    struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        var i = 0

        init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

        mutating func header() -> Header? {
            guard i < bytes.count, bytes[i] == StoredData.format else { return nil }
            i += 1
            guard let raw = varint() else { return nil }
            let flags = Flag(rawValue: raw)
            guard Flag.known.isSuperset(of: flags) else { return nil }
            guard let id = string() else { return nil }
            var path: String?, url: String?, origin: String?
            var rootHash: UInt32?
            if flags.contains(.derivedPath) {
                guard flags.contains(.file), i + 4 <= bytes.count else { return nil }
                rootHash = (0..<4).reduce(UInt32(0)) { $0 | UInt32(bytes[i + $1]) << (8 * UInt32($1)) }
                i += 4
            } else if flags.contains(.file) {
                guard let v = string() else { return nil }
                path = v
            }
            if flags.contains(.url) { guard let v = string() else { return nil }; url = v }
            if flags.contains(.origin) { guard let v = string() else { return nil }; origin = v }
            guard i < bytes.count else { return nil }
            let code = Int(bytes[i])
            i += 1
            let dateSource: String
            if code == 0 {
                guard let v = string() else { return nil }
                dateSource = v
            } else {
                guard code <= StoredData.commonDateSources.count else { return nil }
                dateSource = StoredData.commonDateSources[code - 1]
            }
            guard let title = string(), let organisations = list() else { return nil }
            var document = StoredDocument(id: id, path: path, root: nil, url: url, date: nil, dateSource: dateSource,
                                          source: nil, origin: origin, title: title, countries: [], venue: nil,
                                          types: [], persons: [], organisations: organisations, weapons: [], text: "")
            if flags.contains(.date) { guard let v = string() else { return nil }; document.date = v }
            if flags.contains(.source) { guard let v = string() else { return nil }; document.source = v }
            if flags.contains(.venue) { guard let v = string() else { return nil }; document.venue = v }
            if flags.contains(.countries) { guard let v = list() else { return nil }; document.countries = v }
            if flags.contains(.types) { guard let v = list() else { return nil }; document.types = v }
            if flags.contains(.persons) { guard let v = list() else { return nil }; document.persons = v }
            if flags.contains(.weapons) { guard let v = list() else { return nil }; document.weapons = v }
            guard let text = CompactText.decode(UnsafeBufferPointer(rebasing: bytes[i...])) else { return nil }
            document.text = text
            i = bytes.count
            return Header(flags: flags, rootHash: rootHash, document: document)
        }

        mutating func varint() -> UInt64? {
            var value: UInt64 = 0
            var shift: UInt64 = 0
            while i < bytes.count, shift < 64 {
                let b = bytes[i]
                i += 1
                value |= UInt64(b & 0x7F) << shift
                if b < 0x80 { return value }
                shift += 7
            }
            return nil
        }

        mutating func string() -> String? {
            guard let length = varint(), length <= UInt64(bytes.count - i) else { return nil }
            let end = i + Int(length)
            defer { i = end }
            return CompactText.decode(UnsafeBufferPointer(rebasing: bytes[i..<end]))
        }

        mutating func list() -> [String]? {
            guard let count = varint(), count <= UInt64(bytes.count - i) else { return nil }
            var out: [String] = []
            out.reserveCapacity(Int(count))
            for _ in 0..<count {
                guard let s = string() else { return nil }
                out.append(s)
            }
            return out
        }
    }
}

/// A byte encoding of text in which Cyrillic takes one byte a letter instead of UTF-8's two:
/// Russian text shrinks by about 45 %, and zlib (which Xapian applies to document data)
/// compresses the result about a fifth smaller than the UTF-8 (measured in docs/scale.md).
///
/// | bytes | meaning |
/// |---|---|
/// | 0x00–0x7F | ASCII, as is |
/// | 0x80 | escape: one character follows in UTF-8 |
/// | 0x81–0x9F | a character of `table` (common punctuation of Russian text) |
/// | 0xA0–0xFF | U+0400–U+045F (Cyrillic: Ё, А–я, ё, Ukrainian and Belarusian letters) |
///
/// Lossless for every string. Part of the schema: the table is never reordered.
enum CompactText {
    static let table: [Unicode.Scalar] = [
        "\u{2014}", "\u{00AB}", "\u{00BB}", "\u{00A0}", "\u{2013}", "\u{2022}", "\u{2026}", "\u{2116}",
        "\u{201C}", "\u{201D}", "\u{201E}", "\u{2019}", "\u{2018}", "\u{20BD}", "\u{00B0}", "\u{00B7}",
        "\u{2212}", "\u{00D7}", "\u{20AC}", "\u{00A7}", "\u{2011}", "\u{200B}", "\u{FE0F}", "\u{00AD}",
        "\u{2010}", "\u{00E9}", "\u{00BD}", "\u{2032}", "\u{2122}", "\u{00AE}", "\u{00A9}",
    ]
    static let escape: UInt8 = 0x80
    static let tableStart: UInt8 = 0x81
    static let cyrillicStart: UInt8 = 0xA0

    /// UTF-8 of each table entry, and the table byte of each entry by its scalar value.
    private static let tableUTF8: [[UInt8]] = table.map { Array(String($0).utf8) }
    private static let tableByte: [UInt32: UInt8] = Dictionary(uniqueKeysWithValues: table.enumerated().map { ($1.value, tableStart + UInt8($0)) })

    /// Appends the encoding of `string` to `out`.
    static func append(_ string: String, to out: inout [UInt8]) {
        var string = string
        string.withUTF8 { utf8 in
            let n = utf8.count
            var i = 0
            while i < n {
                let b = utf8[i]
                if b < 0x80 {
                    out.append(b)
                    i += 1
                    continue
                }
                // Two-byte sequences D0 80...D0 BF (U+0400–U+043F) and D1 80...D1 9F (U+0440–U+045F).
                if i + 1 < n {
                    let next = utf8[i + 1]
                    if b == 0xD0, next & 0xC0 == 0x80 {
                        out.append(cyrillicStart + (next - 0x80))
                        i += 2
                        continue
                    }
                    if b == 0xD1, next >= 0x80, next <= 0x9F {
                        out.append(cyrillicStart + 0x40 + (next - 0x80))
                        i += 2
                        continue
                    }
                }
                let length = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2
                let end = min(i + length, n)
                if let byte = tableByte[scalarValue(utf8, i, end)] {
                    out.append(byte)
                } else {
                    out.append(escape)
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[i..<end]))
                }
                i = end
            }
        }
    }

    /// The scalar value of the (valid) UTF-8 sequence `utf8[start..<end]`.
    private static func scalarValue(_ utf8: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> UInt32 {
        let count = end - start
        var value = UInt32(utf8[start]) & (count == 2 ? 0x1F : count == 3 ? 0x0F : 0x07)
        for k in (start + 1)..<end { value = value << 6 | (UInt32(utf8[k]) & 0x3F) }
        return value
    }

    /// The string `bytes` encode; nil when they are not such an encoding (a table byte past
    /// the table, an escape without a whole UTF-8 character after it).
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        let n = bytes.count
        if n == 0 { return "" }
        // At most 3 bytes of UTF-8 per byte (table entries); escapes shrink.
        var failed = false
        let result = String(unsafeUninitializedCapacity: n * 3) { out -> Int in
            var o = 0
            var i = 0
            while i < n {
                let b = bytes[i]
                if b < 0x80 {
                    out[o] = b
                    o += 1
                    i += 1
                } else if b >= cyrillicStart {
                    let offset = b - cyrillicStart
                    if offset < 0x40 {
                        out[o] = 0xD0
                        out[o + 1] = 0x80 + offset
                    } else {
                        out[o] = 0xD1
                        out[o + 1] = 0x80 + (offset - 0x40)
                    }
                    o += 2
                    i += 1
                } else if b == escape {
                    guard i + 1 < n else { failed = true; return 0 }
                    let lead = bytes[i + 1]
                    let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 0
                    guard length > 0, i + 1 + length <= n else { failed = true; return 0 }
                    for k in 0..<length { out[o + k] = bytes[i + 1 + k] }
                    o += length
                    i += 1 + length
                } else {
                    let index = Int(b - tableStart)
                    guard index < tableUTF8.count else { failed = true; return 0 }
                    for byte in tableUTF8[index] {
                        out[o] = byte
                        o += 1
                    }
                    i += 1
                }
            }
            return o
        }
        return failed ? nil : result
    }
}
