import Foundation
import XCTest
@testable import BulletinSearch

/// Encodings: what is decoded, and what is refused rather than indexed as mojibake.
final class IndexingEncodingTests: XCTestCase {
    static let sample = "ЦАМТО, 12 марта. В Москве состоялось заседание межправительственной комиссии по военно-техническому сотрудничеству. Стороны обсудили поставки вертолетов и подготовку специалистов."

    /// `sample` in KOI8-R, encoded by Python's codec (independent of the table under test).
    static let sampleKOI8R = hexBytes("e3e1edf4ef2c20313220cdc1d2d4c12e20f720edcfd3cbd7c520d3cfd3d4cfd1cccfd3d820dac1d3c5c4c1cec9c520cdc5d6d0d2c1d7c9d4c5ccd8d3d4d7c5cececfca20cbcfcdc9d3d3c9c920d0cf20d7cfc5cececf2dd4c5c8cec9dec5d3cbcfcdd520d3cfd4d2d5c4cec9dec5d3d4d7d52e20f3d4cfd2cfced920cfc2d3d5c4c9ccc920d0cfd3d4c1d7cbc920d7c5d2d4cfccc5d4cfd720c920d0cfc4c7cfd4cfd7cbd520d3d0c5c3c9c1ccc9d3d4cfd72e")

    static func hexBytes(_ hex: String) -> [UInt8] {
        var bytes: [UInt8] = []
        var index = hex.startIndex
        while index < hex.endIndex {
            let next = hex.index(index, offsetBy: 2)
            bytes.append(UInt8(hex[index..<next], radix: 16)!)
            index = next
        }
        return bytes
    }

    func decoded(_ bytes: [UInt8]) -> TextDecoder.Decoded? {
        if case .success(let value) = TextDecoder.decodeDetectingEncoding(bytes) { return value }
        return nil
    }

    func reason(_ bytes: [UInt8]) -> String? {
        if case .failure(let problem) = TextDecoder.decodeDetectingEncoding(bytes) { return problem.reason }
        return nil
    }

    func testUTF8WithAndWithoutBOM() {
        XCTAssertEqual(decoded(Array(Self.sample.utf8)), .init(text: Self.sample, encoding: .utf8))
        XCTAssertEqual(decoded([0xEF, 0xBB, 0xBF] + Array(Self.sample.utf8)), .init(text: Self.sample, encoding: .utf8BOM))
    }

    func testUTF16WithBOM() {
        let units = Array(Self.sample.utf16)
        let little: [UInt8] = [0xFF, 0xFE] + units.flatMap { (unit: UInt16) -> [UInt8] in [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        let big: [UInt8] = [0xFE, 0xFF] + units.flatMap { (unit: UInt16) -> [UInt8] in [UInt8(unit >> 8), UInt8(unit & 0xFF)] }
        XCTAssertEqual(decoded(little), .init(text: Self.sample, encoding: .utf16LE))
        XCTAssertEqual(decoded(big), .init(text: Self.sample, encoding: .utf16BE))
        XCTAssertEqual(reason(Array(little.dropLast())), "UTF-16 file with an odd number of bytes (truncated?)")
        XCTAssertEqual(reason([0xFF, 0xFE, 0x00, 0xD8, 0x41, 0x00]), "invalid UTF-16 (unpaired surrogates)")
        // Without a BOM the NUL bytes give it away, with a precise message.
        XCTAssertEqual(reason(Array(little.dropFirst(2))), "looks like UTF-16 without a byte-order mark (add a BOM or convert to UTF-8)")
    }

    func testWindows1251AndKOI8R() throws {
        let cp1251 = try XCTUnwrap(Self.sample.data(using: .windowsCP1251))
        XCTAssertEqual(decoded(Array(cp1251)), .init(text: Self.sample, encoding: .windows1251))
        XCTAssertEqual(decoded(Self.sampleKOI8R), .init(text: Self.sample, encoding: .koi8r))
    }

    func testTablesAreTheStandardMappings() throws {
        // Windows-1251 against Foundation's converter, byte by byte (0x98 is undefined).
        for byte in UInt8(0x80)...UInt8(0xFF) where byte != 0x98 {
            let foundation = try XCTUnwrap(String(data: Data([byte]), encoding: .windowsCP1251))
            XCTAssertEqual(String(EncodingDetector.windows1251Table[Int(byte) - 0x80]), foundation, "byte \(byte)")
        }
        // KOI8-R letters: юабцдефгхийклмнопярстужвьызшэщчъ at 0xC0, capitals at 0xE0.
        let koi = EncodingDetector.koi8rTable
        XCTAssertEqual(String(String.UnicodeScalarView(koi[0x40..<0x60])), "юабцдефгхийклмнопярстужвьызшэщчъ")
        XCTAssertEqual(String(String.UnicodeScalarView(koi[0x60..<0x80])), "ЮАБЦДЕФГХИЙКЛМНОПЯРСТУЖВЬЫЗШЭЩЧЪ")
        XCTAssertEqual(koi[0xA3 - 0x80], "ё")
        XCTAssertEqual(koi[0xB3 - 0x80], "Ё")
    }

    func testSeedsInEveryEncodingDecodeExactly() throws {
        let seeds = try Seeds.requireDirectory()
        for name in ["000_b22510b1d9f8402a.txt", "004_f35e3b4db778a177.txt"] {
            // Only what both encodings can hold (KOI8-R has no dashes or guillemets).
            let text = try String(contentsOf: seeds.appendingPathComponent(name), encoding: .utf8)
                .replacingOccurrences(of: "–", with: "-").replacingOccurrences(of: "—", with: "-")
                .replacingOccurrences(of: "«", with: "\"").replacingOccurrences(of: "»", with: "\"")
            let expected = TextDecoder.clean(text)
            let cp1251 = try XCTUnwrap(text.data(using: .windowsCP1251, allowLossyConversion: false))
            XCTAssertEqual(decoded(Array(cp1251))?.text, expected, name)
            XCTAssertEqual(decoded(Array(cp1251))?.encoding, .windows1251, name)
            // KOI8-R by inverting the (separately checked) table.
            let inverse = Dictionary(uniqueKeysWithValues: EncodingDetector.koi8rTable.enumerated().map { ($1, UInt8($0 + 0x80)) })
            let koi = try text.unicodeScalars.map { scalar -> UInt8 in
                if scalar.isASCII { return UInt8(scalar.value) }
                return try XCTUnwrap(inverse[scalar], "\(scalar) not in KOI8-R")
            }
            XCTAssertEqual(decoded(koi)?.encoding, .koi8r, name)
            XCTAssertEqual(decoded(koi)?.text, expected, name)
        }
    }

    func testUndetectableEncodingsAreRefused() throws {
        // Latin-1 German and French: high bytes that make Cyrillic letters glued to Latin ones.
        let german = try XCTUnwrap(String(repeating: "Müller und Söhne äußerten sich über die Straße. ", count: 10).data(using: .isoLatin1))
        XCTAssertEqual(reason(Array(german)), "unknown encoding (not UTF-8, UTF-16 with BOM, Windows-1251 or KOI8-R)")
        let french = try XCTUnwrap(String(repeating: "Le ministère a signé un contrat élevé. ", count: 10).data(using: .isoLatin1))
        XCTAssertNotNil(reason(Array(french)))
        // Too short to tell.
        let short = try XCTUnwrap("Привет, мир".data(using: .windowsCP1251))
        XCTAssertEqual(reason(Array(short)), "not UTF-8, and too little Cyrillic text to tell Windows-1251 from KOI8-R")
        // UTF-8 with a Windows-1251 paragraph appended: neither.
        let mixed = Array(Self.sample.utf8) + Array(try XCTUnwrap(Self.sample.data(using: .windowsCP1251)))
        XCTAssertNotNil(reason(mixed))
        // IBM866 (DOS) Russian: bytes 0x80–0xAF are letters there; refused, not mis-read.
        let cp866 = Self.sample.unicodeScalars.map { scalar -> UInt8 in
            switch scalar.value {
            case 0x0410...0x043F: return UInt8(scalar.value - 0x0410 + 0x80)
            case 0x0440...0x044F: return UInt8(scalar.value - 0x0440 + 0xE0)
            default: return UInt8(truncatingIfNeeded: scalar.value)
            }
        }
        XCTAssertNotNil(reason(cp866))
        // Random high bytes.
        var generator = SplitMix64(seed: 42)
        let noise = (0..<3000).map { _ in UInt8(32 + generator.next() % 224) }
        XCTAssertNotNil(reason(noise))
    }

    func testBinaryEmptyAndControlCharacters() {
        XCTAssertEqual(reason([]), "empty file")
        XCTAssertEqual(reason(Array(" \n\t\u{FEFF}\u{200B} ".utf8)), "empty file (whitespace only)")
        XCTAssertEqual(reason([0x41, 0x00, 0x42]), "binary file (contains NUL bytes)")
        let controls = [UInt8](repeating: 0x01, count: 20) + Array("abc def".utf8)
        XCTAssertEqual(reason(controls)?.hasPrefix("binary file ("), true)
        // A few stray control characters are text: they become spaces.
        let text = "ЦАМТО, 1 мая. Текст\u{01}с\u{07}символами\u{1B}[31m и DEL\u{7F}. " + String(repeating: "Обычный текст. ", count: 10)
        XCTAssertEqual(decoded(Array(text.utf8))?.text.contains("Текст с символами [31m и DEL "), true)
    }

    func testLineEndsBecomeNewlines() {
        XCTAssertEqual(decoded(Array("один\r\nдва\rтри\nчетыре".utf8))?.text, "один\nдва\nтри\nчетыре")
        XCTAssertEqual(TextDecoder.clean("a\r\n\r\nb\r"), "a\n\nb\n")
    }
}

/// A small deterministic generator for tests (SplitMix64).
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
