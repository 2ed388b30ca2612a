import Foundation

/// `bulletin eval`: extraction figures on a labelled corpus, then retrieval figures from a
/// temporary index of that corpus under the configurations the README compares.
public enum Evaluation {
    /// A named way of searching: what each retrieval row of the report measures.
    public struct Configuration: Sendable {
        public var title: String
        public var configure: @Sendable (inout SearchRequest) -> Void
    }

    /// The rows of the retrieval table, from the peers' default to this engine's.
    public static let configurations: [Configuration] = [
        Configuration(title: "strict AND, no synonyms (the peers' default)") { $0.allWords = true; $0.synonyms = false },
        Configuration(title: "plain text: any word, all-word matches first") { $0.synonyms = false },
        Configuration(title: "default: + country forms and facets, lexicons, designation synonyms") { _ in },
    ]

    /// Retrieval figures of the corpus at `corpus`, indexed into a temporary index (removed
    /// afterwards), one report per configuration; and how many documents the index held.
    public static func retrieval(corpus: String, queriesFile: URL, k: Int,
                                 configurations: [Configuration] = configurations) throws -> (documents: Int, reports: [(title: String, report: RetrievalReport)]) {
        let index = FileManager.default.temporaryDirectory.appendingPathComponent("bulletin-eval-\(ProcessInfo.processInfo.processIdentifier)")
        defer { try? FileManager.default.removeItem(at: index) }
        let indexer = try Indexer(options: IndexOptions(indexPath: index.path))
        let summary = try indexer.index([corpus])
        indexer.close()
        let searcher = try Searcher(indexPath: index.path)
        return (summary.indexed + summary.updated + summary.unchanged,
                try reports(searcher, queriesFile: queriesFile, k: k, configurations: configurations))
    }

    /// One report per configuration of the judged queries in `queriesFile` against `searcher`.
    public static func reports(_ searcher: Searcher, queriesFile: URL, k: Int,
                               configurations: [Configuration] = configurations) throws -> [(title: String, report: RetrievalReport)] {
        try configurations.map { configuration in
            (configuration.title, try RetrievalEvaluator.evaluate(queriesFile: queriesFile, k: k) { query in
                var request = SearchRequest(query: query)
                request.limit = k
                request.snippetChars = nil
                configuration.configure(&request)
                return try searcher.search(request).hits.map(\.id)
            })
        }
    }

    /// Retrieval figures of a judged set spread over several folders (`JudgedCorpus`: ids are
    /// `NAME/FILE`), optionally among a distractor feed, in a temporary directory removed
    /// afterwards.
    public static func retrieval(judged corpus: JudgedCorpus, queriesFile: URL, k: Int,
                                 configurations: [Configuration] = configurations) throws -> (built: JudgedCorpus.Built, reports: [(title: String, report: RetrievalReport)]) {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("bulletin-eval-real-\(ProcessInfo.processInfo.processIdentifier)-\(corpus.distractors == nil ? "set" : "haystack")")
        try? FileManager.default.removeItem(at: work)
        defer { try? FileManager.default.removeItem(at: work) }
        let built = try corpus.build(in: work)
        return (built, try reports(try Searcher(indexPath: built.indexPath), queriesFile: queriesFile, k: k, configurations: configurations))
    }
}
