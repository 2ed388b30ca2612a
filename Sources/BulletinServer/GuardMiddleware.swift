import BulletinSearch
import Hummingbird

/// Wraps every request: refuses what no route needs (methods other than GET/HEAD, bodies,
/// over-long URLs), turns every error into a JSON `{"error"}` (API) or plain-text answer,
/// and sets the security headers on every response, errors included.
struct GuardMiddleware<Context: RequestContext>: RouterMiddleware {
    /// The longest URL accepted: a query at the searcher's 8192-byte cap, percent-encoded
    /// (Cyrillic letters take six characters), plus filters.
    static var maxURILength: Int { 32 * 1024 }

    /// No external host, no inline script or style, no framing, no plugins.
    static var contentSecurityPolicy: String {
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
            + "font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let isAPI = request.uri.path.hasPrefix("/api/")
        var response: Response
        do {
            try Self.check(request)
            response = try await next(request, context)
        } catch let error as APIError {
            response = Self.errorResponse(error, api: isAPI)
        } catch let error as BulletinError {
            response = Self.errorResponse(APIError(error), api: isAPI)
        } catch let error as any HTTPResponseError {
            let message = error.status == .notFound ? "no such page or API route: \(String(request.uri.path.prefix(200)))" : error.status.reasonPhrase
            response = Self.errorResponse(APIError(error.status, message), api: isAPI)
        } catch {
            response = Self.errorResponse(APIError(.internalServerError, "internal error: \(error)"), api: isAPI)
        }
        Self.secure(&response.headers, api: isAPI)
        return response
    }

    static func check(_ request: Request) throws(APIError) {
        guard request.method == .get || request.method == .head else {
            throw APIError(.methodNotAllowed, "only GET and HEAD are served, not \(request.method.rawValue)")
        }
        if request.uri.string.utf8.count > maxURILength {
            throw APIError(.uriTooLong, "the URL is longer than \(maxURILength) bytes")
        }
        if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > 0 {
            throw APIError(.contentTooLarge, "requests carry no body here (\(length) bytes sent)")
        }
        if request.headers[.transferEncoding] != nil {
            throw APIError(.contentTooLarge, "requests carry no body here (chunked body sent)")
        }
    }

    static func errorResponse(_ error: APIError, api: Bool) -> Response {
        if api {
            return Response.json(error.json, status: error.status)
        }
        return Response(status: error.status, headers: [.contentType: "text/plain; charset=utf-8"],
                        body: .init(byteBuffer: ByteBuffer(string: "\(error.status.code) \(error.message)\n")))
    }

    static func secure(_ headers: inout HTTPFields, api: Bool) {
        headers[.contentSecurityPolicy] = contentSecurityPolicy
        headers[.xContentTypeOptions] = "nosniff"
        headers[HTTPFields.Element.Name("Referrer-Policy")!] = "no-referrer"
        headers[HTTPFields.Element.Name("X-Frame-Options")!] = "DENY"
        headers[HTTPFields.Element.Name("Cross-Origin-Opener-Policy")!] = "same-origin"
        headers[.crossOriginResourcePolicy] = "same-origin"
        if api { headers[.cacheControl] = "no-store" }
    }
}

extension Response {
    /// A JSON body (the project's own serializer, keys in documented order).
    static func json(_ value: JSON, status: HTTPResponse.Status = .ok) -> Response {
        text(value.serialized() + "\n", contentType: "application/json; charset=utf-8", status: status)
    }

    static func text(_ text: String, contentType: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: contentType], body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
