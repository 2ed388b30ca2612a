// Weapon designations: one canonical spelling so that Latin and Cyrillic
// forms meet ("Su-30MKI", "су30мки", "СУ-30МКИ" → "Су-30МКИ").

/// A designation family ("Су", "МиГ", "F", "Панцирь").
struct WeaponFamily: Sendable {
    let canonical: String
    /// Russian families write their suffix letters in Cyrillic, the others in Latin.
    let russian: Bool
    /// Between family and number: "-" (Су-30), "" (K9, M777).
    let joiner: String
    /// Least number of digits in the number ("Т-72" needs 2: "Т-1" is not a tank).
    let minDigits: Int
    /// The first suffix part may be letters ("Бук-М2", "Искандер-М").
    let letterSuffix: Bool
    /// Written as one token ("K9", "M777", "TB2") rather than with a hyphen.
    let merged: Bool
}

/// Canonical forms of weapon designations.
public enum WeaponNormalizer {
    /// The canonical form: Russian families in Cyrillic with a hyphen and Cyrillic upper-case
    /// suffix ("Су-30МКИ", "Ми-17В-5", "С-400"), others in Latin ("F-16V", "J-10CE"), named
    /// systems by their usual spelling ("HIMARS", "BrahMos"). Unknown input is returned tidied.
    public static func canonical(_ designation: String) -> String {
        var scalars: [Unicode.Scalar] = []
        for s in designation.unicodeScalars {
            switch s.value {
            case 0x3F, 0x2010, 0x2011, 0x2012, 0x2013, 0x2014: scalars.append("-")
            case 0xAB, 0xBB, 0x22, 0x201C, 0x201D, 0x201E: continue
            case 0xA0: scalars.append(" ")
            default: scalars.append(s)
            }
        }
        var str = String(String.UnicodeScalarView(scalars)).trimmingWhitespace()
        guard !str.isEmpty else { return str }
        if let named = namedCanonical(str) { return named }
        // Leading letters, then the rest.
        let chars = Array(str)
        var k = 0
        while k < chars.count, chars[k].isLetter { k += 1 }
        let letters = String(chars[0..<k])
        var rest = String(chars[k...])
        if rest.hasPrefix("-") || rest.hasPrefix(" ") { rest.removeFirst() }
        if letters.isEmpty {
            // GRAU index: "2С19", "9к720", "3М-14".
            str = str.uppercased()
            return String(str.map { c in latinToCyrillic[c] ?? c })
        }
        let number = leadingNumber(rest)
        guard let family = family(for: letters, number: number) else {
            return str
        }
        if rest.isEmpty { return family.canonical }
        let suffix = normalizeSuffix(rest, russian: family.russian)
        if family.canonical == "TB" { return "Bayraktar TB" + suffix }
        return family.canonical + family.joiner + suffix
    }

    // MARK: - Families

    /// canonical | aliases | r(ussian)/w(estern) | joiner | min digits | flags (l = letter suffix, m = merged)
    static let familyData = """
    Су|су,su|r|-|2|
    МиГ|миг,mig|r|-|1|
    Ми|ми,mi|r|-|1|
    Ка|ка,ka|r|-|2|
    Ил|ил,il|r|-|2|
    Ту|ту,tu|r|-|2|
    Ан|ан,an|r|-|1|
    Як|як,yak,jak|r|-|2|
    Бе|бе,be|r|-|2|
    А|а|r|-|2|
    Т|т|r|-|2|
    С|с|r|-|2|
    Х|х,kh|r|-|2|
    Р|р|r|-|2|
    АК|ак,ak|r|-|2|
    РПГ|рпг,rpg|r|-|1|
    БТР|бтр,btr|r|-|2|
    БМП|бмп,bmp|r|-|1|
    БМПТ|бмпт,bmpt|r|-|2|
    БМД|бмд,bmd|r|-|1|
    БРДМ|брдм,brdm|r|-|1|
    БМ|бм|r|-|2|
    ТОС|тос,tos|r|-|1|
    Тор|тор,tor|r|-|1|l
    Бук|бук,buk|r|-|1|l
    Панцирь|панцирь,pantsir|r|-|1|l
    Искандер|искандер,iskander|r|-|0|l
    Игла|игла,igla|r|-|0|l
    Верба|верба,verba|r|-|0|l
    Корнет|корнет,kornet|r|-|0|l
    Орлан|орлан,orlan|r|-|1|
    Ланцет|ланцет,lancet|r|-|1|
    Герань|герань,geran|r|-|1|
    Тайфун|тайфун|r|-|0|l
    Курганец|курганец|r|-|2|
    Тигр|тигр|r|-|0|l
    Торнадо|торнадо|r|-|0|l
    Мста|мста|r|-|0|l
    Шахед|шахед,shahed|w|-|2|
    F|f|w|-|1|
    J|j|w|-|1|
    JF|jf|w|-|2|
    VT|vt|w|-|1|
    FC|fc|w|-|1|
    FA|fa|w|-|2|
    KF|kf|w|-|2|
    T|t|w|-|2|
    L|l|w|-|2|
    MQ|mq|w|-|1|
    RQ|rq|w|-|1|
    AH|ah|w|-|1|
    UH|uh|w|-|1|
    CH|ch|w|-|1|
    MH|mh|w|-|2|
    HH|hh|w|-|2|
    KC|kc|w|-|2|
    E|e|w|-|1|
    P|p|w|-|1|
    B|b|w|-|1|
    C|c|w|-|1|
    S|s|w|-|2|
    V|v|w|-|2|
    A|a|w|-|1|
    HQ|hq|w|-|1|
    PL|pl|w|-|1|
    DF|df|w|-|1|
    YJ|yj|w|-|1|
    CJ|cj|w|-|1|
    KJ|kj|w|-|3|
    Y|y|w|-|1|
    Z|z|w|-|1|
    WZ|wz|w|-|1|
    GJ|gj|w|-|1|
    TB|tb|w||1|m
    AW|aw|w||3|m
    NH|nh|w||2|m
    M|m|w||3|m
    K|k|w||1|m
    """

    static let families: [String: [WeaponFamily]] = {
        var out: [String: [WeaponFamily]] = [:]
        for line in familyData.split(separator: "\n") {
            let f = line.trimmingWhitespace().split(separator: "|", omittingEmptySubsequences: false).map(String.init)
            guard f.count >= 6 else { continue }
            let fam = WeaponFamily(canonical: f[0], russian: f[2] == "r", joiner: f[3], minDigits: Int(f[4]) ?? 1,
                                   letterSuffix: f[5].contains("l"), merged: f[5].contains("m"))
            for alias in f[1].split(separator: ",") { out[String(alias), default: []].append(fam) }
        }
        return out
    }()

    /// S-300/400/500 written with a Latin S or C are the Russian systems.
    static let samNumbers: Set<Int> = [75, 125, 200, 300, 350, 400, 500, 550]
    /// T-72/80/90 written with a Latin T are the Russian tanks.
    static let tankNumbers: Set<Int> = [14, 15, 34, 54, 55, 62, 64, 72, 80, 84, 90]

    static func leadingNumber(_ s: String) -> Int? {
        var v = 0
        var any = false
        for c in s {
            guard let d = c.wholeNumberValue, c.isASCII else { break }
            v = v * 10 + d
            any = true
            if v > 1_000_000 { break }
        }
        return any ? v : nil
    }

    /// The family for written letters, given the number that follows.
    static func family(for letters: String, number: Int?) -> WeaponFamily? {
        let low = RussianMorphology.fold(letters)
        let isLatin = low.unicodeScalars.allSatisfy { $0.isASCII }
        if isLatin {
            if (low == "s" || low == "c"), let n = number, samNumbers.contains(n) { return families["с"]?.first }
            if low == "t", let n = number, tankNumbers.contains(n) { return families["т"]?.first }
            if low == "a", let n = number, n == 50 || n == 100 { return families["а"]?.first }
            if let f = families[low]?.first { return f }
            // Latin look-alikes of a Cyrillic family ("Cy" for "Су").
            let cyr = String(low.map { latinLookalikeToCyrillic[$0] ?? $0 })
            if cyr != low, let f = families[cyr]?.first(where: { $0.russian }) { return f }
            return nil
        }
        if let f = families[low]?.first { return f }
        // Cyrillic look-alikes of a Latin family ("МQ").
        let lat = String(low.map { cyrillicLookalikeToLatin[$0] ?? $0 })
        if lat != low, let f = families[lat.lowercased()]?.first(where: { !$0.russian }) { return f }
        return nil
    }

    /// Whether a run of Latin look-alike letters before "-digits" in Cyrillic text is a Russian
    /// designation ("C-400" with a Latin C, "BTP-82"); used by `TextRepair`.
    static func isRussianLookalikePrefix(_ cyrillicPrefix: String, number: Int) -> Bool {
        switch cyrillicPrefix {
        case "С": return samNumbers.contains(number)
        case "Т": return tankNumbers.contains(number)
        case "Су", "Ту", "Ка", "ВТР", "БТР": return true
        default: return false
        }
    }

    static func normalizeSuffix(_ rest: String, russian: Bool) -> String {
        var out = ""
        var lastKind = 0  // 0 none, 1 digit, 2 letter
        var pendingSeparator = false
        for c in rest {
            if c == "-" || c == " " || c == "/" {
                pendingSeparator = true
                continue
            }
            let isDigit = c.isASCII && c.isNumber
            let kind = isDigit ? 1 : 2
            if pendingSeparator && !out.isEmpty {
                // Keep a separator before a digit ("17В-5") or between two letter groups; drop it
                // between a number and its letters ("30 МКИ" → "30МКИ").
                if kind == 1 || lastKind == 2 { out.append("-") }
            }
            pendingSeparator = false
            if isDigit {
                out.append(c)
            } else {
                let up = Character(String(c).uppercased())
                if russian {
                    out.append(latinToCyrillic[up] ?? up)
                } else {
                    out.append(cyrillicLookalikeToLatinUpper[up] ?? up)
                }
            }
            lastKind = kind
        }
        return out
    }

    static let latinToCyrillic: [Character: Character] = [
        "A": "А", "B": "Б", "C": "С", "D": "Д", "E": "Э", "F": "Ф", "G": "Г", "H": "Х", "I": "И", "K": "К",
        "L": "Л", "M": "М", "N": "Н", "O": "О", "P": "П", "R": "Р", "S": "С", "T": "Т", "U": "У", "V": "В",
        "W": "В", "X": "Х", "Y": "Ы", "Z": "З", "J": "Й",
    ]
    static let cyrillicLookalikeToLatinUpper: [Character: Character] = [
        "А": "A", "В": "B", "С": "C", "Е": "E", "Н": "H", "К": "K", "М": "M", "О": "O", "Р": "P", "Т": "T", "Х": "X", "У": "Y",
    ]
    static let cyrillicLookalikeToLatin: [Character: Character] = [
        "а": "a", "в": "b", "с": "c", "е": "e", "н": "h", "к": "k", "м": "m", "о": "o", "р": "p", "т": "t", "х": "x", "у": "y",
    ]
    static let latinLookalikeToCyrillic: [Character: Character] = [
        "a": "а", "c": "с", "e": "е", "k": "к", "m": "м", "o": "о", "p": "р", "t": "т", "x": "х", "y": "у", "b": "в", "h": "н",
    ]

}
