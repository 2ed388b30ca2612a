import Foundation

// The crawl header (" date 2025-11-18") and the dateline ("ЦАМТО, 18 августа.", "Москва, 12 марта. /ТАСС/.").

extension DateExtractor {
    // MARK: - Header

    /// " date 2025-11-18" at the very start (leading white space allowed). Returns the date and
    /// the scalar index after it (and after following white space).
    static func parseHeader(_ s: [Unicode.Scalar]) -> (SimpleDate, Int)? {
        var p = 0
        let n = s.count
        while p < n, isSpace(s[p]) || s[p] == "\u{FEFF}" { p += 1 }
        guard p + 4 < n, string(s, p, p + 4).lowercased() == "date" else { return nil }
        p += 4
        if p < n, s[p] == ":" { p += 1 }
        guard p < n, isSpace(s[p]) else { return nil }
        while p < n, isSpace(s[p]) { p += 1 }
        guard p + 10 <= n else { return nil }
        var iso = String.UnicodeScalarView()
        iso.append(contentsOf: s[p..<(p + 10)])
        guard let date = SimpleDate(iso: String(iso)) else { return nil }
        p += 10
        // A time part of a timestamp ("T10:00:00Z") belongs to the header too.
        if p < n, s[p] == "T" || s[p] == " " && p + 1 < n && isDigit(s[p + 1]) {
            while p < n, !isSpace(s[p]) || (s[p] == " " && p + 1 < n && isDigit(s[p + 1])) { p += 1 }
        }
        while p < n, isSpace(s[p]) { p += 1 }
        return (date, p)
    }

    // MARK: - Dateline

    /// "ЦАМТО, 18 августа.", "Москва, 12 марта. /ТАСС/.", "РИА Новости, 3 апреля 2019 г." at `from`.
    static func parseDateline(_ s: [Unicode.Scalar], from: Int) -> Dateline? {
        let n = s.count
        var p = from
        while p < n, isSpace(s[p]) || s[p] == "*" || s[p] == "#" { p += 1 }
        let start = p
        guard p < n, s[p].properties.isUppercase else { return nil }
        while p < n, p - start < 60, s[p] != ",", s[p] != "\n", s[p] != "." || isLetterScalar(s, p + 1) { p += 1 }
        // `Москва, 3 марта`, or Interfax's `Москва. 3 марта.`
        let leadDot = p < n && s[p] == "." && p + 2 < n && s[p + 1] == " " && (0x30...0x39).contains(s[p + 2].value)
        guard p < n, s[p] == "," || leadDot, p > start else { return nil }
        let lead = string(s, start, p).trimmingCharacters(in: .whitespaces)
        guard !lead.isEmpty, lead.split(separator: " ").count <= 4 else { return nil }
        p += 1
        while p < n, s[p] == " " || s[p] == "\u{A0}" { p += 1 }
        guard let (day, afterDay) = number(s, p, maxDigits: 2), (1...31).contains(day) else { return nil }
        p = afterDay
        var month = 0
        var year: Int? = nil
        if p < n, s[p] == "." {
            // 18.08.2025
            guard let (m, afterMonth) = number(s, p + 1, maxDigits: 2), (1...12).contains(m) else { return nil }
            month = m
            p = afterMonth
            if p < n, s[p] == ".", let (y, afterYear) = number(s, p + 1, maxDigits: 4), y > 1900 {
                year = y
                p = afterYear
            }
        } else {
            guard p < n, s[p] == " " || s[p] == "\u{A0}" else { return nil }
            while p < n, s[p] == " " || s[p] == "\u{A0}" { p += 1 }
            let ms = p
            while p < n, isLetterScalar(s, p) { p += 1 }
            guard let m = monthGenitive[RussianMorphology.fold(string(s, ms, p))] else { return nil }
            month = m
            var q = p
            while q < n, s[q] == " " || s[q] == "\u{A0}" { q += 1 }
            if let (y, afterYear) = number(s, q, maxDigits: 4), y > 1900, afterYear - q == 4 {
                year = y
                p = afterYear
                var r = p
                while r < n, s[r] == " " || s[r] == "\u{A0}" { r += 1 }
                let ws = r
                while r < n, isLetterScalar(s, r) { r += 1 }
                let w = string(s, ws, r).lowercased()
                if w == "г" || w == "года" || w == "год" { p = r }
            }
        }
        // Terminator: ".", ":", a dash, or the end of the line.
        while p < n, s[p] == " " || s[p] == "\u{A0}" { p += 1 }
        guard p >= n || ".:–—-/(\n\r".unicodeScalars.contains(s[p]) else { return nil }
        if p < n, ".:–—-".unicodeScalars.contains(s[p]) { p += 1 }
        // "/ТАСС/." or "(ТАСС)."
        var agency: String? = nil
        var q = p
        while q < n, s[q] == " " || s[q] == "\u{A0}" { q += 1 }
        if q < n, s[q] == "/" || s[q] == "(" {
            let close: Unicode.Scalar = s[q] == "/" ? "/" : ")"
            var r = q + 1
            while r < n, r - q < 40, s[r] != close, s[r] != "\n" { r += 1 }
            if r < n, s[r] == close, r > q + 1 {
                agency = string(s, q + 1, r).trimmingCharacters(in: .whitespaces)
                p = r + 1
                if p < n, s[p] == "." { p += 1 }
            }
        }
        // `– РИА Новости.`, `ИНТЕРФАКС-АВН - `: a known agency after the date, then a stop or a dash.
        if agency == nil, let (name, after) = agencyAfterDate(s, p) {
            agency = name
            p = after
        }
        while p < n, isSpace(s[p]) || s[p] == "–" || s[p] == "—" && p + 1 < n && isSpace(s[p + 1]) { p += 1 }
        return Dateline(day: day, month: month, year: year, lead: lead, agency: agency, bodyStart: p, start: start)
    }

    /// A known agency (`knownAgencies`) of up to three words starting at `from` (after spaces
    /// and a dash), followed by `.` or a spaced dash: its canonical name and the index after it.
    static func agencyAfterDate(_ s: [Unicode.Scalar], _ from: Int) -> (String, Int)? {
        let n = s.count
        var q = from
        while q < n, s[q] == " " || s[q] == "\u{A0}" || s[q] == "–" || s[q] == "—" || s[q] == "-" { q += 1 }
        let nameStart = q
        var words = 0
        while q < n, words < 3, isLetterScalar(s, q) {
            while q < n, isLetterScalar(s, q) || (s[q] == "-" && isLetterScalar(s, q + 1)) { q += 1 }
            words += 1
            let candidate = string(s, nameStart, q)
            var r = q
            while r < n, s[r] == " " || s[r] == "\u{A0}" { r += 1 }
            if let known = knownAgencies[RussianMorphology.key(candidate)], r < n,
               s[r] == "." || ((s[r] == "-" || s[r] == "–" || s[r] == "—") && r > q) {
                return (known, r + 1)
            }
            guard q < n, s[q] == " " else { return nil }
            q += 1
        }
        return nil
    }

    /// Canonical spelling of an agency name, or the name as written.
    static func canonicalAgency(_ name: String) -> String {
        knownAgencies[RussianMorphology.key(name)] ?? name
    }
}
