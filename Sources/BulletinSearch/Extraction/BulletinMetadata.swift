// The result types of metadata extraction. Pure values, Codable with the
// snake_case JSON keys that `bulletin extract --json` prints.

/// One place where a country is named: ISO2 code, the words as written, and
/// the Character offset of the first word in the text given to `extract`.
public struct CountryMention: Codable, Sendable, Equatable {
    public var code: String
    public var form: String
    public var offset: Int

    public init(code: String, form: String, offset: Int) {
        self.code = code
        self.form = form
        self.offset = offset
    }
}

/// A person named in a bulletin: best-effort nominative, the words as written
/// at the chosen mention, and the position phrase that preceded the name.
public struct PersonMention: Codable, Sendable, Equatable {
    public var name: String
    public var asWritten: String
    public var position: String?

    public init(name: String, asWritten: String, position: String? = nil) {
        self.name = name
        self.asWritten = asWritten
        self.position = position
    }

    enum CodingKeys: String, CodingKey {
        case name
        case asWritten = "as_written"
        case position
    }

    /// Encodes a missing position as `null` rather than leaving the key out.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name)
        try c.encode(asWritten, forKey: .asWritten)
        try c.encode(position, forKey: .position)
    }
}

/// Everything `MetadataExtractor` finds in one bulletin.
public struct BulletinMetadata: Codable, Sendable, Equatable {
    /// Publication date, "YYYY-MM-DD".
    public var date: String?
    /// "header" | "dateline+text" | "dateline+path" | "feed" | "none".
    public var dateSource: String
    /// Dates the text gives for the event, "YYYY-MM-DD", in text order, deduplicated.
    public var eventDates: [String]
    /// Agency from the dateline ("ЦАМТО", "ТАСС", ...).
    public var source: String?
    /// Original publisher when the text says so ("Госкомвоенпром").
    public var origin: String?
    /// First sentence after the dateline, at most 120 characters (cut at a word, "…" added).
    public var title: String
    /// ISO2 codes, most important first, deduplicated.
    public var countries: [String]
    /// ISO2 code of the place the event happened, from the gazetteer.
    public var venue: String?
    public var countryMentions: [CountryMention]
    /// Document types, primary first (raw values of `DocumentType`).
    public var types: [String]
    public var persons: [PersonMention]
    public var organisations: [String]
    /// Weapon designations in canonical form (`WeaponNormalizer.canonical`).
    public var weapons: [String]
    /// The text after the crawl header and the dateline, original characters.
    public var body: String

    public init(
        date: String? = nil, dateSource: String = "none", eventDates: [String] = [],
        source: String? = nil, origin: String? = nil, title: String = "",
        countries: [String] = [], venue: String? = nil, countryMentions: [CountryMention] = [],
        types: [String] = [], persons: [PersonMention] = [], organisations: [String] = [],
        weapons: [String] = [], body: String = ""
    ) {
        self.date = date
        self.dateSource = dateSource
        self.eventDates = eventDates
        self.source = source
        self.origin = origin
        self.title = title
        self.countries = countries
        self.venue = venue
        self.countryMentions = countryMentions
        self.types = types
        self.persons = persons
        self.organisations = organisations
        self.weapons = weapons
        self.body = body
    }

    enum CodingKeys: String, CodingKey {
        case date
        case dateSource = "date_source"
        case eventDates = "event_dates"
        case source, origin, title, countries, venue
        case countryMentions = "country_mentions"
        case types, persons, organisations, weapons, body
    }

    /// Encodes missing values as `null` so that every key is always present.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(date, forKey: .date)
        try c.encode(dateSource, forKey: .dateSource)
        try c.encode(eventDates, forKey: .eventDates)
        try c.encode(source, forKey: .source)
        try c.encode(origin, forKey: .origin)
        try c.encode(title, forKey: .title)
        try c.encode(countries, forKey: .countries)
        try c.encode(venue, forKey: .venue)
        try c.encode(countryMentions, forKey: .countryMentions)
        try c.encode(types, forKey: .types)
        try c.encode(persons, forKey: .persons)
        try c.encode(organisations, forKey: .organisations)
        try c.encode(weapons, forKey: .weapons)
        try c.encode(body, forKey: .body)
    }
}
