import ArgumentParser
import BulletinSearch

extension Bulletin {
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check",
            abstract: "Verify the index: Xapian's consistency check and the stored metadata.",
            discussion: """
                Prints `index DIR ok: N documents (schema S, Xapian V)`. Exit codes: 0 ok; 3 index \
                missing or corrupt (the message says what is wrong; re-create it with `bulletin index` \
                into a new directory).
                """)

        @OptionGroup var location: IndexLocation

        /// For the torture test: print every document's id after checking.
        @Flag(name: .customLong("list-ids"), help: .hidden)
        var listIDs = false

        func run() throws {
            let report = try IndexChecker.check(indexPath: location.path, listIDs: listIDs)
            for id in report.ids { print(id) }
            print(report.line(indexPath: location.path))
        }
    }
}
