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

        func validate() throws {
            if k < 1 { throw ValidationError("-k must be at least 1") }
            guard FileManager.default.fileExists(atPath: corpus) else { throw ValidationError("no corpus at \(corpus)") }
        }

        func run() throws {
            let truthFile = truth ?? (corpus as NSString).appendingPathComponent("truth.jsonl")
            print("## Extraction (\(corpus))\n")
            let extraction = try ExtractionEvaluator.evaluate(corpusRoot: URL(fileURLWithPath: corpus), truthFile: URL(fileURLWithPath: truthFile))
            print(extraction.renderTable())

            let (documents, reports) = try Evaluation.retrieval(corpus: corpus, queriesFile: URL(fileURLWithPath: queries), k: k)
            print("## Retrieval (\(queries), \(documents) documents)\n")
            print(reports[0].1.tableHeader())
            for (title, report) in reports { print(report.renderTable(title: title)) }
            if details, let last = reports.last {
                print("\n### Per query (\(last.0))\n")
                print(last.1.renderDetails())
            }
        }
    }
}
