import XCTest
@testable import BulletinSearch

/// Runs the extractor over third-party news posts (read at run time, never copied here):
/// no crash, offsets that point at their forms, and no false friends that the rules exclude.
final class RealNewsTests: XCTestCase {
    func testRealNewsPosts() throws {
        let dir = try SharedText.require("realnews/docs")
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path)
        XCTAssertFalse(names.isEmpty, "no posts in \(dir.path)")
        var documents = 0
        for name in names.sorted() where name.hasSuffix(".txt") {
            let text = try String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8)
            let m = MetadataExtractor.extract(text: text, path: "realnews/" + name)
            documents += 1
            for mention in m.countryMentions {
                XCTAssertNotNil(CountryTable.info(mention.code), "\(name): \(mention.code)")
                let start = text.index(text.startIndex, offsetBy: mention.offset)
                let written = String(text[start...].prefix(mention.form.count))
                XCTAssertEqual(TextRepair.repair(written), TextRepair.repair(mention.form), "\(name) @\(mention.offset)")
            }
            XCTAssertEqual(Set(m.countries), Set(m.countryMentions.map(\.code)), name)
            XCTAssertLessThanOrEqual(m.title.count, 121, name)
            for p in m.persons {
                XCTAssertGreaterThanOrEqual(p.name.split(separator: " ").count, 2, "\(name): \(p.name)")
                XCTAssertFalse(p.name.contains("\n"))
            }
            XCTAssertTrue(m.types.allSatisfy { DocumentType(rawValue: $0) != nil })
        }
        XCTAssertGreaterThan(documents, 100)
    }
}
