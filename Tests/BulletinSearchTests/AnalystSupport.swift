import Foundation
import XCTest
import Xapian
@testable import BulletinSearch

/// Indexes `docs` straight through DocumentBuilder (metadata exactly as given) into a fresh
/// directory and returns its path.
func buildIndex(_ test: XCTestCase, _ docs: [StoredDocument], into existing: URL? = nil) throws -> URL {
    let dir = try existing ?? makeTemporaryDirectory(test)
    let db = try WritableDatabase(path: dir.path)
    let builder = try DocumentBuilder(pipeline: try TextPipeline(), database: db)
    for stored in docs {
        try db.replace(uniqueTerm: DocumentBuilder.uniqueTerm(for: stored.id), with: try builder.build(stored, signature: "0:0:0"))
    }
    try builder.writeIndexWideData()
    try builder.prepareCommit()
    try db.commit()
    try db.close()
    return dir
}

func storedDocument(_ id: String, title: String, text: String, date: String? = nil, countries: [String] = [], types: [String] = [],
                    source: String? = "ЦАМТО", persons: [String] = [], weapons: [String] = [], venue: String? = nil,
                    path: String? = nil, url: String? = nil) -> StoredDocument {
    StoredDocument(id: id, path: path, root: nil, url: url, date: date, dateSource: date == nil ? "none" : "header",
                   source: source, origin: nil, title: title, countries: countries, venue: venue,
                   types: types, persons: persons, organisations: [], weapons: weapons, text: text)
}

/// Runs an installed program, feeding `input` on stdin; fails the test when it is missing.
func runProgram(_ path: String, _ arguments: [String], input: String) throws -> String {
    guard FileManager.default.isExecutableFile(atPath: path) else {
        XCTFail("\(path) is missing: run tools/install-deps.sh")
        return ""
    }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = arguments
    let stdin = Pipe(), stdout = Pipe()
    process.standardInput = stdin
    process.standardOutput = stdout
    try process.run()
    stdin.fileHandleForWriting.write(Data(input.utf8))
    try stdin.fileHandleForWriting.close()
    let out = stdout.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    XCTAssertEqual(process.terminationStatus, 0, "\(path) failed")
    return String(decoding: out, as: UTF8.self)
}
