import Foundation

// Document types: the names, aliases and stems a user or a table may give them. The
// classifier that assigns them to a text is DocumentTypeClassifier.swift.

/// What a bulletin reports.
public enum DocumentType: String, CaseIterable, Codable, Sendable {
    case meeting, agreement, contract, delivery, exhibition, exercise, visit, test, production, statement, other

    /// The type for an English or Russian word in any form ("contract", "контракты",
    /// "поставка", "учения", "выставки"), or nil.
    public static func resolve(_ s: String) -> DocumentType? {
        let w = RussianMorphology.fold(s.trimmingCharacters(in: .whitespacesAndNewlines))
        guard !w.isEmpty else { return nil }
        if let t = DocumentType(rawValue: w) { return t }
        if let t = englishAliases[w] { return t }
        for (stem, type) in resolveStems where w.hasPrefix(stem) { return type }
        return nil
    }

    /// Russian name, as shown to users.
    public var russianName: String {
        switch self {
        case .meeting: return "встреча"
        case .agreement: return "соглашение"
        case .contract: return "контракт"
        case .delivery: return "поставка"
        case .exhibition: return "выставка"
        case .exercise: return "учения"
        case .visit: return "визит"
        case .test: return "испытания"
        case .production: return "производство"
        case .statement: return "заявление"
        case .other: return "прочее"
        }
    }

    static let englishAliases: [String: DocumentType] = [
        "meetings": .meeting, "talks": .meeting, "agreements": .agreement, "memorandum": .agreement, "mou": .agreement,
        "contracts": .contract, "deal": .contract, "order": .contract, "deliveries": .delivery, "supply": .delivery,
        "exhibitions": .exhibition, "show": .exhibition, "airshow": .exhibition, "exercises": .exercise, "drill": .exercise,
        "drills": .exercise, "visits": .visit, "tests": .test, "trial": .test, "trials": .test, "launch": .test,
        "statements": .statement, "interview": .statement, "manufacturing": .production, "прочее": .other, "другое": .other,
    ]

    /// Stems accepted by `resolve`, longest first where they overlap.
    static let resolveStems: [(String, DocumentType)] = [
        ("заседани", .meeting), ("встреч", .meeting), ("переговор", .meeting), ("консультаци", .meeting), ("совещани", .meeting),
        ("соглашени", .agreement), ("меморандум", .agreement), ("протокол", .agreement), ("договор", .agreement),
        ("контракт", .contract), ("сделк", .contract), ("заказ", .contract),
        ("поставк", .delivery), ("поставл", .delivery), ("передач", .delivery),
        ("выставк", .exhibition), ("выставоч", .exhibition), ("салон", .exhibition), ("авиасалон", .exhibition), ("форум", .exhibition),
        ("учени", .exercise), ("маневр", .exercise), ("манёвр", .exercise),
        ("визит", .visit), ("посещени", .visit),
        ("испытани", .test), ("пуск", .test),
        ("производств", .production), ("сборк", .production), ("локализаци", .production),
        ("заявлени", .statement), ("интервью", .statement), ("комментари", .statement),
        ("друг", .other), ("проч", .other),
    ]
}
