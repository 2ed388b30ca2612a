import Foundation

/// One bulletin from a JSON-lines feed.
public struct FeedRecord: Sendable, Equatable {
    /// 1-based line number in the feed.
    public var line: Int
    public var id: String
    public var text: String
    public var fields: FeedFields

    /// `textBytes:0:hash` over every field, so an unchanged line is recognised on the next run.
    var signature: String {
        var bytes: [UInt8] = []
        for part in [id, text, fields.date ?? "", fields.source ?? "", fields.url ?? "", fields.title ?? ""] {
            bytes += part.utf8
            bytes.append(0x1F)
        }
        return "\(text.utf8.count):0:\(FNV1a.hex(bytes))"
    }
}

/// Reads `bulletin index --jsonl FILE|-`: one JSON object per line,
/// `{"id": …, "text": …, "date"?: …, "source"?: …, "url"?: …, "title"?: …}`. Blank lines are
/// skipped; a malformed line is reported as `FEED:LINE: reason` and skipped. Streams the
/// input: a feed of any size is read in 64 KB chunks.
public final class FeedReader {
    /// `stdin` for `-`, else the path.
    public let name: String
    private let descriptor: Int32
    private let ownsDescriptor: Bool
    private let maxLineBytes: Int
    private var buffer: [UInt8] = []
    private var start = 0
    /// Bytes from `start` known to hold no newline.
    private var scanned = 0
    private var atEnd = false
    private var lineNumber = 0
    private var openFailure: FileFailure?

    /// - Parameter maxLineBytes: longer lines are rejected (and skipped without being kept).
    public init(path: String, maxLineBytes: Int) {
        self.maxLineBytes = maxLineBytes
        if path == "-" {
            name = "stdin"
            descriptor = STDIN_FILENO
            ownsDescriptor = false
        } else {
            name = path
            descriptor = open(path, O_RDONLY | O_CLOEXEC)
            ownsDescriptor = descriptor >= 0
            if descriptor < 0 {
                openFailure = FileFailure(path: path, reason: "cannot open feed: \(FileCollector.errnoReason(errno))")
                atEnd = true
            }
        }
    }

    deinit { if ownsDescriptor { close(descriptor) } }

    /// The next record or malformed line; nil at the end of the feed.
    public func next() -> Result<FeedRecord, FileFailure>? {
        if let failure = openFailure {
            openFailure = nil
            return .failure(failure)
        }
        while let line = nextLine() {
            lineNumber += 1
            switch line {
            case .tooLong(let bytes):
                return .failure(failure("line is \(bytes) bytes, over the limit of \(maxLineBytes)"))
            case .bytes(let bytes):
                if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
                return parse(bytes)
            }
        }
        return nil
    }

    private func failure(_ reason: String) -> FileFailure {
        FileFailure(path: "\(name):\(lineNumber)", reason: reason)
    }

    private func parse(_ bytes: ArraySlice<UInt8>) -> Result<FeedRecord, FileFailure> {
        guard String(validating: bytes, as: UTF8.self) != nil else { return .failure(failure("not valid UTF-8")) }
        let object: Any
        do { object = try JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed]) } catch {
            return .failure(failure("malformed JSON"))
        }
        guard let fields = object as? [String: Any] else { return .failure(failure("not a JSON object")) }
        let id: String
        switch fields["id"] {
        case let value as String: id = value
        case let value as NSNumber where Self.isInteger(value):
            id = value.stringValue
        case nil, is NSNull: return .failure(failure("missing \"id\""))
        default: return .failure(failure("\"id\" must be a string or an integer"))
        }
        if id.trimmingCharacters(in: .whitespaces).isEmpty { return .failure(failure("empty \"id\"")) }
        guard let text = fields["text"] as? String else {
            return .failure(failure(fields["text"] == nil || fields["text"] is NSNull ? "missing \"text\"" : "\"text\" must be a string"))
        }
        if text.allSatisfy(\.isWhitespace) { return .failure(failure("empty \"text\"")) }
        var feed = FeedFields()
        for key in ["date", "source", "url", "title"] {
            switch fields[key] {
            case nil, is NSNull: continue
            case let value as String:
                let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
                if trimmed.isEmpty { continue }
                switch key {
                case "date":
                    guard SimpleDate(iso: trimmed) != nil else { return .failure(failure("\"date\" must start with YYYY-MM-DD, got \(trimmed.prefix(40))")) }
                    feed.date = String(trimmed.prefix(10))
                case "source": feed.source = trimmed
                case "url": feed.url = trimmed
                default: feed.title = trimmed
                }
            default:
                return .failure(failure("\"\(key)\" must be a string"))
            }
        }
        return .success(FeedRecord(line: lineNumber, id: id, text: text, fields: feed))
    }

    /// An integral JSON number (JSON `true`/`false` come back as NSNumber too, type "c").
    static func isInteger(_ number: NSNumber) -> Bool {
        let type = String(cString: number.objCType)
        return ["i", "l", "q", "s", "I", "L", "Q", "S"].contains(type)
    }

    // MARK: - Lines

    private enum Line {
        case bytes(ArraySlice<UInt8>)
        case tooLong(Int)
    }

    private func nextLine() -> Line? {
        var skipped = 0   // bytes of an over-long line dropped so far
        while true {
            if let newline = buffer[(start + scanned)...].firstIndex(of: 0x0A) {
                let line = buffer[start..<newline]
                start = newline + 1
                scanned = 0
                if skipped > 0 { return .tooLong(skipped + line.count) }
                if line.count > maxLineBytes { return .tooLong(line.count) }
                return .bytes(line)
            }
            if atEnd {
                guard start < buffer.count || skipped > 0 else { return nil }
                let line = buffer[start...]
                start = buffer.count
                scanned = 0
                if skipped > 0 { return .tooLong(skipped + line.count) }
                if line.count > maxLineBytes { return .tooLong(line.count) }
                return .bytes(line)
            }
            // Compact, drop what an over-long line has accumulated, then read more.
            if start > 0 {
                buffer.removeFirst(start)
                start = 0
            }
            scanned = buffer.count
            if buffer.count > maxLineBytes {
                skipped += buffer.count
                buffer.removeAll(keepingCapacity: true)
                scanned = 0
            }
            readChunk()
        }
    }

    private func readChunk() {
        let chunk = 1 << 16
        let old = buffer.count
        buffer.reserveCapacity(old + chunk)
        buffer.append(contentsOf: repeatElement(0, count: chunk))
        var count = 0
        repeat {
            count = buffer.withUnsafeMutableBytes { raw in
                read(descriptor, raw.baseAddress! + old, chunk)
            }
        } while count < 0 && errno == EINTR
        buffer.removeLast(chunk - max(count, 0))
        if count <= 0 { atEnd = true }
    }
}
