import Foundation

// The lead sentence: what its main event is, and which cue words are only background
// (see docs/extraction.md, Document types).
extension DocumentTypeClassifier {

    /// Verbs of saying whose content is the news: a lead built on one of them is a `statement`
    /// ("…, заявил министр"). Verbs of attribution (`сообщил`, `сообщает`, `пишет`, `передает`)
    /// only name the source of an event and are not here.
    static let speechVerbs: Set<Word> = Set([
        "заявил", "заявила", "заявили", "заявляет", "заявляют", "заявлял", "считает", "считают", "полагает", "полагают",
        "подчеркнул", "подчеркнула", "подчеркнули", "назвал", "назвала", "назвали", "призвал", "призвала", "призвали",
        "призывает", "призывают", "предупредил", "предупредила", "предупредили", "уверен", "уверена", "уверены",
        "признал", "признала", "признали", "признает", "признают", "сказал", "сказала", "сказали", "говорит", "говорят",
        "утверждает", "утверждают", "добавил", "добавила", "пообещал", "пообещала", "обещает", "обещают", "отметил",
        "отметила", "отметили", "рассказал", "рассказала", "рассказали", "пояснил", "пояснила", "объясняет", "объяснил",
        "высказался", "высказалась", "прокомментировал", "прокомментировала", "опроверг", "опровергла", "раскритиковал",
        "обвинил", "обвинила", "обвинили", "констатировал", "напомнил", "напомнила", "убежден", "убеждена",
    ].map { Word($0) })

    /// Words naming a genre whose content is what someone said or found: an interview, a
    /// report, a review, a briefing, an investigation.
    static let genreWords: Set<Word> = Set([
        "интервью", "доклад", "доклада", "докладе", "докладом", "обзор", "обзора", "обзоре", "обзором", "брифинг",
        "брифинга", "брифинге", "расследование", "расследования", "расследовании", "аналитический", "аналитическая",
        "аналитического", "аналитической", "аналитическом", "пресс-конференции", "исследовании",
    ].map { Word($0) })

    /// After `по`: `по словам`, `по мнению`, `по оценке` introduce what someone said or thinks.
    static let opinionAfterPo: Set<Word> = ["словам", "мнению", "оценке", "оценкам", "убеждению"]

    /// Words after which the next event word is the background of another event: the contract a
    /// delivery fulfils (`по контракту`, `в рамках контракта`), the talks at which a document was
    /// signed (`по итогам переговоров`, `в ходе переговоров`), the show on whose sidelines two
    /// ministers met (`на полях форума`). Value: how many tokens ahead the event word may be.
    static let backgroundTriggers: [Word: Int] = [
        "рамках": 3, "ходе": 3, "полях": 3, "кулуарах": 3, "итогам": 3, "исполнение": 3, "согласно": 2,
        "соответствии": 3, "по": 1, "основании": 2,
    ]

    /// `который` in every form: a relative clause describes a noun, not the lead's event.
    static let relativePronouns: Set<Word> = Set(["который", "которая", "которое", "которые", "которого", "которой",
        "которому", "которым", "котором", "которую", "которых", "которыми"].map { Word($0) })

    /// Verbs of arriving: a visit when a person, delegation or ship arrives (with a position
    /// word, `делегация` or `визит` in the sentence), a delivery otherwise (`самолеты прибыли`).
    static let arrivalStems = ["прибыл", "приехал", "прилетел", "прибыв"]

    /// `принял министра`: a receiving is a meeting.
    static let receiveVerbs: Set<Word> = ["принял", "приняла", "приняли", "принимает"]

    static let arrivalAffixes = WordAffixes(arrivalStems)
    static func isArrival(_ lower: String) -> Bool { arrivalAffixes.anyIsPrefix(of: lower) }
    /// Words that make a sentence about people arriving (beside `PersonLexicon.heads`).
    static let groupStems = WordAffixes(["делегаци", "корабл", "отряд"])

    /// One event word found in the text.
    struct Hit {
        var index: Int
        var type: DocumentType
        var weight: Double
        /// In the background of the sentence's event: after `по`/`в рамках`/`по итогам`…, inside a
        /// `который` clause, or a participle (`контракта, подписанного ранее`).
        var background: Bool
        /// Comma-separated clause of its sentence (0 = the first).
        var clause: Int
    }

    /// What one sentence says, as far as types go.
    struct SentenceFacts {
        var range: Range<Int>
        var hits: [Hit] = []
        /// Event verbs by type, and the clause of the first one.
        var verbs: UInt16 = 0
        var firstClauseVerbs: UInt16 = 0
        /// Finite event verbs in order: token, types, clause.
        var verbTokens: [(index: Int, mask: UInt16, clause: Int)] = []
        /// A verb of saying (not of attribution), its clause; a genre word; `Имя:` or `… — министр Имя`.
        var speechClause: Int? = nil
        var genre = false
        var headline = false
        var question = false
        var words = 0
        /// The types some strong cue and its verb report as an event in this sentence.
        var events: UInt16 {
            var cues: UInt16 = 0
            for h in hits where h.weight >= 2.5 && !h.background { cues |= 1 << UInt16(order(h.type)) }
            return cues & verbs
        }
        var saysSomething: Bool { speechClause != nil || genre || headline }
        var lowers: [Int: String] = [:]
        func lower(_ i: Int) -> String { lowers[i] ?? "" }
    }

    /// Punctuation between token `i` and the next one (or the end of the text).
    static func gap(_ tt: TokenizedText, after i: Int) -> ArraySlice<Unicode.Scalar> {
        let end = i + 1 < tt.tokens.count ? tt.tokens[i + 1].start : tt.scalars.count
        return tt.scalars[tt.tokens[i].end..<end]
    }

    static func isClauseBreak(_ s: Unicode.Scalar) -> Bool {
        s == "," || s == ";" || s == ":" || s == "—" || s == "–" || s == "(" || s == ")" || s == "«" || s == "\""
    }

    /// Reads one sentence: its event words (with their role), event verbs and signs of reported speech.
    static func readSentence(_ tt: TokenizedText, _ range: Range<Int>, isTitle: Bool) -> SentenceFacts {
        let tokens = tt.tokens
        let lex = PersonLexicon.shared
        var f = SentenceFacts(range: range)
        var clause = 0
        var relative = false
        var backgroundLeft = 0
        var arrivals: [(Int, Int)] = []
        var personWords = false
        var visitCue = false
        for i in range {
            let t = tokens[i]
            if t.isWord { f.words += 1 }
            if t.isWord && t.flags.contains(.cyrillic) {
                if lex.heads.contains(t.key) || groupStems.anyIsPrefix(of: t.lower) { personWords = true }
                if t.length >= 4 {
                    let m = verbMask(t.key)
                    if m != 0 && !isParticiple(t.lower) && !relative {
                        f.verbs |= m
                        if clause == 0 { f.firstClauseVerbs |= m }
                        f.verbTokens.append((i, m, clause))
                    }
                }
                if speechVerbs.contains(t.key) && !relative && f.speechClause == nil { f.speechClause = clause }
                if genreWords.contains(t.key) && backgroundLeft == 0 { f.genre = true }
                if opinionAfterPo.contains(t.key), i > range.lowerBound, tokens[i - 1].lower == "по", f.speechClause == nil {
                    f.speechClause = clause
                }
                if receiveVerbs.contains(t.key), i + 1 < range.upperBound,
                   lex.heads.contains(tokens[i + 1].key) || (i + 2 < range.upperBound && lex.heads.contains(tokens[i + 2].key)) {
                    f.hits.append(Hit(index: i, type: .meeting, weight: 3, background: relative, clause: clause))
                } else if isArrival(t.lower) {
                    arrivals.append((i, clause))
                } else if t.length >= 3, let (type, w) = cue(t.key), w > 0 {
                    if type == .visit { visitCue = true }
                    let background = relative || backgroundLeft > 0 || isParticiple(t.lower)
                    f.hits.append(Hit(index: i, type: type, weight: w, background: background, clause: clause))
                    f.lowers[i] = t.lower
                    backgroundLeft = 0
                    // `контракт на поставку`, `соглашение о поставках`: what the document is about.
                    if (type == .contract || type == .agreement) && w >= 2.5, i + 1 < range.upperBound,
                       ["на", "о", "об"].contains(tokens[i + 1].lower) {
                        backgroundLeft = 3
                        continue
                    }
                }
            }
            if relativePronouns.contains(t.key) { relative = true }
            if backgroundLeft > 0 { backgroundLeft -= 1 }
            if let ahead = backgroundTriggers[t.key] { backgroundLeft = ahead }
            // Punctuation after the token.
            let g = gap(tt, after: i)
            if g.contains(where: isClauseBreak) {
                clause += 1
                relative = false
                backgroundLeft = 0
                // `Песков: …`, `Генсек НАТО: …`, `Расследование Би-би-си: …` at the head of the title.
                if isTitle, g.contains(":"), i - range.lowerBound < 4, !f.hits.contains(where: { !$0.background }) {
                    let head = range.lowerBound...i
                    if head.allSatisfy({ tokens[$0].isCapitalized || lex.heads.contains(tokens[$0].key) || !tokens[$0].flags.contains(.cyrillic) })
                        || head.contains(where: { genreWords.contains(tokens[$0].key) || lex.heads.contains(tokens[$0].key) }) {
                        f.headline = true
                    }
                }
                // `… — министр обороны Германии Писториус` closing the title.
                if isTitle, g.contains("—") || g.contains("–"), range.upperBound - i - 1 <= 6, range.upperBound - i - 1 >= 1,
                   (i + 1..<range.upperBound).contains(where: { lex.heads.contains(tokens[$0].key) }) {
                    f.headline = true
                }
            }
            if i == range.upperBound - 1, g.contains("?") { f.question = true }
        }
        for (i, c) in arrivals {
            let visit = visitCue || personWords
            f.hits.append(Hit(index: i, type: visit ? .visit : .delivery, weight: visit ? 2.5 : 1.5, background: false, clause: c))
            let bit: UInt16 = 1 << UInt16(order(visit ? .visit : .delivery))
            f.verbs |= bit
            if c == 0 { f.firstClauseVerbs |= bit }
            f.verbTokens.append((i, bit, c))
        }
        f.hits.sort { $0.index < $1.index }
        f.verbTokens.sort { $0.index < $1.index }
        return f
    }

    /// The lead's head event: `.statement` when the lead reports what someone said (a verb of
    /// saying, an interview or report, a `Name:` headline) and its first clause reports no event;
    /// else the type of its first strong event word that is not background; nil when no sentence
    /// near the start names an event.
    static func leadType(_ sentences: [SentenceFacts]) -> Lead {
        for (n, s) in sentences.prefix(3).enumerated() {
            let foreground = s.hits.filter { !$0.background }
            if foreground.isEmpty && !s.saysSomething {
                // A label line (`Пресс-релиз …`, `Спецоперация.`) or a question: the lead follows.
                if n < 2 && (s.words <= 6 || s.question) { continue }
                return .none
            }
            if s.saysSomething {
                // `Россия завершила поставку …, заявил министр`: the event comes first and is the news.
                let firstClauseEvent = foreground.contains {
                    $0.clause == 0 && $0.weight >= 2.5 && s.firstClauseVerbs & (1 << UInt16(order($0.type))) != 0
                }
                if !(firstClauseEvent && (s.speechClause ?? 0) > 0 && !s.genre && !s.headline) { return .statement }
            }
            return headEvent(s, foreground).map(Lead.event) ?? .weak
        }
        return .none
    }

    enum Lead: Equatable {
        /// The lead reports what someone said.
        case statement
        /// The lead's head event.
        case event(DocumentType)
        /// The lead names only weak cues: no say.
        case weak
        /// No sentence near the start names an event (fighting, a court case, a law): `other`.
        case none
    }

    static let signedMask: UInt16 = (1 << UInt16(order(.agreement))) | (1 << UInt16(order(.contract)))
    static let deliveredMask: UInt16 = 1 << UInt16(order(.delivery))

    /// The event of a sentence's main clause. Its first finite event verb says what kind of
    /// event it is: signing (`подписали`: the contract or agreement signed), delivering
    /// (`получили партию … российского производства` is a delivery), or taking place (`прошли
    /// учения`: the strong event word it goes with). Without one, the first strong event word.
    /// A visit to a show or an exercise (`посетил выставку`) is that show or exercise.
    static func headEvent(_ s: SentenceFacts, _ foreground: [Hit]) -> DocumentType? {
        func bit(_ t: DocumentType) -> UInt16 { 1 << UInt16(order(t)) }
        let usable = foreground.filter { $0.weight >= 1.5 }
        var head: Hit? = nil
        if let verb = s.verbTokens.first {
            if verb.mask == deliveredMask { return .delivery }
            if verb.mask == signedMask {
                return usable.first(where: { $0.index > verb.index && ($0.type == .contract || $0.type == .agreement) && $0.weight >= 2.5 })?.type
                    ?? .agreement
            }
            // `состоялось подписание контракта`, `прошли учения`: the event word next to the verb.
            head = usable.first(where: { abs($0.index - verb.index) <= 3 && $0.index != verb.index && verb.mask & bit($0.type) != 0 })
                ?? usable.first(where: { $0.weight >= 2.5 && verb.mask & bit($0.type) != 0 })
        }
        if head == nil { head = usable.first(where: { $0.weight >= 2.5 }) ?? usable.first }
        guard var h = head else { return nil }
        // `подписание контракта`: the thing signed.
        if signingStems.contains(where: { s.lower(h.index).hasPrefix($0) }),
           let signed = usable.first(where: { $0.index > h.index && $0.index <= h.index + 3 && ($0.type == .contract || $0.type == .agreement) }) {
            h = signed
        }
        if h.type == .visit, let place = usable.first(where: { $0.index > h.index && $0.index <= h.index + 4 && $0.clause == h.clause
                                                            && ($0.type == .exhibition || $0.type == .exercise) }) {
            return place.type
        }
        return h.type
    }

    static let signingStems = ["подпис", "заключ", "скреп"]

}
