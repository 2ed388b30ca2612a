import BulletinSearch
import Dispatch
import Foundation

/// Xapian objects are not thread-safe, so the server never shares one between threads: it
/// keeps a pool of `Searcher`s (each with its own Xapian Database, QueryParser and Enquire)
/// and gives each request one for its whole run, on a worker thread outside Swift's
/// cooperative pool. At most `size` requests search at once; the others wait for a free
/// Searcher. Before each use the Searcher moves to the index's latest commit, so an
/// indexing run that committed is seen by the next request.
final class SearcherPool: Sendable {
    let indexPath: String
    let size: Int
    /// Longest a request may take, waiting for a Searcher included; then it is answered 503
    /// (the Xapian call already running finishes on its worker and is then dropped).
    let timeBudget: Duration
    /// Set on every Searcher (`Searcher.countsFacetsInParallel`).
    let parallelFacets: Bool
    /// Shared by every Searcher (`Searcher.facetColumns`); nil when turned off.
    let facetColumns: FacetColumns?

    private let state: Locked<[Searcher]>
    private let available: DispatchSemaphore
    private let queue = DispatchQueue(label: "bulletin.search", attributes: .concurrent)

    /// Opens one Searcher now, so a missing or damaged index stops the server at start.
    /// With `facetColumns`, the column of the index is read on another thread right away.
    init(indexPath: String, size: Int, timeBudget: Duration, parallelFacets: Bool = false, facetColumns: Bool = false) throws(BulletinError) {
        self.indexPath = indexPath
        self.size = max(1, size)
        self.timeBudget = timeBudget
        self.parallelFacets = parallelFacets
        let columns = facetColumns ? FacetColumns(indexPath: indexPath) : nil
        self.facetColumns = columns
        state = Locked([try Self.makeSearcher(indexPath: indexPath, parallelFacets: parallelFacets, facetColumns: columns)])
        available = DispatchSemaphore(value: self.size)
        if let columns { DispatchQueue.global(qos: .utility).async { columns.build() } }
    }

    /// Runs `body` with a Searcher of its own, on a worker thread, within the time budget.
    func run<R: Sendable>(_ body: @escaping @Sendable (Searcher) throws -> R) async throws -> R {
        try await timed(body).value
    }

    /// What `run` does, with how long the request waited for a Searcher and how long the
    /// library call took (the server reports both in a `Server-Timing` header).
    func timed<R: Sendable>(_ body: @escaping @Sendable (Searcher) throws -> R) async throws -> Timed<R> {
        let deadline = DispatchTime.now() + .nanoseconds(Int(timeBudget.nanoseconds))
        let queued = DispatchTime.now().uptimeNanoseconds
        return try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Timed<R>, any Error>) in
            let once = ResumeOnce(continuation)
            let timer = Timer(DispatchWorkItem { once.resume(with: .failure(APIError.timeBudget(self.timeBudget))) })
            queue.asyncAfter(deadline: deadline, execute: timer.item)
            queue.async {
                guard self.available.wait(timeout: deadline) == .success else {
                    once.resume(with: .failure(APIError.timeBudget(self.timeBudget)))
                    return
                }
                defer { self.available.signal() }
                if once.isDone { return }
                let started = DispatchTime.now().uptimeNanoseconds
                let result = Result<Timed<R>, any Error> {
                    let searcher = try self.checkOut()
                    defer { self.checkIn(searcher) }
                    try searcher.refresh()
                    let value = try body(searcher)
                    let done = DispatchTime.now().uptimeNanoseconds
                    return Timed(value: value, waitMilliseconds: Double(started - queued) / 1e6,
                                 workMilliseconds: Double(done - started) / 1e6)
                }
                timer.item.cancel()
                once.resume(with: result)
            }
        }
    }

    private func checkOut() throws -> Searcher {
        if let searcher = state.withLock({ $0.popLast() }) { return searcher }
        return try Self.makeSearcher(indexPath: indexPath, parallelFacets: parallelFacets, facetColumns: facetColumns)
    }

    /// A Searcher set up as every one of the pool is.
    private static func makeSearcher(indexPath: String, parallelFacets: Bool, facetColumns: FacetColumns?) throws(BulletinError) -> Searcher {
        let searcher = try Searcher(indexPath: indexPath)
        searcher.countsFacetsInParallel = parallelFacets
        searcher.facetColumns = facetColumns
        return searcher
    }

    private func checkIn(_ searcher: Searcher) {
        state.withLock { $0.append(searcher) }
    }
}

/// A result with the time it waited for a Searcher and the time the library call took.
struct Timed<R: Sendable>: Sendable {
    var value: R
    var waitMilliseconds: Double
    var workMilliseconds: Double

    /// `Server-Timing: queue;dur=0.02, search;dur=4.81`
    var serverTiming: String {
        "queue;dur=\((waitMilliseconds * 100).rounded() / 100), search;dur=\((workMilliseconds * 100).rounded() / 100)"
    }
}

/// A value behind a lock (Searchers are not Sendable; the lock is what makes handing them
/// between threads safe: each is used by one thread at a time).
final class Locked<Value>: @unchecked Sendable {
    private var value: Value
    private let lock = NSLock()
    init(_ value: Value) { self.value = value }
    func withLock<R>(_ body: (inout Value) throws -> R) rethrows -> R {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}

/// The time-budget timer, cancelled when the answer comes first (DispatchWorkItem is
/// thread-safe but not marked Sendable).
final class Timer: @unchecked Sendable {
    let item: DispatchWorkItem
    init(_ item: DispatchWorkItem) { self.item = item }
}

/// Resumes a continuation once: the first of the result and the time budget wins.
final class ResumeOnce<R: Sendable>: @unchecked Sendable {
    private var continuation: CheckedContinuation<R, any Error>?
    private let lock = NSLock()
    init(_ continuation: CheckedContinuation<R, any Error>) { self.continuation = continuation }

    var isDone: Bool {
        lock.lock()
        defer { lock.unlock() }
        return continuation == nil
    }

    func resume(with result: Result<R, any Error>) {
        lock.lock()
        let c = continuation
        continuation = nil
        lock.unlock()
        c?.resume(with: result)
    }
}

extension Duration {
    var nanoseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }
}
