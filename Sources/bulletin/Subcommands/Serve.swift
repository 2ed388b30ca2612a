import ArgumentParser
import BulletinSearch
import BulletinServer
import Dispatch
import Foundation

extension Bulletin {
    struct Serve: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "serve",
            abstract: "Serve the search page and the JSON API over the index.",
            discussion: """
                Prints the URL, then serves until Ctrl-C or SIGTERM. The page is at /, the API \
                under /api/ (/api/openapi.json describes it). Binds 127.0.0.1 unless --host says \
                otherwise; the index is opened read-only and followed as indexing runs commit.
                """)

        @OptionGroup var location: IndexLocation

        @Option(help: "Address to bind (0.0.0.0 exposes the index to the network).")
        var host = "127.0.0.1"

        @Option(help: "Port (0 picks a free one; the printed URL names it).")
        var port = 8080

        @Option(help: "Searches run at once (each with its own Xapian reader).")
        var workers = max(2, ProcessInfo.processInfo.activeProcessorCount)

        @Option(help: ArgumentHelp("Longest a request may take before it is answered 503.", valueName: "SECONDS"))
        var timeBudget = 10.0

        func validate() throws {
            if !(0...65535).contains(port) { throw ValidationError("--port must be between 0 and 65535") }
            if !(1...64).contains(workers) { throw ValidationError("--workers must be between 1 and 64") }
            if !(timeBudget > 0 && timeBudget <= 600) { throw ValidationError("--time-budget must be above 0 and at most 600 seconds") }
        }

        func run() throws {
            var options = BulletinServer.Options(indexPath: location.path)
            options.host = host
            options.port = port
            options.workers = workers
            options.timeBudget = .milliseconds(Int64(timeBudget * 1000))
            let outcome = Locked<Result<Void, any Error>?>(nil)
            let done = DispatchSemaphore(value: 0)
            let path = location.path
            Task {
                do {
                    try await BulletinServer.run(options) { url in
                        print("bulletin: serving \(path) at \(url) (Ctrl-C stops)")
                        Terminal.flushStandardOutput()
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
            default: Terminal.stderr("bulletin: stopped\n")
            }
        }
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
