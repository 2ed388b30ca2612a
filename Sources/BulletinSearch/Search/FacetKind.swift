/// The facets a search counts: each a term prefix of the index and a way to name its values.
public enum FacetKind: String, CaseIterable, Sendable, Codable {
    case country, type, year, source, person, weapon, venue, pair

    /// What `--facets` (and the API's `facets=true`) counts: the structured facets every
    /// bulletin has. The others are counted when named (`--facet person,weapon`), since each
    /// facet is a pass of Xapian's value counters over every match.
    public static let standard: [FacetKind] = [.country, .type, .year, .source]

    /// The term prefix of the facet's values in the index.
    public var prefix: String {
        switch self {
        case .country: return IndexSchema.countryPrefix
        case .type: return IndexSchema.typePrefix
        case .year: return IndexSchema.yearPrefix
        case .source: return IndexSchema.sourcePrefix
        case .person: return IndexSchema.personPrefix
        case .weapon: return IndexSchema.weaponPrefix
        case .venue: return IndexSchema.venuePrefix
        case .pair: return IndexSchema.pairPrefix
        }
    }

    /// A list such as `person,weapon,pair` (also the Russian labels); nil names the bad item.
    public static func parseList(_ list: String) -> Result<[FacetKind], FacetListError> {
        var kinds: [FacetKind] = []
        for item in list.split(separator: ",").map({ $0.trimmingWhitespace().lowercased() }) where !item.isEmpty {
            if item == "all" {
                for kind in allCases where !kinds.contains(kind) { kinds.append(kind) }
                continue
            }
            guard let kind = FacetKind(rawValue: item) ?? FacetKind.allCases.first(where: { $0.label.lowercased() == item }) else {
                return .failure(FacetListError(item: item))
            }
            if !kinds.contains(kind) { kinds.append(kind) }
        }
        return .success(kinds)
    }

    /// The Russian heading of the facet in text output and notes.
    public var label: String {
        switch self {
        case .country: return "Страны"
        case .type: return "Типы"
        case .year: return "Годы"
        case .source: return "Источники"
        case .person: return "Персоны"
        case .weapon: return "Вооружение"
        case .venue: return "Место"
        case .pair: return "Пары"
        }
    }

    /// The value as shown and in JSON (`BY-CN` in the index → `BY–CN`).
    func displayValue(_ value: String) -> String {
        self == .pair ? value.replacingOccurrences(of: "-", with: "–") : value
    }

    /// The Russian name of an index value (`BY` → `Беларусь`, `BY-CN` → `Беларусь – Китай`).
    func name(_ value: String) -> String {
        switch self {
        case .country, .venue: return FacetValues.countryName(value)
        case .type: return FacetValues.typeName(value)
        case .pair: return FacetValues.pairName(value)
        case .year, .source, .person, .weapon: return value
        }
    }
}

public struct FacetListError: Error, Equatable {
    public var item: String
}

extension FacetCounts {
    /// The counts of one facet.
    public subscript(kind: FacetKind) -> [FacetCount] {
        get {
            switch kind {
            case .country: return country
            case .type: return type
            case .year: return year
            case .source: return source
            case .person: return person
            case .weapon: return weapon
            case .venue: return venue
            case .pair: return pair
            }
        }
        set {
            switch kind {
            case .country: country = newValue
            case .type: type = newValue
            case .year: year = newValue
            case .source: source = newValue
            case .person: person = newValue
            case .weapon: weapon = newValue
            case .venue: venue = newValue
            case .pair: pair = newValue
            }
        }
    }
}
