/// `--json` output: one object per response, keys in the documented order.
public enum JSONRenderer {
    public static func render(_ response: SearchResponse) -> String { response.json.serialized() }

    /// JSON lines: one hit object per line (the objects of `hits`), each line ended.
    public static func lines(_ response: SearchResponse) -> String {
        response.hits.map { $0.json.serialized() + "\n" }.joined()
    }
}

extension SearchResponse {
    public var json: JSON {
        var members: [(String, JSON)] = [
            ("query", .string(query)),
            ("total", .int(total)),
            ("total_exact", .bool(totalIsExact)),
            ("offset", .int(offset)),
            ("limit", .int(limit)),
            ("corrected_query", .optional(correctedQuery)),
            ("corrections", .array(corrections.map { .object([("word", .string($0.word)), ("suggestion", .string($0.suggestion))]) })),
            ("hits", .array(hits.map(\.json))),
        ]
        // Facets are counted only on request (`--facets`): counting visits every match, which
        // at 100 000 documents is most of a query's time. The key says which set was counted.
        members.append(("facets_counted", .string(facets == nil ? "none" : "all")))
        members.append(("matches", matches.map { .int($0) } ?? .null))
        members.append(("facets", facets?.json ?? .null))
        return .object(members)
    }
}

extension SearchHit {
    public var json: JSON {
        .object([
            ("id", .string(id)),
            ("rank", .int(rank)),
            ("score", .double(score)),
            ("matched_all", .bool(matchedAll)),
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
            ("duplicates", .strings(duplicates)),
        ])
    }
}

extension FacetCounts {
    public var json: JSON {
        func list(_ counts: [FacetCount]) -> JSON {
            .array(counts.map { .object([("value", .string($0.value)), ("name", .string($0.name)), ("count", .int($0.count))]) })
        }
        return .object(FacetKind.allCases.map { ($0.rawValue, list(self[$0])) })
    }
}
