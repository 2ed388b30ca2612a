import Xapian

/// "Did you mean": replaces each plain query word that the index does not hold (neither the
/// word nor its stem) by the closest word of the index's spelling table. Words in phrases,
/// operators, fields, wildcards and designations with digits or hyphens are left alone.
struct SpellingCorrector {
    let database: Database
    let pipeline: TextPipeline

    /// Words looked up at most (each unknown word costs a spelling-table scan).
    static let maxWords = 32

    /// The corrected query (lowercased as it is searched), or nil when every word is known.
    func correct(_ query: String) throws -> String? {
        guard query.split(separator: " ").count <= Self.maxWords else { return nil }
        var changed = false
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
            let word = lower.filter(\.isLetter)
            guard word.count > 2, try database.termFrequency(word) == 0,
                  try pipeline.stemTerm(word).map(database.termFrequency) ?? 0 == 0,
                  let suggestion = try suggestion(for: word) else {
                output.append(lower)
                continue
            }
            output.append(lower.replacingOccurrences(of: word, with: suggestion))
            changed = true
        }
        return changed ? output.joined(separator: " ") : nil
    }

    /// The spelling table's suggestion, or nil when there is none or none can be had: a shard
    /// served by xapian-tcpsrv has no spelling table, and a suggestion is never worth failing
    /// the search for (only a writer's commit underneath is passed on, to be retried).
    private func suggestion(for word: String) throws -> String? {
        do { return try database.spellingSuggestion(for: word) } catch where error.kind == .databaseModified { throw error } catch { return nil }
    }
}
