/// Facet fields written inside the query string, in English or Russian:
/// `country:by страна:Индия type:contract тип:поставка source:ЦАМТО источник:ТАСС
/// person:Мищенко персона:"Олег Мищенко" weapon:Су-30МКИ date:2019..2021
/// дата:2019-03-01..2019-06-30 year:2020 год:2020`. A `-` or `NOT` before a field excludes.
///
/// They are lifted out of the query into filters (OR within a facet, AND across facets); the
/// words left go to Xapian's QueryParser. Operators left dangling by the removal are dropped.
public enum QueryFields {
    enum Field: Sendable {
        case country, type, source, person, weapon, date, year
    }

    static let names: [String: Field] = [
        "country": .country, "страна": .country,
        "type": .type, "тип": .type,
        "source": .source, "источник": .source,
        "person": .person, "персона": .person, "лицо": .person,
        "weapon": .weapon, "оружие": .weapon, "вооружение": .weapon,
        "date": .date, "дата": .date,
        "year": .year, "год": .year,
    ]


    public struct Result: Sendable, Equatable {
        /// The query without its fields.
        public var words: String
        public var include = SearchFilters()
        public var exclude = SearchFilters()
    }

    /// Splits `query` into words and field filters. Throws `.usage` for a malformed date.
    public static func extract(_ query: String) throws(BulletinError) -> Result {
        var tokens = tokenize(query)
        var result = Result(words: "")
        var index = 0
        var removedAny = false
        while index < tokens.count {
            guard let (field, value, negated) = fieldToken(tokens[index]) else { index += 1; continue }
            if value.isEmpty || value == "\"" {
                throw .usage("\(tokens[index]) needs a value, e.g. country:BY or date:2019")
            }
            var exclude = negated
            if index > 0, tokens[index - 1].uppercased() == "NOT" {
                exclude = true
                tokens.remove(at: index - 1)
                index -= 1
            }
            if exclude { try add(field, value, to: &result.exclude) } else { try add(field, value, to: &result.include) }
            tokens.remove(at: index)
            removedAny = true
            // Drop the binary operator that joined this field to its neighbour.
            if index > 0, QueryOperator.isBinary(tokens[index - 1]) {
                tokens.remove(at: index - 1)
                index -= 1
            } else if index < tokens.count, QueryOperator.isBinary(tokens[index]) {
                tokens.remove(at: index)
            }
        }
        // Without fields the query goes to Xapian as typed, so its syntax errors are reported.
        result.words = removedAny ? cleanup(tokens).joined(separator: " ") : query
        return result
    }

    /// `-Китай -"Южная Корея"` → `Китай "Южная Корея"`: a query made only of exclusions,
    /// which Xapian would read as the words themselves; the searcher makes it "every document
    /// except those". nil when some word is not excluded.
    static func pureExclusion(_ words: String) -> String? {
        let tokens = tokenize(words)
        guard !tokens.isEmpty, tokens.allSatisfy({ $0.count > 1 && $0.hasPrefix("-") && !$0.hasPrefix("--") }) else { return nil }
        return tokens.map { String($0.dropFirst()) }.joined(separator: " ")
    }

    // MARK: - Tokens

    /// Whitespace-separated tokens; quotes keep spaces; parentheses are tokens of their own.
    static func tokenize(_ query: String) -> [String] {
        var tokens: [String] = []
        var current = ""
        var inQuote = false
        for c in query {
            if c == "\"" {
                inQuote.toggle()
                current.append(c)
            } else if inQuote {
                current.append(c)
            } else if c.isWhitespace {
                if !current.isEmpty { tokens.append(current); current = "" }
            } else if (c == "(" || c == ")") && !current.hasSuffix(":") {
                if !current.isEmpty { tokens.append(current); current = "" }
                tokens.append(String(c))
            } else {
                current.append(c)
            }
        }
        if !current.isEmpty { tokens.append(current) }
        return tokens
    }

    /// `[-]name:value` with a known name, or nil.
    static func fieldToken(_ token: String) -> (Field, String, Bool)? {
        var body = Substring(token)
        var negated = false
        if body.first == "-" { negated = true; body = body.dropFirst() }
        guard let colon = body.firstIndex(of: ":"),
              let field = names[body[..<colon].lowercased()] else { return nil }
        var value = String(body[body.index(after: colon)...])
        if value.hasPrefix("\"") { value = String(value.dropFirst()) }
        if value.hasSuffix("\"") { value = String(value.dropLast()) }
        value = value.trimmingWhitespace()
        return (field, value, negated)
    }

    static func add(_ field: Field, _ value: String, to filters: inout SearchFilters) throws(BulletinError) {
        switch field {
        case .country: filters.countries.append(value)
        case .type: filters.types.append(value)
        case .source: filters.sources.append(value)
        case .person: filters.persons.append(value)
        case .weapon: filters.weapons.append(value)
        case .year, .date:
            let parts = value.components(separatedBy: "..")
            let (lower, upper) = parts.count == 2 ? (parts[0], parts[1]) : (value, value)
            if !lower.isEmpty {
                guard DateBound.lower(lower) != nil else { throw .usage("bad date '\(lower)' in \(field):\(value): use YYYY, YYYY-MM or YYYY-MM-DD, a day that exists") }
                filters.from = lower
            }
            if !upper.isEmpty {
                guard DateBound.upper(upper) != nil else { throw .usage("bad date '\(upper)' in \(field):\(value): use YYYY, YYYY-MM or YYYY-MM-DD, a day that exists") }
                filters.to = upper
            }
        }
    }

    /// Removes empty groups and operators with a missing operand left by field removal.
    static func cleanup(_ input: [String]) -> [String] {
        var tokens = input
        var changed = true
        func isOp(_ t: String) -> Bool { QueryOperator.isBinary(t) }
        while changed {
            changed = false
            var i = 0
            while i < tokens.count {
                let t = tokens[i]
                let prev = i > 0 ? tokens[i - 1] : nil
                let next = i + 1 < tokens.count ? tokens[i + 1] : nil
                let remove: Bool
                if t == "(" && next == ")" {
                    tokens.removeSubrange(i...(i + 1)); changed = true; continue
                } else if isOp(t) {
                    remove = prev == nil || prev == "(" || isOp(prev!) || next == nil || next == ")"
                } else if t.uppercased() == "NOT" {
                    remove = next == nil || next == ")"
                } else {
                    remove = false
                }
                if remove { tokens.remove(at: i); changed = true } else { i += 1 }
            }
        }
        return tokens
    }
}

/// Inclusive date bounds as the YYYYMMDD strings of the date value slot.
public enum DateBound {
    /// `2019` → `20190101`, `2019-03` → `20190301`, `2019-03-05` → `20190305`.
    public static func lower(_ s: String) -> String? { parse(s, upper: false) }
    /// `2019` → `20191231`, `2019-02` → `20190228`, `2019-03-05` → `20190305`.
    public static func upper(_ s: String) -> String? { parse(s, upper: true) }

    /// A day must exist: `2019-02-30` is refused by the same calendar (`SimpleDate`) that
    /// dates documents and checks a feed's `date`.
    static func parse(_ s: String, upper: Bool) -> String? {
        let parts = s.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        guard (1...3).contains(parts.count), parts.allSatisfy({ $0.utf8.allSatisfy { (0x30...0x39).contains($0) } }),
              parts[0].count == 4, let year = Int(parts[0]), (1000...9999).contains(year) else { return nil }
        var month = upper ? 12 : 1
        if parts.count >= 2 {
            guard parts[1].count == 2, let m = Int(parts[1]), (1...12).contains(m) else { return nil }
            month = m
        }
        var day = upper ? SimpleDate.daysIn(month: month, year: year) : 1
        if parts.count == 3 {
            guard parts[2].count == 2, let d = Int(parts[2]) else { return nil }
            day = d
        }
        guard let date = SimpleDate(year: year, month: month, day: day) else { return nil }
        return date.compact
    }
}
