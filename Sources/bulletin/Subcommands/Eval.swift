import ArgumentParser
import BulletinSearch
import Foundation

extension Bulletin {
    struct Eval: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "eval",
            abstract: "Measure extraction and retrieval quality on a labelled corpus (Markdown tables).",
            discussion: "Indexes the corpus into a temporary index, runs the judged queries under several configurations and prints nDCG@k and recall@k; extraction precision/recall/F1 per field.")

        @Option(help: ArgumentHelp("Labelled corpus (files by year).", valueName: "DIR"))
        var corpus: String = "eval/corpus"

        @Option(help: ArgumentHelp("Extraction truth (JSON lines); default: truth.jsonl in the corpus.", valueName: "FILE"))
        var truth: String?

        @Option(help: ArgumentHelp("Judged queries (JSON lines).", valueName: "FILE"))
        var queries: String = "eval/queries.jsonl"

        @Option(help: "Cut-off rank.")
        var k: Int = 10

        @Flag(help: "Also list every query's score and the relevant documents it missed.")
        var details = false

        @Option(help: ArgumentHelp("Judged queries over real text (JSON lines); ids are NAME/FILE of --real-docs.", valueName: "FILE"))
        var realQueries: String = "eval/real/queries.jsonl"

        @Option(help: ArgumentHelp("A directory of the real-text set as NAME=DIR (repeatable; default realnews=../shared/realnews/docs and own=eval/real/bulletins).", valueName: "NAME=DIR"))
        var realDocs: [String] = []

        @Option(help: ArgumentHelp("A JSON-lines feed indexed beside the real-text set as unjudged distractors (e.g. ../shared/realnews/telegram-posts.jsonl).", valueName: "FILE"))
        var distractors: String?

        @Flag(help: "Only the real-text retrieval set (no extraction tables, no generated set).")
        var realOnly = false

        func validate() throws {
            if k < 1 { throw ValidationError("-k must be at least 1") }
            guard FileManager.default.fileExists(atPath: corpus) else { throw ValidationError("no corpus at \(corpus)") }
        }

        func run() throws {
            if !realOnly { try runGenerated() }
            try runReal()
        }

        func printReports(_ reports: [(title: String, report: RetrievalReport)]) {
            print(reports[0].1.tableHeader())
            for (title, report) in reports { print(report.renderTable(title: title)) }
            if details, let last = reports.last {
                print("\n### Per query (\(last.0))\n")
                print(last.1.renderDetails())
            }
        }

        func runReal() throws {
            let specs = realDocs.isEmpty ? ["realnews=../shared/realnews/docs", "own=eval/real/bulletins"] : realDocs
            var directories: [(name: String, path: String)] = []
            for spec in specs {
                guard let eq = spec.firstIndex(of: "="), eq != spec.startIndex else { throw ValidationError("--real-docs wants NAME=DIR, got \(spec)") }
                let path = String(spec[spec.index(after: eq)...])
                guard FileManager.default.fileExists(atPath: path) else {
                    print("\n## Retrieval on real text: not run (no \(path); the third-party posts are read from ../shared, outside the repository)")
                    return
                }
                directories.append((String(spec[..<eq]), path))
            }
            guard FileManager.default.fileExists(atPath: realQueries) else { throw ValidationError("no judged queries at \(realQueries)") }
            let queriesFile = URL(fileURLWithPath: realQueries)
            let (built, reports) = try Evaluation.retrieval(judged: JudgedCorpus(directories: directories), queriesFile: queriesFile, k: k)
            let names = directories.map { "\($0.name)=\($0.path)" }.joined(separator: ", ")
            print("\n## Retrieval on real text (\(realQueries), \(built.judgedDocuments) documents: \(names))\n")
            printReports(reports)
            guard let distractors else { return }
            let (big, haystackReports) = try Evaluation.retrieval(judged: JudgedCorpus(directories: directories, distractors: distractors), queriesFile: queriesFile, k: k)
            print("\n## Retrieval on real text among distractors (\(big.judgedDocuments) judged + \(big.distractorDocuments) unjudged records of \(distractors), counted as not relevant; \(big.skippedDistractors) feed copies of judged posts left out)\n")
            printReports(haystackReports)
        }

        func runGenerated() throws {
            let truthFile = truth ?? (corpus as NSString).appendingPathComponent("truth.jsonl")
            print("## Extraction (\(corpus))\n")
            let extraction = try ExtractionEvaluator.evaluate(corpusRoot: URL(fileURLWithPath: corpus), truthFile: URL(fileURLWithPath: truthFile))
            print(extraction.renderTable())
            try runTypesAndDuplicates()

            let (documents, reports) = try Evaluation.retrieval(corpus: corpus, queriesFile: URL(fileURLWithPath: queries), k: k)
            print("## Retrieval on generated text (\(queries), \(documents) documents)\n")
            printReports(reports)
        }
    }
}
