import Foundation
internal import Xapian

// Document types and near-duplicates measured on labelled sets kept as TSV files, so that text
// the project did not write (read from ../shared) can be labelled without copying it:
//   eval/types/*-labels.tsv   file <TAB> primary type <TAB> secondary types (comma-separated) <TAB> note
//   eval/dups/pairs.tsv       dup|near <TAB> file <TAB> file <TAB> note
// Lines starting with `#` are comments.

/// Primary-type accuracy and all-label precision/recall on one labelled set.
public struct TypeReport: Sendable, Equatable {
    public var primaryType = Accuracy()
    public var types = FieldScore()
    public var missingFiles: [String] = []
    public var mismatches: [ExtractionMismatch] = []

    public init() {}
}

/// Runs the type classifier over the files a label file names.
public enum TypeEvaluator {
    /// Evaluates every file named in `labels` (names relative to `root`). Missing files are
    /// listed, not counted; an unknown type name or a short line is an error naming the line.
    public static func evaluate(labels: URL, root: URL) throws -> TypeReport {
        var report = TypeReport()
        for (n, fields) in try LabelFile.rows(labels, minimumFields: 2) {
            let file = fields[0]
            let primary = fields[1]
            let secondary = fields.count > 2 ? fields[2].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } : []
            for t in [primary] + secondary where DocumentType(rawValue: t) == nil {
                throw BulletinError.runtime("\(labels.path) line \(n): unknown type «\(t)»")
            }
            guard let text = try? String(contentsOf: root.appendingPathComponent(file), encoding: .utf8) else {
                report.missingFiles.append(file)
                continue
            }
            let got = MetadataExtractor.extract(text: text, path: file).types
            let ok = got.first == primary
            report.primaryType.add(ok)
            report.types.add(expected: Set([primary] + secondary), got: Set(got))
            if !ok {
                report.mismatches.append(ExtractionMismatch(path: file, field: "primary type", expected: ([primary] + secondary).joined(separator: ", "),
                                                            got: got.joined(separator: ", ")))
            }
        }
        return report
    }
}

/// Pair precision and recall of near-duplicate keys on one labelled set.
public struct DuplicateReport: Sendable, Equatable {
    /// Pairs labelled as one event, pairs sharing a key, and both.
    public var truePairs = 0
    public var predictedPairs = 0
    public var correctPairs = 0
    /// Labelled near misses (same partners, another event) and how many of them share a key.
    public var nearMisses = 0
    public var nearMissesMerged = 0
    public var documents = 0
    public var missed: [String] = []
    public var wrong: [String] = []

    public init() {}

    public var precision: Double { predictedPairs == 0 ? 1 : Double(correctPairs) / Double(predictedPairs) }
    public var recall: Double { truePairs == 0 ? 1 : Double(correctPairs) / Double(truePairs) }
}

/// Indexes a directory as `bulletin index` does and compares the near-duplicate keys with a
/// pair file.
public enum DuplicateEvaluator {
    public static func evaluate(directory: String, pairs: URL) throws -> DuplicateReport {
        var truth = Set<[String]>(), near = Set<[String]>()
        for (n, fields) in try LabelFile.rows(pairs, minimumFields: 3) {
            let pair = [fields[1], fields[2]].sorted()
            switch fields[0] {
            case "dup": truth.insert(pair)
            case "near": near.insert(pair)
            default: throw BulletinError.runtime("\(pairs.path) line \(n): kind must be dup or near, not «\(fields[0])»")
            }
        }
        return try evaluate(directory: directory, truth: truth, near: near)
    }

    /// The same for a generated corpus: one-event pairs from `duplicate_of` in its truth.jsonl.
    public static func evaluate(directory: String, truthJSONL: URL) throws -> DuplicateReport {
        struct Line: Decodable { var path: String; var duplicate_of: String? }
        guard let text = try? String(contentsOf: truthJSONL, encoding: .utf8) else {
            throw BulletinError.runtime("cannot read \(truthJSONL.path)")
        }
        var truth = Set<[String]>()
        for (n, line) in text.split(separator: "\n").enumerated() {
            let l: Line
            do { l = try JSONDecoder().decode(Line.self, from: Data(line.utf8)) } catch {
                throw BulletinError.runtime("\(truthJSONL.path) line \(n + 1): \(error)")
            }
            if let original = l.duplicate_of { truth.insert([l.path, original].sorted()) }
        }
        return try evaluate(directory: directory, truth: truth, near: [])
    }

    static func evaluate(directory: String, truth: Set<[String]>, near: Set<[String]>) throws -> DuplicateReport {
        let index = FileManager.default.temporaryDirectory.appendingPathComponent("bulletin-dups-\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0...UInt32.max))")
        defer { try? FileManager.default.removeItem(at: index) }
        let indexer = try Indexer(options: IndexOptions(indexPath: index.path))
        _ = try indexer.index([directory])
        indexer.close()

        // Key of every document, by id (the file name relative to the directory).
        let database = try Database(path: index.path)
        var keys: [String: String] = [:]
        for (term, _) in try database.allTerms(prefix: IndexSchema.uniqueIDPrefix) {
            guard let documentID = try database.documentID(withTerm: term) else { continue }
            let document = try database.document(documentID)
            let stored = try StoredDocument.decode(document, documentID: documentID, in: database, indexPath: index.path)
            keys[stored.id] = try document.value(slot: IndexSchema.duplicateKeySlot)
        }
        var report = DuplicateReport()
        report.documents = keys.count
        var predicted = Set<[String]>()
        let groups = Dictionary(grouping: keys.keys, by: { keys[$0]! })
        for members in groups.values where members.count > 1 {
            let sorted = members.sorted()
            for i in 0..<sorted.count { for j in (i + 1)..<sorted.count { predicted.insert([sorted[i], sorted[j]]) } }
        }
        report.truePairs = truth.count
        report.predictedPairs = predicted.count
        report.correctPairs = predicted.intersection(truth).count
        report.nearMisses = near.count
        report.nearMissesMerged = predicted.intersection(near).count
        report.missed = truth.subtracting(predicted).map { $0.joined(separator: " + ") }.sorted()
        report.wrong = predicted.subtracting(truth).map { $0.joined(separator: " + ") }.sorted()
        return report
    }
}

/// Tab-separated label files.
enum LabelFile {
    /// (line number, fields) of every line that is not blank or a `#` comment.
    static func rows(_ url: URL, minimumFields: Int) throws -> [(Int, [String])] {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw BulletinError.runtime("cannot read \(url.path): \(error.localizedDescription)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw BulletinError.runtime("cannot read \(url.path): not UTF-8")
        }
        var out: [(Int, [String])] = []
        for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard fields.count >= minimumFields, !fields[0].isEmpty else {
                throw BulletinError.runtime("\(url.path) line \(n + 1): expected at least \(minimumFields) tab-separated fields")
            }
            out.append((n + 1, fields))
        }
        return out
    }
}
