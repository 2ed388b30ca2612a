import Hummingbird

/// The search page: HTML, CSS and JS embedded in the binary (SwiftPM `embedInCode`
/// resources), so it works offline and from any install location, with no CDN.
enum WebPage {
    static func register<Context: RequestContext>(on router: Router<Context>) {
        router.get("/") { _, _ in page(PackageResources.index_html, type: "text/html; charset=utf-8") }
        router.get("/app.js") { _, _ in page(PackageResources.app_js, type: "text/javascript; charset=utf-8") }
        router.get("/style.css") { _, _ in page(PackageResources.style_css, type: "text/css; charset=utf-8") }
    }

    static func page(_ bytes: [UInt8], type: String) -> Response {
        Response(status: .ok, headers: [.contentType: type, .cacheControl: "no-cache"],
                 body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    static func string(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }
}
