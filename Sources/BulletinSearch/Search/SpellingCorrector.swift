internal import Xapian

/// "Did you mean": replaces a plain query word that nothing knows by a close, more frequent word
/// of the index's spelling table. A word is known, and left alone, when the index holds it or its
/// stem, when it is a lexicon form, a capital, a stop word or another case form of an indexed
/// word (`передаст` beside `передает`), or when it is typed in capitals (`ЗРК`, `МБР`: an
/// abbreviation). Words in phrases, operators, fields, wildcards and designations with digits or
/// hyphens are left alone too.
struct SpellingCorrector {
    let database: Database
    let pipeline: TextPipeline

    /// Words looked up at most (each unknown word costs a spelling-table scan).
    static let maxWords = 32
    /// A suggestion must occur in at least this many documents.
    static let minSuggestionFrequency = 2

    struct Correction {
        var query: String
        var replaced: [SpellingCorrection]
    }

    /// The corrected query (lowercased as it is searched) and the words it replaced, or nil
    /// when no word needs a correction.
    func correct(_ query: String) throws -> Correction? {
        guard query.split(separator: " ").count <= Self.maxWords else { return nil }
        var replaced: [SpellingCorrection] = []
        var inPhrase = false
        var output: [String] = []
        for token in QueryRewriter.normalized(query).split(separator: " ", omittingEmptySubsequences: true) {
            let quotes = token.filter { $0 == "\"" }.count
            defer { if quotes % 2 == 1 { inPhrase.toggle() } }
            let lower = token.lowercased()
            guard !inPhrase, quotes == 0, QueryOperator.named(token) == nil,
                  lower.allSatisfy({ $0.isLetter || $0 == "(" || $0 == ")" || $0 == "+" || $0 == "-" }),
                  !lower.dropFirst().contains("-") else {
                output.append(lower)
                continue
            }
            let typed = token.filter(\.isLetter)
            let word = lower.filter(\.isLetter)
            guard word.count > 2, !Self.isAbbreviation(typed), try !isKnown(word),
                  let suggestion = try suggestion(for: word) else {
                output.append(lower)
                continue
            }
            output.append(lower.replacingOccurrences(of: word, with: suggestion))
            replaced.append(SpellingCorrection(word: word, suggestion: suggestion))
        }
        return replaced.isEmpty ? nil : Correction(query: output.joined(separator: " "), replaced: replaced)
    }

    /// `ЗРК`, `МБР`, `HIMARS`: two or more letters, all capitals.
    static func isAbbreviation(_ typed: String) -> Bool {
        typed.count >= 2 && typed.allSatisfy { $0.isUppercase }
    }

    static let lexiconWords: Set<String> = {
        var words = Set(IndexSchema.stopwords)
        for entry in Lexicon.concepts { for formWords in entry.formWords { words.formUnion(formWords) } }
        for entry in Lexicon.capitals { for nameWords in entry.nameWords { words.formUnion(nameWords) } }
        return words
    }()

    /// Whether a lexicon (stop words, concepts, capitals) holds `word`: a scan, not `lexiconWords`,
    /// whose Set costs a search process more to build (~0.1 ms) than a few words cost to look up.
    static func inLexicon(_ word: String) -> Bool {
        if QueryRewriter.stopwordSet.contains(word) { return true }
        for entry in Lexicon.concepts where entry.formWords.contains(where: { $0.contains(word) }) { return true }
        for entry in Lexicon.capitals where entry.nameWords.contains(where: { $0.contains(word) }) { return true }
        return false
    }

    func isKnown(_ word: String) throws -> Bool {
        if Self.inLexicon(word) { return true }
        if try database.termFrequency(word) > 0 { return true }
        let stem = try pipeline.stem(word)
        if try database.termFrequency(IndexSchema.stemPrefix + stem) > 0 { return true }
        if Self.lexiconStems.contains(stem) { return true }
        for form in NameForms.forms(of: word) where try database.termFrequency(IndexSchema.stemPrefix + pipeline.stem(form)) > 0 { return true }
        return false
    }

    /// Stems of `lexiconWords` (computed once, on the first unknown word of a process).
    static let lexiconStems: Set<String> = {
        guard let stemmer = try? Stem(language: IndexSchema.stemLanguage) else { return [] }
        return Set(lexiconWords.compactMap { try? stemmer($0) })
    }()

    /// Xapian's closest word, if it is close (one edit for words up to six letters, two for
    /// longer ones), starts with the same letter and is in at least `minSuggestionFrequency`
    /// documents.
    func suggestion(for word: String) throws -> String? {
        let distance = word.count <= 6 ? 1 : 2
        guard let suggestion = try spellingTableSuggestion(for: word, maxEditDistance: distance),
              suggestion != word, suggestion.first == word.first,
              try database.termFrequency(suggestion) >= Self.minSuggestionFrequency else { return nil }
        return suggestion
    }

    /// The spelling table's suggestion, or nil when there is none or none can be had: a shard
    /// served by xapian-tcpsrv has no spelling table, and a suggestion is never worth failing
    /// the search for (only a writer's commit underneath is passed on, to be retried).
    private func spellingTableSuggestion(for word: String, maxEditDistance: Int) throws -> String? {
        do {
            return try database.spellingSuggestion(for: word, maxEditDistance: maxEditDistance)
        } catch where error.kind == .databaseModified { throw error } catch { return nil }
    }
}
