// The in-process half of `make bench`: bulletin's queries timed inside one process, the way
// tools/bench/rawxapian.cc's `bench` times raw Xapian's.
//
//   QueryBench INDEX REPS QUERIES.tsv
//
// QUERIES.tsv is tools/bench/queries.tsv: "query<TAB>flags<TAB>raw query" (lines starting with
// # skipped). The flags are the `bulletin search` options the file uses (--country, --type,
// --source, --person, --weapon, --from, --to, --year, --facets, --all-words). One Searcher is
// opened once; every query runs REPS times, each a full `Searcher.search` with the CLI's
// default request (10 hits, snippets, collapsing, synonyms). Prints "facets<TAB>ms" per run.
import BulletinSearch
import Foundation

func request(query: String, flags: String) -> SearchRequest {
    var request = SearchRequest(query: query)
    let words = flags.split(separator: " ").map(String.init)
    var i = 0
    func value() -> String {
        i += 1
        return i < words.count ? words[i] : ""
    }
    while i < words.count {
        switch words[i] {
        case "--country": request.filters.countries += value().split(separator: ",").map(String.init)
        case "--type": request.filters.types.append(value())
        case "--source": request.filters.sources.append(value())
        case "--person": request.filters.persons.append(value())
        case "--weapon": request.filters.weapons.append(value())
        case "--from": request.filters.from = value()
        case "--to": request.filters.to = value()
        case "--year":
            let year = value()
            request.filters.from = year
            request.filters.to = year
        case "--facets": request.facets = true
        case "--all-words": request.allWords = true
        default: fatalError("QueryBench: unknown flag \(words[i])")
        }
        i += 1
    }
    return request
}

let args = CommandLine.arguments
guard args.count == 4, let reps = Int(args[2]) else {
    FileHandle.standardError.write(Data("usage: QueryBench INDEX REPS QUERIES.tsv\n".utf8))
    exit(2)
}
let lines = try String(contentsOfFile: args[3], encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: true)
let requests = lines.filter { !$0.hasPrefix("#") }.map { line -> SearchRequest in
    let cols = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
    return request(query: cols[0], flags: cols.count > 1 ? cols[1] : "")
}
let searcher = try Searcher(indexPath: args[1])
var out = ""
for _ in 0..<reps {
    for r in requests {
        let start = DispatchTime.now().uptimeNanoseconds
        let response = try searcher.search(r)
        let ms = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
        precondition(response.total >= 0)
        out += "\(r.facets ? 1 : 0)\t\(String(format: "%.3f", ms))\n"
    }
}
print(out, terminator: "")
