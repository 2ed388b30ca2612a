import Foundation
@testable import BulletinSearch

/// Helpers shared by the extraction tests.
enum ExtractionTestSupport {
    static let seedsDirectory = URL(fileURLWithPath: "/work/shared/seeds")
    static let realNewsDirectory = URL(fileURLWithPath: "/work/shared/realnews/docs")

    /// The seed file whose name starts with `prefix`, or nil when the seeds are absent.
    static func seed(_ prefix: String) -> (name: String, text: String)? {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: seedsDirectory.path),
              let name = names.sorted().first(where: { $0.hasPrefix(prefix) && $0.hasSuffix(".txt") }),
              let text = try? String(contentsOf: seedsDirectory.appendingPathComponent(name), encoding: .utf8) else {
            return nil
        }
        return (name, text)
    }

    /// Country codes extracted from a text, as a set.
    static func countries(_ text: String) -> Set<String> {
        Set(MetadataExtractor.extract(text: text, path: nil).countries)
    }

    static func extract(_ text: String, path: String? = nil, feedDate: String? = nil) -> BulletinMetadata {
        MetadataExtractor.extract(text: text, path: path, feedDate: feedDate)
    }
}
