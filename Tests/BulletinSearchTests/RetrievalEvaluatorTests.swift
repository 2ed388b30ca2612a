import Foundation
import XCTest
@testable import BulletinSearch

final class RetrievalEvaluatorTests: XCTestCase {
    private let judged = JudgedQuery(id: "q01", query: "поставки", relevant: ["a": 2, "b": 1, "c": 0])

    func testNDCGUsesLinearGainsAndLog2Discount() {
        // DCG = 1/log2(2) + 0 + 2/log2(4) = 2; ideal = 2 + 1/log2(3).
        let score = RetrievalEvaluator.score(judged, ranking: ["b", "x", "a"], k: 10)
        XCTAssertEqual(score.ndcg, 0.7601875334318685, accuracy: 1e-12)
        XCTAssertEqual(score.recall, 1)
        XCTAssertEqual(score.missed, [])
    }

    func testCutoffAppliesToRankingAndIdeal() {
        // Top 1: b (grade 1) against the ideal a (grade 2).
        let score = RetrievalEvaluator.score(judged, ranking: ["b", "a"], k: 1)
        XCTAssertEqual(score.ndcg, 0.5, accuracy: 1e-12)
        XCTAssertEqual(score.recall, 0.5)
        XCTAssertEqual(score.retrieved, ["b"])
        XCTAssertEqual(score.missed, ["a"])
    }

    func testIdealCountsEveryJudgedDocumentNotOnlyRetrievedOnes() {
        let query = JudgedQuery(id: "q", query: "q", relevant: ["a": 3, "b": 1, "c": 1, "d": 0])
        // DCG = 3 + 0 + 1/2; ideal = 3 + 1/log2(3) + 1/2.
        let score = RetrievalEvaluator.score(query, ranking: ["a", "d", "c"], k: 3)
        XCTAssertEqual(score.ndcg, 0.8472668887613066, accuracy: 1e-12)
        XCTAssertEqual(score.recall, 2.0 / 3.0, accuracy: 1e-12)
        XCTAssertEqual(score.missed, ["b"])
    }

    func testPerfectEmptyAndRepeatedRankings() {
        XCTAssertEqual(RetrievalEvaluator.score(judged, ranking: ["a", "b", "c"], k: 10).ndcg, 1, accuracy: 1e-12)
        XCTAssertEqual(RetrievalEvaluator.score(judged, ranking: [], k: 10).ndcg, 0)
        // A repeated id counts once, at its first rank.
        XCTAssertEqual(RetrievalEvaluator.score(judged, ranking: ["a", "a", "b"], k: 2).ndcg, 1, accuracy: 1e-12)
        let nothingRelevant = JudgedQuery(id: "q", query: "q", relevant: ["a": 0])
        let score = RetrievalEvaluator.score(nothingRelevant, ranking: ["a"], k: 10)
        XCTAssertEqual(score.ndcg, 0)
        XCTAssertEqual(score.recall, 0)
    }

    func testEvaluateReadsJSONLinesAndAveragesQueries() throws {
        let file = try makeTemporaryDirectory(self).appendingPathComponent("queries.jsonl")
        try Data("""
            {"id": "q01", "query": "поставки Индия", "relevant": {"a": 2, "b": 1, "c": 0}}

            # a comment
            {"id": "q02", "query": "учения", "relevant": {"a": 2, "b": 1}}
            """.utf8).write(to: file)
        let rankings = ["поставки Индия": ["b", "x", "a"], "учения": ["b", "a"]]
        var asked: [String] = []
        let report = try RetrievalEvaluator.evaluate(queriesFile: file, k: 1) { query in
            asked.append(query)
            return rankings[query] ?? []
        }
        XCTAssertEqual(asked, ["поставки Индия", "учения"])
        XCTAssertEqual(report.queries.map(\.ndcg), [0.5, 0.5])
        XCTAssertEqual(report.meanNDCG, 0.5, accuracy: 1e-12)
        XCTAssertEqual(report.meanRecall, 0.5, accuracy: 1e-12)
        XCTAssertEqual(report.renderTable(title: "plain text"), "| plain text | 2 | 0.500 | 0.500 |")
        XCTAssertEqual(report.tableHeader(), "| configuration | queries | nDCG@1 | recall@1 |\n|---|---:|---:|---:|")
        XCTAssertTrue(report.renderDetails().contains("missed: a"), report.renderDetails())
    }

    func testBadLineNamesFileAndLine() throws {
        let file = try makeTemporaryDirectory(self).appendingPathComponent("queries.jsonl")
        try Data("{\"id\": \"q01\", \"query\": \"x\", \"relevant\": {}}\n{\"id\": 3}\n".utf8).write(to: file)
        XCTAssertThrowsError(try RetrievalEvaluator.loadQueries(file)) { error in
            XCTAssertTrue("\(error)".contains("queries.jsonl:2"), "\(error)")
        }
    }
}
