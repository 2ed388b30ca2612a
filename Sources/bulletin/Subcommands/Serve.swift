import ArgumentParser
import BulletinSearch
import Foundation

extension Bulletin {
    /// `bulletin serve ARGS` runs `bulletin-serve ARGS`, the binary beside this one (see
    /// Sources/bulletin-serve): the web stack stays out of the short `bulletin` processes.
    /// `Bulletin.main` hands `serve` over before parsing; this command lists it in `--help`.
    struct Serve: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "serve",
            abstract: "Serve the search page and the JSON API over the index (bulletin serve --help).")

        @Argument(parsing: .captureForPassthrough, help: "Options of bulletin serve (--index, --host, --port, --workers, --time-budget).")
        var arguments: [String] = []

        func run() throws {
            try Self.exec(arguments)
        }

        /// Replaces this process with the server binary; returns only by throwing.
        static func exec(_ arguments: [String]) throws -> Never {
            let server = serverBinary()
            guard access(server, X_OK) == 0 else {
                throw BulletinError.runtime("bulletin serve needs the bulletin-serve binary beside bulletin, at \(server.escapedForTerminal) (`make release` builds both)")
            }
            Terminal.flushStandardOutput()
            let argv = (["bulletin serve"] + arguments).map { strdup($0) } + [nil]
            execv(server, argv)
            throw BulletinError.runtime("cannot run \(server.escapedForTerminal): \(String(cString: strerror(errno)))")
        }

        /// `bulletin-serve` in the folder of the running binary (symbolic links resolved).
        static func serverBinary() -> String {
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let length = readlink("/proc/self/exe", &buffer, buffer.count - 1)
            let me = length > 0 ? String(decoding: buffer[..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self) : CommandLine.arguments[0]
            let folder = (me as NSString).deletingLastPathComponent
            return (folder.isEmpty ? "." : folder) + "/bulletin-serve"
        }
    }
}
