/// `--json` output: one object per response, keys in the documented order.
public enum JSONRenderer {
    public static func render(_ response: SearchResponse) -> String { response.json.serialized() }
}

extension SearchResponse {
    public var json: JSON {
        .object([
            ("query", .string(query)),
            ("total", .int(total)),
            ("offset", .int(offset)),
            ("limit", .int(limit)),
            ("hits", .array(hits.map(\.json))),
        ])
    }
}

extension SearchHit {
    public var json: JSON {
        .object([
            ("id", .string(id)),
            ("rank", .int(rank)),
            ("score", .double(score)),
            ("path", .optional(path)),
            ("url", .optional(url)),
            ("date", .optional(date)),
            ("date_source", .string(dateSource)),
            ("title", .string(title)),
            ("source", .optional(source)),
            ("countries", .strings(countries)),
            ("venue", .optional(venue)),
            ("types", .strings(types)),
            ("persons", .strings(persons)),
            ("weapons", .strings(weapons)),
            ("snippet", .string(snippet)),
        ])
    }
}
