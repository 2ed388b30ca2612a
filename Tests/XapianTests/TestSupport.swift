import Foundation
import XCTest

/// A fresh temporary directory per test, under one shared base, removed afterwards.
func makeTemporaryDirectory(_ test: XCTestCase, file: StaticString = #filePath) throws -> URL {
    let base = FileManager.default.temporaryDirectory.appendingPathComponent("bulletin-tests", isDirectory: true)
    let dir = base.appendingPathComponent(UUID().uuidString, isDirectory: true)
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    test.addTeardownBlock { try? FileManager.default.removeItem(at: dir) }
    return dir
}
