import ArgumentParser
import BulletinSearch
import BulletinServer
import Dispatch
import Foundation

/// `bulletin serve` (the `bulletin` CLI execs this binary, which sits beside it): the search
/// page and the JSON API. A binary of its own so that the web stack (Hummingbird, NIO) is not
/// loaded by every `bulletin search`, a process that lives a few milliseconds.
@main
struct BulletinServe: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bulletin serve",
        abstract: "Serve the search page and the JSON API over the index.",
        discussion: """
            Prints the URL, then serves until Ctrl-C or SIGTERM. The page is at /, the API \
            under /api/ (/api/openapi.json describes it). Binds 127.0.0.1 unless --host says \
            otherwise; the index is opened read-only and followed as indexing runs commit.
            Exit codes: 0 stopped by a signal, 1 cannot serve (e.g. the port is taken), \
            2 usage error, 3 index missing, locked or corrupt.
            """)

    @Option(name: .long, help: ArgumentHelp("Index directory (default: $BULLETIN_INDEX, else ./Index).", valueName: "DIR"))
    var index: String?

    @Option(help: "Address to bind (0.0.0.0 exposes the index to the network).")
    var host = "127.0.0.1"

    @Option(help: "Port (0 picks a free one; the printed URL names it).")
    var port = 8080

    @Option(help: "Searches run at once (each with its own Xapian reader).")
    var workers = max(2, ProcessInfo.processInfo.activeProcessorCount)

    @Option(help: ArgumentHelp("Longest a request may take before it is answered 503.", valueName: "SECONDS"))
    var timeBudget = 10.0

    @Flag(inversion: .prefixedNo, help: "Count facets on a thread of their own beside the ranking (default: on with more than one core).")
    var parallelFacets = ProcessInfo.processInfo.activeProcessorCount > 1

    @Flag(inversion: .prefixedNo, help: "Count facets from a column of the index's facet values kept in memory (default: on).")
    var facetColumns = true

    func validate() throws {
        if !(0...65535).contains(port) { throw ValidationError("--port must be between 0 and 65535") }
        if !(1...64).contains(workers) { throw ValidationError("--workers must be between 1 and 64") }
        if !(timeBudget > 0 && timeBudget <= 600) { throw ValidationError("--time-budget must be above 0 and at most 600 seconds") }
    }

    func run() throws {
        let path = IndexLocation.path(index)
        var options = BulletinServer.Options(indexPath: path)
        options.host = host
        options.port = port
        options.workers = workers
        options.timeBudget = .milliseconds(Int64(timeBudget * 1000))
        options.parallelFacets = parallelFacets
        options.facetColumns = facetColumns
        let outcome = Locked<Result<Void, any Error>?>(nil)
        let done = DispatchSemaphore(value: 0)
        Task {
            do {
                try await BulletinServer.run(options) { url in
                    print("bulletin: serving \(path) at \(url) (Ctrl-C stops)")
                    fflush(nil)
                }
                outcome.set(.success(()))
            } catch {
                outcome.set(.failure(error))
            }
            done.signal()
        }
        done.wait()
        switch outcome.get() {
        case .failure(let error as BulletinError): throw error
        case .failure(let error): throw BulletinError.runtime("cannot serve on \(host):\(port): \(error)")
        default: FileHandle.standardError.write(Data("bulletin: stopped\n".utf8))
        }
    }

    /// Errors to the documented exit codes, as `bulletin` maps them.
    static func main() {
        let code: Int32
        do {
            var command = try parseAsRoot()
            try command.run()
            code = 0
        } catch let error as BulletinError {
            let message: String
            if case .indexMissing(let path) = error {
                message = "no index at \(path.escapedForTerminal): run `bulletin index PATH --index \(path.escapedForTerminal)` first"
            } else {
                message = error.description
            }
            FileHandle.standardError.write(Data("bulletin: \(message.oneLine)\n".utf8))
            code = error.exitCode
        } catch {
            let parsed = exitCode(for: error)
            if parsed == .success {
                print(fullMessage(for: error))
                code = 0
            } else {
                FileHandle.standardError.write(Data("bulletin: \(message(for: error).oneLine)\n".utf8))
                code = parsed == .validationFailure ? 2 : parsed.rawValue
            }
        }
        fflush(nil)
        Foundation.exit(code)
    }
}

/// A value handed from the server's task to the waiting main thread.
final class Locked<Value>: @unchecked Sendable {
    private var value: Value
    private let lock = NSLock()
    init(_ value: Value) { self.value = value }
    func set(_ new: Value) { lock.lock(); value = new; lock.unlock() }
    func get() -> Value { lock.lock(); defer { lock.unlock() }; return value }
}
