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
            try runTypesAndDuplicates()

            let index = FileManager.default.temporaryDirectory.appendingPathComponent("bulletin-eval-\(ProcessInfo.processInfo.processIdentifier)")
            defer { try? FileManager.default.removeItem(at: index) }
            let indexer = try Indexer(options: IndexOptions(indexPath: index.path))
            let summary = try indexer.index([corpus])
            indexer.close()
            let searcher = try Searcher(indexPath: index.path)
            let configurations: [(String, (inout SearchRequest) -> Void)] = [
                ("strict AND, no synonyms (the peers' default)", { $0.allWords = true; $0.synonyms = false }),
                ("plain text: any word, all-word matches first", { $0.synonyms = false }),
                ("default: + country forms and facets, designation synonyms", { _ in }),
            ]
            print("## Retrieval (\(queries), \(summary.indexed + summary.updated + summary.unchanged) documents)\n")
            var reports: [(String, RetrievalReport)] = []
            for (title, configure) in configurations {
                let report = try RetrievalEvaluator.evaluate(queriesFile: URL(fileURLWithPath: queries), k: k) { query in
                    var request = SearchRequest(query: query)
                    request.limit = k
                    configure(&request)
                    return try searcher.search(request).hits.map(\.id)
                }
                reports.append((title, report))
            }
            print(reports[0].1.tableHeader())
            for (title, report) in reports { print(report.renderTable(title: title)) }
            if details, let last = reports.last {
                print("\n### Per query (\(last.0))\n")
                print(last.1.renderDetails())
            }
        }
    }
}
