import Foundation

/// The one text normalisation applied identically at index and query time.
///
/// - Unicode NFC (so `й` typed as `и` + combining breve meets the precomposed letter),
/// - `ё`/`Ё` folded to `е`/`Е` (Xapian's Russian stemmer keeps `ё`, so `учёт` ≠ `учет`),
/// - soft hyphens, zero-width spaces/joiners, word joiners and BOMs removed,
/// - no-break and other exotic spaces turned into plain spaces.
public enum TextNormalizer {
    /// Normalises `text` for indexing, snippets and queries.
    public static func normalize(_ text: String) -> String {
        let composed = text.precomposedStringWithCanonicalMapping
        // Fast path: nothing to fold or remove (checked over UTF-8 bytes, no allocation).
        if !composed.utf8.contains(where: { $0 >= 0xC2 }) { return composed }
        var scalars = String.UnicodeScalarView()
        scalars.reserveCapacity(composed.unicodeScalars.count)
        for scalar in composed.unicodeScalars {
            switch scalar.value {
            case 0x0451: scalars.append("е")                       // ё
            case 0x0401: scalars.append("Е")                       // Ё
            case 0x00AD, 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF:   // soft hyphen, zero-width, BOM
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
}
