import Foundation
@testable import BulletinSearch

/// Helpers shared by the extraction tests.
enum ExtractionTestSupport {
    /// The seed file (../shared/seeds) whose name starts with `prefix`; a failure when absent.
    static func seed(_ prefix: String) throws -> (name: String, text: String) {
        let seeds = try SharedText.require("seeds")
        let names = try FileManager.default.contentsOfDirectory(atPath: seeds.path)
        guard let name = names.sorted().first(where: { $0.hasPrefix(prefix) && $0.hasSuffix(".txt") }) else {
            throw SharedText.Missing(path: seeds.appendingPathComponent(prefix + "….txt").path)
        }
        return (name, try String(contentsOf: seeds.appendingPathComponent(name), encoding: .utf8))
    }

    /// Country codes extracted from a text, as a set.
    static func countries(_ text: String) -> Set<String> {
        Set(MetadataExtractor.extract(text: text, path: nil).countries)
    }

    static func extract(_ text: String, path: String? = nil, feedDate: String? = nil) -> BulletinMetadata {
        MetadataExtractor.extract(text: text, path: path, feedDate: feedDate)
    }
}
