import Foundation

// Finds weapon designations in the tokens: family + hyphen + number
// ("Су-30МКИ", "Ми-17В-5", "F-16"), one-token forms ("M777", "TB2"), GRAU
// indices ("2С19"), and named systems ("HIMARS", «Калибр»).

enum WeaponExtractor {
    static func find(_ tt: TokenizedText, from: Int = 0) -> [String] {
        let tokens = tt.tokens
        let n = tokens.count
        var out: [String] = []
        var seen = Set<String>()
        var lastDesignationEnd = -10
        func emit(_ s: String, end: Int) {
            lastDesignationEnd = end
            if seen.insert(s).inserted { out.append(s) }
        }
        var i = from
        while i < n {
            let t = tokens[i]
            // Family + hyphen + number.
            if t.isWord, t.isCapitalized, t.length <= 9, i + 1 < n, isDash(tt, before: i + 1) {
                let next = tokens[i + 1]
                let startsWithDigit = next.flags.contains(.digits) && firstIsDigit(tt, i + 1)
                let number = startsWithDigit ? leadingNumber(next.lower) : nil
                if let fam = WeaponNormalizer.family(for: tt.original(i), number: number), !fam.merged {
                    var ok = false
                    if startsWithDigit, let num = number {
                        let digits = leadingDigits(next.lower)
                        ok = digits >= fam.minDigits && digits <= 4 && !(digits == 4 && num >= 1900)
                    } else if fam.letterSuffix, next.length <= 3, next.isCapitalized {
                        ok = true
                    }
                    if ok {
                        var last = i + 1
                        var parts = 1
                        while last + 1 < n, parts < 3, isStrictHyphen(tt, before: last + 1) {
                            let p = tokens[last + 1]
                            let pDigit = firstIsDigit(tt, last + 1)
                            guard pDigit || (p.length <= 3 && (p.isAllUpper || p.flags.contains(.digits))) else { break }
                            last += 1
                            parts += 1
                        }
                        emit(WeaponNormalizer.canonical(tt.span(i, last)), end: last)
                        i = last + 1
                        continue
                    }
                }
            }
            // One token: letters then digits ("M777", "TB2", "Су30МКИ"), or digits then letters ("2С19").
            if t.flags.contains(.letters), t.flags.contains(.digits), t.length >= 2, t.length <= 10 {
                if let d = mergedDesignation(tt, i) {
                    var last = i
                    if d.hasSuffix("-") == false, i + 1 < n, isStrictHyphen(tt, before: i + 1), firstIsDigit(tt, i + 1),
                       tokens[i + 1].length <= 3, t.lower.last.map({ !$0.isNumber }) ?? false {
                        last = i + 1   // "3М-14"
                    }
                    emit(WeaponNormalizer.canonical(tt.span(i, last)), end: last)
                    i = last + 1
                    continue
                }
            }
            // Named systems.
            if t.isWord, t.isCapitalized, let (canonical, needsQuotes) = WeaponNormalizer.namedByWord[t.key] {
                let quoted = isQuoted(tt, i)
                if (!needsQuotes || quoted) && i - lastDesignationEnd > 1 {
                    var name = canonical
                    var last = i
                    if canonical == "Leopard", i + 1 < n, tt.isSpaceJoin(before: i + 1), firstIsDigit(tt, i + 1) {
                        name = "Leopard " + tt.original(i + 1).uppercased()
                        last = i + 1
                    } else if canonical == "Leopard" {
                        name = "Leopard 2"
                    }
                    // A hyphenated variant: «Панцирь-С1» handled above; «Искандер-М» likewise.
                    emit(name, end: last)
                    i = last + 1
                    continue
                }
            }
            i += 1
        }
        return out
    }

    /// The canonical designation of a one-token form, or nil.
    static func mergedDesignation(_ tt: TokenizedText, _ i: Int) -> String? {
        let t = tt.tokens[i]
        let original = tt.original(i)
        let chars = Array(original)
        guard let first = chars.first else { return nil }
        if first.isASCII && first.isNumber {
            // GRAU index: digits, 1-2 upper-case Cyrillic letters, optional digits ("2С19", "9К720", "3М").
            var k = 0
            while k < chars.count, chars[k].isASCII, chars[k].isNumber { k += 1 }
            guard k <= 2 else { return nil }
            var letters = 0
            while k < chars.count, chars[k].isLetter, chars[k].isUppercase, ("А"..."Я").contains(chars[k]) { k += 1; letters += 1 }
            guard letters >= 1, letters <= 2 else { return nil }
            var digits = 0
            while k < chars.count, chars[k].isASCII, chars[k].isNumber { k += 1; digits += 1 }
            guard k == chars.count else { return nil }
            if digits == 0 {
                // "3М" alone must be followed by "-14".
                guard i + 1 < tt.tokens.count, isStrictHyphen(tt, before: i + 1), firstIsDigit(tt, i + 1) else { return nil }
            }
            return original
        }
        guard t.isCapitalized else { return nil }
        var k = 0
        while k < chars.count, chars[k].isLetter { k += 1 }
        guard k >= 1, k <= 3, k < chars.count else { return nil }
        let letters = String(chars[0..<k])
        let rest = String(chars[k...])
        guard let num = leadingNumber(rest) else { return nil }
        let digits = leadingDigits(rest)
        guard let fam = WeaponNormalizer.family(for: letters, number: num) else { return nil }
        // Letters must be upper case ("МиГ" aside): "Mi8" is not a designation, "MI8" rarely is.
        if fam.merged {
            switch fam.canonical {
            case "M": guard digits >= 3 || rest.uppercased().range(of: "^[12]A[0-9]$", options: .regularExpression) != nil else { return nil }
            case "K": guard [2, 9, 21, 239].contains(num) else { return nil }
            default: guard digits >= fam.minDigits else { return nil }
            }
            return original
        }
        // "Су30МКИ", "F16": a hyphen was left out; only for families of two or more letters or F/J.
        guard k >= 2 || ["F", "J"].contains(fam.canonical), digits >= max(fam.minDigits, 1), digits <= 3 else { return nil }
        return original
    }

    static func isDash(_ tt: TokenizedText, before i: Int) -> Bool {
        let sep = tt.separator(before: i)
        guard sep.count == 1, let s = sep.first else { return false }
        return s.value == 0x2D || s.value == 0x2010 || s.value == 0x2011 || s.value == 0x2013 || s.value == 0x2012
    }

    static func isStrictHyphen(_ tt: TokenizedText, before i: Int) -> Bool {
        isDash(tt, before: i)
    }

    static func firstIsDigit(_ tt: TokenizedText, _ i: Int) -> Bool {
        let v = tt.scalars[tt.tokens[i].start].value
        return v >= 0x30 && v <= 0x39
    }

    static func leadingNumber(_ s: String) -> Int? { WeaponNormalizer.leadingNumber(s) }

    static func leadingDigits(_ s: String) -> Int {
        var c = 0
        for ch in s { if ch.isASCII && ch.isNumber { c += 1 } else { break } }
        return c
    }

    /// The token is directly inside quotes: «Калибр», "Кинжал".
    static func isQuoted(_ tt: TokenizedText, _ i: Int) -> Bool {
        let before = tt.separator(before: i)
        guard let open = before.last, open == "«" || open == "\"" || open == "„" || open == "“" else { return false }
        let afterEnd = i + 1 < tt.tokens.count ? tt.tokens[i + 1].start : tt.scalars.count
        let after = tt.scalars[tt.tokens[i].end..<afterEnd]
        guard let close = after.first else { return false }
        return close == "»" || close == "\"" || close == "“" || close == "”" || close == "-"
    }
}
