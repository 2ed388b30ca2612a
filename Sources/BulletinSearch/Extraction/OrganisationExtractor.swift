import Foundation

// Organisations: a table of known bodies (all case forms of their full and
// short names) plus "АО «Name»"-style names in quotes after an organisation word.

/// A matched organisation at tokens `first...last`.
struct OrganisationMatch: Sendable {
    let name: String
    let first: Int
    let last: Int
}

enum OrganisationExtractor {
    /// Canonical|forms (`;`); forms follow the country-table markers (`=` indeclinable, `~` fixed word).
    /// Forms written in capitals must match as written.
    static let data = """
    Госкомвоенпром|Госкомвоенпром;Государственный военно-промышленный комитет
    Рособоронэкспорт|Рособоронэкспорт
    ФСВТС|=ФСВТС;Федеральная служба по ~военно-техническому ~сотрудничеству
    ЦВС|=ЦВС;Центральный военный совет
    Министерство обороны|=Минобороны;=МО;Министерство ~обороны;Оборонное ведомство;Военное ведомство
    Ростех|Ростех;Госкорпорация ~Ростех
    Росатом|Росатом
    Роскосмос|Роскосмос
    ОАК|=ОАК;Объединённая авиастроительная корпорация
    ОДК|=ОДК;Объединённая двигателестроительная корпорация
    ОСК|=ОСК;Объединённая судостроительная корпорация
    КТРВ|=КТРВ;Корпорация ~Тактическое ~ракетное ~вооружение
    Алмаз-Антей|=Алмаз-Антей;=Алмаз Антей
    Вертолёты России|=Вертолёты России;=Вертолетов России;=Вертолетам России;=Вертолетами России;=Вертолетах России
    Уралвагонзавод|Уралвагонзавод;=УВЗ
    Калашников|Концерн ~Калашников
    Сухой|=Компания Сухой;=ОКБ Сухого
    РСК МиГ|=РСК МиГ
    МЗКТ|=МЗКТ;Минский завод ~колёсных ~тягачей
    Белспецвнештехника|Белспецвнештехника;=БСВТ
    НАТО|=НАТО;Североатлантический альянс
    ОДКБ|=ОДКБ;Организация ~Договора ~о ~коллективной ~безопасности
    ШОС|=ШОС;Шанхайская организация ~сотрудничества
    ЕАЭС|=ЕАЭС;Евразийский экономический союз
    СНГ|=СНГ;Содружество ~Независимых ~Государств
    ООН|=ООН;Организация ~Объединённых ~Наций
    Евросоюз|=ЕС;Евросоюз;Европейский союз
    АСЕАН|=АСЕАН
    БРИКС|=БРИКС
    Пентагон|Пентагон
    Госдепартамент|Госдеп;Госдепартамент
    Boeing|=Boeing;Боинг
    Lockheed Martin|=Lockheed Martin;=Локхид Мартин
    Airbus|=Airbus;Эйрбас
    Dassault Aviation|=Dassault Aviation;=Dassault;=Дассо
    Thales|=Thales;=Талес
    Saab|=Saab;=SAAB;=СААБ;=Сааб
    BAE Systems|=BAE Systems
    Raytheon|=Raytheon;=RTX;Рейтеон
    Northrop Grumman|=Northrop Grumman;=Нортроп Грумман
    General Dynamics|=General Dynamics
    Rheinmetall|=Rheinmetall;Рейнметалл
    KNDS|=KNDS
    Leonardo|=Leonardo
    MBDA|=MBDA
    Embraer|=Embraer;Эмбраер
    HAL|=HAL;=Hindustan Aeronautics
    DRDO|=DRDO
    BrahMos Aerospace|=BrahMos Aerospace;=Брамос Аэроспейс
    Hanwha|=Hanwha;=Ханвха
    KAI|=KAI
    Hyundai Rotem|=Hyundai Rotem
    Norinco|=Norinco;=NORINCO;=Норинко
    AVIC|=AVIC
    Aselsan|=Aselsan;=ASELSAN;=Асельсан
    Baykar|=Baykar;=Байкар
    Roketsan|=Roketsan;=Рокетсан
    TAI|=TUSAS
    Elbit Systems|=Elbit Systems;=Elbit;=Элбит
    IAI|=IAI
    EDGE|=EDGE Group
    Naval Group|=Naval Group
    Fincantieri|=Fincantieri
    Kongsberg|=Kongsberg
    """

    struct Entry: Sendable {
        let tokens: [Word]
        let name: String
        let exact: String?
    }

    static let index: [Word: [Entry]] = {
        var out: [Word: [Entry]] = [:]
        for line in data.split(separator: "\n") {
            let f = line.split(separator: "|").map { String($0).trimmingCharacters(in: .whitespaces) }
            guard f.count == 2 else { continue }
            for raw in f[1].split(separator: ";").map(String.init) {
                var spec = raw
                var forms: [String]
                if spec.hasPrefix("=") {
                    spec.removeFirst()
                    forms = [spec]
                } else {
                    let folded = RussianMorphology.fold(spec)
                    forms = RussianMorphology.phraseCases(folded)
                    // Plural and other forms of the head noun aside, a single word declines by the noun rule.
                }
                let upper = spec == spec.uppercased() && spec.rangeOfCharacter(from: .letters) != nil
                for form in forms {
                    let key = RussianMorphology.key(form)
                    let tokens = key.split(separator: " ").map { Word(String($0)) }
                    guard let first = tokens.first else { continue }
                    out[first, default: []].append(Entry(tokens: tokens, name: f[0], exact: upper ? spec : nil))
                }
            }
        }
        for (k, v) in out { out[k] = v.sorted { $0.tokens.count > $1.tokens.count } }
        return out
    }()

    /// Words after which «Name» in quotes is an organisation.
    static let typeWords: Set<Word> = [
        "ао", "пао", "оао", "зао", "ооо", "нпо", "нпп", "кб", "фгуп", "окб", "нии", "цнии", "гк", "госкорпорация",
        "концерн", "концерна", "концерну", "концерном", "концерне", "корпорация", "корпорации", "корпорацию", "корпорацией",
        "компания", "компании", "компанию", "компанией", "холдинг", "холдинга", "холдингу", "холдингом", "холдинге",
        "предприятие", "предприятия", "предприятию", "предприятием", "предприятии", "завод", "завода", "заводу",
        "заводом", "заводе", "объединение", "объединения", "объединению", "объединением", "объединении", "фирма",
        "фирмы", "фирме", "фирму", "фирмой", "группа", "группы", "группе", "группу", "группой",
    ]

    /// Organisations whose label takes the country that follows ("Министерство обороны Индии").
    static let takesCountry: Set<String> = ["Министерство обороны"]

    /// Single-word names an organisation also goes by (`ФСВТС`, `Минобороны`, `УВЗ`),
    /// lowercased, keyed by canonical name: the synonyms of its facet term.
    static let singleWordAliases: [String: [String]] = {
        var result: [String: [String]] = [:]
        for line in data.split(separator: "\n") {
            let parts = line.split(separator: "|", maxSplits: 1)
            guard parts.count == 2 else { continue }
            let canonical = parts[0].trimmingCharacters(in: .whitespaces)
            var aliases = Set<String>()
            for form in parts[1].split(separator: ";") + [Substring(canonical)] {
                let word = form.filter { $0 != "=" && $0 != "~" }.trimmingCharacters(in: .whitespaces)
                if !word.isEmpty, !word.contains(" ") { aliases.insert(word.lowercased()) }
            }
            result[canonical] = aliases.sorted()
        }
        return result
    }()

    static func find(_ tt: TokenizedText, from: Int = 0, countries: [CountryMatch] = []) -> [OrganisationMatch] {
        let tokens = tt.tokens
        var out: [OrganisationMatch] = []
        var countryAt: [Int: CountryMatch] = [:]
        for c in countries where c.kind != .compound { countryAt[c.first] = c }
        var i = from
        while i < tokens.count {
            let t = tokens[i]
            if let entries = index[t.key] {
                var matched = false
                for e in entries {
                    let len = e.tokens.count
                    guard tt.matchesEntry(e.tokens, at: i) else { continue }
                    if let exact = e.exact, tt.span(i, i + len - 1) != exact { continue }
                    var name = e.name
                    var last = i + len - 1
                    if takesCountry.contains(name), let (c, label) = countryAfter(tt, last, countryAt) {
                        name += " " + label
                        last = c.last
                    } else if takesCountry.contains(name), i > from, let c = countries.first(where: { $0.last == i - 1 && $0.kind == .adjective }) {
                        // "индийское Минобороны"
                        if let gen = CountryTable.genitive(of: c.code) { name += " " + gen }
                    }
                    out.append(OrganisationMatch(name: name, first: i, last: last))
                    i = last + 1
                    matched = true
                    break
                }
                if matched { continue }
            }
            if typeWords.contains(t.key), i + 1 < tokens.count, let (name, last) = quotedName(tt, after: i) {
                out.append(OrganisationMatch(name: name, first: i + 1, last: last))
                i = last + 1
                continue
            }
            // "предприятие Indo-Russian Rifles", "корпорации Lockheed Martin": Latin words after an organisation word.
            if typeWords.contains(t.key), i + 1 < tokens.count, tt.isSpaceJoin(before: i + 1),
               tokens[i + 1].isCapitalized, tokens[i + 1].flags.contains(.latin), !tokens[i + 1].flags.contains(.cyrillic),
               tokens[i + 1].length >= 2, i + 2 >= tokens.count || Array(tt.separator(before: i + 2)) != ["."] {
                var last = i + 1
                while last + 1 < tokens.count, last - i < 3, tt.isSpaceJoin(before: last + 1) || tt.isHyphenJoin(before: last + 1),
                      tokens[last + 1].isCapitalized, tokens[last + 1].flags.contains(.latin), !tokens[last + 1].flags.contains(.cyrillic) {
                    last += 1
                }
                if index[tokens[i + 1].key] == nil {
                    out.append(OrganisationMatch(name: tt.span(i + 1, last), first: i + 1, last: last))
                    i = last + 1
                    continue
                }
            }
            i += 1
        }
        return out
    }

    /// Countries whose long names are shortened to an abbreviation in labels.
    static let labelAbbreviations: [String: String] = ["AE": "ОАЭ", "ZA": "ЮАР", "US": "США", "CF": "ЦАР", "KP": "КНДР"]

    /// The country after a ministry ("обороны Индии", "обороны Федеративной Республики Бразилия",
    /// "обороны Алжирской Народной Демократической Республики", "обороны ОАЭ"), and its label:
    /// a conventional abbreviation (`labelAbbreviations`), else the display name in the genitive.
    static func countryAfter(_ tt: TokenizedText, _ last: Int, _ countryAt: [Int: CountryMatch]) -> (CountryMatch, String)? {
        let tokens = tt.tokens
        var k = last + 1
        while k < tokens.count, k - last <= 4, tt.isSpaceJoin(before: k) {
            if let c = countryAt[k] {
                if c.kind == .adjective {
                    // Only a genitive adjective opening an official name ("Алжирской Народной ...").
                    let w = tokens[k].lower
                    guard w.hasSuffix("ой") || w.hasSuffix("ого") || w.hasSuffix("их") || w.hasSuffix("ых") else { return nil }
                }
                if let label = labelAbbreviations[c.code] { return (c, label) }
                guard let gen = CountryTable.genitive(of: c.code) else { return nil }
                return (c, gen)
            }
            // Skip "Федеративной", "Исламской": capitalised adjectives of the official name.
            guard tokens[k].isCapitalized, PersonExtractor.isAdjectiveForm(tokens[k].lower) else { return nil }
            k += 1
        }
        return nil
    }

    /// «Name» (nested quotes allowed) right after token `i`: the text inside the outer quotes.
    static func quotedName(_ tt: TokenizedText, after i: Int) -> (String, Int)? {
        let s = tt.scalars
        var p = tt.tokens[i].end
        while p < s.count, s[p] == " " || s[p] == "\u{A0}" { p += 1 }
        guard p < s.count, s[p] == "«" || s[p] == "\"" || s[p] == "“" else { return nil }
        let open = s[p]
        let close: Unicode.Scalar = open == "«" ? "»" : (open == "“" ? "”" : "\"")
        var depth = 0
        var q = p
        while q < s.count, q - p < 80 {
            if s[q] == open && (open != "\"" || q == p) { depth += 1 }
            else if s[q] == close { depth -= 1; if depth == 0 { break } }
            else if s[q] == "\n" { return nil }
            q += 1
        }
        guard q < s.count, s[q] == close, q > p + 1 else { return nil }
        var name = tt.string(from: p + 1, to: q)
        // «Концерн ВКО «Алмаз-Антей»» keeps its inner quotes; strip a dangling one.
        if name.hasSuffix("»") && name.filter({ $0 == "«" }).count < name.filter({ $0 == "»" }).count { name.removeLast() }
        // Last token inside the quotes.
        var last = i
        while last + 1 < tt.tokens.count, tt.tokens[last + 1].start < q { last += 1 }
        guard last > i else { return nil }
        return (name.trimmingCharacters(in: .whitespaces), last)
    }
}
