import Foundation

// Measures extraction against a labelled set: a folder of bulletins and a
// truth.jsonl with one object per file (path, date, date_source, source,
// countries, venue, types, persons, weapons, organisations).

/// Precision, recall and F1 of one multi-valued field, micro-averaged over documents.
public struct FieldScore: Codable, Sendable, Equatable {
    public var truePositives = 0
    public var falsePositives = 0
    public var falseNegatives = 0

    public init() {}

    public var precision: Double {
        truePositives + falsePositives == 0 ? 1 : Double(truePositives) / Double(truePositives + falsePositives)
    }
    public var recall: Double {
        truePositives + falseNegatives == 0 ? 1 : Double(truePositives) / Double(truePositives + falseNegatives)
    }
    public var f1: Double {
        let p = precision, r = recall
        return p + r == 0 ? 0 : 2 * p * r / (p + r)
    }

    mutating func add(expected: Set<String>, got: Set<String>) {
        truePositives += expected.intersection(got).count
        falsePositives += got.subtracting(expected).count
        falseNegatives += expected.subtracting(got).count
    }
}

/// Share of documents where a single-valued field is exactly right.
public struct Accuracy: Codable, Sendable, Equatable {
    public var correct = 0
    public var total = 0

    public init() {}

    public var value: Double { total == 0 ? 1 : Double(correct) / Double(total) }

    mutating func add(_ ok: Bool) {
        total += 1
        if ok { correct += 1 }
    }
}

/// One field of one document that did not match its label.
public struct ExtractionMismatch: Codable, Sendable, Equatable {
    public var path: String
    public var field: String
    public var expected: String
    public var got: String
}

/// Figures of one evaluation run.
public struct ExtractionReport: Codable, Sendable, Equatable {
    public var documents = 0
    public var missingFiles: [String] = []
    public var countries = FieldScore()
    public var persons = FieldScore()
    public var weapons = FieldScore()
    public var organisations = FieldScore()
    public var types = FieldScore()
    public var venue = Accuracy()
    public var primaryType = Accuracy()
    public var date = Accuracy()
    public var dateSource = Accuracy()
    public var source = Accuracy()
    public var mismatches: [ExtractionMismatch] = []

    public init() {}

    /// The figures as a Markdown table.
    public func renderTable() -> String {
        func pct(_ v: Double) -> String { String(format: "%.3f", v) }
        var lines = [
            "| field | measure | precision | recall | F1 / accuracy | target |",
            "| --- | --- | ---: | ---: | ---: | ---: |",
        ]
        func row(_ name: String, _ s: FieldScore, target: String) {
            lines.append("| \(name) | micro P/R/F1 | \(pct(s.precision)) | \(pct(s.recall)) | \(pct(s.f1)) | \(target) |")
        }
        func acc(_ name: String, _ a: Accuracy, target: String) {
            lines.append("| \(name) | accuracy (\(a.correct)/\(a.total)) | | | \(pct(a.value)) | \(target) |")
        }
        row("countries", countries, target: "≥ 0.95")
        row("persons", persons, target: "≥ 0.85")
        row("weapons", weapons, target: "")
        row("organisations", organisations, target: "")
        row("types (all labels)", types, target: "")
        acc("primary type", primaryType, target: "≥ 0.85")
        acc("date", date, target: "≥ 0.95")
        acc("date source", dateSource, target: "")
        acc("venue", venue, target: "")
        acc("source", source, target: "")
        var out = lines.joined(separator: "\n") + "\n"
        out += "\n\(documents) documents"
        if !missingFiles.isEmpty { out += ", \(missingFiles.count) missing" }
        return out + "\n"
    }
}

/// Runs `MetadataExtractor` over a labelled corpus.
public enum ExtractionEvaluator {
    struct Truth: Decodable {
        var path: String
        var date: String?
        var date_source: String?
        var source: String?
        var countries: [String]?
        var venue: String?
        var types: [String]?
        var persons: [String]?
        var weapons: [String]?
        var organisations: [String]?
    }

    /// Evaluates every file named in `truthFile` (paths relative to `corpusRoot`).
    /// Files that are missing are listed in the report, not counted.
    public static func evaluate(corpusRoot: URL, truthFile: URL) throws -> ExtractionReport {
        let data: Data
        do { data = try Data(contentsOf: truthFile) } catch {
            throw BulletinError.runtime("cannot read \(truthFile.path): \(error)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw BulletinError.runtime("cannot read \(truthFile.path): not UTF-8")
        }
        var report = ExtractionReport()
        let decoder = JSONDecoder()
        for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: true).enumerated() {
            let truth: Truth
            do { truth = try decoder.decode(Truth.self, from: Data(line.utf8)) } catch {
                throw BulletinError.runtime("truth line \(n + 1): \(error)")
            }
            // The indexer's own steps (read, decode, normalise, extract), dated by the
            // path relative to the corpus as the indexer dates by the id.
            let url = corpusRoot.appendingPathComponent(truth.path)
            guard case .success(let got) = BulletinAnalyzer.extract(file: url.path, datingPath: truth.path) else {
                report.missingFiles.append(truth.path)
                continue
            }
            score(truth, got, into: &report)
        }
        return report
    }

    static func score(_ truth: Truth, _ got: BulletinMetadata, into report: inout ExtractionReport) {
        report.documents += 1
        func note(_ field: String, _ expected: [String], _ actual: [String]) {
            report.mismatches.append(ExtractionMismatch(path: truth.path, field: field,
                                                        expected: expected.joined(separator: ", "), got: actual.joined(separator: ", ")))
        }
        func compare(_ field: String, _ expected: [String]?, _ actual: [String], key: (String) -> String,
                     _ score: inout FieldScore) {
            guard let expected else { return }
            let e = Set(expected.map(key)), a = Set(actual.map(key))
            score.add(expected: e, got: a)
            if e != a { note(field, expected.sorted(), actual.sorted()) }
        }
        compare("countries", truth.countries, got.countries, key: { $0.uppercased() }, &report.countries)
        compare("persons", truth.persons, got.persons.map(\.name), key: PersonNormalizer.key, &report.persons)
        compare("weapons", truth.weapons, got.weapons, key: { RussianMorphology.fold(WeaponNormalizer.canonical($0)) }, &report.weapons)
        compare("organisations", truth.organisations, got.organisations, key: RussianMorphology.fold, &report.organisations)
        compare("types", truth.types, got.types, key: { $0 }, &report.types)
        if let t = truth.types, let primary = t.first {
            report.primaryType.add(got.types.first == primary)
            if got.types.first != primary { note("primary type", [primary], [got.types.first ?? "-"]) }
        }
        report.venue.add(truth.venue == got.venue)
        if truth.venue != got.venue { note("venue", [truth.venue ?? "null"], [got.venue ?? "null"]) }
        report.date.add(truth.date == got.date)
        if truth.date != got.date { note("date", [truth.date ?? "null"], [got.date ?? "null"]) }
        if let ds = truth.date_source {
            report.dateSource.add(ds == got.dateSource)
            if ds != got.dateSource { note("date source", [ds], [got.dateSource]) }
        }
        if let s = truth.source {
            report.source.add(s == got.source)
            if s != got.source { note("source", [s], [got.source ?? "null"]) }
        }
    }
}
