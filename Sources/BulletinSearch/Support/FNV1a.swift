/// FNV-1a, 64 bit: the one fast non-cryptographic hash of the code base. File signatures
/// (whether a file's bytes changed between two runs), hashed term keys, dictionary keys of
/// extraction (`Word`), the near-duplicate fingerprint's words and shingles all use it.
public enum FNV1a {
    public static let offsetBasis: UInt64 = 0xcbf2_9ce4_8422_2325
    public static let prime: UInt64 = 0x100_0000_01b3

    /// One step: folds `value` (a byte, or a whole Unicode scalar value) into `hash`.
    @inline(__always)
    public static func mix(_ hash: UInt64, _ value: UInt64) -> UInt64 {
        (hash ^ value) &* prime
    }

    /// The hash of a byte sequence.
    @inline(__always)
    public static func hash<S: Sequence>(_ bytes: S) -> UInt64 where S.Element == UInt8 {
        var hash = offsetBasis
        for byte in bytes { hash = mix(hash, UInt64(byte)) }
        return hash
    }

    /// The hash as 16 hex digits (leading zeros kept).
    public static func hex(_ hash: UInt64) -> String {
        let s = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - s.count) + s
    }

    /// The hash of a byte sequence as 16 hex digits.
    public static func hex<S: Sequence>(_ bytes: S) -> String where S.Element == UInt8 {
        hex(hash(bytes))
    }
}
