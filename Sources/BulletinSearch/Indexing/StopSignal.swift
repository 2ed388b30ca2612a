import Dispatch
import Foundation

/// A request to stop an indexing run early, set from a signal handler (or a test) and
/// polled by the indexer between documents. The first SIGINT/SIGTERM asks the run to
/// commit what it has and return; a second one exits at once (the index stays at its last
/// commit, which is always consistent).
public final class StopSignal: @unchecked Sendable {
    private let lock = NSLock()
    private var received: Int32 = 0
    private var sources: [DispatchSourceSignal] = []

    public init() {}

    /// The signal that asked the run to stop, or nil.
    public var signal: Int32? {
        lock.lock()
        defer { lock.unlock() }
        return received == 0 ? nil : received
    }

    public var isRequested: Bool { signal != nil }

    /// Asks the run to stop (as if `signal` had been received). Returns false when a stop
    /// had already been requested.
    @discardableResult
    public func request(_ signal: Int32) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        guard received == 0 else { return false }
        received = signal
        return true
    }

    /// Catches SIGINT and SIGTERM: the first sets the request, the second exits the process
    /// with 128 + signal at once.
    public static func installForInterrupts() -> StopSignal {
        let stop = StopSignal()
        for number in [SIGINT, SIGTERM] {
            Foundation.signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global(qos: .userInitiated))
            source.setEventHandler {
                if !stop.request(number) { _exit(128 + number) }
            }
            source.resume()
            stop.lock.lock()
            stop.sources.append(source)
            stop.lock.unlock()
        }
        return stop
    }

    /// `SIGINT`, `SIGTERM`, or `signal N`.
    public static func name(of signal: Int32) -> String {
        switch signal {
        case SIGINT: return "SIGINT"
        case SIGTERM: return "SIGTERM"
        default: return "signal \(signal)"
        }
    }
}
