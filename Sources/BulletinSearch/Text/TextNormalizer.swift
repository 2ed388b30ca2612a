import Foundation

/// The one text normalisation applied identically at index and query time.
///
/// - Unicode NFC (so `й` typed as `и` + combining breve meets the precomposed letter),
/// - `ё`/`Ё` folded to `е`/`Е` (Xapian's Russian stemmer keeps `ё`, so `учёт` ≠ `учет`),
/// - characters that print as nothing removed (`isInvisible`): soft hyphens, zero-width
///   spaces/joiners, BOMs, bidi controls, emoji variation selectors (`⚡️` is U+26A1 U+FE0F,
///   and the selector would otherwise glue to the next word), skin-tone modifiers, tags,
/// - combining marks NFC could not compose removed (a stress mark: `М́инск` is `Минск`),
/// - no-break and other exotic spaces turned into plain spaces.
public enum TextNormalizer {
    /// Normalises `text` for indexing, snippets and queries.
    public static func normalize(_ text: String) -> String {
        // One pass without allocating decides what is needed: most bulletins are already
        // NFC (Cyrillic and Latin letters, punctuation) and have nothing to fold or remove.
        var needsComposition = false
        var needsEdit = false
        for scalar in text.unicodeScalars {
            let v = scalar.value
            if v < 0xA0 || (0x410...0x44F).contains(v) { continue }
            if !isComposed(v) { needsComposition = true; break }
            if needsEditing(scalar) { needsEdit = true }
        }
        if !needsComposition && !needsEdit { return text }
        let composed = needsComposition ? text.precomposedStringWithCanonicalMapping : text
        var scalars = String.UnicodeScalarView()
        scalars.reserveCapacity(composed.utf8.count)
        for scalar in composed.unicodeScalars {
            switch scalar.value {
            case 0x0451: scalars.append("е")                       // ё
            case 0x0401: scalars.append("Е")                       // Ё
            case _ where isInvisible(scalar) || (0x0300...0x036F).contains(scalar.value):
                continue
            case 0x00A0, 0x2000...0x200A, 0x202F, 0x205F, 0x3000:  // exotic spaces
                scalars.append(" ")
            case 0x2010, 0x2011:                                   // hyphen, non-breaking hyphen
                scalars.append("-")
            default:
                scalars.append(scalar)
            }
        }
        return String(scalars)
    }

    /// True for a scalar the loop in `normalize` changes or drops.
    static func needsEditing(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0451, 0x0401, 0x0300...0x036F, 0x00A0, 0x2000...0x200A, 0x202F, 0x205F, 0x3000, 0x2010, 0x2011:
            return true
        default:
            return isInvisible(scalar)
        }
    }

    /// True when `v` can stand in NFC text as it is, whatever surrounds it: canonical
    /// combining class 0 and NFC quick-check Yes (no singleton decompositions such as
    /// U+2000 or U+212B). A conservative list of the blocks bulletins are written in; any
    /// other scalar sends the text through Foundation's NFC.
    static func isComposed(_ v: UInt32) -> Bool {
        switch v {
        case 0...0x2FF, 0x400...0x482, 0x48A...0x52F, 0x2002...0x206F, 0x20A0...0x20CF, 0x2116, 0x2122:
            return true
        default:
            return false
        }
    }

    /// Characters that print as nothing and must never become part of a word: soft hyphen,
    /// zero-width space/joiners, word joiner, BOM, bidi marks and embeddings, variation
    /// selectors, the keycap mark, emoji modifiers and tag characters.
    public static func isInvisible(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x00AD, 0x200B...0x200F, 0x202A...0x202E, 0x2060...0x2064, 0x2066...0x2069, 0xFEFF,
             0xFE00...0xFE0F, 0x20E3, 0x1F3FB...0x1F3FF, 0xE0000...0xE007F, 0xE0100...0xE01EF:
            return true
        default:
            return false
        }
    }
}
