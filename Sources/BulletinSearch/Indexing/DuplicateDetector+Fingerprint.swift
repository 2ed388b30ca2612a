import Foundation

// MARK: - Comparing texts

extension DuplicateDetector {
    /// What two bulletin texts are compared by: their word triples, and their names and numbers.
    /// One pass over the text's scalars, hashing as it goes (≈ 20 µs for a 4 KB bulletin).
    struct Fingerprint {
        /// Words per shingle.
        static let shingleSize = 3
        /// Words kept (the start of a story tells it): 400 shingles.
        static let maxWords = 402
        /// Texts whose shingle counts differ more than this ratio never match (a digest
        /// quoting one story is not a copy of it).
        static let minSizeRatio = 0.3
        /// Weight of name and number agreement beside shingle containment (0…1).
        static let entityWeight = 0.3
        /// Letters of a name compared, so that case endings agree (`белоусов`/`белоусова`).
        static let namePrefix = 5

        /// The first `leadWords` words (letter-and-digit runs), lowercased.
        private(set) var words: [String] = []
        /// Hashes of runs of `shingleSize` consecutive words among the first `maxWords`.
        private(set) var shingles: Set<UInt64> = []
        /// Hashes of the names and numbers after the dateline: hyphen-joined tokens holding a
        /// digit (whole: `су-30мки`, `2024`), or capitalised inside a sentence (first
        /// `namePrefix` letters: `рособ`); see `hash(_:)`.
        private(set) var entities: Set<UInt64> = []
        /// The entities that hold a digit: numbers and designations (`2018`, `5,43`, `с-400`).
        private(set) var codes: Set<UInt64> = []
        /// Hashes of the first `namePrefix` letters of the content words (4 letters or more,
        /// no digits, not in `commonWords`) after the dateline: the vocabulary of the story,
        /// whatever the word order and case endings (`поставку`/`поставка` → `поста`).
        private(set) var vocabulary: Set<UInt64> = []

        /// - Parameter leadWords: how many words to keep as strings (for the candidate query).
        init(text original: String, leadWords: Int = 0) {
            let text = Self.withoutLinks(original)
            let datelineEnd = Self.datelineLength(text)
            var wordHashes: [UInt64] = []
            wordHashes.reserveCapacity(Self.maxWords)
            var word = String.UnicodeScalarView()
            var wordHash = Self.seed
            var inWord = false, pendingHyphen = false, sentenceStart = true
            // The hyphen-joined token being read.
            var fullHash = Self.seed, prefixHash = Self.seed, prefixCount = 0
            var hasDigit = false, capital = false, counts = false

            func flushToken() {
                guard counts else { return }
                if hasDigit {
                    entities.insert(fullHash)
                    codes.insert(fullHash)
                } else if capital {
                    entities.insert(prefixHash)
                }
            }
            // The word being read: its first `namePrefix` letters, length, and whether it has a digit.
            var stemHash = Self.seed, wordLength = 0, wordDigit = false
            func addToToken(_ v: UInt32) {
                fullHash = Self.mix(fullHash, v)
                if prefixCount < Self.namePrefix { prefixHash = Self.mix(prefixHash, v); prefixCount += 1 }
            }
            func endWord() {
                if wordHashes.count < Self.maxWords {
                    wordHashes.append(wordHash)
                    if counts && wordLength >= 4 && !wordDigit && !Self.commonWords.contains(stemHash) { vocabulary.insert(stemHash) }
                }
                if words.count < leadWords { words.append(String(word)); word = String.UnicodeScalarView() }
                sentenceStart = false
                inWord = false
            }

            var position = 0
            for scalar in text.unicodeScalars {
                defer { position += 1 }
                guard WordScalar.isWord(scalar) else {
                    if inWord { endWord(); pendingHyphen = scalar == "-" } else { pendingHyphen = false }
                    if scalar == "." || scalar == "!" || scalar == "?" { sentenceStart = true }
                    continue
                }
                if !inWord {
                    inWord = true
                    wordHash = Self.seed
                    stemHash = Self.seed; wordLength = 0; wordDigit = false
                    if pendingHyphen {
                        addToToken(0x2D)  // `Су-30МКИ`: one token
                    } else {
                        flushToken()
                        fullHash = Self.seed; prefixHash = Self.seed; prefixCount = 0
                        hasDigit = false
                        capital = !sentenceStart && Self.isUppercase(scalar)
                        counts = position >= datelineEnd
                    }
                    pendingHyphen = false
                }
                if WordScalar.isDigit(scalar) { hasDigit = true; wordDigit = true }
                let lower = Self.lowercased(scalar)
                wordHash = Self.mix(wordHash, lower.value)
                if wordLength < Self.namePrefix { stemHash = Self.mix(stemHash, lower.value == 0x451 ? 0x435 : lower.value) }
                wordLength += 1
                addToToken(lower.value)
                if words.count < leadWords { word.append(lower) }
            }
            if inWord { endWord() }
            flushToken()

            if wordHashes.count >= Self.shingleSize {
                shingles.reserveCapacity(wordHashes.count)
                for start in 0...(wordHashes.count - Self.shingleSize) {
                    var h: UInt64 = 0
                    for offset in 0..<Self.shingleSize { h = (h &* 0x9E37_79B9_7F4A_7C15) ^ wordHashes[start + offset] }
                    shingles.insert(h)
                }
            }
        }

        /// Share of the smaller shingle set found in the larger (0 when the sizes differ too
        /// much), plus `entityWeight` × the share of the smaller entity set found in the
        /// larger (1 when one has none). Same story: ≥ `DuplicateDetector.threshold`; at most 1.3.
        func similarity(to other: Fingerprint) -> Double {
            let (small, large) = shingles.count <= other.shingles.count ? (shingles, other.shingles) : (other.shingles, shingles)
            guard !small.isEmpty, Double(small.count) >= Self.minSizeRatio * Double(large.count) else { return 0 }
            let shared = small.reduce(0) { large.contains($1) ? $0 + 1 : $0 }
            let (fewer, more) = entities.count <= other.entities.count ? (entities, other.entities) : (other.entities, entities)
            let agreement = fewer.isEmpty ? 1 : Double(fewer.reduce(0) { more.contains($1) ? $0 + 1 : $0 }) / Double(fewer.count)
            return Double(shared) / Double(small.count) + Self.entityWeight * agreement
        }

        /// Whether `other` retells the same event in other words: most names and numbers agree
        /// (`entities`), every number and designation of the one with fewer is in the other
        /// (`codes`), and much of the vocabulary is shared. Two reports about the same partners
        /// but another event differ in their numbers and designations or in their vocabulary.
        /// Measured on the retellings and near misses in `eval/dups` (docs/similar-and-duplicates.md).
        func retells(_ other: Fingerprint) -> Bool {
            func containment(_ a: Set<UInt64>, _ b: Set<UInt64>) -> Double {
                let (small, large) = a.count <= b.count ? (a, b) : (b, a)
                guard !small.isEmpty else { return 0 }
                return Double(small.reduce(0) { large.contains($1) ? $0 + 1 : $0 }) / Double(small.count)
            }
            guard min(vocabulary.count, other.vocabulary.count) >= Self.minVocabulary else { return false }
            let names = containment(entities, other.entities)
            guard names >= Self.minNameAgreement else { return false }
            let words = containment(vocabulary, other.vocabulary)
            // One shared name or number is chance (`35%` in two car stories) unless much of the
            // vocabulary is shared too.
            let sharedNames = entities.count <= other.entities.count
                ? entities.reduce(0) { other.entities.contains($1) ? $0 + 1 : $0 }
                : other.entities.reduce(0) { entities.contains($1) ? $0 + 1 : $0 }
            guard sharedNames >= 2 || words >= Self.minVocabularyOneName else { return false }
            if min(codes.count, other.codes.count) > 0 {
                return containment(codes, other.codes) >= Self.minCodeAgreement && words + names >= Self.retellingWithCodes
            }
            // One names a number or designation the other lacks: the names must agree more.
            if codes.count + other.codes.count > 0 && names < Self.minNameAgreementOneSided { return false }
            return words + names >= Self.retellingWithoutCodes
        }

        /// Retelling thresholds (see `retells`).
        static let minVocabulary = 8
        static let minNameAgreement = 0.5
        static let minCodeAgreement = 0.75
        static let minNameAgreementOneSided = 0.75
        static let minVocabularyOneName = 0.6

        /// The text without what a channel adds to every post: link targets (`https://…`,
        /// `t.me/…`) and short lines that carry a link or ask to subscribe (`👉 Топор Live.
        /// Подписаться`). Otherwise two short posts of one channel share names and words.
        /// Searched on UTF-8 bytes: Foundation's `contains`/`range(of:)` on String compares by
        /// locale-aware character clusters and was a fifth of an indexing run.
        static func withoutLinks(_ text: String) -> String {
            guard mayHaveLinks(text) else { return text }
            // `подписали` passes the test above in most bulletins. Lines are found by their
            // bytes (a line feed is a Character of its own unless it follows a carriage return,
            // so text with CR takes the Character path), and only a line whose ASCII and Russian
            // letters, lowered by code point, hold one of the markers is counted and lowercased
            // (no other scalar lowercases to a letter of them).
            if hasBytes(text, "\r") { return removingLinkTargets(droppingLinkLines(text)) }
            var kept: [Range<Int>] = []
            var dropped = false
            var bytes = text
            bytes.withUTF8 { utf8 in
                var start = 0
                while start <= utf8.count {
                    var end = start
                    while end < utf8.count && utf8[end] != 0x0A { end += 1 }
                    let line = UnsafeBufferPointer(rebasing: utf8[start..<end])
                    if mayHoldLinkMarker(line), isLinkLine(Substring(String(decoding: line, as: UTF8.self))) {
                        dropped = true
                    } else {
                        kept.append(start..<end)
                    }
                    start = end + 1
                }
            }
            guard dropped else { return removingLinkTargets(text) }
            let utf8 = Array(text.utf8)
            var joined: [UInt8] = []
            joined.reserveCapacity(utf8.count)
            for (i, range) in kept.enumerated() {
                if i > 0 { joined.append(0x0A) }
                joined.append(contentsOf: utf8[range])
            }
            return removingLinkTargets(String(decoding: joined, as: UTF8.self))
        }

        /// Whether `withoutLinks` may change `text`.
        static func mayHaveLinks(_ text: String) -> Bool {
            hasBytes(text, "http") || hasBytes(text, "t.me") || hasBytes(text, "@") || hasBytes(text, "одпис")
        }

        /// The lines of `text` without those `isLinkLine` drops, by Characters.
        static func droppingLinkLines(_ text: String) -> String {
            text.split(separator: "\n", omittingEmptySubsequences: false).filter { !isLinkLine($0) }.joined(separator: "\n")
        }

        /// A short line (≤ 8 words) that carries a link, an `@` or asks to subscribe.
        static func isLinkLine(_ line: Substring) -> Bool {
            guard line.split(whereSeparator: { $0 == " " }).count <= 8 else { return false }
            return holdsLinkMarker(line.lowercased())
        }

        /// Whether the lowercased `text` holds `t.me/`, `http`, `@` or `подпис`.
        static func holdsLinkMarker(_ lower: String) -> Bool {
            hasBytes(lower, "t.me/") || hasBytes(lower, "http") || hasBytes(lower, "@") || hasBytes(lower, "подпис")
        }

        /// Whether `line`, with A–Z and А–Я lowered by code point, holds `t.me/`, `http`, `@`
        /// or `подпис`: true for every line whose `lowercased()` does.
        static func mayHoldLinkMarker(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
            var lowered: [UInt8] = []
            lowered.reserveCapacity(line.count)
            var i = 0
            while i < line.count {
                let b = line[i]
                if b >= 0x41 && b <= 0x5A {
                    lowered.append(b + 0x20)
                } else if b == 0xD0, i + 1 < line.count, (0x90...0xAF).contains(line[i + 1]) {
                    let c = line[i + 1]
                    if c < 0xA0 { lowered.append(0xD0); lowered.append(c + 0x20) } else { lowered.append(0xD1); lowered.append(c - 0x20) }
                    i += 1
                } else {
                    lowered.append(b)
                }
                i += 1
            }
            return holdsLinkMarker(String(decoding: lowered, as: UTF8.self))
        }

        /// `text` without link targets (`https://…` up to white space or `)`).
        static func removingLinkTargets(_ text: String) -> String {
            var out = text
            while let start = byteOffset(of: "http", in: out) {
                let from = out.utf8.index(out.utf8.startIndex, offsetBy: start)
                var end = from
                while end < out.endIndex, !out[end].isWhitespace, out[end] != ")" { end = out.index(after: end) }
                out.removeSubrange(from..<end)
            }
            return out
        }

        /// Whether the UTF-8 bytes of `text` contain those of `needle`.
        static func hasBytes<S: StringProtocol>(_ text: S, _ needle: StaticString) -> Bool {
            byteOffset(of: needle, in: text) != nil
        }

        /// The byte offset of the first occurrence of `needle` in `text` (memchr, memcmp).
        static func byteOffset<S: StringProtocol>(of needle: StaticString, in text: S) -> Int? {
            var text = String(text)
            return text.withUTF8 { haystack -> Int? in
                let length = needle.utf8CodeUnitCount
                guard let base = haystack.baseAddress, haystack.count >= length, length > 0 else { return nil }
                let first = Int32(needle.utf8Start.pointee)
                var offset = 0
                while offset + length <= haystack.count {
                    guard let hit = memchr(base + offset, first, haystack.count - length + 1 - offset) else { return nil }
                    let at = UnsafePointer<UInt8>(hit.assumingMemoryBound(to: UInt8.self)) - base
                    if memcmp(base + at, needle.utf8Start, length) == 0 { return at }
                    offset = at + 1
                }
                return nil
            }
        }

        static let retellingWithCodes = 0.9
        static let retellingWithoutCodes = 1.2

        /// Words of 4+ letters too common to tell stories apart (their first 5 letters).
        static let commonWords: Set<UInt64> = Set(["также", "более", "около", "после", "году", "года"].map { word in
            word.unicodeScalars.prefix(namePrefix).reduce(seed) { mix($0, $1.value) }
        })

        /// The entity hash of a lowercased token (`hash("су-30мки")`, `hash("рособ")`).
        static func hash(_ token: String) -> UInt64 {
            token.unicodeScalars.reduce(seed) { mix($0, $1.value) }
        }

        // MARK: Scanning

        fileprivate static let seed = FNV1a.offsetBasis

        /// FNV-1a over whole scalar values (one step per scalar, not per byte).
        @inline(__always)
        fileprivate static func mix(_ hash: UInt64, _ value: UInt32) -> UInt64 {
            FNV1a.mix(hash, UInt64(value))
        }

        /// Scalars taken by a leading dateline (`ЦАМТО, 6 мая. `, `Москва, 7 мая. /ТАСС/. `):
        /// agency and city are not the story. 0 when there is none.
        static func datelineLength(_ text: String) -> Int {
            let head = Array(text.unicodeScalars.prefix(240))
            // A crawl header (` date 2025-03-12`) comes before the dateline.
            let from = DateExtractor.parseHeader(head)?.1 ?? 0
            return DateExtractor.parseDateline(head, from: from)?.bodyStart ?? from
        }

        @inline(__always)
        static func isUppercase(_ s: Unicode.Scalar) -> Bool {
            switch s.value {
            case 0x41...0x5A, 0x410...0x42F, 0x401: return true
            case 0...0x7F, 0x430...0x44F, 0x451: return false
            default: return s.properties.isUppercase
            }
        }

        /// Lowercase of one scalar (the first scalar of its mapping outside Latin and Cyrillic).
        @inline(__always)
        static func lowercased(_ s: Unicode.Scalar) -> Unicode.Scalar {
            switch s.value {
            case 0x41...0x5A, 0x410...0x42F: return Unicode.Scalar(s.value + 0x20)!
            case 0x401: return "ё"
            case 0...0x7F, 0x430...0x44F, 0x451: return s
            default: return s.properties.lowercaseMapping.unicodeScalars.first ?? s
            }
        }
    }
}
