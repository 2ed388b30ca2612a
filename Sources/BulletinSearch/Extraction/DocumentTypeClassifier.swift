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
        ("получ", .delivery, 1.5), ("доставк", .delivery, 2),
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
        // other: fighting and accidents (not cooperation), a body's internal meeting or seminar
        ("удар", .other, 2.5), ("атакова", .other, 2.5), ("атак", .other, 2), ("обстрел", .other, 2.5), ("сбил", .other, 2.5),
        ("сбит", .other, 2.5), ("наступлени", .other, 2), ("контрнаступ", .other, 2.5), ("штурм", .other, 2.5),
        ("разбил", .other, 2.5), ("крушени", .other, 2.5), ("взрыв", .other, 2), ("теракт", .other, 2.5), ("перехват", .other, 2),
        ("совещани", .other, 2.5), ("семинар", .other, 2.5),
        // weight 0: longer words that are not those cues (a strike drone, an attack aircraft, an interceptor)
        ("ударн", .other, 0), ("штурмови", .other, 0), ("перехватчик", .other, 0),
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
            ("поступил", delivered), ("отгруж", delivered),
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

    static let participleAffixes = WordAffixes(participleEndings)
    static func isParticiple(_ w: String) -> Bool {
        participleAffixes.anyIsSuffix(of: w)
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

    /// Reporting verbs: with a speaker's position in the title the news is what was said.
    static let reportingVerbs: Set<Word> = [
        "заявил", "заявила", "заявили", "сообщил", "сообщила", "отметил", "отметила", "подчеркнул", "подчеркнула",
        "рассказал", "рассказала", "считает", "полагает", "уверен", "уверена", "словам", "заявляет", "признал", "пояснил",
    ]

    /// Types with their scores, highest first (see `analyse`).
    static func scores(_ tt: TokenizedText, bodyStart: Int, titleEnd: Int, paragraphEnd: Int) -> [(DocumentType, Double)] {
        analyse(tt, bodyStart: bodyStart, titleEnd: titleEnd, paragraphEnd: paragraphEnd).scores
    }

    struct Analysis {
        /// Cue weights summed (×3 in the title, ×2 in the first paragraph, the title's first cue
        /// ×1.5 more, background cues ×0.3), highest first.
        var scores: [(DocumentType, Double)]
        /// Types some sentence reports as an event (a strong cue with its verb).
        var events: UInt16
        /// Types named anywhere, background included.
        var mentioned: UInt16
        /// The lead sentence's head event (`leadType`).
        var lead: Lead
    }

    // Added to the lead's type before the top score is taken. An event lead only tips a close
    // call (a long body about one event outweighs a lead that names another: measured on the
    // three labelled sets, see docs/extraction.md); a lead that reports speech decides.
    static let leadBonus = 3.0
    static let statementLeadBonus = 20.0
    /// A lead that names no event adds nothing to `other`: such posts reach `other` through
    /// their fighting words or by scoring below 2 (a bonus here cost more than it won).
    static let noLeadBonus = 0.0

    /// Weight of an event word in the background of another event.
    static let backgroundFactor = 0.3

    static func analyse(_ tt: TokenizedText, bodyStart: Int, titleEnd: Int, paragraphEnd: Int) -> Analysis {
        let tokens = tt.tokens
        let lex = PersonLexicon.shared
        var sentences: [SentenceFacts] = []
        var start = bodyStart
        var k = bodyStart + 1
        while start < tokens.count {
            while k < tokens.count, !(tokens[k].flags.contains(.sentenceStart) && !CountryMatcher.isAbbreviationBreak(tt, k)) { k += 1 }
            // The title ends where the extractor says (a sentence or the first line).
            let end = start == bodyStart ? min(k, max(titleEnd, start + 1)) : k
            sentences.append(readSentence(tt, start..<end, isTitle: start == bodyStart))
            start = end
            k = end + 1
        }
        var score: [DocumentType: Double] = [:]
        var events: UInt16 = 0
        var mentioned: UInt16 = 0
        var firstTitleCue = true
        let lead = leadType(sentences)
        // (Giving the ×1.5 to the lead's head event instead of the title's first event word
        // lost 5 documents of eval/corpus.)
        for s in sentences {
            events |= s.events
            for h in s.hits {
                mentioned |= 1 << UInt16(order(h.type))
                let i = h.index
                var factor: Double = i < titleEnd ? 3 : (i < paragraphEnd ? 2 : 1)
                if i < titleEnd && firstTitleCue {
                    factor *= 1.5
                    firstTitleCue = false
                }
                if h.background { factor *= backgroundFactor }
                score[h.type, default: 0] += h.weight * factor
            }
        }
        // A reporting verb with a speaker's position in the title.
        var reporting = false, speaker = false
        for i in bodyStart..<min(titleEnd, tokens.count) {
            if reportingVerbs.contains(tokens[i].key) { reporting = true }
            if lex.heads.contains(tokens[i].key) { speaker = true }
        }
        // … unless the lead reports an event before the speaker (`Россия завершила поставку …, заявил министр`).
        var eventLead = false
        if case .event = lead { eventLead = true }
        if reporting && speaker && !eventLead { score[.statement, default: 0] += 9 }
        let sorted = score.sorted { $0.value != $1.value ? $0.value > $1.value : order($0.key) < order($1.key) }
        return Analysis(scores: sorted, events: events, mentioned: mentioned, lead: lead)
    }

    static func order(_ t: DocumentType) -> Int { DocumentType.allCases.firstIndex(of: t) ?? 0 }

    /// Primary type first: the lead sentence's head event (`leadType`), else the top score, else
    /// `other`. Then secondary types that some sentence reports as an event ("подписали протокол"
    /// in a meeting story), that score nearly as much as the primary, or the contract a delivery
    /// fulfils.
    static func classify(_ tt: TokenizedText, bodyStart: Int, titleEnd: Int, paragraphEnd: Int) -> [String] {
        let a = analyse(tt, bodyStart: bodyStart, titleEnd: titleEnd, paragraphEnd: paragraphEnd)
        let s = a.scores
        var boosted = Dictionary(uniqueKeysWithValues: s)
        switch a.lead {
        case .statement: boosted[.statement, default: 0] += statementLeadBonus
        case .event(let t): boosted[t, default: 0] += leadBonus
        case .none: boosted[.other, default: 0] += noLeadBonus
        case .weak: break
        }
        let best = boosted.max { $0.value != $1.value ? $0.value < $1.value : order($0.key) > order($1.key) }!
        let primary: DocumentType = best.value >= 2 ? best.key : .other
        let primaryScore = s.first { $0.0 == primary }?.1 ?? 0
        var out = [primary.rawValue]
        for (t, v) in s where t != primary && t != .other {
            let reported = a.events & (1 << UInt16(order(t))) != 0
            if (reported && v >= 3) || v >= max(6, primaryScore * 0.75) { out.append(t.rawValue) }
        }
        if primary == .delivery, a.mentioned & (1 << UInt16(order(.contract))) != 0, !out.contains(DocumentType.contract.rawValue) {
            out.append(DocumentType.contract.rawValue)
        }
        return out
    }
}
