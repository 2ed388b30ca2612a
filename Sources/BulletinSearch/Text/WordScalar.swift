/// What a word is made of: the one rule shared by extraction's tokens (`TokenizedText`), the
/// joined compounds the indexer adds and the query side asks for (`Compounds`) and the
/// near-duplicate fingerprint (`DuplicateDetector.Fingerprint`).
///
/// Letters and digits of any script are word scalars; punctuation, symbols, arrows, emoji and
/// the Cyrillic combining marks (U+0483…U+0489) are not, even where Unicode calls some of them
/// alphabetic (`Ⓐ`) or numeric (`①`), so that decoration never joins or splits a word.
/// Characters that print as nothing are gone before this is asked (`TextNormalizer`).
enum WordScalar {
    @inline(__always)
    static func isWord(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        if v < 0x80 {
            return (v >= 0x30 && v <= 0x39) || (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A)
        }
        if v >= 0x400 && v <= 0x4FF { return v < 0x482 || v > 0x489 }
        if v < 0xC0 { return false }
        if v >= 0x2000 && v <= 0x2BFF { return false }   // punctuation, symbols, arrows
        if v >= 0x1F000 && v <= 0x1FFFF { return false }  // emoji and pictographs
        let p = s.properties
        return p.isAlphabetic || p.numericType != nil
    }

    /// A digit of any script (`0`…`9`, `٣`); never a letter.
    @inline(__always)
    static func isDigit(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x30...0x39: return true
        case 0...0x7F, 0x400...0x4FF: return false
        default: return s.properties.numericType != nil && !s.properties.isAlphabetic
        }
    }
}
