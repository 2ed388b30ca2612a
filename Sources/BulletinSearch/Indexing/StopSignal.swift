import Dispatch
import Foundation

/// A request to stop an indexing run early, set from a signal handler (or a test) and
/// polled by the indexer between documents. The first SIGINT, SIGTERM or SIGHUP asks the
/// run to commit what it has and return; what a second one does is the caller's choice
/// (the CLI quits at once: the index stays at its last commit, which is always consistent).
/// The library itself never ends the process.
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

    /// The signals that ask a run to stop.
    public static let interrupts: [Int32] = [SIGINT, SIGTERM, SIGHUP]

    /// Catches SIGINT, SIGTERM and SIGHUP: the first sets the request, a later one calls
    /// `onRepeat` with its number (on a dispatch queue).
    public static func installForInterrupts(onRepeat: @escaping @Sendable (Int32) -> Void) -> StopSignal {
        let stop = StopSignal()
        for number in interrupts {
            Foundation.signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global(qos: .userInitiated))
            source.setEventHandler {
                if !stop.request(number) { onRepeat(number) }
            }
            source.resume()
            stop.lock.lock()
            stop.sources.append(source)
            stop.lock.unlock()
        }
        return stop
    }
}
