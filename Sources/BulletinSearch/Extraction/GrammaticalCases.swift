/// The Russian grammatical cases a word form can be in, as a bit set: bit `c` is case `c` in
/// `RussianMorphology`'s order (nominative, genitive, dative, accusative, instrumental,
/// prepositional), the order of the six forms `nounCases` and `adjectiveCases` return.
struct GrammaticalCases: OptionSet, Sendable, Hashable {
    let rawValue: UInt8

    static let nominative = GrammaticalCases(rawValue: 1 << 0)
    static let genitive = GrammaticalCases(rawValue: 1 << 1)
    static let dative = GrammaticalCases(rawValue: 1 << 2)
    static let accusative = GrammaticalCases(rawValue: 1 << 3)
    static let instrumental = GrammaticalCases(rawValue: 1 << 4)
    static let prepositional = GrammaticalCases(rawValue: 1 << 5)
    /// Any case: an indeclinable form, or one whose case is unknown.
    static let all: GrammaticalCases = [.nominative, .genitive, .dative, .accusative, .instrumental, .prepositional]

    init(rawValue: UInt8) { self.rawValue = rawValue }

    /// The case at `index` in the six-form order.
    init(index: Int) { rawValue = 1 << UInt8(index) }

    /// The lowest case index in the set at or after `from`, or nil.
    func firstIndex(from: Int = 0) -> Int? {
        (from..<6).first { rawValue & (1 << UInt8($0)) != 0 }
    }
}
