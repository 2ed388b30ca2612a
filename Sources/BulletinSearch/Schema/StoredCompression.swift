import CZlib
import Foundation
internal import Xapian

/// Stored data deflated with a dictionary trained on the index's own documents.
///
/// Xapian deflates each document's data on its own, so a 4 KB bulletin starts with an empty
/// window and its common words and phrases are spelled out again in every document. A
/// preset dictionary of the words and phrases the index's first documents repeat most lets
/// each document point back at them: the stored data of the 20 000-bulletin benchmark
/// shrank by about half, real news posts by about a seventh (docs/scale.md).
///
/// ```
/// 0x07                 format byte
/// dictionary id        4 bytes, little-endian: FNV-1a (low 32 bits) of the dictionary
/// length               varint: the bytes the stored data (`StoredData`, 0x06…) expands to
/// zlib stream          those bytes deflated with the dictionary preset (zlib's header names
///                      the dictionary by its Adler-32, its trailer checks the bytes)
/// ```
///
/// The dictionary lives in the index's metadata under `IndexSchema.dictionaryKeyPrefix` + its
/// id in hex, written in the same commit as the first document that uses it, into the
/// database (or year shard) the document goes to and into the index's first database, so
/// `xapian-compact`, shards and stubs keep it beside its documents. Documents written before a
/// run has seen `StoredCompression.sampleDocuments` documents, and every document of an
/// index that small, keep the plain format.
struct StoredDictionary: Sendable {
    static let format: UInt8 = 0x07
    /// Larger dictionaries gained little on real news (16 → 32 KB: 0.583 → 0.583 of the
    /// text) and cost every document more to prime (docs/scale.md).
    static let maxBytes = 16 * 1024
    /// The most a document's stored data may expand to (a damaged length is refused).
    static let maxExpandedBytes = 256 << 20

    let id: UInt32
    let bytes: [UInt8]

    init(bytes: [UInt8]) {
        self.bytes = bytes
        id = UInt32(truncatingIfNeeded: FNV1a.hash(bytes))
    }

    /// The id as the metadata names it: 8 hex digits.
    var name: String { Self.name(id) }
    static func name(_ id: UInt32) -> String { String(format: "%08x", id) }
    var metadataKey: String { Self.metadataKey(id) }
    static func metadataKey(_ id: UInt32) -> String { IndexSchema.dictionaryKeyPrefix + name(id) }

    // MARK: Training

    /// A dictionary of the word pairs and short phrases `samples` (stored data, `CompactText`
    /// bytes) repeat most, weighed by count × length; the weightiest last, where deflate
    /// reaches them with the shortest distances. Nil when nothing repeats.
    static func train(_ samples: [[UInt8]]) -> StoredDictionary? {
        var counts: [ArraySlice<UInt8>: Int] = [:]
        for sample in samples {
            // Tokens: runs of letters and digits (Cyrillic is 0xA0… in CompactText), or one
            // other byte. Counted: a word of 3+ bytes with what follows it, and two words of
            // 2+ bytes with their separators.
            var tokens: [Range<Int>] = []
            var i = sample.startIndex
            while i < sample.endIndex {
                var j = i
                while j < sample.endIndex, isWordByte(sample[j]) { j += 1 }
                if j == i { j += 1 }
                tokens.append(i..<j)
                i = j
            }
            guard tokens.count > 1 else { continue }
            for t in 0..<(tokens.count - 1) where tokens[t].count >= 3 && isWordByte(sample[tokens[t].lowerBound]) {
                counts[sample[tokens[t].lowerBound..<tokens[t + 1].upperBound], default: 0] += 1
            }
            if tokens.count > 3 {
                for t in 0..<(tokens.count - 3) where tokens[t].count >= 2 && tokens[t + 2].count >= 2
                    && isWordByte(sample[tokens[t].lowerBound]) && isWordByte(sample[tokens[t + 2].lowerBound]) {
                    counts[sample[tokens[t].lowerBound..<tokens[t + 3].upperBound], default: 0] += 1
                }
            }
        }
        let ranked = counts.filter { $0.value >= 3 }.sorted {
            let a = $0.value * $0.key.count, b = $1.value * $1.key.count
            return a != b ? a > b : $0.key.lexicographicallyPrecedes($1.key)
        }
        var chosen: [ArraySlice<UInt8>] = []
        var total = 0
        for (phrase, _) in ranked where total + phrase.count <= maxBytes {
            chosen.append(phrase)
            total += phrase.count
            if total > maxBytes - 3 { break }
        }
        guard !chosen.isEmpty else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(total)
        for phrase in chosen.reversed() { bytes.append(contentsOf: phrase) }
        return StoredDictionary(bytes: bytes)
    }

    @inline(__always)
    private static func isWordByte(_ b: UInt8) -> Bool {
        b >= CompactText.cyrillicStart || (b >= 0x30 && b <= 0x39) || (b | 0x20 >= 0x61 && b | 0x20 <= 0x7A)
    }

    // MARK: Compressing and expanding

    /// `data` (stored data, 0x06…) in the 0x07 format; nil if deflate fails.
    func compress(_ data: [UInt8]) -> [UInt8]? {
        var out: [UInt8] = [Self.format]
        withUnsafeBytes(of: id.littleEndian) { out.append(contentsOf: $0) }
        StoredData.appendVarint(UInt64(data.count), to: &out)
        let header = out.count
        var written = bulletin_deflate_bound(data.count)
        out.append(contentsOf: repeatElement(0, count: written))
        let status = bytes.withUnsafeBufferPointer { dict in
            data.withUnsafeBufferPointer { src in
                out.withUnsafeMutableBufferPointer { dst in
                    bulletin_deflate(dict.baseAddress, dict.count, src.baseAddress, src.count, dst.baseAddress! + header, &written)
                }
            }
        }
        guard status == 0 else { return nil }
        out.removeLast(out.count - header - written)
        return out
    }

    /// The id a 0x07 record names; nil for other data.
    static func header(of data: [UInt8]) -> UInt32? {
        guard data.count > 5, data[0] == format else { return nil }
        return UInt32(data[1]) | UInt32(data[2]) << 8 | UInt32(data[3]) << 16 | UInt32(data[4]) << 24
    }

    /// The stored data a 0x07 record holds; nil when it is damaged.
    func expand(_ data: [UInt8]) -> [UInt8]? {
        let read = data.withUnsafeBufferPointer { buffer -> (length: UInt64, end: Int)? in
            var reader = StoredData.Reader(bytes: buffer)
            reader.i = 5
            return reader.varint().map { ($0, reader.i) }
        }
        guard let (stated, i) = read, stated > 0, stated <= UInt64(Self.maxExpandedBytes) else { return nil }
        let length = Int(stated)
        var out = [UInt8](repeating: 0, count: length)
        let status = bytes.withUnsafeBufferPointer { dict in
            data.withUnsafeBufferPointer { src in
                out.withUnsafeMutableBufferPointer { dst in
                    bulletin_inflate(dict.baseAddress, dict.count, src.baseAddress! + i, src.count - i, dst.baseAddress, length)
                }
            }
        }
        return status == 0 ? out : nil
    }
}

/// The dictionaries of the indexes this process reads, by id (an id names the same bytes in
/// any index: it is their hash). Loaded from an index's metadata the first time one of its
/// documents needs it; the indexer registers the one it trains or loads.
final class StoredDictionaries: @unchecked Sendable {
    static let shared = StoredDictionaries()
    private let lock = NSLock()
    private var known: [UInt32: StoredDictionary] = [:]

    func register(_ dictionary: StoredDictionary) {
        lock.lock()
        known[dictionary.id] = dictionary
        lock.unlock()
    }

    private func cached(_ id: UInt32) -> StoredDictionary? {
        lock.lock()
        defer { lock.unlock() }
        return known[id]
    }

    /// `data` expanded to plain stored data when it is a 0x07 record; as it is otherwise.
    /// Nil when the record is damaged or its dictionary is in neither `database` (its first
    /// database, for a stub) nor, for a stub at `indexPath`, any of its local shards.
    func plain(_ data: [UInt8], database: Database?, indexPath: String) throws -> [UInt8]? {
        guard let id = StoredDictionary.header(of: data) else { return data }
        return try dictionary(id, database: database, indexPath: indexPath)?.expand(data)
    }

    /// The dictionary `id` names, known already or read from `database` (or the local shards
    /// of the stub at `indexPath`); nil when it is not there or its bytes do not hash to `id`.
    func dictionary(_ id: UInt32, database: Database?, indexPath: String) throws -> StoredDictionary? {
        try cached(id) ?? load(id, database: database, indexPath: indexPath)
    }

    private func load(_ id: UInt32, database: Database?, indexPath: String) throws -> StoredDictionary? {
        let key = StoredDictionary.metadataKey(id)
        var bytes = try database.map { try $0.metadataBytes(key) } ?? []
        if bytes.isEmpty, !indexPath.isEmpty, let shards = try? IndexLayout.at(indexPath).localDatabases {
            // A stub reads the metadata of its first database only.
            for shard in shards where bytes.isEmpty {
                bytes = try Database(path: shard).metadataBytes(key)
            }
        }
        guard !bytes.isEmpty else { return nil }
        let dictionary = StoredDictionary(bytes: bytes)
        guard dictionary.id == id else { return nil }
        register(dictionary)
        return dictionary
    }
}

/// The indexer's side: the run's first `sampleDocuments` documents in position order (file
/// order, then feed records; positions holding no document, such as unchanged files, do not
/// count) are stored plain and sampled; a dictionary is trained from them, and every later
/// document is deflated with it. While sampling, a worker's document waits until every earlier
/// position is settled, so the same files give the same dictionary whatever the number of
/// workers. An index that has a dictionary already keeps using it. Shared by the run's threads.
final class StoredCompression: @unchecked Sendable {
    /// Documents sampled before training (tests lower it).
    nonisolated(unsafe) static var sampleDocuments = 300
    /// Fewer samples than this train no dictionary (a small run; a later run samples again).
    static let minimumSamples = 20
    private let condition = NSCondition()
    private var dictionary: StoredDictionary?
    private var samples: [[UInt8]] = []
    private var sampling: Bool
    /// The first position not yet settled (stored or skipped) while sampling.
    private var frontier = 0
    /// Positions past `frontier` already known to hold no document.
    private var skipped = Set<Int>()
    /// The position a document without one takes (feeds, after the files).
    private var nextPosition = 0

    /// `existing`: the index's current dictionary, if it has one.
    init(existing: StoredDictionary?) {
        dictionary = existing
        sampling = existing == nil
        if let existing { StoredDictionaries.shared.register(existing) }
    }

    /// What to store for `data` (plain stored data) of the document at `position` in the
    /// run (nil: the next after every position seen), and the dictionary it needs, if any.
    func store(_ data: [UInt8], position: Int? = nil) -> (data: [UInt8], dictionary: StoredDictionary?) {
        condition.lock()
        let position = position ?? nextPosition
        nextPosition = max(nextPosition, position + 1)
        while sampling && frontier < position { condition.wait() }
        if sampling, position == frontier {
            samples.append(data)
            advance()
            if samples.count >= Self.sampleDocuments { train() }
            condition.unlock()
            return (data, nil)
        }
        let dictionary = self.dictionary
        condition.unlock()
        guard let dictionary, let compressed = dictionary.compress(data), compressed.count < data.count else { return (data, nil) }
        return (compressed, dictionary)
    }

    /// The position holds no document (unchanged, failed, not a document).
    func skip(position: Int) {
        condition.lock()
        nextPosition = max(nextPosition, position + 1)
        if sampling {
            if position == frontier { advance() } else if position > frontier { skipped.insert(position) }
        }
        condition.unlock()
    }

    /// Trains from what was sampled so far and wakes any waiting worker: the run ends or
    /// stops before it met `sampleDocuments` documents.
    func finishSampling() {
        condition.lock()
        if sampling { train() }
        condition.unlock()
    }

    /// Under the lock: `frontier` is settled.
    private func advance() {
        frontier += 1
        while skipped.remove(frontier) != nil { frontier += 1 }
        condition.broadcast()
    }

    /// Under the lock.
    private func train() {
        sampling = false
        if samples.count >= Self.minimumSamples {
            dictionary = StoredDictionary.train(samples)
            if let dictionary { StoredDictionaries.shared.register(dictionary) }
        }
        samples = []
        skipped = []
        condition.broadcast()
    }

    /// The dictionary an index's metadata names as current (`IndexSchema.dictionaryKey`).
    static func current(in database: Database) throws -> StoredDictionary? {
        guard let id = UInt32(try database.metadata(IndexSchema.dictionaryKey), radix: 16) else { return nil }
        return try StoredDictionaries.shared.dictionary(id, database: database, indexPath: "")
    }

    /// Writes `dictionary` into `database`'s metadata (and names it current) unless it is there.
    static func record(_ dictionary: StoredDictionary, in database: WritableDatabase) throws {
        if try database.metadata(IndexSchema.dictionaryKey) == dictionary.name { return }
        try database.setMetadata(dictionary.metadataKey, bytes: dictionary.bytes)
        try database.setMetadata(IndexSchema.dictionaryKey, dictionary.name)
    }
}
