import XCTest
@testable import BulletinSearch

final class ExtractionEvaluatorTests: XCTestCase {
    private var root: URL!

    override func setUpWithError() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("extraction-eval-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("2019"), withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: root)
    }

    func testEvaluateSmallCorpus() throws {
        try "ЦАМТО, 18 августа. В Минске прошло заседание комиссии Беларуси и Китая. Председатель комитета Дмитрий Пантус подписал протокол."
            .write(to: root.appendingPathComponent("2019/a.txt"), atomically: true, encoding: .utf8)
        try "ЦАМТО, 3 марта. Индия получила Су-30МКИ."
            .write(to: root.appendingPathComponent("2019/b.txt"), atomically: true, encoding: .utf8)
        let truth = """
        {"path": "2019/a.txt", "date": "2019-08-18", "date_source": "dateline+path", "source": "ЦАМТО", "countries": ["BY", "CN"], "venue": "BY", "types": ["meeting", "agreement"], "persons": ["Дмитрий Пантус"], "weapons": [], "organisations": [], "duplicate_of": null}
        {"path": "2019/b.txt", "date": "2019-03-03", "date_source": "dateline+path", "source": "ЦАМТО", "countries": ["IN", "RU"], "venue": null, "types": ["delivery"], "persons": [], "weapons": ["Su-30MKI"], "organisations": [], "duplicate_of": null}
        {"path": "2019/missing.txt", "date": null, "countries": []}
        """
        let truthURL = root.appendingPathComponent("truth.jsonl")
        try truth.write(to: truthURL, atomically: true, encoding: .utf8)

        let r = try ExtractionEvaluator.evaluate(corpusRoot: root, truthFile: truthURL)
        XCTAssertEqual(r.documents, 2)
        XCTAssertEqual(r.missingFiles, ["2019/missing.txt"])
        XCTAssertEqual(r.countries.truePositives, 3)
        XCTAssertEqual(r.countries.falseNegatives, 1)   // RU is not in the text
        XCTAssertEqual(r.countries.falsePositives, 0)
        XCTAssertEqual(r.countries.precision, 1)
        XCTAssertEqual(r.countries.recall, 0.75)
        XCTAssertEqual(r.persons.f1, 1)
        XCTAssertEqual(r.weapons.f1, 1, "Latin and Cyrillic spellings meet")
        XCTAssertEqual(r.date.value, 1)
        XCTAssertEqual(r.venue.value, 1)
        XCTAssertEqual(r.primaryType.value, 1)
        XCTAssertTrue(r.mismatches.contains { $0.field == "countries" && $0.path == "2019/b.txt" })
        let table = r.renderTable()
        XCTAssertTrue(table.hasPrefix("| field |"))
        XCTAssertTrue(table.contains("| countries | micro P/R/F1 | 1.000 | 0.750 | 0.857 |"))
        XCTAssertTrue(table.contains("2 documents, 1 missing"))
    }

    func testBadTruthThrows() throws {
        let truthURL = root.appendingPathComponent("truth.jsonl")
        try "not json\n".write(to: truthURL, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try ExtractionEvaluator.evaluate(corpusRoot: root, truthFile: truthURL))
        XCTAssertThrowsError(try ExtractionEvaluator.evaluate(corpusRoot: root, truthFile: root.appendingPathComponent("nope.jsonl")))
    }

    /// The project's labelled set, when present: the targets of issue 4.
    func testProjectEvaluationSetMeetsTargets() throws {
        // eval/ is part of the repository: its absence is a failure.
        let corpus = SharedText.packageRoot.appendingPathComponent("eval/corpus")
        let truth = corpus.appendingPathComponent("truth.jsonl")
        XCTAssertTrue(FileManager.default.fileExists(atPath: truth.path), "no \(truth.path)")
        let r = try ExtractionEvaluator.evaluate(corpusRoot: corpus, truthFile: truth)
        XCTAssertGreaterThanOrEqual(r.countries.f1, 0.95)
        XCTAssertGreaterThanOrEqual(r.primaryType.value, 0.85)
        XCTAssertGreaterThanOrEqual(r.date.value, 0.95)
        XCTAssertGreaterThanOrEqual(r.persons.f1, 0.85)
    }
}
