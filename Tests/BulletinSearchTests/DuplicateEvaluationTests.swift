import Foundation
import XCTest
import Xapian
@testable import BulletinSearch

/// Near-duplicate detection against truth labels. By default on the shipped demo corpus
/// (`Corpora`, truth `Corpora/DUPLICATES.txt`), where every true pair must be found and no
/// other pair made. `BULLETIN_DUP_EVAL=<corpus>` measures another corpus (truth from
/// `$BULLETIN_DUP_TRUTH`, default `<corpus>/truth.jsonl`: JSON lines with `path` and
/// `duplicate_of`, or `retelling<TAB>original` lines) and asserts the floors measured on the
/// dense generated corpora (precision ≥ 0.95, recall ≥ 0.99, docs/similar-and-duplicates.md).
final class DuplicateEvaluationTests: XCTestCase {
    struct Truth: Decodable {
        var path: String?
        var id: String?
        var file: String?
        var duplicateOf: String?

        enum CodingKeys: String, CodingKey { case path, id, file, duplicateOf = "duplicate_of" }
        var name: String? { path ?? id ?? file }
    }

    /// Pairs of ids in the same group, as "a\tb" with a < b.
    static func pairs(_ groups: [String: [String]]) -> Set<String> {
        var result = Set<String>()
        for members in groups.values where members.count > 1 {
            let sorted = members.sorted()
            for i in 0..<sorted.count { for j in (i + 1)..<sorted.count { result.insert(sorted[i] + "\t" + sorted[j]) } }
        }
        return result
    }

    /// Groups of the graph whose edges are `links` (child → parent).
    static func groups(_ ids: [String], links: [String: String]) -> [String: [String]] {
        var parent: [String: String] = [:]
        func find(_ x: String) -> String {
            var x = x
            while let p = parent[x], p != x { x = p }
            return x
        }
        for (a, b) in links { let ra = find(a), rb = find(b); if ra != rb { parent[ra] = rb } }
        return Dictionary(grouping: ids, by: find)
    }

    static func precisionAndRecall(_ predicted: Set<String>, _ truth: Set<String>) -> (precision: Double, recall: Double) {
        let shared = predicted.intersection(truth).count
        return (predicted.isEmpty ? 1 : Double(shared) / Double(predicted.count), truth.isEmpty ? 1 : Double(shared) / Double(truth.count))
    }

    static func score(_ predicted: Set<String>, _ truth: Set<String>) -> String {
        let shared = predicted.intersection(truth).count
        let (precision, recall) = precisionAndRecall(predicted, truth)
        return String(format: "pairs: truth %d, predicted %d, correct %d, precision %.3f, recall %.3f",
                      truth.count, predicted.count, shared, precision, recall)
    }

    /// CPU time of this thread (wall time suffers when other jobs share the cores).
    static func threadCPUSeconds() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }

    /// `YYYY-MM-DD` at the start of the file name, if any.
    static func pathDate(_ id: String) -> String? {
        let name = id.split(separator: "/").last.map(String.init) ?? id
        let head = String(name.prefix(10))
        guard head.count == 10, DuplicateDetector.window(around: head) != nil,
              head.enumerated().allSatisfy({ [4, 7].contains($0.offset) ? $0.element == "-" : $0.element.isNumber }) else { return nil }
        return head
    }

    func testDuplicateDetectionOnCorpus() throws {
        let environment = ProcessInfo.processInfo.environment
        let shipped = environment["BULLETIN_DUP_EVAL"] == nil
        let corpus = shipped ? SharedText.packageRoot.appendingPathComponent("Corpora")
            : URL(fileURLWithPath: environment["BULLETIN_DUP_EVAL"]!).standardizedFileURL
        let truthURL = environment["BULLETIN_DUP_TRUTH"].map(URL.init(fileURLWithPath:))
            ?? corpus.appendingPathComponent(shipped ? "DUPLICATES.txt" : "truth.jsonl")
        var truthLinks: [String: String] = [:]
        if let text = try? String(contentsOf: truthURL, encoding: .utf8) {
            let decoder = JSONDecoder()
            for line in text.split(separator: "\n") where !line.trimmingCharacters(in: .whitespaces).isEmpty && !line.hasPrefix("#") {
                if line.hasPrefix("{") {
                    let truth = try decoder.decode(Truth.self, from: Data(line.utf8))
                    if let name = truth.name, let original = truth.duplicateOf { truthLinks[name] = original }
                } else {
                    // Corpora/DUPLICATES.txt: `retelling <TAB> original`.
                    let fields = line.split(separator: "\t").map { $0.trimmingCharacters(in: .whitespaces) }
                    if fields.count == 2 { truthLinks[fields[0]] = fields[1] }
                }
            }
        }
        XCTAssertFalse(truthLinks.isEmpty, "no truth pairs in \(truthURL.path)")

        // Until metadata extraction dates every bulletin (dateline + year), take the date the
        // generator put in the file name: `2019/2019-05-29-tass-0027.txt`.
        let simulateDates = ProcessInfo.processInfo.environment["BULLETIN_DUP_PATH_DATES"] != "0"
        let writer = try DuplicateDetectorTests.Writer(path: try makeTemporaryDirectory(self).appendingPathComponent("index").path)
        let files = FileCollector.collect([corpus.path]).files
        var ids: [String] = []
        var keys: [String: String] = [:]
        var probes: [String: (id: String, similarity: Double)] = [:]
        var detectorSeconds = 0.0, detectorCPUSeconds = 0.0
        var pending = 0
        for file in files {
            guard let data = FileManager.default.contents(atPath: file.path),
                  case .success(let text) = TextDecoder.decode(data) else { continue }
            var stored = BulletinAnalyzer.analyze(text: text, id: file.id, path: file.path, root: file.root)
            if stored.date == nil, simulateDates { stored.date = Self.pathDate(file.id) }
            let start = DispatchTime.now().uptimeNanoseconds, cpuStart = Self.threadCPUSeconds()
            let best = try writer.detector.bestMatch(for: stored, threshold: 0)
            detectorSeconds += Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            detectorCPUSeconds += Self.threadCPUSeconds() - cpuStart
            let key = best.flatMap { $0.similarity >= DuplicateDetector.threshold ? $0.key : nil }
                ?? DuplicateDetector.ownKey(for: stored.id)
            let doc = try writer.builder.build(stored, signature: "0:0:0")
            try doc.setValue(key, slot: IndexSchema.duplicateKeySlot)
            writer.builder.written(documentID: try writer.database.replace(uniqueTerm: DocumentBuilder.uniqueTerm(for: stored.id), with: doc))
            ids.append(stored.id)
            keys[stored.id] = key
            if let best { probes[stored.id] = (best.id, best.similarity) }
            pending += 1
            if pending == 1000 { try writer.commit(); pending = 0 }
        }
        try writer.commit()

        let truth = Self.pairs(Self.groups(ids, links: truthLinks))
        let predicted = Self.pairs(Dictionary(grouping: ids, by: { keys[$0]! }))
        print(String(format: "duplicates: %d documents, detector %.3f ms/document (CPU %.3f ms)", ids.count,
                     detectorSeconds * 1000 / Double(max(ids.count, 1)), detectorCPUSeconds * 1000 / Double(max(ids.count, 1))))
        print("duplicates at threshold \(DuplicateDetector.threshold): " + Self.score(predicted, truth))
        let (precision, recall) = Self.precisionAndRecall(predicted, truth)
        XCTAssertGreaterThanOrEqual(precision, shipped ? 1 : 0.95, "pairs grouped that are different stories")
        XCTAssertGreaterThanOrEqual(recall, shipped ? 1 : 0.99, "true copies not grouped")
        for threshold in stride(from: 0.7, through: 1.2, by: 0.05) {
            let links = probes.filter { $0.value.similarity >= threshold }.mapValues(\.id)
            print(String(format: "  threshold %.2f: ", threshold) + Self.score(Self.pairs(Self.groups(ids, links: links)), truth))
        }
        // The best candidate's similarity for true copies and for the rest, to see the gap.
        let copySims = truthLinks.keys.compactMap { probes[$0]?.similarity }.sorted()
        let otherSims = probes.filter { truthLinks[$0.key] == nil }.map(\.value.similarity).sorted()
        print("  best-candidate similarity of true copies (min, p10, median): \(copySims.first ?? -1) \(copySims.isEmpty ? -1 : copySims[copySims.count / 10]) \(copySims.isEmpty ? -1 : copySims[copySims.count / 2])")
        print("  best-candidate similarity of originals/others (max, p99, p90): \(otherSims.last ?? -1) \(otherSims.isEmpty ? -1 : otherSims[otherSims.count * 99 / 100]) \(otherSims.isEmpty ? -1 : otherSims[otherSims.count * 9 / 10])")
        for pair in predicted.subtracting(truth).sorted().prefix(15) { print("  false pair: \(pair)") }
        for pair in truth.subtracting(predicted).sorted().prefix(15) {
            let a = String(pair.split(separator: "\t")[0]), b = String(pair.split(separator: "\t")[1])
            print("  missed pair: \(pair)  probe(\(a))=\(probes[a].map { "\($0.id) \($0.similarity)" } ?? "none") probe(\(b))=\(probes[b].map { "\($0.id) \($0.similarity)" } ?? "none")")
        }
    }
}
