internal import Xapian

/// The Xapian text machinery configured from `IndexSchema`, built once per index handle and
/// shared by the indexing and the query side so both treat text identically.
final class TextPipeline {
    let stemmer: Stem
    let stopper: Stopper

    init() throws(XapianError) {
        stemmer = try Stem(language: IndexSchema.stemLanguage)
        stopper = try Stopper(words: IndexSchema.stopwords)
    }

    /// A TermGenerator for documents: Russian stems (STEM_SOME: every lowercased word gets a
    /// `Z` stem term, digits-first words do not), stopwords kept only for phrases.
    func makeTermGenerator() throws(XapianError) -> TermGenerator {
        let generator = try TermGenerator()
        try generator.setStemmer(stemmer)
        try generator.setStopper(stopper)
        try generator.setStemmingStrategy(.some)
        return generator
    }

    /// A QueryParser that matches what `makeTermGenerator` wrote. The query must be
    /// lowercased first (see `QueryRewriter`): STEM_SOME leaves capitalised words unstemmed.
    func makeQueryParser(database: Database) throws(XapianError) -> QueryParser {
        let parser = try QueryParser()
        try parser.setStemmer(stemmer)
        try parser.setStopper(stopper)
        try parser.setStemmingStrategy(.some)
        try parser.setDatabase(database)
        try parser.setDefaultOperator(.and)
        try parser.setMaxExpansion(QueryRewriter.maxWildcardExpansion)
        try parser.addPrefix("title", IndexSchema.titlePrefix)
        try parser.addPrefix("заголовок", IndexSchema.titlePrefix)
        try parser.addPrefix(QueryRewriter.yearField, IndexSchema.yearPrefix)
        try parser.addPrefix(QueryRewriter.conceptField, IndexSchema.lexiconPrefix)
        try parser.addPrefix(QueryRewriter.typeField, IndexSchema.typePrefix)
        return parser
    }

    /// The stem of a lowercased word.
    func stem(_ word: String) throws(XapianError) -> String { try stemmer(word) }

    private var cachedLexicon: LexiconMatcher?

    /// The lexicons' concepts (`lexicons/abbreviations.tsv`, `transliterations.tsv`), matched
    /// by this pipeline's stems; built on first use.
    func lexicon() throws -> LexiconMatcher {
        if let cachedLexicon { return cachedLexicon }
        let stemmer = self.stemmer
        let matcher = try LexiconMatcher(entries: Lexicon.concepts) { try stemmer($0) }
        cachedLexicon = matcher
        return matcher
    }

    /// The stem term (`Z` + stem) TermGenerator writes for a lowercased word, or nil where it
    /// writes none: words starting with a digit, and words with no stem.
    func stemTerm(_ word: String) throws(XapianError) -> String? {
        guard let first = word.first, !first.isNumber else { return nil }
        let stem = try stemmer(word)
        return stem.isEmpty ? nil : IndexSchema.stemPrefix + stem
    }
}
