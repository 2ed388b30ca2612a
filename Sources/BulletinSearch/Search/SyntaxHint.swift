/// Says where a query that Xapian refused goes wrong: Xapian's QueryParserError names the
/// rule (`Syntax: <expression> AND <expression>`), not the place.
enum SyntaxHint {
    /// `at character N («AND»): …`, or nil when no operator is out of place.
    static func locate(_ query: String) -> String? {
        var tokens: [(text: String, offset: Int)] = []
        var current = "", start = 0
        for (i, c) in query.enumerated() {
            if c.isWhitespace || c == "(" || c == ")" {
                if !current.isEmpty { tokens.append((current, start)); current = "" }
                if c != " " && !c.isWhitespace { tokens.append((String(c), i)) }
            } else {
                if current.isEmpty { start = i }
                current.append(c)
            }
        }
        if !current.isEmpty { tokens.append((current, start)) }
        func op(_ t: String) -> String? { QueryOperator.named(t) }
        for (k, token) in tokens.enumerated() {
            guard let name = op(token.text) else { continue }
            let previous = k > 0 ? tokens[k - 1].text : nil
            let next = k + 1 < tokens.count ? tokens[k + 1].text : nil
            let missingRight = next == nil || next == ")" || (next.flatMap(op) != nil && next?.uppercased() != "NOT")
            let missingLeft = name != "NOT" && (previous == nil || previous == "(" || previous.flatMap(op) != nil)
            if missingRight || missingLeft {
                let side = missingLeft ? "before" : "after"
                return "at character \(token.offset + 1) («\(token.text)»): \(name) needs words \(side) it (quote it, \"\(token.text.lowercased())\", to search for the word)"
            }
        }
        return nil
    }
}
