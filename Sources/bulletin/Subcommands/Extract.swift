import ArgumentParser
import BulletinSearch
import Foundation

extension Bulletin {
    struct Extract: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "extract",
            abstract: "Show the metadata extracted from bulletin files, without indexing them.",
            discussion: "With --json, one JSON object per file per line. Files that cannot be read (a directory, a FIFO, a broken link, no permission, over --max-bytes): `path: reason` on stderr, exit 4.")

        @Argument(help: ArgumentHelp("Bulletin files.", valueName: "FILE"))
        var files: [String]

        @Flag(help: "One JSON object per file (JSON lines).")
        var json = false

        @Option(help: ArgumentHelp("Refuse files larger than this many bytes (as index does).", valueName: "BYTES"))
        var maxBytes: Int = IndexOptions.defaultMaxBytes

        func validate() throws {
            if files.isEmpty { throw ValidationError("give at least one file") }
            if maxBytes < 1 { throw ValidationError("--max-bytes must be at least 1") }
        }

        func run() throws {
            var failed = 0
            for (i, path) in files.enumerated() {
                switch BulletinAnalyzer.extract(file: path, maxBytes: maxBytes) {
                case .success(let meta):
                    if json {
                        print(ExtractionRenderer.json(meta, path: path).serialized())
                    } else {
                        if i > 0 { print("") }
                        print(ExtractionRenderer.text(meta, path: path))
                    }
                case .failure(let failure):
                    Terminal.stderr("\(failure)\n")
                    failed += 1
                }
            }
            if failed > 0 { throw BulletinError.filesRejected(count: failed) }
        }
    }
}
