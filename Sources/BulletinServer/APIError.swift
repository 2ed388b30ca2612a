import BulletinSearch
import Hummingbird

/// An error answered as `{"error": "..."}` with its HTTP status. User input never makes a
/// 500: bad parameters and query syntax are 400, unknown ids 404.
struct APIError: Error, Sendable {
    var status: HTTPResponse.Status
    var message: String

    init(_ status: HTTPResponse.Status, _ message: String) {
        self.status = status
        self.message = message
    }

    static func badRequest(_ message: String) -> APIError { APIError(.badRequest, message) }

    static func timeBudget(_ budget: Duration) -> APIError {
        APIError(.serviceUnavailable, "the request took longer than its time budget (\(budget)); narrow the query or try again")
    }

    /// The library's errors: usage and query syntax are the client's (400); a missing,
    /// locked or damaged index is the server's state (503), anything else a 500.
    init(_ error: BulletinError) {
        switch error {
        case .usage, .querySyntax, .emptyPruneRoot: self.init(.badRequest, error.description)
        case .indexMissing, .indexLocked, .indexCorrupt, .indexAccess, .notAnIndex, .indexModified: self.init(.serviceUnavailable, error.description)
        default: self.init(.internalServerError, error.description)
        }
    }

    var json: JSON { .object([("error", .string(message))]) }
}
