import Foundation
import XCTest
@testable import BulletinSearch

final class SimilarTests: XCTestCase {
    private func makeCorpus() throws -> (searcher: Searcher, index: URL, corpus: URL) {
        try makeIndex([
            "2024/india-camto.txt": DuplicateStories.indiaCAMTO,
            "2024/india-tass.txt": DuplicateStories.indiaTASS,
            "2024/belarus.txt": DuplicateStories.belarus,
            "2024/navy.txt": """
                 date 2024-06-01
                ЦАМТО, 1 июня. Военно-морские силы Вьетнама получили два фрегата проекта 11661 "Гепард", построенные Зеленодольским заводом. Корабли прибыли в Камрань.
                """,
            "2024/navy-2.txt": """
                 date 2024-06-20
                ЦАМТО, 20 июня. Зеленодольский завод заложил для ВМС Вьетнама третий фрегат проекта 11661 "Гепард". Сдача корабля в Камрани ожидается в 2026 году.
                """,
        ])
    }

    func testSimilarExcludesItselfAndRanksTheOtherTellingFirst() throws {
        let (searcher, _, _) = try makeCorpus()
        let response = try searcher.similar(to: "2024/india-camto.txt", limit: 10)
        XCTAssertEqual(response.query, "similar:2024/india-camto.txt")
        let ids = response.hits.map(\.id)
        XCTAssertFalse(ids.contains("2024/india-camto.txt"))
        XCTAssertEqual(ids.first, "2024/india-tass.txt")
        XCTAssertEqual(response.hits.first?.rank, 1)
        XCTAssertTrue(response.hits.first?.snippet.contains("**") ?? false, response.hits.first?.snippet ?? "")

        let navy = try searcher.similar(to: "2024/navy.txt", limit: 1)
        XCTAssertEqual(navy.hits.map(\.id), ["2024/navy-2.txt"])
    }

    func testPathResolvesToItsId() throws {
        let (searcher, _, corpus) = try makeCorpus()
        let path = corpus.appendingPathComponent("2024/belarus.txt").path
        XCTAssertEqual(try searcher.similar(to: path).query, "similar:2024/belarus.txt")
        // Relative to the current directory, with a detour.
        let detour = corpus.appendingPathComponent("2024/../2024/belarus.txt").path
        XCTAssertEqual(try searcher.similar(to: detour).query, "similar:2024/belarus.txt")
    }

    func testUnknownIdOrPathIsAUsageError() throws {
        let (searcher, _, corpus) = try makeCorpus()
        for target in ["2024/none.txt", corpus.appendingPathComponent("2024/none.txt").path, "/elsewhere/belarus.txt", ""] {
            XCTAssertThrowsError(try searcher.similar(to: target), target) { error in
                guard let error = error as? BulletinError else { return XCTFail("\(error)") }
                XCTAssertEqual(error.exitCode, 2)
                XCTAssertTrue(error.description.contains("«\(target)»"), error.description)
            }
        }
    }

    func testQuerySkipsNonWordTermsAndStopwords() throws {
        let (searcher, _, _) = try makeCorpus()
        let (documentID, _) = try XCTUnwrap(try searcher.resolve("2024/belarus.txt"))
        let terms = try searcher.similarQuery(to: documentID).terms()
        let words = terms.filter { !$0.hasPrefix(IndexSchema.uniqueIDPrefix) }
        XCTAssertFalse(words.isEmpty)
        XCTAssertLessThanOrEqual(words.count, Searcher.similarQueryTerms)
        // Stems of words (`Z…`), or words starting with a digit as indexed; never another prefix.
        for term in words {
            let word = term.hasPrefix("Z") ? String(term.dropFirst()) : term
            XCTAssertTrue(term.hasPrefix("Z") || term.first!.isNumber, term)
            XCTAssertFalse(IndexSchema.nonWordPrefixBytes.contains(word.first!), term)
            XCTAssertFalse(IndexSchema.stopwords.contains(word), term)
        }
    }
}
