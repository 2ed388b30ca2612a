import Foundation

/// Turns a file's bytes into text, or says why it cannot be indexed.
public enum TextDecoder {
    public struct Problem: Error, Equatable {
        public var reason: String
    }

    public static func decode(_ data: Data) -> Result<String, Problem> {
        var bytes = data[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        if bytes.contains(0) { return .failure(Problem(reason: "binary file (contains NUL bytes)")) }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            return .failure(Problem(reason: "not valid UTF-8 text"))
        }
        if text.allSatisfy(\.isWhitespace) { return .failure(Problem(reason: "empty file")) }
        return .success(text)
    }
}
