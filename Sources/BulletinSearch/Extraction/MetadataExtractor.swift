// The entry point: repairs the text, finds header and dateline, tokenizes
// once, and runs every extractor over the same tokens.

/// Extracts `BulletinMetadata` from a bulletin's text.
public enum MetadataExtractor {
    /// - Parameters:
    ///   - text: the bulletin as stored (a crawl header " date YYYY-MM-DD" may lead).
    ///   - path: relative path of the file; a 4-digit year folder ("Corpora/2019/…", "2019/…") gives the year.
    ///   - feedDate: date from a JSONL feed, "YYYY-MM-DD" or an ISO timestamp.
    ///   - feedSource: source named by the feed, used when the text names none.
    public static func extract(text: String, path: String?, feedDate: String? = nil, feedSource: String? = nil) -> BulletinMetadata {
        let original = Array(text.unicodeScalars)
        var repaired = original
        TextRepair.repair(scalars: &repaired)
        var meta = BulletinMetadata()

        let (headerDate, dateline, bodyStartScalar) = header(repaired)
        let tt = TokenizedText(scalars: repaired)
        let tokens = tt.tokens
        let bodyStart = tokens.firstIndex { $0.start >= bodyStartScalar } ?? tokens.count
        let (titleEnd, paragraphEnd) = leadBounds(tt, bodyStart: bodyStart)

        // The body as a slice of the original string (header and dateline are short).
        let scalarView = text.unicodeScalars
        let bodyIndex = scalarView.index(scalarView.startIndex, offsetBy: min(bodyStartScalar, original.count))
        meta.body = String(scalarView[bodyIndex...])
        meta.title = title(original, from: bodyStartScalar, to: titleEnd < tokens.count ? tokens[titleEnd - 1].end : lastTitleScalar(original, bodyStartScalar))

        // Countries and venue.
        let mentions = CountryMatcher.findMentions(in: tt).filter { $0.first >= bodyStart }
        let offsets = tt.characterOffsets(mentions.map { tokens[$0.first].start })
        meta.countryMentions = zip(mentions, offsets).map { m, off in
            CountryMention(code: m.code, form: string(original, tokens[m.first].start, tokens[m.last].end), offset: off)
        }
        // The dateline city of an agency item ("Москва, 12 марта. /ТАСС/.") is where the agency
        // wrote, not a venue; cities do not count as country mentions.
        meta.venue = CountryMatcher.findVenue(tt, bodyStart: bodyStart, mentions: mentions)
        meta.countries = rankCountries(mentions, titleEnd: titleEnd)

        // Organisations, people, weapons.
        let orgs = OrganisationExtractor.find(tt, from: bodyStart, countries: mentions)
        var seenOrg = Set<String>()
        meta.organisations = orgs.compactMap { seenOrg.insert($0.name).inserted ? $0.name : nil }
        var blocked = [Bool](repeating: false, count: tokens.count)
        for m in mentions { for k in m.first...m.last { blocked[k] = true } }
        for o in orgs { for k in o.first...o.last { blocked[k] = true } }
        meta.persons = PersonExtractor.find(tt, from: bodyStart, blocked: blocked)
        meta.weapons = WeaponExtractor.find(tt, from: bodyStart)
        meta.types = DocumentTypeClassifier.classify(tt, bodyStart: bodyStart, titleEnd: titleEnd, paragraphEnd: paragraphEnd)

        meta.source = source(dateline: dateline, feedSource: feedSource)
        meta.origin = origin(tt, from: bodyStart, orgs: orgs)

        // Dates.
        let (date, source) = publicationDate(tt, header: headerDate, dateline: dateline, bodyStart: bodyStart, path: path, feedDate: feedDate)
        meta.date = date?.iso
        meta.dateSource = source
        meta.eventDates = eventDates(tt, from: bodyStart, publication: date)
        return meta
    }

    // MARK: - Steps

    /// The crawl header's date, the dateline, and the scalar where the body starts (after
    /// both, or after leading white space).
    static func header(_ scalars: [Unicode.Scalar]) -> (date: SimpleDate?, dateline: Dateline?, bodyStart: Int) {
        var bodyStart = 0
        var headerDate: SimpleDate? = nil
        if let (d, after) = DateExtractor.parseHeader(scalars) {
            headerDate = d
            bodyStart = after
        }
        let dateline = DateExtractor.parseDateline(scalars, from: bodyStart)
        if let dl = dateline {
            bodyStart = dl.bodyStart
        } else {
            while bodyStart < scalars.count, DateExtractor.isSpace(scalars[bodyStart]) { bodyStart += 1 }
        }
        return (headerDate, dateline, bodyStart)
    }

    /// Token indices where the title (the first sentence, within the first paragraph) and the
    /// first paragraph end.
    static func leadBounds(_ tt: TokenizedText, bodyStart: Int) -> (titleEnd: Int, paragraphEnd: Int) {
        let tokens = tt.tokens
        var titleEnd = tokens.count
        var paragraphEnd = tokens.count
        if bodyStart < tokens.count {
            for k in (bodyStart + 1)..<max(tokens.count, bodyStart + 1) {
                if titleEnd == tokens.count, tokens[k].flags.contains(.sentenceStart), !CountryMatcher.isAbbreviationBreak(tt, k) {
                    titleEnd = k
                }
                if tokens[k].flags.contains(.paragraphStart) { paragraphEnd = k; break }
            }
        }
        return (min(titleEnd, paragraphEnd), paragraphEnd)
    }

    /// The agency: the dateline's lead unless it is a city (then the agency named after the
    /// date, `/ТАСС/`), else the feed's source.
    static func source(dateline: Dateline?, feedSource: String?) -> String? {
        if let dl = dateline {
            let source = cityCode(dl.lead) != nil ? dl.agency.map(DateExtractor.canonicalAgency) : DateExtractor.canonicalAgency(dl.lead)
            if let source { return source }
        }
        if let fs = feedSource?.trimmingWhitespace(), !fs.isEmpty { return DateExtractor.canonicalAgency(fs) }
        return nil
    }

    // MARK: - Countries

    static func rankCountries(_ mentions: [CountryMatch], titleEnd: Int) -> [String] {
        var score: [String: Double] = [:]
        var first: [String: Int] = [:]
        for m in mentions {
            score[m.code, default: 0] += m.first < titleEnd ? 3 : 1
            if first[m.code] == nil { first[m.code] = m.first }
        }
        return score.keys.sorted {
            score[$0]! != score[$1]! ? score[$0]! > score[$1]! : first[$0]! < first[$1]!
        }
    }

    static func cityCode(_ name: String) -> String? {
        let tt = TokenizedText(name)
        guard !tt.tokens.isEmpty, let (city, last) = CountryMatcher.matchCity(tt, at: 0, form: .nominative),
              last == tt.tokens.count - 1 else { return nil }
        return city.code
    }

    // MARK: - Dates

    static func publicationDate(_ tt: TokenizedText, header: SimpleDate?, dateline: Dateline?, bodyStart: Int,
                                path: String?, feedDate: String?) -> (SimpleDate?, String) {
        if let h = header { return (h, "header") }
        if let f = feedDate, let d = SimpleDate(iso: f) { return (d, "feed") }
        guard let dl = dateline else { return (nil, "none") }
        if let y = dl.year, let d = SimpleDate(year: y, month: dl.month, day: dl.day) { return (d, "dateline+text") }
        let dates = DateExtractor.findDates(tt, from: bodyStart, to: tt.tokens.count)
        // A full date in the text on the dateline's day, or an event shortly before it.
        for td in dates where td.year != nil && td.day == dl.day && td.month == dl.month {
            if let d = SimpleDate(year: td.year!, month: dl.month, day: dl.day) { return (d, "dateline+text") }
        }
        for td in dates {
            guard let y = td.year, let event = SimpleDate(year: y, month: td.month, day: td.day) else { continue }
            let pubYear = td.month > dl.month + 1 ? y + 1 : y
            if let pub = SimpleDate(year: pubYear, month: dl.month, day: dl.day) {
                let diff = pub.dayNumber - event.dayNumber
                if diff >= -7 && diff <= 45 { return (pub, "dateline+text") }
            }
        }
        // "в текущем 2019 году".
        let tokens = tt.tokens
        for k in bodyStart..<max(bodyStart, tokens.count - 2) {
            if currentYearWords.contains(tokens[k].key),
               tokens[k + 1].isNumber, tokens[k + 1].length == 4, let y = Int(tokens[k + 1].lower),
               let d = SimpleDate(year: y, month: dl.month, day: dl.day) {
                return (d, "dateline+text")
            }
        }
        // Years written in the text ("в 2019 году", "15 марта 2019 года"): the one named most often,
        // years in sentences about the future counting half and deadlines not at all (latest on a
        // tie). It gives the year when no folder year contradicts it.
        var counts: [Int: Double] = [:]
        for td in dates { if let y = td.year { counts[y, default: 0] += 1 } }
        for (y, w) in DateExtractor.yearMentions(tt, from: bodyStart, to: tokens.count) { counts[y, default: 0] += w }
        let textYear = counts.max(by: { $0.value != $1.value ? $0.value < $1.value : $0.key < $1.key })?.key
        let folderYear = pathYear(path)
        if let y = textYear, folderYear == nil || folderYear == y, let d = SimpleDate(year: y, month: dl.month, day: dl.day) {
            return (d, "dateline+text")
        }
        if let y = folderYear, let d = SimpleDate(year: y, month: dl.month, day: dl.day) { return (d, "dateline+path") }
        return (nil, "none")
    }

    /// A 4-digit year folder in a relative path ("Corpora/2019/x.txt", "2019/x.txt").
    static func pathYear(_ path: String?) -> Int? {
        guard let path else { return nil }
        let parts = path.split(separator: "/")
        for part in parts.dropLast().reversed() where part.count == 4 {
            if let y = Int(part), y >= 1950, y <= 2100 { return y }
        }
        return nil
    }

    static func eventDates(_ tt: TokenizedText, from: Int, publication: SimpleDate?) -> [String] {
        var out: [String] = []
        var seen = Set<String>()
        for td in DateExtractor.findDates(tt, from: from, to: tt.tokens.count) {
            var d: SimpleDate? = nil
            if let y = td.year { d = SimpleDate(year: y, month: td.month, day: td.day) }
            else if let p = publication { d = DateExtractor.resolve(day: td.day, month: td.month, near: p) }
            if let d, seen.insert(d.iso).inserted { out.append(d.iso) }
        }
        return out
    }

    // MARK: - Title and origin

    static func lastTitleScalar(_ s: [Unicode.Scalar], _ from: Int) -> Int {
        var p = from
        while p < s.count, s[p] != "\n" { p += 1 }
        return p
    }

    /// The first sentence, markup stripped, white space collapsed, cut at a word to 120 characters.
    static func title(_ s: [Unicode.Scalar], from: Int, to: Int) -> String {
        guard from < to else { return "" }
        var t = PersonExtractor.normalizeSpaces(string(s, from, min(to, s.count)))
        let junk: Set<Character> = ["*", "#", "_", " ", "\u{A0}", "\n", "\t", ".", "!", "?"]
        while let f = t.first, junk.contains(f) && f != "." { t.removeFirst() }
        while let l = t.last, junk.contains(l) { t.removeLast() }
        if t.count <= 120 { return t }
        let chars = Array(t)
        var cut = 119
        while cut > 60, !chars[cut].isWhitespace { cut -= 1 }
        if cut <= 60 { cut = 119 }
        var head = String(chars[0..<cut])
        while let l = head.last, l.isWhitespace || l == "," || l == "–" || l == "—" || l == "-" || l == ":" { head.removeLast() }
        return head + "…"
    }

    static let currentYearWords: Set<Word> = ["текущем", "нынешнем", "этом", "текущий", "нынешний", "этот"]

    static let originCues: Set<Word> = [
        "сайте", "сайта", "сообщении", "сообщению", "релизе", "ссылкой", "публикации", "службы", "служба", "службе",
        "канале", "данным", "информации", "сообщает", "сообщило", "сообщила", "пишет", "передает", "издание", "изданию",
        "издания", "портале", "агентство", "агентства",
    ]

    /// The original publisher: an organisation or capitalised name after a cue
    /// ("на сайте Госкомвоенпрома", "говорится в сообщении Минобороны").
    static func origin(_ tt: TokenizedText, from: Int, orgs: [OrganisationMatch]) -> String? {
        let tokens = tt.tokens
        var orgAt: [Int: OrganisationMatch] = [:]
        for o in orgs { orgAt[o.first] = o }
        for i in from..<tokens.count where originCues.contains(tokens[i].key) {
            var k = i + 1
            while k < tokens.count, k - i <= 6, !PersonExtractor.hasBarrier(tt, before: k) {
                if let o = orgAt[k] { return o.name }
                if tokens[k].flags.contains(.latin), tokens[k].isCapitalized, tokens[k].length >= 2 {
                    var j = k
                    while j + 1 < tokens.count, j - k < 3, tokens[j + 1].isCapitalized, tokens[j + 1].flags.contains(.latin), tt.isSpaceJoin(before: j + 1) { j += 1 }
                    return tt.span(k, j)
                }
                k += 1
            }
        }
        return nil
    }

    static func string(_ s: [Unicode.Scalar], _ a: Int, _ b: Int) -> String {
        DateExtractor.string(s, a, b)
    }
}
