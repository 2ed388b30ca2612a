// One pass over the text's Unicode scalars: tokens are maximal runs of
// letters and digits; everything else is a separator. Every rule in the
// extractors works on these tokens and looks their lowercased form up in
// dictionaries built once.

/// A lowercased word with a precomputed 64-bit hash: dictionary keys for tokens.
/// Swift's `String` hashing and comparison normalise non-ASCII text on every call,
/// which dominated extraction time; `Word` hashes once and compares bytes.
struct Word: Hashable, Sendable, ExpressibleByStringLiteral, CustomStringConvertible {
    let hash: UInt64
    let string: String

    init(_ s: String) {
        string = s
        hash = FNV1a.hash(s.utf8)
    }

    init(stringLiteral s: String) { self.init(s) }

    init(string: String, hash: UInt64) {
        self.string = string
        self.hash = hash
    }

    var description: String { string }

    static func == (a: Word, b: Word) -> Bool {
        a.hash == b.hash && a.string.utf8.elementsEqual(b.string.utf8)
    }

    func hash(into hasher: inout Hasher) { hasher.combine(hash) }
}

/// A run of letters/digits in the scanned text.
struct Token: Sendable {
    /// Scalar index of the first scalar, and one past the last.
    var start: Int
    var end: Int
    /// Lowercased, `ё` folded to `е`.
    var lower: String
    /// `lower` as a dictionary key.
    var key: Word
    var flags: Flags

    struct Flags: OptionSet, Sendable {
        let rawValue: UInt16
        static let letters = Flags(rawValue: 1)        // has at least one letter
        static let digits = Flags(rawValue: 2)         // has at least one digit
        static let cyrillic = Flags(rawValue: 4)       // has at least one Cyrillic letter
        static let latin = Flags(rawValue: 8)          // has at least one Latin letter
        static let firstUpper = Flags(rawValue: 16)    // first scalar is an upper-case letter
        static let allUpper = Flags(rawValue: 32)      // every letter is upper case
        static let sentenceStart = Flags(rawValue: 64) // first token of a sentence
        static let paragraphStart = Flags(rawValue: 128)
    }

    var isCapitalized: Bool { flags.contains(.firstUpper) }
    var isAllUpper: Bool { flags.contains(.allUpper) && flags.contains(.letters) }
    var isWord: Bool { flags.contains(.letters) && !flags.contains(.digits) }
    var isNumber: Bool { flags.contains(.digits) && !flags.contains(.letters) }
    var length: Int { end - start }
}

/// The scanned text: its scalars, tokens and paragraph/sentence structure.
struct TokenizedText {
    let scalars: [Unicode.Scalar]
    let tokens: [Token]
    /// True when every scalar is its own grapheme cluster, so scalar
    /// offsets are Character offsets.
    let simpleGraphemes: Bool

    init(_ text: String) {
        self.init(scalars: Array(text.unicodeScalars))
    }

    init(scalars: [Unicode.Scalar]) {
        self.scalars = scalars
        var tokens: [Token] = []
        tokens.reserveCapacity(scalars.count / 6)
        var simple = true
        var utf8: [UInt8] = []
        utf8.reserveCapacity(64)
        var i = 0
        let n = scalars.count
        var sentenceBreak = true
        var paragraphBreak = true
        var newlines = 0
        while i < n {
            let s = scalars[i]
            let v = s.value
            if !WordScalar.isWord(s) {
                if v >= 0x300 && !TokenizedText.isSimpleNonWord(v) { simple = false }
                switch v {
                case 0x2E, 0x21, 0x3F, 0x2026: sentenceBreak = true
                case 0x0A:
                    newlines += 1
                    sentenceBreak = true
                    if newlines >= 2 { paragraphBreak = true }
                case 0x0D:
                    if i + 1 < n && scalars[i + 1].value == 0x0A { simple = false }
                default:
                    break
                }
                i += 1
                continue
            }
            // A token.
            let start = i
            utf8.removeAll(keepingCapacity: true)
            var flags: Token.Flags = []
            var allUpper = true
            var first = true
            while i < n {
                let c = scalars[i]
                let cv = c.value
                var lowered = cv
                if cv >= 0x30 && cv <= 0x39 {
                    flags.insert(.digits)
                } else if cv >= 0x430 && cv <= 0x44F {
                    flags.insert([.letters, .cyrillic]); allUpper = false
                } else if cv >= 0x410 && cv <= 0x42F {
                    flags.insert([.letters, .cyrillic]); lowered = cv + 0x20
                    if first { flags.insert(.firstUpper) }
                } else if cv == 0x451 {
                    flags.insert([.letters, .cyrillic]); allUpper = false; lowered = 0x435
                } else if cv == 0x401 {
                    flags.insert([.letters, .cyrillic]); lowered = 0x435
                    if first { flags.insert(.firstUpper) }
                } else if cv >= 0x61 && cv <= 0x7A {
                    flags.insert([.letters, .latin]); allUpper = false
                } else if cv >= 0x41 && cv <= 0x5A {
                    flags.insert([.letters, .latin]); lowered = cv + 0x20
                    if first { flags.insert(.firstUpper) }
                } else if WordScalar.isDigit(c) {
                    flags.insert(.digits)
                } else if WordScalar.isWord(c) {
                    if c.properties.isGraphemeExtend { simple = false }
                    flags.insert(.letters)
                    if cv >= 0x400 && cv <= 0x52F { flags.insert(.cyrillic) }
                    if c.properties.isUppercase {
                        if first { flags.insert(.firstUpper) }
                        let low = c.properties.lowercaseMapping.unicodeScalars
                        if low.count == 1, let l = low.first { lowered = l.value }
                    } else if c.properties.isLowercase {
                        allUpper = false
                    }
                } else {
                    break
                }
                TokenizedText.appendUTF8(lowered, to: &utf8)
                first = false
                i += 1
            }
            if allUpper && flags.contains(.letters) { flags.insert(.allUpper) }
            if sentenceBreak { flags.insert(.sentenceStart) }
            if paragraphBreak { flags.insert(.paragraphStart) }
            sentenceBreak = false
            paragraphBreak = false
            newlines = 0
            let lower = String(decoding: utf8, as: UTF8.self)
            tokens.append(Token(start: start, end: i, lower: lower, key: Word(string: lower, hash: FNV1a.hash(utf8)), flags: flags))
        }
        self.tokens = tokens
        self.simpleGraphemes = simple
    }

    /// Separators that never join a grapheme cluster with their neighbours.
    @inline(__always)
    static func isSimpleNonWord(_ v: UInt32) -> Bool {
        if v >= 0x2010 && v <= 0x2027 { return true }  // dashes, quotes, bullets, ellipsis
        if v >= 0x2030 && v <= 0x205E { return true }
        if v >= 0x20A0 && v <= 0x20C0 { return true }  // currency
        if v >= 0x2100 && v <= 0x214F { return true }  // № and letterlike symbols
        if v >= 0x2190 && v <= 0x21FF { return true }  // arrows
        if v == 0x202F || v == 0x2060 { return true }
        return false
    }

    @inline(__always)
    static func appendUTF8(_ v: UInt32, to buf: inout [UInt8]) {
        if v < 0x80 {
            buf.append(UInt8(v))
        } else if v < 0x800 {
            buf.append(UInt8(0xC0 | (v >> 6)))
            buf.append(UInt8(0x80 | (v & 0x3F)))
        } else if v < 0x10000 {
            buf.append(UInt8(0xE0 | (v >> 12)))
            buf.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
            buf.append(UInt8(0x80 | (v & 0x3F)))
        } else {
            buf.append(UInt8(0xF0 | (v >> 18)))
            buf.append(UInt8(0x80 | ((v >> 12) & 0x3F)))
            buf.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
            buf.append(UInt8(0x80 | (v & 0x3F)))
        }
    }

    // MARK: - Access

    /// The token's characters as written.
    func original(_ t: Int) -> String {
        string(from: tokens[t].start, to: tokens[t].end)
    }

    /// Scalars `from..<to` as a String.
    func string(from: Int, to: Int) -> String {
        guard from < to else { return "" }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[from..<to])
        return String(view)
    }

    /// Text from the start of token `a` to the end of token `b`, inclusive.
    func span(_ a: Int, _ b: Int) -> String {
        string(from: tokens[a].start, to: tokens[b].end)
    }

    /// The separator scalars between token `t - 1` and token `t`.
    func separator(before t: Int) -> ArraySlice<Unicode.Scalar> {
        let from = t > 0 ? tokens[t - 1].end : 0
        return scalars[from..<tokens[t].start]
    }

    /// True when the words of a multi-word entry stand at tokens `i...` as one name (the first
    /// word is the caller's index lookup; the others must follow with no break between).
    func matchesEntry(_ words: [Word], at i: Int) -> Bool {
        guard i + words.count <= tokens.count else { return false }
        for k in 1..<max(words.count, 1) where k < words.count {
            if tokens[i + k].key != words[k] || !isNameJoin(before: i + k) { return false }
        }
        return true
    }

    /// True when tokens `t - 1` and `t` are joined only by spaces, hyphens,
    /// dashes or apostrophes (as in multi-word and hyphenated names).
    func isNameJoin(before t: Int) -> Bool {
        guard t > 0 else { return false }
        let sep = separator(before: t)
        if sep.isEmpty || sep.count > 3 { return false }
        for s in sep {
            switch s.value {
            case 0x20, 0xA0, 0x2D, 0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x27, 0x2019, 0x2BC, 0x60, 0xB4, 0x202F:
                continue
            default:
                return false
            }
        }
        return true
    }

    /// True when the separator before `t` is a single hyphen (no spaces).
    func isHyphenJoin(before t: Int) -> Bool {
        guard t > 0 else { return false }
        let sep = separator(before: t)
        guard sep.count == 1, let s = sep.first else { return false }
        return s.value == 0x2D || s.value == 0x2010 || s.value == 0x2011
    }

    /// True when the separator before `t` is only white space (no line break counted as paragraph).
    func isSpaceJoin(before t: Int) -> Bool {
        guard t > 0 else { return false }
        let sep = separator(before: t)
        if sep.isEmpty { return false }
        for s in sep where !(s.value == 0x20 || s.value == 0xA0 || s.value == 0x202F || s.value == 0x09) {
            return false
        }
        return true
    }

    /// Whether the separator before `t` contains the scalar `v`.
    func separator(before t: Int, contains v: UInt32) -> Bool {
        separator(before: t).contains { $0.value == v }
    }

    // MARK: - Offsets

    /// Converts scalar offsets (sorted or not) to Character offsets.
    func characterOffsets(_ scalarOffsets: [Int]) -> [Int] {
        if simpleGraphemes || scalarOffsets.isEmpty { return scalarOffsets }
        // Slow path: walk the grapheme clusters once.
        var text = String.UnicodeScalarView()
        text.append(contentsOf: scalars)
        let string = String(text)
        var map: [Int: Int] = [:]
        let wanted = Set(scalarOffsets)
        var scalarIndex = 0
        var charIndex = 0
        for ch in string {
            if wanted.contains(scalarIndex) { map[scalarIndex] = charIndex }
            scalarIndex += ch.unicodeScalars.count
            charIndex += 1
        }
        return scalarOffsets.map { map[$0] ?? $0 }
    }
}
