/// Word stems or endings for the classifier's per-token `hasPrefix` / `hasSuffix` checks.
/// Swift compares Strings by Character, with grapheme breaking and normalisation; on words of
/// printable ASCII and Cyrillic letters (U+0400…U+04FF without the combining marks
/// U+0483…U+0489) every scalar is a Character of its own and the text is NFC already, so
/// comparing UTF-8 bytes gives the same answer. Any other word is compared the way Swift does.
struct WordAffixes: Sendable {
    let strings: [String]
    private let bytes: [[UInt8]]
    private let simple: Bool

    init(_ strings: [String]) {
        self.strings = strings
        bytes = strings.map { Array($0.utf8) }
        simple = strings.allSatisfy(Self.isSimple)
    }

    /// `strings.contains { word.hasPrefix($0) }`.
    func anyIsPrefix(of word: String) -> Bool {
        guard simple, Self.isSimple(word) else { return strings.contains { word.hasPrefix($0) } }
        let utf8 = word.utf8
        return bytes.contains { utf8.starts(with: $0) }
    }

    /// `strings.contains { word.hasSuffix($0) }`.
    func anyIsSuffix(of word: String) -> Bool {
        guard simple, Self.isSimple(word) else { return strings.contains { word.hasSuffix($0) } }
        func test(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
            bytes.contains { $0.count <= utf8.count && utf8[(utf8.count - $0.count)...].elementsEqual($0) }
        }
        return word.utf8.withContiguousStorageIfAvailable(test) ?? Array(word.utf8).withUnsafeBufferPointer(test)
    }

    /// Whether every scalar of `word` is printable ASCII or a Cyrillic letter (see above).
    static func isSimple(_ word: String) -> Bool {
        var iterator = word.utf8.makeIterator()
        while let byte = iterator.next() {
            switch byte {
            case 0x20...0x7E: continue
            case 0xD0, 0xD1, 0xD3:
                guard let next = iterator.next(), next & 0xC0 == 0x80 else { return false }
            case 0xD2:
                guard let next = iterator.next(), next & 0xC0 == 0x80, !(0x83...0x89).contains(next) else { return false }
            default: return false
            }
        }
        return true
    }
}
