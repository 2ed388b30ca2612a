import BulletinSearch
import Foundation
import Hummingbird
import HummingbirdCore
import Logging

/// `bulletin serve`: the JSON API and the search page over one index.
public enum BulletinServer {
    public struct Options: Sendable {
        public var indexPath: String
        public var host = "127.0.0.1"
        /// 0 picks a free port (the printed URL names it).
        public var port = 8080
        /// Searchers (Xapian readers) working at once; more requests wait for one.
        public var workers = max(2, ProcessInfo.processInfo.activeProcessorCount)
        /// Longest a request may take before it is answered 503.
        public var timeBudget: Duration = .seconds(10)
        /// Facet counts run on a thread of their own beside the ranking pass (each Searcher
        /// then holds a second reader), when the machine has more than one core.
        public var parallelFacets = ProcessInfo.processInfo.activeProcessorCount > 1
        /// Facet counts read from a facet column of the index kept in memory (`FacetColumns`)
        /// instead of each match's values; read at start and after every commit.
        public var facetColumns = true

        public init(indexPath: String) { self.indexPath = indexPath }
    }

    /// The application: routes, middleware and a Searcher pool over `options.indexPath`.
    /// Throws (exit 3) when the index cannot be opened. `onRunning` gets the URL the server
    /// listens on once it does.
    public static func application(_ options: Options, onRunning: @escaping @Sendable (String) -> Void = { _ in })
        throws(BulletinError) -> some ApplicationProtocol {
        let pool = try SearcherPool(indexPath: options.indexPath, size: options.workers, timeBudget: options.timeBudget,
                                    parallelFacets: options.parallelFacets, facetColumns: options.facetColumns)
        let router = Router(options: .autoGenerateHeadEndpoints)
        router.add(middleware: GuardMiddleware())
        API(pool: pool).register(on: router)
        WebPage.register(on: router)
        var logger = Logger(label: "bulletin.serve")
        logger.logLevel = .warning
        let host = options.host
        // Idle keep-alive connections are closed after 30 s; request heads are capped well
        // below NIO's 80 KB defaults (the longest URL served is 32 KB).
        let http1 = HTTP1Channel.Configuration(
            idleTimeout: .seconds(30),
            httpDecoderConfiguration: .init(maxHeaderFieldSize: 40 * 1024, maxHeaderListSize: 64 * 1024, maxHeaderFieldCount: 100))
        return Application(
            router: router,
            server: .http1(configuration: http1),
            configuration: .init(address: .hostname(options.host, port: options.port), serverName: nil),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? options.port
                let shown = host.contains(":") ? "[\(host)]" : host
                onRunning("http://\(shown):\(port)/")
            },
            logger: logger)
    }

    /// Runs until SIGINT or SIGTERM, then finishes the requests in flight and returns.
    public static func run(_ options: Options, onRunning: @escaping @Sendable (String) -> Void) async throws {
        let app = try application(options, onRunning: onRunning)
        try await app.runService(gracefulShutdownSignals: [.sigterm, .sigint])
    }
}
