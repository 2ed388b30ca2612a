import BulletinSearch
import Foundation

// `bulletin eval`: document types and near-duplicates per labelled set, the project's
// generated text beside text it did not generate (see eval/types, eval/dups).
extension Bulletin.Eval {
    /// Type sets: title, who wrote the text, label file, directory of the texts.
    static let typeSets: [(title: String, writer: String, labels: String, root: String)] = [
        ("own bulletins in other agencies' styles (eval/types/bulletins)", "this project, by hand", "eval/types/bulletins-labels.tsv", "eval/types/bulletins"),
        ("real posts (../shared/realnews/docs, labels in eval/types/realnews-labels.tsv)", "third parties", "eval/types/realnews-labels.tsv", "../shared/realnews/docs"),
    ]

    func runTypesAndDuplicates() throws {
        func pct(_ v: Double) -> String { String(format: "%.3f", v) }
        print("\n## Document types per set\n")
        print("| set | text written by | documents | primary type | all type labels P / R |")
        print("| --- | --- | ---: | ---: | ---: |")
        let truthFile = truth ?? (corpus as NSString).appendingPathComponent("truth.jsonl")
        let generated = try ExtractionEvaluator.evaluate(corpusRoot: URL(fileURLWithPath: corpus), truthFile: URL(fileURLWithPath: truthFile))
        print("| generated (\(corpus)) | the project's generator | \(generated.primaryType.total) | \(pct(generated.primaryType.value)) (\(generated.primaryType.correct)/\(generated.primaryType.total)) | \(pct(generated.types.precision)) / \(pct(generated.types.recall)) |")
        var misses: [(String, [ExtractionMismatch])] = []
        for set in Self.typeSets {
            guard FileManager.default.fileExists(atPath: set.root), FileManager.default.fileExists(atPath: set.labels) else {
                print("| \(set.title) | \(set.writer) | not run: no \(set.root) | | |")
                continue
            }
            let r = try TypeEvaluator.evaluate(labels: URL(fileURLWithPath: set.labels), root: URL(fileURLWithPath: set.root))
            let missing = r.missingFiles.isEmpty ? "" : " (\(r.missingFiles.count) files missing)"
            print("| \(set.title) | \(set.writer) | \(r.primaryType.total)\(missing) | \(pct(r.primaryType.value)) (\(r.primaryType.correct)/\(r.primaryType.total)) | \(pct(r.types.precision)) / \(pct(r.types.recall)) |")
            misses.append((set.labels, r.mismatches))
        }
        if details {
            for (labels, list) in misses where !list.isEmpty {
                print("\nPrimary type missed (\(labels)):")
                for m in list { print("- \(m.path): labelled \(m.expected); got \(m.got.isEmpty ? "-" : m.got)") }
            }
        }

        print("\n## Near-duplicate pairs per set\n")
        print("| set | text written by | documents | one-event pairs | precision | recall | near misses merged |")
        print("| --- | --- | ---: | ---: | ---: | ---: | ---: |")
        let g = try DuplicateEvaluator.evaluate(directory: corpus, truthJSONL: URL(fileURLWithPath: truthFile))
        print("| generated retellings (\(corpus)) | the project's generator | \(g.documents) | \(g.truePairs) | \(pct(g.precision)) | \(pct(g.recall)) | |")
        let pairs = "eval/dups/pairs.tsv"
        if FileManager.default.fileExists(atPath: pairs) {
            let d = try DuplicateEvaluator.evaluate(directory: "eval/dups/docs", pairs: URL(fileURLWithPath: pairs))
            print("| retellings in other words, reposts, near misses (eval/dups) | this project, by hand | \(d.documents) | \(d.truePairs) | \(pct(d.precision)) | \(pct(d.recall)) | \(d.nearMissesMerged)/\(d.nearMisses) |")
            if details {
                for m in d.missed { print("- missed: \(m)") }
                for w in d.wrong { print("- wrongly merged: \(w)") }
            }
        }
    }
}
