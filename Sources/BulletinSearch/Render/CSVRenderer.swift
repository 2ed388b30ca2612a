import CSV
import Foundation

/// Search hits as CSV (RFC 4180: CRLF line ends, fields with quotes, commas or line breaks
/// quoted, quotes doubled; UTF-8), one row per hit after a header row. Multi-valued cells are
/// joined with `; `. Quoting is yaslab/CSV.swift's writer.
public struct CSVRenderer {
    public static let columns = ["rank", "date", "source", "countries", "types", "weapons", "persons", "title", "id", "path", "url", "score"]
    /// The extra last column when snippets are included.
    public static let snippetColumn = "snippet"

    /// Start with a UTF-8 byte order mark, which Excel needs to read the file as UTF-8.
    public var byteOrderMark = false
    /// Add the `snippet` column.
    public var snippets = true

    public init() {}

    public func render(_ response: SearchResponse) throws -> Data {
        let stream = OutputStream(toMemory: ())
        stream.open()
        let writer = try CSVWriter(stream: stream, newline: .crlf)
        try writer.write(row: Self.columns + (snippets ? [Self.snippetColumn] : []))
        for hit in response.hits {
            var row = [
                String(hit.rank), hit.date ?? "", hit.source ?? "", hit.countries.joined(separator: "; "),
                hit.types.joined(separator: "; "), hit.weapons.joined(separator: "; "), hit.persons.joined(separator: "; "),
                hit.title, hit.id, hit.path ?? "", hit.url ?? "", String(format: "%.3f", hit.score),
            ]
            if snippets { row.append(hit.snippet) }
            try writer.write(row: row)
        }
        stream.close()
        var data = Data(byteOrderMark ? [0xEF, 0xBB, 0xBF] : [])
        data.append((stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data) ?? Data())
        data.append(contentsOf: [0x0D, 0x0A])
        return data
    }
}
