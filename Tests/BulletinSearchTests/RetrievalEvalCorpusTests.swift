import Foundation
import XCTest
@testable import BulletinSearch

/// Scores retrieval on the labelled evaluation set (`eval/corpus`, `eval/queries.jsonl`):
/// nDCG@10 and recall@10 of several search configurations, as Markdown table rows.
/// Runs with every `make test`, and fails if the default configuration drops below nDCG@10
/// 0.95 (0.965 measured when the lexicons landed); `BULLETIN_RETRIEVAL_EVAL=details` also
/// prints every query, worst first.
final class RetrievalEvalCorpusTests: XCTestCase {
    static var evalDirectory: URL {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("eval")
    }

    func testRetrievalOnEvaluationCorpus() throws {
        let mode = ProcessInfo.processInfo.environment["BULLETIN_RETRIEVAL_EVAL"] ?? "summary"
        let eval = Self.evalDirectory
        let queries = eval.appendingPathComponent("queries.jsonl")
        guard FileManager.default.fileExists(atPath: queries.path) else { return XCTFail("no \(queries.path)") }
        let index = try makeTemporaryDirectory(self).appendingPathComponent("index")
        let summary = try Indexer(options: IndexOptions(indexPath: index.path)).index([eval.appendingPathComponent("corpus").path])
        XCTAssertGreaterThan(summary.indexed, 0)
        let searcher = try Searcher(indexPath: index.path)

        let configurations: [(title: String, configure: (inout SearchRequest) -> Void)] = [
            ("default (any word ranked, duplicates collapsed)", { _ in }),
            ("duplicates shown (--no-collapse)", { $0.collapse = false }),
            ("all words required (--all-words)", { $0.allWords = true }),
        ]
        var rows: [String] = []
        for configuration in configurations {
            let report = try RetrievalEvaluator.evaluate(queriesFile: queries, k: 10) { query in
                var request = SearchRequest(query: query)
                request.limit = 10
                configuration.configure(&request)
                return try searcher.search(request).hits.map(\.id)
            }
            if rows.isEmpty { rows.append(report.tableHeader()) }
            rows.append(report.renderTable(title: configuration.title))
            if mode == "details" { print("## \(configuration.title)\n" + report.renderDetails()) }
            XCTAssertGreaterThan(report.meanNDCG, 0, configuration.title)
            if configuration.title.hasPrefix("default") {
                XCTAssertGreaterThanOrEqual(report.meanNDCG, 0.95, "default retrieval on the generated eval set")
            }
        }
        print(rows.joined(separator: "\n"))
    }
}
