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

        /// - Parameter leadWords: how many words to keep as strings (for the candidate query).
        init(text: String, leadWords: Int = 0) {
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
                if hasDigit { entities.insert(fullHash) } else if capital { entities.insert(prefixHash) }
            }
            func addToToken(_ v: UInt32) {
                fullHash = Self.mix(fullHash, v)
                if prefixCount < Self.namePrefix { prefixHash = Self.mix(prefixHash, v); prefixCount += 1 }
            }
            func endWord() {
                if wordHashes.count < Self.maxWords { wordHashes.append(wordHash) }
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
                if WordScalar.isDigit(scalar) { hasDigit = true }
                let lower = Self.lowercased(scalar)
                wordHash = Self.mix(wordHash, lower.value)
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

        /// The entity hash of a lowercased token (`hash("су-30мки")`, `hash("рособ")`).
        static func hash(_ token: String) -> UInt64 {
            token.unicodeScalars.reduce(seed) { mix($0, $1.value) }
        }

        // MARK: Scanning

        private static let seed = FNV1a.offsetBasis

        /// FNV-1a over whole scalar values (one step per scalar, not per byte).
        @inline(__always)
        private static func mix(_ hash: UInt64, _ value: UInt32) -> UInt64 {
            FNV1a.mix(hash, UInt64(value))
        }

        /// Scalars taken by a leading dateline (`ЦАМТО, 6 мая. `, `Москва, 7 мая. /ТАСС/. `):
        /// agency and city are not the story. 0 when there is none.
        static func datelineLength(_ text: String) -> Int {
            DateExtractor.parseDateline(Array(text.unicodeScalars.prefix(240)), from: 0)?.bodyStart ?? 0
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
