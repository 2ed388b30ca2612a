/// Finds the lexicon's concepts in a run of words, by Snowball stems, the same way for a
/// document (the indexer adds `XL<id>` for each) and for a query (the query word also means
/// `XL<id>`): `ПВО`, `противовоздушной обороны` and `противовоздушную оборону` are all `пво`.
final class LexiconMatcher {
    struct Pattern {
        var stems: [String]
        var id: String
        var order: Int
    }

    struct Match: Equatable {
        var start: Int
        var count: Int
        var id: String
    }

    /// First word's stem → patterns starting with it, longest first (then in lexicon order).
    private var byFirstStem: [String: [Pattern]] = [:]
    /// The first three letters of every pattern word: only words starting with one are stemmed.
    private var prefixes: Set<Substring> = []
    /// The forms, unstemmed, by their first word's first three letters. A group is stemmed into
    /// `byFirstStem` when a word with that prefix is first met (a search process meets two or
    /// three; stemming every form at start cost it ~0.2 ms). A word and its stem share their
    /// first three letters (Snowball's Russian stems are prefixes), so the group holds every
    /// pattern the word's stem can start.
    private var unstemmed: [Substring: [(words: [String], id: String, order: Int)]] = [:]
    private let stem: (String) throws -> String

    init(entries: [LexiconEntry], stem: @escaping (String) throws -> String) {
        self.stem = stem
        var order = 0
        for entry in entries {
            for words in entry.formWords {
                guard !words.isEmpty else { continue }
                unstemmed[words[0].prefix(3), default: []].append((words, entry.id, order))
                order += 1
                for word in words { prefixes.insert(word.prefix(3)) }
            }
        }
    }

    /// Stems the forms whose first word starts with `prefix`, once.
    private func stemForms(startingWith prefix: Substring) throws {
        guard let forms = unstemmed.removeValue(forKey: prefix) else { return }
        var touched = Set<String>()
        for form in forms {
            let stems = try form.words.map { try Self.stemOf($0, stem) }
            byFirstStem[stems[0], default: []].append(Pattern(stems: stems, id: form.id, order: form.order))
            touched.insert(stems[0])
        }
        for key in touched {
            byFirstStem[key]!.sort { $0.stems.count != $1.stems.count ? $0.stems.count > $1.stems.count : $0.order < $1.order }
        }
    }

    /// Snowball leaves short words and Latin alone; an empty stem (a number) is the word itself.
    static func stemOf(_ word: String, _ stem: (String) throws -> String) rethrows -> String {
        let s = try stem(word)
        return s.isEmpty ? word : s
    }

    /// Non-overlapping matches in `words` (lowercased, `ё` folded), longest first from the left.
    func matches(in words: [String]) throws -> [Match] {
        var stems = [String?](repeating: nil, count: words.count)
        func stemAt(_ i: Int) throws -> String? {
            if let s = stems[i] { return s }
            guard prefixes.contains(words[i].prefix(3)) else { return nil }
            let s = try Self.stemOf(words[i], stem)
            stems[i] = s
            return s
        }
        var result: [Match] = []
        var i = 0
        while i < words.count {
            var matched = 0
            if try stemAt(i) != nil { try stemForms(startingWith: words[i].prefix(3)) }
            if let first = stems[i], let candidates = byFirstStem[first] {
                for pattern in candidates where i + pattern.stems.count <= words.count {
                    var ok = true
                    for k in 1..<max(pattern.stems.count, 1) where ok {
                        ok = try stemAt(i + k) == pattern.stems[k]
                    }
                    if ok {
                        result.append(Match(start: i, count: pattern.stems.count, id: pattern.id))
                        matched = pattern.stems.count
                        break
                    }
                }
            }
            i += max(matched, 1)
        }
        return result
    }

    /// How often each concept occurs in `text`.
    func conceptCounts(in text: String) throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for match in try matches(in: Lexicon.words(text)) { counts[match.id, default: 0] += 1 }
        return counts
    }
}

/// Case forms of a proper name, for the query side: Snowball stems `Белоусов` (`белоус`) and
/// `Белоусова` (`белоусов`), `Пхеньян` and `Пхеньяне` apart, so a surname or a city in another
/// case would be missed. `forms(of:)` undoes the case ending by rule (surnames in
/// -ов/-ев/-ин/-ын and -ский, nouns ending in a consonant) and declines the base again;
/// the searcher keeps the forms whose stems the index holds.
enum NameForms {
    static let surnameSuffixes = ["ов", "ев", "ин", "ын"]
    static let surnameEndings = ["", "а", "у", "ым", "е", "ой", "ы", "ых", "ыми", "ою"]
    static let adjectiveEndings = ["ий", "ого", "ому", "им", "ом", "ая", "ой", "ую", "ие", "их"]
    static let nounEndings = ["", "а", "у", "ом", "е", "ы", "ой", "ю", "я", "ем", "и", "ой"]
    static let caseEndings = ["ами", "ями", "ыми", "ого", "ому", "ом", "ем", "ой", "ей", "ою", "ах", "ях", "ам", "ям", "ым", "ых", "а", "я", "у", "ю", "е", "ы", "и"]

    /// Other case forms of `word` (lowercase); empty for short words and words with digits.
    static func forms(of word: String) -> [String] {
        guard word.count >= 4, word.allSatisfy({ $0.isLetter }), word.unicodeScalars.first.map({ (0x0400...0x04FF).contains($0.value) }) == true else { return [] }
        // -ский / -цкий adjectives and surnames.
        for base in ["ск", "цк"] {
            for ending in adjectiveEndings where word.hasSuffix(base + ending) && word.count > base.count + ending.count + 2 {
                let stem = String(word.dropLast(ending.count))
                return adjectiveEndings.map { stem + $0 }.filter { $0 != word }
            }
        }
        // Surnames and towns in -ов/-ев/-ин/-ын (Белоусова, Киеве, Пекине, Путиным).
        for ending in surnameEndings.sorted(by: { $0.count > $1.count }) {
            guard word.hasSuffix(ending), word.count - ending.count >= 4 else { continue }
            let base = String(word.dropLast(ending.count))
            if surnameSuffixes.contains(where: { base.hasSuffix($0) }) {
                return surnameEndings.map { base + $0 }.filter { $0 != word }
            }
        }
        // Nouns ending in a consonant (Пхеньян, Вашингтон, Минск): strip one case ending.
        var base = word
        for ending in caseEndings where word.hasSuffix(ending) && word.count - ending.count >= 4 {
            base = String(word.dropLast(ending.count))
            break
        }
        guard let last = base.last, !RussianMorphology.vowels.contains(last), last != "ь", last != "й" else { return [] }
        return nounEndings.map { base + $0 }.filter { $0 != word }
    }
}
