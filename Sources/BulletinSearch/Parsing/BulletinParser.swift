import Foundation

/// The parts of a raw bulletin the index needs before full metadata extraction: crawl
/// header date, dateline (source, day, month), title and body.
public struct ParsedBulletin: Sendable, Equatable {
    /// `YYYY-MM-DD` from the ` date YYYY-MM-DD` crawl header.
    public var headerDate: String?
    /// Agency named in the dateline (`ЦАМТО`).
    public var source: String?
    public var datelineDay: Int?
    public var datelineMonth: Int?
    /// First sentence after the dateline, at most 120 characters, cut at a word boundary.
    public var title: String
    /// The text after the crawl header (dateline included).
    public var body: String
}

public enum BulletinParser {
    static let months = [
        "января": 1, "февраля": 2, "марта": 3, "апреля": 4, "мая": 5, "июня": 6,
        "июля": 7, "августа": 8, "сентября": 9, "октября": 10, "ноября": 11, "декабря": 12,
    ]
    static let titleLimit = 120

    private static let headerPattern = try! NSRegularExpression(
        pattern: #"^\s*date\s+(\d{4})-(\d{2})-(\d{2})(?=\s|$)\s*"#)
    private static let datelinePattern = try! NSRegularExpression(
        pattern: #"^([A-ZА-ЯЁ][^,.\n]{0,40}),\s+(\d{1,2})\s+([а-яё]+)\s*\.\s*(?:/([^/\n]{1,30})/\.?\s*)?"#)

    /// Splits `text` (already normalised) into header date, dateline and body.
    public static func parse(_ text: String) -> ParsedBulletin {
        var body = Substring(text)
        var headerDate: String?
        // Both patterns are anchored at the start: match on a short head, never the whole file.
        let head = String(body.prefix(200))
        if let match = firstMatch(headerPattern, in: head) {
            let y = substring(head, match.range(at: 1)), m = substring(head, match.range(at: 2)), d = substring(head, match.range(at: 3))
            if isValidDate(year: Int(y) ?? 0, month: Int(m) ?? 0, day: Int(d) ?? 0) { headerDate = "\(y)-\(m)-\(d)" }
            body = body.dropFirst(head.utf16Prefix(match.range.upperBound).count)
        }
        body = body.drop(while: { $0.isWhitespace })
        var source: String?, day: Int?, month: Int?
        var afterDateline = body
        let datelineHead = String(body.prefix(200))
        if let match = firstMatch(datelinePattern, in: datelineHead),
           let monthNumber = months[substring(datelineHead, match.range(at: 3)).lowercased()] {
            let agency = match.range(at: 4).location != NSNotFound ? substring(datelineHead, match.range(at: 4)) : nil
            source = (agency ?? substring(datelineHead, match.range(at: 1))).trimmingCharacters(in: .whitespaces)
            day = Int(substring(datelineHead, match.range(at: 2)))
            month = monthNumber
            afterDateline = body.dropFirst(datelineHead.utf16Prefix(match.range.upperBound).count)
        }
        return ParsedBulletin(headerDate: headerDate, source: source, datelineDay: day, datelineMonth: month,
                              title: title(of: afterDateline), body: String(body))
    }

    /// The first sentence, cut at a word boundary to `titleLimit` characters ("…" added when cut).
    public static func title<S: StringProtocol>(of text: S) -> String {
        let trimmed = text.drop(while: { $0.isWhitespace })
        var end = trimmed.endIndex
        var index = trimmed.startIndex
        while index < trimmed.endIndex {
            let c = trimmed[index]
            if c.isNewline { end = index; break }
            if c == "." || c == "!" || c == "?" {
                let next = trimmed.index(after: index)
                if next == trimmed.endIndex || trimmed[next].isWhitespace {
                    // "г." / initials: keep going when the word before is one letter.
                    let before = trimmed[..<index].split(separator: " ").last ?? ""
                    if before.count > 1 || c != "." { end = next; break }
                }
            }
            index = trimmed.index(after: index)
        }
        var sentence = String(trimmed[..<end]).trimmingCharacters(in: .whitespacesAndNewlines)
        if sentence.hasSuffix(".") { sentence.removeLast() }
        guard sentence.count > titleLimit else { return sentence }
        let cut = sentence.prefix(titleLimit)
        let boundary = cut.lastIndex(where: { $0.isWhitespace }) ?? cut.endIndex
        return cut[..<boundary].trimmingCharacters(in: CharacterSet(charactersIn: " ,;:–—-")) + "…"
    }

    static func isValidDate(year: Int, month: Int, day: Int) -> Bool {
        guard (1900...2100).contains(year), (1...12).contains(month), day >= 1 else { return false }
        var components = DateComponents()
        components.year = year; components.month = month; components.day = day
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return components.isValidDate(in: calendar)
    }

    private static func firstMatch(_ regex: NSRegularExpression, in s: String) -> NSTextCheckingResult? {
        regex.firstMatch(in: s, range: NSRange(s.startIndex..<s.endIndex, in: s))
    }

    private static func substring(_ s: String, _ range: NSRange) -> String {
        Range(range, in: s).map { String(s[$0]) } ?? ""
    }
}

extension String {
    /// The leading characters covering the first `utf16Count` UTF-16 code units.
    func utf16Prefix(_ utf16Count: Int) -> Substring {
        let end = utf16.index(utf16.startIndex, offsetBy: utf16Count, limitedBy: utf16.endIndex) ?? utf16.endIndex
        return self[..<(String.Index(end, within: self) ?? endIndex)]
    }
}
