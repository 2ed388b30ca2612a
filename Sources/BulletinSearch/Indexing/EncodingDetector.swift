import Foundation

/// The text encodings `bulletin index` accepts.
public enum TextEncoding: String, Sendable, Equatable, CaseIterable {
    case utf8 = "UTF-8"
    case utf8BOM = "UTF-8 with BOM"
    case utf16LE = "UTF-16LE"
    case utf16BE = "UTF-16BE"
    case windows1251 = "Windows-1251"
    case koi8r = "KOI8-R"
}

/// Tells which encoding a file's bytes are in: byte-order marks first, then UTF-8
/// validity, then, for the two Russian 8-bit encodings, Cyrillic letter statistics.
///
/// Windows-1251 and KOI8-R share no structure a decoder could check: every byte decodes in
/// both. They differ in where the letters sit: text decoded with the wrong table has its
/// case flipped inside words (`пРИВЕТ`) and letter frequencies unlike Russian. A candidate
/// must look like Russian on both counts, and clearly better than the other; otherwise
/// the file is refused rather than indexed as mojibake.
public enum EncodingDetector {
    /// Fewest Cyrillic letters an 8-bit file must contain for the statistics to decide.
    static let minimumLetters = 30

    /// The encoding of `bytes`, and the decoded text.
    public static func decode(_ bytes: some Collection<UInt8>) -> Result<(text: String, encoding: TextEncoding), Rejection> {
        let bytes = Array(bytes)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            guard let text = String(validating: bytes[3...], as: UTF8.self) else {
                return .failure(Rejection("starts with a UTF-8 byte-order mark but is not valid UTF-8"))
            }
            return .success((text, .utf8BOM))
        }
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            let little = bytes[0] == 0xFF
            if little, bytes.starts(with: [0xFF, 0xFE, 0, 0]) {
                return .failure(Rejection("UTF-32 is not supported (convert the file to UTF-8)"))
            }
            let body = bytes[2...]
            guard body.count % 2 == 0 else {
                return .failure(Rejection("UTF-16 file with an odd number of bytes (truncated?)"))
            }
            var units: [UInt16] = []
            units.reserveCapacity(body.count / 2)
            var i = body.startIndex
            while i < body.endIndex {
                let a = UInt16(body[i]), b = UInt16(body[i + 1])
                units.append(little ? a | b << 8 : a << 8 | b)
                i += 2
            }
            guard let text = String(validating: units, as: UTF16.self) else {
                return .failure(Rejection("invalid UTF-16 (unpaired surrogates)"))
            }
            return .success((text, little ? .utf16LE : .utf16BE))
        }
        if bytes.contains(0) {
            return .failure(Rejection(looksLikeBOMlessUTF16(bytes)
                ? "looks like UTF-16 without a byte-order mark (add a BOM or convert to UTF-8)"
                : "binary file (contains NUL bytes)"))
        }
        if let text = String(validating: bytes, as: UTF8.self) { return .success((text, .utf8)) }
        return decodeEightBit(bytes)
    }

    /// NULs only in every other byte, and those bytes all 0x00 or 0x04: the high bytes of
    /// Latin and Cyrillic UTF-16 code units.
    private static func looksLikeBOMlessUTF16(_ bytes: [UInt8]) -> Bool {
        guard bytes.count >= 8 else { return false }
        let sample = Array(bytes.prefix(4096))
        for parity in 0...1 {
            var highBytes = 0, pairs = 0, strayNUL = false
            for (i, byte) in sample.enumerated() {
                if i % 2 == parity {
                    pairs += 1
                    if byte == 0 || byte == 4 { highBytes += 1 }
                } else if byte == 0 {
                    strayNUL = true
                }
            }
            if !strayNUL, highBytes * 10 >= pairs * 9 { return true }
        }
        return false
    }

    // MARK: - Windows-1251 and KOI8-R

    /// What the statistics say about one candidate decoding.
    struct Evidence: Equatable {
        var letters = 0
        /// Sum of the log-frequencies of the (lowercased) Russian letters.
        var logLikelihood = 0.0
        /// A lowercase Cyrillic letter followed by an uppercase one (`пР`).
        var caseFlips = 0
        var letterPairs = 0
        /// Characters from the high half that Russian text does not use: letters of other
        /// Cyrillic alphabets (ђ, љ, …), box drawing, undefined bytes.
        var foreign = 0
        /// Rare punctuation (‚ ‘ ‹ › † ‡ ‰ …): possible, but usually a sign of the wrong table.
        var rare = 0
        /// Cyrillic letters touching a Latin letter (`Mьller`: Latin-1 read as 1251).
        var mixedScript = 0
        var highBytes = 0

        var meanLogLikelihood: Double { letters == 0 ? -.infinity : logLikelihood / Double(letters) }

        /// Things Russian text almost never has, whatever the encoding got right: case flips
        /// inside words (`МиГ` is one), rare punctuation, Latin letters glued to Cyrillic ones.
        var anomalies: Int { caseFlips + rare + mixedScript }

        /// Looks like Russian text: enough letters, Russian letter frequencies, at most one
        /// anomaly per hundred letters and next to no foreign characters.
        var plausible: Bool {
            letters >= EncodingDetector.minimumLetters
                && anomalies * 100 <= letters
                && foreign * 1000 <= letters
                && meanLogLikelihood >= -3.45
        }
    }

    static func decodeEightBit(_ bytes: [UInt8]) -> Result<(text: String, encoding: TextEncoding), Rejection> {
        let cp1251 = evidence(bytes, table: windows1251Table)
        let koi8 = evidence(bytes, table: koi8rTable)
        let (winner, loser, encoding, table) = cp1251.meanLogLikelihood >= koi8.meanLogLikelihood
            ? (cp1251, koi8, TextEncoding.windows1251, windows1251Table)
            : (koi8, cp1251, TextEncoding.koi8r, koi8rTable)
        guard winner.letters >= minimumLetters else {
            return .failure(Rejection("not UTF-8, and too little Cyrillic text to tell Windows-1251 from KOI8-R"))
        }
        guard winner.plausible else {
            return .failure(Rejection("unknown encoding (not UTF-8, UTF-16 with BOM, Windows-1251 or KOI8-R)"))
        }
        // The same bytes read both ways: the right table must be clearly more Russian.
        if winner.meanLogLikelihood - loser.meanLogLikelihood < 0.25 {
            return .failure(Rejection("cannot tell Windows-1251 from KOI8-R with confidence"))
        }
        return .success((decode(bytes, table: table), encoding))
    }

    static func decode(_ bytes: [UInt8], table: [Unicode.Scalar]) -> String {
        var scalars = String.UnicodeScalarView()
        scalars.reserveCapacity(bytes.count)
        for byte in bytes {
            scalars.append(byte < 0x80 ? Unicode.Scalar(byte) : table[Int(byte) - 0x80])
        }
        return String(scalars)
    }

    static func evidence(_ bytes: [UInt8], table: [Unicode.Scalar]) -> Evidence {
        var e = Evidence()
        var previous: Unicode.Scalar = " "
        var previousIsLatin = false
        for byte in bytes {
            let scalar: Unicode.Scalar
            if byte < 0x80 {
                scalar = Unicode.Scalar(byte)
                let latin = (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A
                if latin, isCyrillic(previous) { e.mixedScript += 1 }
                previousIsLatin = latin
                previous = scalar
                continue
            }
            e.highBytes += 1
            scalar = table[Int(byte) - 0x80]
            if isCyrillic(scalar) {
                e.letters += 1
                e.logLikelihood += logFrequency(scalar)
                if !isRussianOrNeighbourLetter(scalar) { e.foreign += 1 }
                if previousIsLatin { e.mixedScript += 1 }
                if isCyrillic(previous) {
                    e.letterPairs += 1
                    if isLowercaseCyrillic(previous), !isLowercaseCyrillic(scalar) { e.caseFlips += 1 }
                }
            } else if rareNonLetters.contains(scalar) {
                e.rare += 1
            } else if !plausibleNonLetters.contains(scalar) {
                e.foreign += 1
            }
            previous = scalar
            previousIsLatin = false
        }
        return e
    }

    static func isCyrillic(_ s: Unicode.Scalar) -> Bool { (0x0400...0x045F).contains(s.value) || s.value == 0x0490 || s.value == 0x0491 }
    /// Russian letters, and the Ukrainian and Belarusian ones (і ї є ґ ў); not the
    /// Serbian and Macedonian ones (ђ ѓ љ њ ќ ћ џ ј ѕ), which is what text in other Cyrillic
    /// encodings (Mac Cyrillic) turns into when read as Windows-1251.
    static func isRussianOrNeighbourLetter(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x0410...0x044F, 0x0401, 0x0451, 0x0404, 0x0454, 0x0406, 0x0456, 0x0407, 0x0457, 0x0490, 0x0491, 0x040E, 0x045E:
            return true
        default:
            return false
        }
    }

    static func isLowercaseCyrillic(_ s: Unicode.Scalar) -> Bool { (0x0430...0x045F).contains(s.value) || s.value == 0x0491 }

    /// Punctuation and symbols Russian text in these encodings commonly holds.
    static let plausibleNonLetters: Set<Unicode.Scalar> = [
        "\u{A0}", "«", "»", "—", "–", "„", "“", "”", "’", "…", "№", "•", "·", "°", "©", "®", "™",
        "§", "±", "\u{AD}", "€", "²",
    ]

    /// Symbols a Russian text may hold but rarely does.
    static let rareNonLetters: Set<Unicode.Scalar> = ["‚", "‘", "‹", "›", "†", "‡", "‰", "¤", "¦", "¶", "µ", "¬", "÷"]

    /// ln(frequency) of the lowercased letter in Russian text; rare non-Russian Cyrillic
    /// letters get a small frequency.
    static func logFrequency(_ s: Unicode.Scalar) -> Double {
        var v = s.value
        if (0x0410...0x042F).contains(v) { v += 0x20 }
        if v == 0x0401 { v = 0x0451 }
        if (0x0430...0x044F).contains(v) { return russianLogFrequencies[Int(v - 0x0430)] }
        if v == 0x0451 { return log(0.0004) }
        return log(0.0002)
    }

    /// а…я, from the usual Russian letter frequency table.
    static let russianLogFrequencies: [Double] = [
        0.0801, 0.0159, 0.0454, 0.0170, 0.0298, 0.0845, 0.0094, 0.0165, 0.0735, 0.0121, 0.0349,
        0.0440, 0.0321, 0.0670, 0.1097, 0.0281, 0.0473, 0.0547, 0.0626, 0.0262, 0.0026, 0.0097,
        0.0048, 0.0144, 0.0073, 0.0036, 0.0004, 0.0190, 0.0174, 0.0032, 0.0064, 0.0201,
    ].map { log($0) }

}

// MARK: - Tables (the standard mappings of bytes 0x80–0xFF)

extension EncodingDetector {
    static let windows1251Table: [Unicode.Scalar] = scalars([
        0x0402, 0x0403, 0x201A, 0x0453, 0x201E, 0x2026, 0x2020, 0x2021, 0x20AC, 0x2030, 0x0409, 0x2039, 0x040A, 0x040C, 0x040B, 0x040F,
        0x0452, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0xFFFD, 0x2122, 0x0459, 0x203A, 0x045A, 0x045C, 0x045B, 0x045F,
        0x00A0, 0x040E, 0x045E, 0x0408, 0x00A4, 0x0490, 0x00A6, 0x00A7, 0x0401, 0x00A9, 0x0404, 0x00AB, 0x00AC, 0x00AD, 0x00AE, 0x0407,
        0x00B0, 0x00B1, 0x0406, 0x0456, 0x0491, 0x00B5, 0x00B6, 0x00B7, 0x0451, 0x2116, 0x0454, 0x00BB, 0x0458, 0x0405, 0x0455, 0x0457,
    ] + Array(0x0410...0x044F))

    static let koi8rTable: [Unicode.Scalar] = scalars([
        0x2500, 0x2502, 0x250C, 0x2510, 0x2514, 0x2518, 0x251C, 0x2524, 0x252C, 0x2534, 0x253C, 0x2580, 0x2584, 0x2588, 0x258C, 0x2590,
        0x2591, 0x2592, 0x2593, 0x2320, 0x25A0, 0x2219, 0x221A, 0x2248, 0x2264, 0x2265, 0x00A0, 0x2321, 0x00B0, 0x00B2, 0x00B7, 0x00F7,
        0x2550, 0x2551, 0x2552, 0x0451, 0x2553, 0x2554, 0x2555, 0x2556, 0x2557, 0x2558, 0x2559, 0x255A, 0x255B, 0x255C, 0x255D, 0x255E,
        0x255F, 0x2560, 0x2561, 0x0401, 0x2562, 0x2563, 0x2564, 0x2565, 0x2566, 0x2567, 0x2568, 0x2569, 0x256A, 0x256B, 0x256C, 0x00A9,
        // юабцдефгхийклмнопярстужвьызшэщчъ, then the same in capitals
        0x044E, 0x0430, 0x0431, 0x0446, 0x0434, 0x0435, 0x0444, 0x0433, 0x0445, 0x0438, 0x0439, 0x043A, 0x043B, 0x043C, 0x043D, 0x043E,
        0x043F, 0x044F, 0x0440, 0x0441, 0x0442, 0x0443, 0x0436, 0x0432, 0x044C, 0x044B, 0x0437, 0x0448, 0x044D, 0x0449, 0x0447, 0x044A,
        0x042E, 0x0410, 0x0411, 0x0426, 0x0414, 0x0415, 0x0424, 0x0413, 0x0425, 0x0418, 0x0419, 0x041A, 0x041B, 0x041C, 0x041D, 0x041E,
        0x041F, 0x042F, 0x0420, 0x0421, 0x0422, 0x0423, 0x0416, 0x0412, 0x042C, 0x042B, 0x0417, 0x0428, 0x042D, 0x0429, 0x0427, 0x042A,
    ])

    private static func scalars(_ values: [UInt32]) -> [Unicode.Scalar] {
        precondition(values.count == 128)
        return values.map { Unicode.Scalar($0)! }
    }
}
