import Foundation

/// The documents a judged query set is about, gathered into one temporary index so that a
/// document's id is `NAME/FILE` (`realnews/001.txt`, `own/r01-tass.txt`) whatever
/// directories the texts come from: the third-party posts are read from `../shared` and never
/// copied into the repository, the project's own bulletins from `eval/real`.
///
/// With `distractors` (a JSON-lines feed such as `telegram-posts.jsonl`), the feed's records
/// are indexed beside them under their feed ids, except records whose text is exactly one of
/// the judged documents (the judged copy stands for them). Feed records are unjudged, so in
/// scoring they count as not relevant.
public struct JudgedCorpus {
    /// Directory name (the id prefix) → directory of `*.txt` files.
    public var directories: [(name: String, path: String)]
    public var distractors: String?

    public init(directories: [(name: String, path: String)], distractors: String? = nil) {
        self.directories = directories
        self.distractors = distractors
    }

    /// What `build` made: the index, and how many documents of each kind it holds.
    public struct Built {
        public var indexPath: String
        public var judgedDocuments: Int
        public var distractorDocuments: Int
        public var skippedDistractors: Int
    }

    /// Copies the texts into `workDirectory/docs/NAME/` and indexes them (and the filtered
    /// distractor feed) into `workDirectory/index`.
    public func build(in workDirectory: URL) throws -> Built {
        let fm = FileManager.default
        let docs = workDirectory.appendingPathComponent("docs")
        try fm.createDirectory(at: docs, withIntermediateDirectories: true)
        var judgedTexts = Set<String>()
        var count = 0
        for (name, path) in directories {
            let target = docs.appendingPathComponent(name)
            try fm.createDirectory(at: target, withIntermediateDirectories: true)
            let files = try fm.contentsOfDirectory(atPath: path).filter { $0.hasSuffix(".txt") }.sorted()
            guard !files.isEmpty else { throw BulletinError.usage("no *.txt files in \(path)") }
            for file in files {
                let source = URL(fileURLWithPath: path).appendingPathComponent(file)
                let data = try Data(contentsOf: source)
                try data.write(to: target.appendingPathComponent(file))
                judgedTexts.insert(String(decoding: data, as: UTF8.self))
                count += 1
            }
        }
        var feeds: [String] = []
        var kept = 0
        var skipped = 0
        if let distractors {
            let filtered = workDirectory.appendingPathComponent("distractors.jsonl")
            var out = Data()
            let text = try String(contentsOfFile: distractors, encoding: .utf8)
            for line in text.split(separator: "\n") {
                let bytes = Data(line.utf8)
                if let object = try? JSONSerialization.jsonObject(with: bytes) as? [String: Any],
                   let body = object["text"] as? String, judgedTexts.contains(body) {
                    skipped += 1
                    continue
                }
                out.append(bytes)
                out.append(0x0A)
                kept += 1
            }
            try out.write(to: filtered)
            feeds.append(filtered.path)
        }
        let indexPath = workDirectory.appendingPathComponent("index").path
        var options = IndexOptions(indexPath: indexPath)
        options.commitEvery = 5000
        let indexer = try Indexer(options: options)
        _ = try indexer.index(paths: [docs.path], feeds: feeds)
        indexer.close()
        return Built(indexPath: indexPath, judgedDocuments: count, distractorDocuments: kept, skippedDistractors: skipped)
    }
}
