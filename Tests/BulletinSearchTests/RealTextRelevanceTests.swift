import Foundation
import XCTest
@testable import BulletinSearch

/// The real-text relevance set (`eval/real`): the 150 real posts of `../shared/realnews/docs`
/// (read from outside the repository) and the project's own agency-style bulletins, judged for
/// 55 analyst queries. Guards the figure `make eval` reports: default nDCG@10 ≥ 0.90.
final class RealTextRelevanceTests: XCTestCase {
    private static let checkout = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    func testDefaultSearchScoresAtLeastPointNineOnRealText() throws {
        let posts = Self.checkout.deletingLastPathComponent().appendingPathComponent("shared/realnews/docs")
        guard FileManager.default.fileExists(atPath: posts.path) else {
            return XCTFail("\(posts.path) is missing: the real posts live in ../shared beside the checkout")
        }
        let work = try makeTemporaryDirectory(self)
        let built = try JudgedCorpus(directories: [
            ("realnews", posts.path),
            ("own", Self.checkout.appendingPathComponent("eval/real/bulletins").path),
        ]).build(in: work)
        XCTAssertEqual(built.judgedDocuments, 184)
        let searcher = try Searcher(indexPath: built.indexPath)
        let queries = try RetrievalEvaluator.loadQueries(Self.checkout.appendingPathComponent("eval/real/queries.jsonl"))
        XCTAssertGreaterThanOrEqual(queries.count, 40)
        let report = try RetrievalEvaluator.evaluate(queries: queries, k: 10) { query in
            var request = SearchRequest(query: query)
            request.snippetChars = nil
            return try searcher.search(request).hits.map(\.id)
        }
        XCTAssertGreaterThanOrEqual(report.meanNDCG, 0.90, report.renderDetails())
        // Every judged id names a document of the set.
        let known = Set(try FileManager.default.contentsOfDirectory(atPath: posts.path).map { "realnews/" + $0 }
            + FileManager.default.contentsOfDirectory(atPath: Self.checkout.appendingPathComponent("eval/real/bulletins").path).map { "own/" + $0 })
        for query in queries { for id in query.relevant.keys { XCTAssertTrue(known.contains(id), "\(query.id): \(id)") } }
    }
}
