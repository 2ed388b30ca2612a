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

/// Third-party text in `../shared` beside the package (read at run time, never copied into
/// the repository). A test that needs it fails when it is missing: it never skips silently.
enum SharedText {
    struct Missing: Error, CustomStringConvertible {
        var path: String
        var description: String { "\(path) is missing: the tests read third-party text from ../shared beside the package" }
    }

    /// The package root: the nearest folder above this file holding Package.swift.
    static let packageRoot: URL = {
        var dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while dir.path != "/", !FileManager.default.fileExists(atPath: dir.appendingPathComponent("Package.swift").path) {
            dir.deleteLastPathComponent()
        }
        return dir
    }()

    /// `../shared/<name>`, or a failure naming it when it is not there.
    static func require(_ name: String) throws -> URL {
        let url = packageRoot.deletingLastPathComponent().appendingPathComponent("shared").appendingPathComponent(name)
        guard FileManager.default.fileExists(atPath: url.path) else { throw Missing(path: url.path) }
        return url
    }
}

/// The two real bulletins in ../shared/seeds (beside the repository).
enum Seeds {
    static func requireDirectory() throws -> URL {
        let dir = try SharedText.require("seeds")
        guard FileManager.default.fileExists(atPath: dir.appendingPathComponent("000_b22510b1d9f8402a.txt").path) else {
            throw SharedText.Missing(path: dir.appendingPathComponent("000_b22510b1d9f8402a.txt").path)
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

/// The shipped demo corpus (`Corpora/`) indexed into a fresh temporary index: its path and the
/// indexing run's summary.
func indexDemoCorpus(_ test: XCTestCase) throws -> (path: String, summary: IndexSummary) {
    let index = try makeTemporaryDirectory(test).appendingPathComponent("index").path
    return (index, try Indexer(options: IndexOptions(indexPath: index)).index([FacetStorageTests.demoCorpus.path]))
}
