import Foundation

/// One line of a synonym lexicon (`lexicons/abbreviations.tsv`, `lexicons/transliterations.tsv`):
/// a concept and the forms that name it (`пво	ПВО | противовоздушная оборона`).
public struct LexiconEntry: Equatable, Sendable {
    /// The concept's name in the index (term `XL<id>`): lowercase letters and digits.
    public var id: String
    /// The forms as written, each one word or a phrase.
    public var forms: [String]
    /// Each form's words (`Lexicon.words`), computed when the data is compiled.
    public var formWords: [[String]]

    init(id: String, forms: [String], formWords: [[String]]? = nil) {
        self.id = id
        self.forms = forms
        self.formWords = formWords ?? forms.map(Lexicon.words)
    }

    /// The line this entry is written as.
    public var line: String { id + "\t" + forms.joined(separator: " | ") }
}

/// One line of `lexicons/capitals.tsv`: a country and the names news writes for its government.
public struct CapitalEntry: Equatable, Sendable {
    public var code: String
    public var names: [String]
    /// Each name's words (`Lexicon.words`), computed when the data is compiled.
    public var nameWords: [[String]]

    init(code: String, names: [String], nameWords: [[String]]? = nil) {
        self.code = code
        self.names = names
        self.nameWords = nameWords ?? names.map(Lexicon.words)
    }

    public var line: String { code + "\t" + names.joined(separator: " | ") }
}

/// The reviewed lexicons in `lexicons/`, compiled into `LexiconData` (Swift literals: nothing
/// is parsed at run time) by `tools/lexicon/generate.py`; the parsers below are the reference
/// the tests hold the compiled data to.
public enum Lexicon {
    public static let abbreviations: [LexiconEntry] = LexiconData.abbreviations
    public static let transliterations: [LexiconEntry] = LexiconData.transliterations
    /// Every concept of both synonym lexicons.
    public static let concepts: [LexiconEntry] = abbreviations + transliterations
    public static let capitals: [CapitalEntry] = LexiconData.capitals
    public static let stopwords: [String] = LexiconData.stopwords

    /// Capital name (lowercased) → country code.
    static let countryOfCapital: [String: String] = {
        var map: [String: String] = [:]
        for entry in capitals { for words in entry.nameWords { map[words.joined(separator: " ")] = entry.code } }
        return map
    }()

    /// Country code → its capitals' names.
    static let capitalsOfCountry: [String: [String]] = {
        var map: [String: [String]] = [:]
        for entry in capitals { map[entry.code, default: []] += entry.names }
        return map
    }()

    /// The words of a form as both sides of the index see them: lowercased, `ё` folded, split at
    /// anything that is not a letter or digit (`зенитно-ракетный` → `зенитно`, `ракетный`).
    ///
    /// Runs on every indexed text (lexicon concepts), so ASCII and the Russian letters are
    /// lowercased and classified by their code points; every other scalar goes through
    /// `lowercaseMapping` and the Unicode properties, which is what `String.lowercased()` and
    /// the property test did for the whole text (`wordsByProperties`, compared in LexiconTests).
    public static func words(_ text: String) -> [String] {
        var result: [String] = []
        // The word's UTF-8 bytes: appending to a String.UnicodeScalarView scalar by scalar went
        // through String's generic replaceSubrange (2 % of an indexing run).
        var current: [UInt8] = []
        current.reserveCapacity(64)
        func endWord() {
            guard !current.isEmpty else { return }
            result.append(String(decoding: current, as: UTF8.self))
            current.removeAll(keepingCapacity: true)
        }
        func add(_ scalar: Unicode.Scalar) {
            Unicode.UTF8.encode(scalar) { current.append($0) }
        }
        for scalar in text.unicodeScalars {
            let v = scalar.value
            switch v {
            case 0x30...0x39, 0x61...0x7A: current.append(UInt8(v))
            case 0x41...0x5A: current.append(UInt8(v + 0x20))
            case 0x430...0x44F: add(scalar)
            case 0x410...0x42F: add(Unicode.Scalar(v + 0x20)!)
            case 0x401, 0x451: add("е")
            case 0..<0x80: endWord()
            default:
                for lower in scalar.properties.lowercaseMapping.unicodeScalars {
                    if lower.properties.isAlphabetic || lower.properties.numericType != nil {
                        add(lower == "ё" ? "е" : lower)
                    } else {
                        endWord()
                    }
                }
            }
        }
        endWord()
        return result
    }

    /// `words` by the Unicode properties of every scalar of the lowercased text: the
    /// definition `words` must agree with.
    static func wordsByProperties(_ text: String) -> [String] {
        var result: [String] = []
        var current = String.UnicodeScalarView()
        for scalar in text.lowercased().unicodeScalars {
            if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                current.append(scalar == "ё" ? "е" : scalar)
            } else if !current.isEmpty {
                result.append(String(current))
                current.removeAll(keepingCapacity: true)
            }
        }
        if !current.isEmpty { result.append(String(current)) }
        return result
    }

    /// A problem in a lexicon file: the line number and what is wrong.
    public struct LineError: Equatable, Sendable, CustomStringConvertible {
        public var line: Int
        public var text: String
        public var reason: String
        public var description: String { "line \(line): \(reason): \(text)" }
    }

    static func isID(_ id: String) -> Bool {
        !id.isEmpty && id.unicodeScalars.allSatisfy { ($0.properties.isLowercase && $0.properties.isAlphabetic) || ("0"..."9").contains($0) }
    }

    /// Content lines with their 1-based numbers (comments and blank lines skipped).
    static func contentLines(_ text: String) -> [(Int, Substring)] {
        text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().compactMap { number, line in
            let trimmed = line.drop(while: { $0 == " " })
            return trimmed.isEmpty || trimmed.hasPrefix("#") ? nil : (number + 1, line)
        }
    }

    static func forms(_ list: Substring) -> [String] {
        list.split(separator: "|").map { $0.trimmingWhitespace() }
    }

    /// Parses `id<TAB>form | form …` lines.
    public static func parseEntries(_ text: String) -> (entries: [LexiconEntry], errors: [LineError]) {
        var entries: [LexiconEntry] = []
        var errors: [LineError] = []
        for (number, line) in contentLines(text) {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count == 2 else {
                errors.append(LineError(line: number, text: String(line), reason: "want id<TAB>forms"))
                continue
            }
            let id = String(fields[0])
            let list = forms(fields[1])
            if !isID(id) {
                errors.append(LineError(line: number, text: String(line), reason: "the id must be lowercase letters and digits"))
            } else if list.count < 2 || list.contains(where: { words($0).isEmpty }) {
                errors.append(LineError(line: number, text: String(line), reason: "want at least two non-empty forms"))
            } else {
                entries.append(LexiconEntry(id: id, forms: list))
            }
        }
        return (entries, errors)
    }

    /// Parses `CODE<TAB>name | name …` lines.
    public static func parseCapitals(_ text: String) -> (entries: [CapitalEntry], errors: [LineError]) {
        var entries: [CapitalEntry] = []
        var errors: [LineError] = []
        for (number, line) in contentLines(text) {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            let code = fields.first.map(String.init) ?? ""
            guard fields.count == 2, code.count == 2, code.allSatisfy({ $0.isASCII && $0.isUppercase }) else {
                errors.append(LineError(line: number, text: String(line), reason: "want an ISO code<TAB>names"))
                continue
            }
            let list = forms(fields[1])
            if list.isEmpty || list.contains(where: { words($0).isEmpty }) {
                errors.append(LineError(line: number, text: String(line), reason: "empty name"))
            } else {
                entries.append(CapitalEntry(code: code, names: list))
            }
        }
        return (entries, errors)
    }

    /// One word a line.
    public static func parseWords(_ text: String) -> [String] {
        contentLines(text).map { String($0.1).trimmingWhitespace() }
    }
}
