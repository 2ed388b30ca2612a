// Repairs encoding noise common in scraped Russian bulletins before indexing
// and extraction. Every repair replaces one scalar by one scalar, so offsets
// into the repaired text are offsets into the original.

/// Latin/Greek look-alike letters inside Cyrillic words become Cyrillic, and
/// `?` standing for a lost dash inside a designation becomes `-`.
public enum TextRepair {
    /// Returns the repaired text; same number of Unicode scalars as the input.
    public static func repair(_ text: String) -> String {
        var scalars = Array(text.unicodeScalars)
        guard repair(scalars: &scalars) else { return text }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars)
        return String(view)
    }

    /// Repairs in place; returns true when something changed.
    @discardableResult
    static func repair(scalars: inout [Unicode.Scalar]) -> Bool {
        var changed = false
        let n = scalars.count
        var i = 0
        var previousWordCyrillic = false
        while i < n {
            let v = scalars[i].value
            if v == 0x3F {  // '?'
                if i > 0 && i + 1 < n && isAlnum(scalars[i - 1]) && isAlnum(scalars[i + 1])
                    && (isDigit(scalars[i - 1]) || isDigit(scalars[i + 1])) {
                    scalars[i] = "-"
                    changed = true
                }
                i += 1
                continue
            }
            guard isLetter(scalars[i]) else { i += 1; continue }
            // A run of letters (digits end it, so "Cу30" is the run "Cу").
            let start = i
            var cyrillic = 0, lookalike = 0, otherForeign = 0
            while i < n && isLetter(scalars[i]) {
                let c = scalars[i].value
                if c >= 0x400 && c <= 0x4FF { cyrillic += 1 }
                else if lookalikes[c] != nil { lookalike += 1 }
                else { otherForeign += 1 }
                i += 1
            }
            if lookalike > 0 && cyrillic > 0 && (otherForeign == 0 || cyrillic > otherForeign + lookalike) {
                for k in start..<i {
                    if let r = lookalikes[scalars[k].value], let s = Unicode.Scalar(r) {
                        scalars[k] = s
                        changed = true
                    }
                }
            } else if cyrillic == 0 && otherForeign == 0 && lookalike <= 3 && previousWordCyrillic
                        && i + 1 < n && isDash(scalars[i]) && isDigit(scalars[i + 1]) {
                // An all-look-alike prefix of a Russian designation: "C-400", "BTP-82" in Cyrillic text.
                var prefix = ""
                for k in start..<i {
                    if let r = lookalikes[scalars[k].value], let s = Unicode.Scalar(r) { prefix.unicodeScalars.append(s) }
                }
                var number = 0
                var k = i + 1
                while k < n && isDigit(scalars[k]) && number < 100_000 {
                    number = number * 10 + Int(scalars[k].value - 0x30)
                    k += 1
                }
                if WeaponNormalizer.isRussianLookalikePrefix(prefix, number: number) {
                    var j = start
                    for s in prefix.unicodeScalars { scalars[j] = s; j += 1 }
                    changed = true
                }
            }
            previousWordCyrillic = cyrillic > 0 && cyrillic >= otherForeign
        }
        return changed
    }

    @inline(__always) static func isDigit(_ s: Unicode.Scalar) -> Bool { s.value >= 0x30 && s.value <= 0x39 }
    @inline(__always) static func isDash(_ s: Unicode.Scalar) -> Bool {
        s.value == 0x2D || s.value == 0x2010 || s.value == 0x2011 || s.value == 0x3F
    }
    @inline(__always) static func isLetter(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        if v < 0x80 { return (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A) }
        if v >= 0x400 && v <= 0x4FF { return v < 0x482 || v > 0x489 }
        if v >= 0x370 && v <= 0x3FF { return true }
        return false
    }
    @inline(__always) static func isAlnum(_ s: Unicode.Scalar) -> Bool { isDigit(s) || isLetter(s) }

    /// Latin and Greek letters that look like Cyrillic ones.
    static let lookalikes: [UInt32: UInt32] = {
        let pairs: [(Character, Character)] = [
            ("a", "а"), ("c", "с"), ("e", "е"), ("o", "о"), ("p", "р"), ("x", "х"), ("y", "у"), ("k", "к"),
            ("A", "А"), ("B", "В"), ("C", "С"), ("E", "Е"), ("H", "Н"), ("K", "К"), ("M", "М"),
            ("O", "О"), ("P", "Р"), ("T", "Т"), ("X", "Х"), ("Y", "У"),
            ("α", "а"), ("ε", "е"), ("ο", "о"), ("ρ", "р"), ("κ", "к"), ("χ", "х"), ("τ", "т"),
            ("Α", "А"), ("Β", "В"), ("Ε", "Е"), ("Η", "Н"), ("Κ", "К"), ("Μ", "М"), ("Ο", "О"),
            ("Ρ", "Р"), ("Τ", "Т"), ("Χ", "Х"), ("Υ", "У"),
        ]
        var map: [UInt32: UInt32] = [:]
        for (a, b) in pairs { map[a.unicodeScalars.first!.value] = b.unicodeScalars.first!.value }
        return map
    }()
}
