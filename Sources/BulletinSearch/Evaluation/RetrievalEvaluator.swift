import Foundation

/// One judged query of `eval/queries.jsonl`: `{"id": "q01", "query": "…", "relevant": {"2021/….txt": 2}}`.
public struct JudgedQuery: Codable, Sendable, Equatable {
    public var id: String
    public var query: String
    /// Document id → graded relevance (0 = judged not relevant, higher is better).
    public var relevant: [String: Int]

    public init(id: String, query: String, relevant: [String: Int]) {
        self.id = id
        self.query = query
        self.relevant = relevant
    }
}

/// Scores of one query.
public struct QueryScore: Sendable, Equatable {
    public var id: String
    public var query: String
    public var ndcg: Double
    public var recall: Double
    /// The ids the search returned (at most k), in rank order.
    public var retrieved: [String]
    /// Relevant ids (grade > 0) missing from the top k, best grade first.
    public var missed: [String]
}

/// nDCG@k and recall@k of a search over judged queries.
public struct RetrievalReport: Sendable, Equatable {
    public var k: Int
    public var queries: [QueryScore]

    public var meanNDCG: Double { queries.isEmpty ? 0 : queries.map(\.ndcg).reduce(0, +) / Double(queries.count) }
    public var meanRecall: Double { queries.isEmpty ? 0 : queries.map(\.recall).reduce(0, +) / Double(queries.count) }

    /// The Markdown header of `renderTable` rows.
    public func tableHeader() -> String {
        "| configuration | queries | nDCG@\(k) | recall@\(k) |\n|---|---:|---:|---:|"
    }

    /// One Markdown table row: `| title | 40 | 0.812 | 0.734 |`.
    public func renderTable(title: String) -> String {
        "| \(title) | \(queries.count) | \(Self.format(meanNDCG)) | \(Self.format(meanRecall)) |"
    }

    /// One line per query, worst nDCG first, with the relevant ids the top k missed.
    public func renderDetails() -> String {
        queries.sorted { $0.ndcg != $1.ndcg ? $0.ndcg < $1.ndcg : $0.id < $1.id }.map { score in
            var line = "\(score.id)\tnDCG \(Self.format(score.ndcg))\trecall \(Self.format(score.recall))\t\(score.query)"
            if !score.missed.isEmpty { line += "\n\tmissed: " + score.missed.joined(separator: " ") }
            return line
        }.joined(separator: "\n")
    }

    static func format(_ value: Double) -> String { String(format: "%.3f", value) }
}

/// Scores a search function against graded relevance judgements.
///
/// nDCG@k uses linear gains (the grade, as trec_eval does) and the log2(rank + 1) discount;
/// the ideal ranking is every judged document sorted by grade. recall@k is the share of the
/// documents with grade > 0 found in the top k. A query without relevant documents scores 0
/// (it is still counted, so a bad judgement file shows).
public enum RetrievalEvaluator {
    /// Reads the judged queries (JSON lines; blank lines and `#` comments skipped).
    public static func loadQueries(_ file: URL) throws -> [JudgedQuery] {
        let text = try String(contentsOf: file, encoding: .utf8)
        let decoder = JSONDecoder()
        var queries: [JudgedQuery] = []
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            do {
                queries.append(try decoder.decode(JudgedQuery.self, from: Data(trimmed.utf8)))
            } catch {
                throw BulletinError.usage("\(file.path):\(number + 1): not a judged query line: \(error)")
            }
        }
        return queries
    }

    /// Runs `search` (query → ranked ids) for every query of `queriesFile` and scores it.
    public static func evaluate(queriesFile: URL, k: Int = 10, search: (String) throws -> [String]) throws -> RetrievalReport {
        try evaluate(queries: loadQueries(queriesFile), k: k, search: search)
    }

    public static func evaluate(queries: [JudgedQuery], k: Int = 10, search: (String) throws -> [String]) throws -> RetrievalReport {
        RetrievalReport(k: k, queries: try queries.map { judged in
            let ranking = try search(judged.query)
            return score(judged, ranking: ranking, k: k)
        })
    }

    /// The scores of one ranking (repeated ids count once, at their first rank).
    public static func score(_ judged: JudgedQuery, ranking: [String], k: Int) -> QueryScore {
        var seen = Set<String>()
        let top = Array(ranking.filter { seen.insert($0).inserted }.prefix(k))
        let relevant = judged.relevant.filter { $0.value > 0 }
        let found = top.filter { relevant[$0] != nil }
        let missed = relevant.keys.filter { !top.contains($0) }
            .sorted { relevant[$0]! != relevant[$1]! ? relevant[$0]! > relevant[$1]! : $0 < $1 }
        return QueryScore(
            id: judged.id, query: judged.query,
            ndcg: ndcg(ranking: top, grades: judged.relevant, k: k),
            recall: relevant.isEmpty ? 0 : Double(found.count) / Double(relevant.count),
            retrieved: top, missed: missed)
    }

    /// nDCG@k with linear gains; 0 when no judged document has a positive grade.
    public static func ndcg(ranking: [String], grades: [String: Int], k: Int) -> Double {
        let ideal = dcg(grades.values.filter { $0 > 0 }.sorted(by: >).prefix(k).map(Double.init))
        guard ideal > 0 else { return 0 }
        return dcg(ranking.prefix(k).map { Double(max(grades[$0] ?? 0, 0)) }) / ideal
    }

    /// Σ gain_i / log2(i + 1) over 1-based ranks i.
    static func dcg(_ gains: [Double]) -> Double {
        gains.enumerated().reduce(0) { $0 + $1.element / log2(Double($1.offset + 2)) }
    }
}
