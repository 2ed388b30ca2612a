import Foundation

/// The decoded `?a=1&b=2` of a request. Keys and values are percent-decoded and `+` is a
/// space (what browsers' forms and URLSearchParams send); malformed escapes or bytes that
/// are not UTF-8 are a 400, never a guess.
struct QueryParameters: Sendable {
    private(set) var pairs: [(name: String, value: String)] = []

    init(_ raw: String?) throws(APIError) {
        guard let raw, !raw.isEmpty else { return }
        for part in raw.split(separator: "&", omittingEmptySubsequences: true) {
            let (rawName, rawValue): (Substring, Substring)
            if let eq = part.firstIndex(of: "=") {
                (rawName, rawValue) = (part[..<eq], part[part.index(after: eq)...])
            } else {
                (rawName, rawValue) = (part, "")
            }
            pairs.append((try Self.decode(rawName), try Self.decode(rawValue)))
        }
    }

    private static func decode(_ s: Substring) throws(APIError) -> String {
        let spaced = s.replacingOccurrences(of: "+", with: " ")
        guard let decoded = spaced.removingPercentEncoding else {
            throw .badRequest("malformed query string: bad %-escape or not UTF-8 in «\(String(s.prefix(40)))»")
        }
        return decoded
    }

    /// Every parameter must be one of `known`: a misspelt one is an error, not ignored.
    func check(known: Set<String>) throws(APIError) {
        if let unknown = pairs.first(where: { !known.contains($0.name) }) {
            throw .badRequest("unknown parameter '\(String(unknown.name.prefix(40)))'; known: \(known.sorted().joined(separator: ", "))")
        }
    }

    /// All values of a repeatable parameter, empty ones dropped.
    func all(_ name: String) -> [String] {
        pairs.filter { $0.name == name && !$0.value.isEmpty }.map(\.value)
    }

    /// The value of a parameter given at most once; nil when absent or empty.
    func single(_ name: String) throws(APIError) -> String? {
        let values = pairs.filter { $0.name == name }
        if values.count > 1 { throw .badRequest("parameter '\(name)' given \(values.count) times; give it once") }
        guard let value = values.first?.value, !value.isEmpty else { return nil }
        return value
    }

    func int(_ name: String, default value: Int, in range: ClosedRange<Int>) throws(APIError) -> Int {
        guard let text = try single(name) else { return value }
        guard let n = Int(text), range.contains(n) else {
            throw .badRequest("parameter '\(name)' must be an integer from \(range.lowerBound) to \(range.upperBound), not '\(String(text.prefix(40)))'")
        }
        return n
    }

    func bool(_ name: String, default value: Bool) throws(APIError) -> Bool {
        guard let text = try single(name) else { return value }
        switch text.lowercased() {
        case "1", "true", "yes", "on": return true
        case "0", "false", "no", "off": return false
        default: throw .badRequest("parameter '\(name)' must be true or false, not '\(String(text.prefix(40)))'")
        }
    }
}
