import Foundation

// The crawl header (" date 2025-11-18"), the dateline ("ЦАМТО, 18 августа.",
// "Москва, 12 марта. /ТАСС/."), dates in the text and the rules that give
// the publication date its year.

/// The dateline at the start of a bulletin.
struct Dateline: Sendable {
    var day: Int
    var month: Int
    var year: Int?
    /// What precedes the comma: an agency ("ЦАМТО") or a city ("Москва").
    var lead: String
    /// Agency named after the date ("/ТАСС/", "(ТАСС)").
    var agency: String?
    /// Scalar index where the body starts.
    var bodyStart: Int
    /// Scalar index where the dateline starts.
    var start: Int
}

/// A date found in the body: day and month, maybe a year, at a token index.
struct TextDate: Sendable {
    var day: Int
    var month: Int
    var year: Int?
    var token: Int
}

enum DateExtractor {
    static let monthGenitive: [String: Int] = [
        "января": 1, "февраля": 2, "марта": 3, "апреля": 4, "мая": 5, "июня": 6,
        "июля": 7, "августа": 8, "сентября": 9, "октября": 10, "ноября": 11, "декабря": 12,
    ]

    static let monthByWord: [Word: Int] = {
        var out: [Word: Int] = [:]
        for (k, v) in monthGenitive { out[Word(k)] = v }
        return out
    }()

    static let knownAgencies: [String: String] = [
        "цамто": "ЦАМТО", "тасс": "ТАСС", "итар тасс": "ИТАР-ТАСС", "риа новости": "РИА Новости", "риа": "РИА Новости",
        "интерфакс": "Интерфакс", "интерфакс авн": "Интерфакс-АВН", "белта": "БЕЛТА", "прайм": "ПРАЙМ",
        "регнум": "Регнум", "спутник": "Sputnik", "известия": "Известия", "звезда": "Звезда", "военное обозрение": "Военное обозрение",
    ]

    // MARK: - Dates in the text

    /// Day-month dates (with year when given) and ranges in tokens `from..<to`; ranges of up to
    /// seven days give every day, longer ones their first and last day.
    static func findDates(_ tt: TokenizedText, from: Int, to: Int) -> [TextDate] {
        let tokens = tt.tokens
        var out: [TextDate] = []
        func intValue(_ i: Int) -> Int? {
            guard i < to, tokens[i].isNumber, tokens[i].length <= 4 else { return nil }
            return Int(tokens[i].lower)
        }
        func yearAfter(_ i: Int) -> Int? {
            guard i < to, tt.isSpaceJoin(before: i), let y = intValue(i), y >= 1950, y <= 2100, tokens[i].length == 4 else { return nil }
            return y
        }
        func isRangeSep(_ i: Int) -> Bool {
            let sep = tt.separator(before: i)
            let trimmed = sep.filter { $0 != " " && $0 != "\u{A0}" }
            return trimmed.count == 1 && "-–—".unicodeScalars.contains(trimmed[trimmed.startIndex])
        }
        var i = from
        while i < to {
            guard let d1 = intValue(i), (1...31).contains(d1), tokens[i].length <= 2 else { i += 1; continue }
            // d1 month [year]
            if i + 1 < to, tt.isSpaceJoin(before: i + 1), let m1 = monthByWord[tokens[i + 1].key] {
                let y1 = yearAfter(i + 2)
                // d1 month1 – d2 month2 [year]  /  с d1 month1 по d2 month2
                var j = i + 2 + (y1 == nil ? 0 : 1)
                let joinedByPo = j < to && tokens[j].key == "по" && i > from && (tokens[i - 1].key == "с" || tokens[i - 1].key == "со")
                if j < to, joinedByPo || isRangeSep(j) {
                    if joinedByPo { j += 1 }
                    if let d2 = intValue(j), (1...31).contains(d2), j + 1 < to, let m2 = monthByWord[tokens[j + 1].key] {
                        let y2 = yearAfter(j + 2)
                        out.append(contentsOf: expand(d1, m1, y1 ?? y2, d2, m2, y2, token: i))
                        i = j + 2
                        continue
                    }
                }
                out.append(TextDate(day: d1, month: m1, year: y1, token: i))
                i += 2
                continue
            }
            // d1-d2 month / d1 и d2 month / с d1 по d2 month
            var j = i + 1
            var isRange = false
            var isPair = false
            if j < to, isRangeSep(j) { isRange = true }
            else if j < to, tokens[j].key == "по", i > from, tokens[i - 1].key == "с" { isRange = true; j += 1 }
            else if j < to, tokens[j].key == "и" { isPair = true; j += 1 }
            if isRange || isPair, let d2 = intValue(j), (1...31).contains(d2), tokens[j].length <= 2,
               j + 1 < to, tt.isSpaceJoin(before: j + 1), let m = monthByWord[tokens[j + 1].key] {
                let y = yearAfter(j + 2)
                if isPair {
                    out.append(TextDate(day: d1, month: m, year: y, token: i))
                    out.append(TextDate(day: d2, month: m, year: y, token: i))
                } else if d2 > d1 {
                    out.append(contentsOf: expand(d1, m, y, d2, m, y, token: i))
                }
                i = j + 2
                continue
            }
            // dd.mm.yyyy
            if i + 2 < to, tt.string(from: tokens[i].end, to: tokens[i + 1].start) == ".",
               tt.string(from: tokens[i + 1].end, to: tokens[i + 2].start) == ".",
               let m = intValue(i + 1), (1...12).contains(m), tokens[i + 2].length == 4,
               let y = intValue(i + 2), y >= 1950, y <= 2100 {
                out.append(TextDate(day: d1, month: m, year: y, token: i))
                i += 3
                continue
            }
            i += 1
        }
        return out
    }

    static func expand(_ d1: Int, _ m1: Int, _ y1: Int?, _ d2: Int, _ m2: Int, _ y2: Int?, token: Int) -> [TextDate] {
        // Use a reference year to count the days; the real year is resolved later.
        let refYear = y1 ?? y2 ?? 2001
        guard let a = SimpleDate(year: refYear, month: m1, day: d1) else { return [] }
        var bYear = y2 ?? refYear
        if y2 == nil && m2 < m1 { bYear += 1 }
        guard let b = SimpleDate(year: bYear, month: m2, day: d2), b.dayNumber >= a.dayNumber else {
            return [TextDate(day: d1, month: m1, year: y1, token: token)]
        }
        let span = b.dayNumber - a.dayNumber
        var out: [TextDate] = []
        if span <= 6 {
            for k in 0...span {
                let d = a.adding(days: k)
                let explicitYear: Int? = (y1 ?? y2) == nil ? nil : d.year
                out.append(TextDate(day: d.day, month: d.month, year: explicitYear, token: token))
            }
        } else {
            out.append(TextDate(day: d1, month: m1, year: y1 ?? y2, token: token))
            out.append(TextDate(day: d2, month: m2, year: y2, token: token))
        }
        return out
    }

    /// Words that put a sentence in the future or make a year a deadline: such years are plans,
    /// not the publication year ("поставки ожидаются в 2026 году", "до 2030 года").
    static let futureWords: Set<Word> = [
        "будет", "будут", "планируется", "планирует", "планируют", "планировалось", "ожидается", "ожидаются", "намерен",
        "намерена", "намерены", "должен", "должна", "должно", "должны", "предполагается", "получат", "получит", "поставит",
        "поставят", "начнется", "начнутся", "завершится", "завершатся", "состоится", "состоятся", "пройдет", "пройдут",
        "планам", "плану", "перспективе", "следующем", "следующего", "прогноз", "прогнозу",
    ]
    static let deadlinePrepositions: Set<Word> = ["до", "к", "после", "по", "на", "между", "из", "с", "со", "против"]

    /// Bare years with a weight: "в 2019 году", "2019 г.", "2019 года", and event names "Армия-2019",
    /// «Южный ветер-2019» weigh 1; in a sentence about the future 0.5; deadlines ("до 2030 года") are left out.
    static func yearMentions(_ tt: TokenizedText, from: Int, to: Int) -> [(year: Int, weight: Double)] {
        let tokens = tt.tokens
        var out: [(year: Int, weight: Double)] = []
        var futureSentence = false
        var i = from
        while i < to {
            if tokens[i].flags.contains(.sentenceStart) || i == from {
                futureSentence = false
                var k = i
                while k < to, k == i || !tokens[k].flags.contains(.sentenceStart) {
                    if futureWords.contains(tokens[k].key) { futureSentence = true; break }
                    k += 1
                }
            }
            if i > from && deadlinePrepositions.contains(tokens[i - 1].key) { i += 1; continue }
            if tokens[i].isNumber, tokens[i].length == 4, let y = Int(tokens[i].lower), y >= 1950, y <= 2100 {
                let weight = futureSentence ? 0.5 : 1
                let w: Word = i + 1 < to ? tokens[i + 1].key : ""
                if w == "году" || w == "года" || w == "год" || w == "г" || w == "годом" { out.append((y, weight)) }
                else if i > from, tokens[i - 1].isWord, tt.isHyphenJoin(before: i) { out.append((y, weight)) }
                // "Airshow China 2022", "IDEX 2025": a year after a Latin event name.
                else if i > from, tokens[i - 1].isWord, tokens[i - 1].isCapitalized, tokens[i - 1].flags.contains(.latin),
                        tt.isSpaceJoin(before: i) { out.append((y, weight)) }
            }
            i += 1
        }
        return out
    }

    /// The year nearest to `reference` for a day and month, allowing the future only up to
    /// about four months ahead ("пройдет 20-25 февраля" in a November bulletin).
    static func resolve(day: Int, month: Int, near reference: SimpleDate) -> SimpleDate? {
        var best: SimpleDate? = nil
        var bestScore = Int.max
        for y in (reference.year - 1)...(reference.year + 1) {
            guard let d = SimpleDate(year: y, month: month, day: day) else { continue }
            let diff = d.dayNumber - reference.dayNumber
            let score = diff > 0 ? diff * 2 : -diff
            if score < bestScore { bestScore = score; best = d }
        }
        return best
    }

    // MARK: - Scalars

    @inline(__always) static func isSpace(_ s: Unicode.Scalar) -> Bool {
        s == " " || s == "\n" || s == "\r" || s == "\t" || s == "\u{A0}"
    }
    @inline(__always) static func isDigit(_ s: Unicode.Scalar) -> Bool { s.value >= 0x30 && s.value <= 0x39 }
    static func isLetterScalar(_ s: [Unicode.Scalar], _ p: Int) -> Bool {
        p < s.count && WordScalar.isWord(s[p]) && !isDigit(s[p])
    }
    static func number(_ s: [Unicode.Scalar], _ p: Int, maxDigits: Int) -> (Int, Int)? {
        var q = p
        var v = 0
        while q < s.count, q - p < maxDigits, isDigit(s[q]) {
            v = v * 10 + Int(s[q].value - 0x30)
            q += 1
        }
        guard q > p, q >= s.count || !isDigit(s[q]) else { return nil }
        return (v, q)
    }
    static func string(_ s: [Unicode.Scalar], _ a: Int, _ b: Int) -> String {
        var v = String.UnicodeScalarView()
        if a < b { v.append(contentsOf: s[a..<b]) }
        return String(v)
    }
}
