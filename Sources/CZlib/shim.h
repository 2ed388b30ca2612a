// zlib's raw deflate with a preset dictionary, for the stored data of documents
// (BulletinSearch/Schema/StoredCompression.swift). zlib's init calls are macros, which Swift
// cannot call; these inline functions wrap one whole compression or expansion each.
#pragma once
#include <stddef.h>
#include <string.h>
#include <zlib.h>

/// A zlib stream of `src` primed with `dict` (its header names the dictionary by Adler-32,
/// its trailer checks the data), into `dst` of `*dst_len` bytes
/// (enough: `bulletin_deflate_bound`); `*dst_len` becomes the length written. 0 on success.
static inline int bulletin_deflate(const unsigned char *dict, size_t dict_len, const unsigned char *src, size_t src_len,
                                   unsigned char *dst, size_t *dst_len) {
    z_stream s;
    memset(&s, 0, sizeof s);
    if (deflateInit2(&s, 6, Z_DEFLATED, 15, 8, Z_DEFAULT_STRATEGY) != Z_OK) return -1;
    if (dict_len && deflateSetDictionary(&s, dict, (uInt)dict_len) != Z_OK) { deflateEnd(&s); return -1; }
    s.next_in = (Bytef *)src;
    s.avail_in = (uInt)src_len;
    s.next_out = dst;
    s.avail_out = (uInt)*dst_len;
    int r = deflate(&s, Z_FINISH);
    *dst_len = (size_t)s.total_out;
    deflateEnd(&s);
    return r == Z_STREAM_END ? 0 : -1;
}

/// At least what `bulletin_deflate` may write for `src_len` bytes.
static inline size_t bulletin_deflate_bound(size_t src_len) { return src_len + src_len / 8 + 64; }

/// Expands the zlib stream `src` made with `dict` into exactly `dst_len` bytes. 0 on success;
/// -1 when the stream is damaged (its checksum fails), was made with another dictionary,
/// ends early or holds more than `dst_len` bytes.
static inline int bulletin_inflate(const unsigned char *dict, size_t dict_len, const unsigned char *src, size_t src_len,
                                   unsigned char *dst, size_t dst_len) {
    z_stream s;
    memset(&s, 0, sizeof s);
    if (inflateInit2(&s, 15) != Z_OK) return -1;
    s.next_in = (Bytef *)src;
    s.avail_in = (uInt)src_len;
    s.next_out = dst;
    s.avail_out = (uInt)dst_len;
    int r = inflate(&s, Z_FINISH);
    if (r == Z_NEED_DICT) {
        // Refused unless `dict` is the one the stream names.
        if (inflateSetDictionary(&s, dict, (uInt)dict_len) != Z_OK) { inflateEnd(&s); return -1; }
        r = inflate(&s, Z_FINISH);
    }
    int ok = r == Z_STREAM_END && s.total_out == dst_len && s.avail_in == 0;
    inflateEnd(&s);
    return ok ? 0 : -1;
}
