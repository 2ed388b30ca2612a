extension StringProtocol {
    /// The text without leading and trailing white space (spaces, tabs, line breaks, any
    /// Unicode space), compared by Character as Swift's `isWhitespace` defines it.
    func trimmingWhitespace() -> String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s.removeFirst() }
        while let l = s.last, l.isWhitespace { s.removeLast() }
        return String(s)
    }
}
