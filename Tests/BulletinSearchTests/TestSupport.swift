import Foundation
import XCTest
@testable import BulletinSearch

/// A fresh temporary directory per test, under one shared base, removed afterwards.
func makeTemporaryDirectory(_ test: XCTestCase) throws -> URL {
    let base = FileManager.default.temporaryDirectory.appendingPathComponent("bulletin-tests", isDirectory: true)
    let dir = base.appendingPathComponent(UUID().uuidString, isDirectory: true)
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    test.addTeardownBlock { try? FileManager.default.removeItem(at: dir) }
    return dir
}

/// The two real bulletins in ../shared/seeds (beside the repository).
enum Seeds {
    static var directory: URL {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("shared/seeds")
    }

    static func requireDirectory() throws -> URL {
        let dir = directory
        guard FileManager.default.fileExists(atPath: dir.appendingPathComponent("000_b22510b1d9f8402a.txt").path) else {
            throw XCTSkip("../shared/seeds is not beside the repository")
        }
        return dir
    }
}

/// Writes `files` (name → text) under `dir`.
func write(_ files: [String: String], under dir: URL) throws {
    for (name, text) in files {
        let url = dir.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }
}

extension XCTestCase {
    /// Indexes `files` into a fresh index; returns a searcher over it.
    func makeIndex(_ files: [String: String]) throws -> (searcher: Searcher, index: URL, corpus: URL) {
        let dir = try makeTemporaryDirectory(self)
        let corpus = dir.appendingPathComponent("corpus")
        try write(files, under: corpus)
        let index = dir.appendingPathComponent("index")
        let summary = try Indexer(options: IndexOptions(indexPath: index.path)).index([corpus.path])
        XCTAssertEqual(summary.failed, 0, "\(summary.failures)")
        return (try Searcher(indexPath: index.path), index, corpus)
    }

    /// The ids of every document matching `query` (near-duplicates not collapsed).
    func ids(_ searcher: Searcher, _ query: String, limit: Int = 50) throws -> [String] {
        var request = SearchRequest(query: query)
        request.limit = limit
        request.collapse = false
        return try searcher.search(request).hits.map(\.id).sorted()
    }
}
