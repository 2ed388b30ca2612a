/// The boolean operators of Xapian's QueryParser, which the query side recognises in any case
/// (`and`, `Or`, `near/3`): the one list the rewriter, the field lifter, the syntax hint, the
/// word count and the spelling corrector share.
enum QueryOperator {
    /// Operators between two operands (`NEAR/n` and `ADJ/n` too, see `named`).
    static let binary: Set<String> = ["AND", "OR", "XOR", "NEAR", "ADJ"]
    /// Every operator word.
    static let all: Set<String> = binary.union(["NOT"])

    /// The operator `token` spells, uppercased (`near/3` → `NEAR/3`), or nil for a word.
    static func named<S: StringProtocol>(_ token: S) -> String? {
        let upper = token.uppercased()
        if all.contains(upper) || upper.hasPrefix("NEAR/") || upper.hasPrefix("ADJ/") { return upper }
        return nil
    }

    /// True when `token` (any case) is an operator between two operands.
    static func isBinary<S: StringProtocol>(_ token: S) -> Bool {
        guard let name = named(token) else { return false }
        return name != "NOT"
    }
}
