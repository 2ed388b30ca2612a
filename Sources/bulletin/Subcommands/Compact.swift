import ArgumentParser
import BulletinSearch
import Foundation

extension Bulletin {
    struct Compact: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "compact",
            abstract: "Rewrite the index smaller (Xapian compaction), merging year shards.",
            discussion: """
                Compacts into a new directory beside the index, then swaps it in with one atomic \
                rename: a crash or kill at any point leaves a working index. Holds the write lock \
                meanwhile (an indexing run waits for nothing: it is refused as locked). A sharded \
                index (`index --shard-by year`) becomes one database unless --keep-shards. Exit \
                codes: 0 ok; 1 runtime failure (e.g. disk full; the index is unchanged); 3 index \
                missing, locked or corrupt.
                """)

        @OptionGroup var location: IndexLocation

        @Flag(name: .customLong("keep-shards"), help: "Compact each year shard in its place instead of merging them.")
        var keepShards = false

        @Option(name: .customLong("block-size"), help: ArgumentHelp("Block size of the compacted tables in bytes: 2048, 4096, 8192 (default), 16384, 32768 or 65536 (smallest index, slower searches).", valueName: "BYTES"))
        var blockSize = IndexCompactor.defaultBlockSize

        func run() throws {
            // For the crash test: BULLETIN_COMPACT_KILL_AT=STEP kills this process (SIGKILL) as
            // that step starts (compact, copy, swap, cleanup).
            let killAt = ProcessInfo.processInfo.environment["BULLETIN_COMPACT_KILL_AT"]
            let result = try IndexCompactor.compact(indexPath: location.path, keepShards: keepShards, blockSize: blockSize) { step in
                if step == killAt { kill(getpid(), SIGKILL) }
            }
            let merged = result.shardsMerged > 0 ? ", \(result.shardsMerged) shards merged into one" : ""
            print("compacted \(location.path): \(result.documents) documents, \(Self.megabytes(result.bytesBefore)) -> \(Self.megabytes(result.bytesAfter))\(merged)")
        }

        static func megabytes(_ bytes: Int64) -> String { String(format: "%.2f MB", Double(bytes) / 1_000_000) }
    }
}
