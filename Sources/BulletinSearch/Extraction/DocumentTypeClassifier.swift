// Multi-label document types from weighted cue stems. A token's stem is found
// by trying its prefixes (longest first) against one dictionary; cues in the
// title count three times, in the first paragraph twice.

enum DocumentTypeClassifier {
    /// Cue stems: stem → (type, weight). A token matches the longest stem it starts with.
    static let cueTable: [(String, DocumentType, Double)] = [
        // meeting
        ("заседани", .meeting, 3), ("переговор", .meeting, 3), ("встреч", .meeting, 2.5), ("встретил", .meeting, 2.5),
        ("консультаци", .meeting, 2.5), ("саммит", .meeting, 3), ("межправкомисси", .meeting, 2),
        ("комисси", .meeting, 1), ("обсудил", .meeting, 1), ("обсуждал", .meeting, 1), ("обсуждени", .meeting, 1),
        ("сопредседател", .meeting, 1), ("конференци", .meeting, 1.5), ("раунд", .meeting, 1.5), ("диалог", .meeting, 1),
        // agreement
        ("соглашени", .agreement, 3), ("меморандум", .agreement, 3), ("протокол", .agreement, 2.5),
        ("договоренност", .agreement, 1), ("подписа", .agreement, 1.5), ("рамочн", .agreement, 1),
        // contract
        ("контракт", .contract, 3), ("сделк", .contract, 3), ("заказ", .contract, 1.5), ("закупк", .contract, 2),
        ("закуп", .contract, 2), ("приобрет", .contract, 2), ("приобрест", .contract, 2), ("тендер", .contract, 2.5),
        ("стоимост", .contract, 1.5), ("млрд", .contract, 1), ("подряд", .contract, 1.5),
        // delivery
        ("поставк", .delivery, 3), ("поставил", .delivery, 2.5), ("поставлен", .delivery, 2.5), ("поставит", .delivery, 2),
        ("поставля", .delivery, 2), ("передал", .delivery, 2), ("передан", .delivery, 2), ("передач", .delivery, 1.5),
        ("получ", .delivery, 1.5), ("прибыл", .delivery, 1.5), ("доставк", .delivery, 2),
        ("доставил", .delivery, 2), ("доставлен", .delivery, 2), ("партию", .delivery, 1.5), ("партия", .delivery, 1.5),
        ("отгруз", .delivery, 2), ("поступил", .delivery, 2), ("поступлени", .delivery, 2), ("поступа", .delivery, 1.5),
        // exhibition
        ("выставк", .exhibition, 3), ("выставочн", .exhibition, 2.5), ("салон", .exhibition, 3), ("авиасалон", .exhibition, 3),
        ("форум", .exhibition, 2.5), ("экспозици", .exhibition, 3), ("экспонат", .exhibition, 2.5), ("экспонир", .exhibition, 2),
        ("стенд", .exhibition, 2), ("павильон", .exhibition, 2), ("демонстрир", .exhibition, 1.5),
        ("презентова", .exhibition, 1.5), ("презентаци", .exhibition, 1.5),
        // exercise
        ("учени", .exercise, 3), ("маневр", .exercise, 3), ("тренировк", .exercise, 2), ("стрельб", .exercise, 1.5),
        ("отработ", .exercise, 1), ("учебн", .exercise, 1), ("десантир", .exercise, 1.5),
        // visit
        ("визит", .visit, 3), ("посетил", .visit, 3), ("посещени", .visit, 2.5), ("побывал", .visit, 2),
        // test
        ("испыта", .test, 3), ("пуск", .test, 2), ("полигон", .test, 1.5), ("опытн", .test, 1), ("полет", .test, 1.5),
        // production
        ("производств", .production, 2.5), ("производит", .production, 2), ("произвел", .production, 1.5),
        ("сборк", .production, 2.5), ("собира", .production, 1), ("завод", .production, 1.5), ("локализаци", .production, 3),
        ("выпуск", .production, 2), ("изготов", .production, 2), ("серийн", .production, 2), ("лицензи", .production, 1.5),
        ("ремонт", .production, 1.5), ("модернизаци", .production, 1), ("предприяти", .production, 1),
        ("освоени", .production, 1), ("мощност", .production, 1), ("цех", .production, 1.5),
        // statement
        ("заявил", .statement, 3), ("заявлени", .statement, 3), ("интервью", .statement, 3), ("комментари", .statement, 2.5),
        ("прокомментир", .statement, 2.5), ("сообщил", .statement, 1), ("отметил", .statement, 1), ("подчеркнул", .statement, 1),
        ("словам", .statement, 2), ("считает", .statement, 1.5), ("выступил", .statement, 1.5), ("выступлени", .statement, 1.5),
        ("брифинг", .statement, 2), ("заверил", .statement, 2), ("опроверг", .statement, 2), ("предупредил", .statement, 2),
        ("призвал", .statement, 2), ("пояснил", .statement, 1.5),
    ]

    /// Exact forms that must not be read as stems ("договор" but not "договоренность").
    static let exactCues: [Word: (DocumentType, Double)] = {
        var out: [Word: (DocumentType, Double)] = [:]
        for f in ["договор", "договора", "договору", "договором", "договоре", "договоры", "договоров", "договорам", "договорами", "договорах"] {
            out[Word(f)] = (.agreement, 3)
        }
        for f in ["пуска", "пуски", "пусков", "пуск", "пуске", "пуском"] { out[Word(f)] = (.test, 2) }
        return out
    }()

    /// Stems keyed by the hash of their UTF-8 bytes, so that every prefix of a token can be
    /// looked up while hashing it once.
    static let stemsByHash: [UInt64: (DocumentType, Double)] = {
        var out: [UInt64: (DocumentType, Double)] = [:]
        for (s, t, w) in cueTable { out[FNV1a.hash(s.utf8)] = (t, w) }
        return out
    }()

    /// `stemByteLength[n]` is true when some stem is `n` UTF-8 bytes long.
    static let stemByteLength: [Bool] = {
        var out = [Bool](repeating: false, count: 64)
        for (s, _, _) in cueTable where s.utf8.count < 64 { out[s.utf8.count] = true }
        return out
    }()

    /// Verbs that report an event of a type taking place: a sentence with a strong cue of the type
    /// and one of its verbs reports that event ("подписан контракт", "прошли учения").
    static let verbTable: [(String, [DocumentType])] = {
        let happened: [DocumentType] = [.meeting, .exhibition, .exercise, .test, .visit, .production, .delivery]
        let signed: [DocumentType] = [.agreement, .contract]
        let delivered: [DocumentType] = [.delivery]
        return [
            ("подпис", signed), ("заключ", signed), ("скреп", signed), ("парафир", signed),
            ("поставлен", delivered), ("поставил", delivered), ("передан", delivered), ("передал", delivered),
            ("доставлен", delivered), ("доставил", delivered), ("получил", delivered), ("получен", delivered),
            ("поступил", delivered), ("прибыл", delivered), ("отгруж", delivered),
            ("состоял", happened), ("состоит", happened), ("прошл", happened), ("прошел", happened), ("проходит", happened),
            ("проходят", happened), ("провел", happened), ("провед", happened), ("проводит", happened), ("завершил", happened),
            ("завершен", happened), ("открыл", happened), ("стартова", happened), ("начал", happened), ("посетил", happened),
            ("выполнил", happened), ("осуществил", happened), ("организова", happened), ("освоил", happened), ("запустил", happened),
        ]
    }()

    static let verbsByHash: [UInt64: UInt16] = {
        var out: [UInt64: UInt16] = [:]
        for (s, types) in verbTable {
            var mask: UInt16 = 0
            for t in types { mask |= 1 << UInt16(order(t)) }
            out[FNV1a.hash(s.utf8)] = mask
        }
        return out
    }()

    static let verbByteLength: [Bool] = {
        var out = [Bool](repeating: false, count: 64)
        for (s, _) in verbTable where s.utf8.count < 64 { out[s.utf8.count] = true }
        return out
    }()

    /// Event-verb mask of a lowercase token (bits by `DocumentType.allCases` order), 0 if none.
    static func verbMask(_ word: Word) -> UInt16 {
        var h = FNV1a.offsetBasis
        var n = 0
        var mask: UInt16 = 0
        for b in word.string.utf8 {
            h = FNV1a.mix(h, UInt64(b))
            n += 1
            if n >= 64 { break }
            if verbByteLength[n], let m = verbsByHash[h] { mask |= m }
        }
        return mask
    }

    static let participleEndings = ["нного", "нному", "нным", "нном", "нный", "нная", "нной", "нную", "нные", "нных", "нными",
                                    "вшего", "вшему", "вшим", "вшем", "вший", "вшая", "вшей", "вшую", "вшие", "вших", "вшими"]

    static func isParticiple(_ w: String) -> Bool {
        participleEndings.contains { w.hasSuffix($0) }
    }

    /// "пуск" as a stem would take "пусковой"; only its exact forms count.
    static let bareStemHash = FNV1a.hash("пуск".utf8)

    /// The cue for a lowercase token: an exact form, else the longest stem it starts with.
    static func cue(_ word: Word) -> (DocumentType, Double)? {
        if let c = exactCues[word] { return c }
        var h = FNV1a.offsetBasis
        var n = 0
        var best: (DocumentType, Double)? = nil
        var bestHash: UInt64 = 0
        for b in word.string.utf8 {
            h = FNV1a.mix(h, UInt64(b))
            n += 1
            if n >= 64 { break }
            if stemByteLength[n], let c = stemsByHash[h] {
                best = c
                bestHash = h
            }
        }
        if bestHash == bareStemHash { return nil }
        return best
    }

    static func cue(_ lower: String) -> (DocumentType, Double)? { cue(Word(lower)) }

    /// Reporting verbs: with a speaker's position in the lead sentence the news is what was said.
    static let reportingVerbs: Set<Word> = [
        "заявил", "заявила", "заявили", "сообщил", "сообщила", "отметил", "отметила", "подчеркнул", "подчеркнула",
        "рассказал", "рассказала", "считает", "полагает", "уверен", "уверена", "словам", "заявляет", "признал", "пояснил",
    ]

    /// Types with their scores, highest first. The first cue of the lead sentence (its head event)
    /// counts half as much again.
    static func scores(_ tt: TokenizedText, bodyStart: Int, titleEnd: Int, paragraphEnd: Int) -> [(DocumentType, Double)] {
        analyse(tt, bodyStart: bodyStart, titleEnd: titleEnd, paragraphEnd: paragraphEnd).scores
    }

    /// Scores, and the types some sentence reports as an event (a strong cue with its verb).
    static func analyse(_ tt: TokenizedText, bodyStart: Int, titleEnd: Int, paragraphEnd: Int)
        -> (scores: [(DocumentType, Double)], events: UInt16) {
        var score: [DocumentType: Double] = [:]
        var events: UInt16 = 0
        var sentenceCues: UInt16 = 0
        var sentenceVerbs: UInt16 = 0
        let tokens = tt.tokens
        let lex = PersonLexicon.shared
        var i = bodyStart
        var firstTitleCue = true
        var reporting = false
        var speaker = false
        while i < tokens.count {
            let t = tokens[i]
            if t.flags.contains(.sentenceStart) {
                events |= sentenceCues & sentenceVerbs
                sentenceCues = 0
                sentenceVerbs = 0
            }
            if t.isWord, t.flags.contains(.cyrillic), t.length >= 4 {
                let m = verbMask(t.key)
                // A participle ("контракта, подписанного ранее") describes background, not the event.
                if m != 0 && !isParticiple(t.lower) { sentenceVerbs |= m }
            }
            if i < titleEnd {
                if reportingVerbs.contains(t.key) { reporting = true }
                if lex.heads.contains(t.key) { speaker = true }
            }
            if t.isWord, t.flags.contains(.cyrillic), t.length >= 3, let (type, w) = cue(t.key) {
                var factor: Double = i < titleEnd ? 3 : (i < paragraphEnd ? 2 : 1)
                if i < titleEnd && firstTitleCue {
                    factor *= 1.5
                    firstTitleCue = false
                }
                score[type, default: 0] += w * factor
                if w >= 2.5 { sentenceCues |= 1 << UInt16(order(type)) }
            }
            i += 1
        }
        events |= sentenceCues & sentenceVerbs
        if reporting && speaker { score[.statement, default: 0] += 9 }
        let sorted = score.sorted { $0.value != $1.value ? $0.value > $1.value : order($0.key) < order($1.key) }
        return (sorted, events)
    }

    static func order(_ t: DocumentType) -> Int { DocumentType.allCases.firstIndex(of: t) ?? 0 }

    /// Primary type first; then secondary types that some sentence reports as an event
    /// ("подписали протокол" in a meeting story), or that score nearly as much as the primary.
    static func classify(_ tt: TokenizedText, bodyStart: Int, titleEnd: Int, paragraphEnd: Int) -> [String] {
        let (s, events) = analyse(tt, bodyStart: bodyStart, titleEnd: titleEnd, paragraphEnd: paragraphEnd)
        guard let top = s.first, top.1 >= 2 else { return [DocumentType.other.rawValue] }
        var out = [top.0.rawValue]
        for (t, v) in s.dropFirst() {
            let reported = events & (1 << UInt16(order(t))) != 0
            if (reported && v >= 3) || v >= max(6, top.1 * 0.75) { out.append(t.rawValue) }
        }
        return out
    }
}
