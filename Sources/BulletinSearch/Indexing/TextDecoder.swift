import Foundation

/// Turns a file's bytes into text, or says why it cannot be indexed: binary, empty, or in
/// an encoding that cannot be told with confidence (never indexed as mojibake).
public enum TextDecoder {
    /// Decoded text (line ends made `\n`, stray control characters made spaces) and the
    /// encoding it was in.
    public struct Decoded: Sendable, Equatable {
        public var text: String
        public var encoding: TextEncoding
    }

    /// Most control characters (other than tab and line ends) a text may hold, per mille:
    /// binary formats run far above 10 %, text with a few stray escapes far below.
    static let maxControlPerMille = 100

    public static func decode(_ data: Data) -> Result<String, Rejection> {
        decodeDetectingEncoding(data).map(\.text)
    }

    public static func decodeDetectingEncoding(_ bytes: some Collection<UInt8>) -> Result<Decoded, Rejection> {
        if bytes.isEmpty { return .failure(Rejection("empty file")) }
        let decoded: (text: String, encoding: TextEncoding)
        switch EncodingDetector.decode(bytes) {
        case .success(let value): decoded = value
        case .failure(let rejection): return .failure(rejection)
        }
        var controls = 0, total = 0
        for scalar in decoded.text.unicodeScalars {
            total += 1
            if isStrayControl(scalar) { controls += 1 }
        }
        if controls > 0, controls * 1000 > total * maxControlPerMille {
            return .failure(Rejection("binary file (\(controls * 100 / max(total, 1))% control characters)"))
        }
        let text = clean(decoded.text, hasControls: controls > 0)
        if text.unicodeScalars.allSatisfy({ $0.properties.isWhitespace || TextNormalizer.isInvisible($0) }) {
            return .failure(Rejection("empty file (whitespace only)"))
        }
        return .success(Decoded(text: text, encoding: decoded.encoding))
    }

    /// Line ends as `\n` (CRLF and lone CR too), other C0 controls and DEL as spaces.
    public static func clean(_ text: String, hasControls: Bool = true) -> String {
        if !hasControls, !text.utf8.contains(13) { return text }
        var scalars = String.UnicodeScalarView()
        scalars.reserveCapacity(text.unicodeScalars.count)
        var afterCR = false
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\r": scalars.append("\n")
            case "\n": if !afterCR { scalars.append("\n") }
            case "\t", "\u{0C}": scalars.append(scalar)
            default: scalars.append(isStrayControl(scalar) ? " " : scalar)
            }
            afterCR = scalar == "\r"
        }
        return String(scalars)
    }

    /// C0 controls other than tab, line feed, vertical tab, form feed and carriage return; DEL.
    static func isStrayControl(_ s: Unicode.Scalar) -> Bool {
        (s.value < 0x20 && !(0x09...0x0D).contains(s.value)) || s.value == 0x7F
    }
}
