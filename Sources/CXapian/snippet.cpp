// Snippets whose background model reads term frequencies from a cache that outlives one MSet.
//
// Xapian's MSet::snippet with SNIPPET_BACKGROUND_MODEL looks up the frequency of every word
// it passes (and of its stem when the word itself is not a term) and keeps the answers for the
// MSet only: each new query looks them all up again, a B-tree lookup and a block read each
// (10 snippets over 4 KB bulletins: 1.3–1.9 ms, against 0.3–0.4 ms with the answers known).
// A long-lived reader (the server) keeps one TermFreqCache per Searcher, valid for one
// revision of one database, so a word's frequency is read once per revision.
//
// What is chosen and highlighted is meant to be what Xapian 1.4 chooses: the same splitting
// into words, the same window, weights, decay, stopping rule and punctuation rules. Only the
// public API is used, so two things are read the long way: the pattern of a wildcard and the
// window of a phrase come from the query's description, and the largest term weight is taken
// over the query's own terms (Xapian also sees the terms a wildcard expanded to). CJK n-grams
// are not made (no CJK in this text). `MSetSnippetTests` compares the two over real text.

#include "internal.h"

#include <algorithm>
#include <cmath>
#include <deque>
#include <list>
#include <queue>
#include <string_view>

using namespace cxapian;
using Xapian::Utf8Iterator;
namespace U = Xapian::Unicode;

namespace {

/// A committed snapshot of the frequencies of a database's commonest terms, kept in its
/// metadata by the writer (`CXapian_termfreq_table_write`) and valid for the revision it was
/// committed in only:
/// "TFT1" | revision (8 bytes, little-endian) | count (4) | count × (end of the term in the
/// term bytes (4), frequency (4)) | the terms, in byte order, back to back.
struct FrequencyTable {
    std::string blob;
    size_t count = 0;

    static constexpr size_t header = 16;

    static uint32_t u32(const char *p) {
        uint32_t v;
        std::memcpy(&v, p, 4);
        return v;
    }

    /// The table `value` holds if it is well formed and made for `*revision` (any, when null).
    bool load(std::string value, const Xapian::rev *revision) {
        blob = std::move(value);
        count = 0;
        if (blob.size() < header || blob.compare(0, 4, "TFT1") != 0) return false;
        uint64_t made;
        std::memcpy(&made, blob.data() + 4, 8);
        size_t n = u32(blob.data() + 12);
        if ((revision && made != *revision) || n > (blob.size() - header) / 8) return false;
        size_t terms = blob.size() - header - 8 * n;
        uint32_t previous = 0;
        for (size_t i = 0; i < n; ++i) {
            uint32_t end = u32(blob.data() + header + 8 * i);
            if (end < previous || end > terms) return false;
            previous = end;
        }
        count = n;
        return true;
    }

    std::string_view term(size_t i) const {
        const char *terms = blob.data() + header + 8 * count;
        uint32_t begin = i == 0 ? 0 : u32(blob.data() + header + 8 * (i - 1));
        return std::string_view(terms + begin, u32(blob.data() + header + 8 * i) - begin);
    }

    bool find(const std::string &word, Xapian::doccount &freq) const {
        size_t low = 0, high = count;
        while (low < high) {
            size_t mid = (low + high) / 2;
            int c = term(mid).compare(word);
            if (c == 0) {
                freq = u32(blob.data() + header + 8 * mid + 4);
                return true;
            }
            if (c < 0) low = mid + 1; else high = mid;
        }
        return false;
    }
};

} // namespace

struct CXapianTermFreqCache {
    std::unordered_map<std::string, Xapian::doccount> freqs;
    std::string uuid;
    Xapian::rev revision = 0;
    uint64_t lookups = 0, misses = 0, table_hits = 0;
    /// The metadata key of the database's frequency table; empty: none is read.
    std::string table_key;
    FrequencyTable table;
    /// Past this many words, start again (a long-lived server over years of text): about
    /// 25 MB per Searcher at most.
    size_t limit = 1 << 18;
};

namespace {

constexpr unsigned kIgnored = ~0u;
constexpr size_t kLongestWord = 64;

unsigned lower_word_char(unsigned ch) { return U::is_wordchar(ch) ? U::tolower(ch) : 0; }
bool ascii_upper(unsigned ch) { return ch >= 'A' && ch <= 'Z'; }
bool decimal_digit(unsigned ch) { return U::get_category(ch) == U::DECIMAL_DIGIT_NUMBER; }
bool invisible(unsigned ch) { return ch >= 0x200b && (ch <= 0x200d || ch == 0x2060 || ch == 0xfeff); }

/// A character that joins two word characters into one word (AT&T, д'Артаньян).
unsigned joiner(unsigned ch) {
    switch (ch) {
        case '\'': case '&': case 0xb7: case 0x5f4: case 0x2027: return ch;
        case 0x2019: case 0x201b: return '\'';
    }
    return invisible(ch) ? kIgnored : 0;
}

/// A character that joins two digits into one number (1,000.5).
unsigned digit_joiner(unsigned ch) {
    switch (ch) {
        case ',': case '.': case ';': case 0x37e: case 0x589: case 0x60d: case 0x7f8:
        case 0x2044: case 0xfe10: case 0xfe13: case 0xfe14: return ch;
    }
    return invisible(ch) ? kIgnored : 0;
}

unsigned word_suffix(unsigned ch) { return (ch == '+' || ch == '#') ? ch : 0; }

/// Calls `word(term, it)` for each word of `text` as Xapian's TermGenerator splits it: lower
/// case, initials (N.A.T.O.) as one word, joined words and numbers, up to three `+`/`#` at the
/// end (C++). `it` stands just past the word. Stops early when `word` returns false.
template <typename F>
void each_word(const std::string &text, F &&word) {
    const Utf8Iterator end;
    Utf8Iterator it(text);
    while (true) {
        unsigned ch = 0;
        for (; it != end; ++it) {
            if ((ch = lower_word_char(*it))) break;
        }
        if (it == end) return;
        std::string term;
        if (ascii_upper(*it)) {
            Utf8Iterator p = it;
            do {
                U::append_utf8(term, U::tolower(*p++));
            } while (p != end && *p == '.' && ++p != end && ascii_upper(*p));
            if (term.size() > 1 && (p == end || !U::is_wordchar(*p))) {
                it = p;
                if (!word(term, it)) return;
                continue;
            }
            term.clear();
        }
        bool ended = false;
        while (true) {
            unsigned previous;
            do {
                U::append_utf8(term, ch);
                previous = ch;
                if (++it == end) { ended = true; break; }
                ch = lower_word_char(*it);
            } while (ch);
            if (ended) break;
            Utf8Iterator next(it);
            ++next;
            if (next == end) break;
            unsigned after = lower_word_char(*next);
            if (!after) break;
            unsigned middle = (decimal_digit(previous) && decimal_digit(*next)) ? digit_joiner(*it) : joiner(*it);
            if (!middle) break;
            if (middle != kIgnored) U::append_utf8(term, middle);
            ch = after;
            it = next;
        }
        if (!ended) {
            size_t bare = term.size();
            unsigned count = 0;
            while ((ch = word_suffix(*it))) {
                if (++count > 3) { term.resize(bare); break; }
                U::append_utf8(term, ch);
                if (++it == end) { ended = true; break; }
            }
            // fish+chips is two words, not "fish+" and "chips".
            if (!ended && U::is_wordchar(*it)) term.resize(bare);
        }
        if (!word(term, it)) return;
    }
}

/// `Query(...)` → `...`.
std::string inner_description(const Xapian::Query &query) {
    std::string d = query.get_description();
    if (d.size() >= 7 && d.compare(0, 6, "Query(") == 0 && d.back() == ')') return d.substr(6, d.size() - 7);
    return d;
}

/// Undoes the \xHH escapes of a description.
std::string unescaped(const std::string &s) {
    std::string out;
    for (size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '\\' && i + 3 < s.size() && s[i + 1] == 'x' && std::isxdigit((unsigned char)s[i + 2]) && std::isxdigit((unsigned char)s[i + 3])) {
            out += (char)std::stoi(s.substr(i + 2, 2), nullptr, 16);
            i += 3;
        } else {
            out += s[i];
        }
    }
    return out;
}

/// The pattern of an OP_WILDCARD query: its description is `WILDCARD <COMBINER> <pattern>`.
std::string wildcard_pattern(const Xapian::Query &query) {
    std::string d = inner_description(query);
    size_t first = d.find(' ');
    size_t second = first == std::string::npos ? first : d.find(' ', first + 1);
    return second == std::string::npos ? std::string() : unescaped(d.substr(second + 1));
}

/// The window of an OP_PHRASE query: `(<first> PHRASE <window> <second> …)`.
size_t phrase_window(const Xapian::Query &query) {
    std::string d = inner_description(query);
    size_t at = 1 + inner_description(query.get_subquery(0)).size();
    static const std::string op = " PHRASE ";
    if (d.compare(at, op.size(), op) != 0) return 0;
    return (size_t)std::strtoul(d.c_str() + at + op.size(), nullptr, 10);
}

/// What a query asks the snippet to find: tight phrases of terms, loose terms, wildcards.
struct Wanted {
    std::list<std::vector<std::string>> phrases;
    std::unordered_map<std::string, double> terms;
    std::list<std::string> wildcards;
    size_t longest_phrase = 0;

    void collect(const Xapian::Query &query) {
        size_t count = query.get_num_subqueries();
        auto op = query.get_type();
        if (op == Xapian::Query::LEAF_TERM) {
            terms.emplace(*query.get_terms_begin(), 0.0);
        } else if (op == Xapian::Query::OP_WILDCARD) {
            wildcards.push_back(wildcard_pattern(query));
        } else if (op == Xapian::Query::OP_PHRASE && count > 1 && phrase_window(query) == count) {
            bool leaves = true;
            for (size_t i = 0; i < count && leaves; ++i) leaves = query.get_subquery(i).get_type() == Xapian::Query::LEAF_TERM;
            if (leaves) {
                std::vector<std::string> phrase;
                for (size_t i = 0; i < count; ++i) phrase.push_back(*query.get_subquery(i).get_terms_begin());
                phrases.push_back(std::move(phrase));
                longest_phrase = std::max(longest_phrase, count);
                return;
            }
        }
        for (size_t i = 0; i < count; ++i) collect(query.get_subquery(i));
    }
};

/// A word in the sliding window: where it ends, its relevance (shared by every occurrence of
/// the same word, so decay applies to all of them) and how many words it highlights.
struct Slot {
    double *relevance;
    size_t end;
    size_t highlight;
};

/// The window of `length` bytes with the largest sum of relevances. A word's relevance halves
/// while it is in the window, so repeats count less.
class Window {
    std::deque<Slot> current, best_words;
    size_t length;
    size_t begin = 0;
    double sum = 0;
    size_t highlighting = 0;

  public:
    size_t best_begin = 0, best_end = 0;
    double best_sum = 0;

    explicit Window(size_t length) : length(length + 1) {}

    /// Adds the word ending at `end`; false once a good window lies behind (unless exhaustive).
    bool push(double *relevance, size_t end, size_t highlight, bool exhaustive) {
        if (highlight > 1) {
            // A phrase's last word: its weight goes on the phrase's first word, so it leaves
            // the window with that word.
            if (current.size() >= highlight - 1) {
                Slot &first = current[current.size() - (highlight - 1)];
                if (first.relevance) {
                    *first.relevance *= 2;
                    sum -= *first.relevance;
                }
                sum += *relevance;
                first.relevance = relevance;
                first.highlight = highlight;
                *relevance /= 2;
            }
            relevance = nullptr;
            highlight = 0;
        }
        current.push_back({relevance, end, highlight});
        if (relevance) {
            sum += *relevance;
            *relevance /= 2;
        }
        while (end - begin > length) {
            const Slot &word = current.front();
            if (word.relevance) {
                *word.relevance *= 2;
                sum -= *word.relevance;
            }
            begin = word.end;
            if (best_end >= begin) best_words.push_back(word);
            current.pop_front();
            if (current.empty()) break;
        }
        if (sum >= best_sum) {
            if (begin >= best_end) {
                best_words.clear();
            } else {
                while (!best_words.empty() && best_words.front().end <= begin) best_words.pop_front();
            }
            best_sum = sum;
            best_begin = begin;
            best_end = end;
        } else if (!exhaustive && best_sum > 0 && best_end < begin) {
            return false;
        }
        return true;
    }

    /// Drops what came after the best window.
    void finish() {
        if (begin >= best_end) {
            current.clear();
        } else {
            while (!current.empty() && current.back().end > best_end) current.pop_back();
        }
    }

    /// Appends the next word of the best window to `out`; false when done.
    bool emit(const std::string &text, const std::string &hi_start, const std::string &hi_end, const std::string &omit, std::string &out);
};

bool leading_punctuation(unsigned ch) {
    if (U::is_currency(ch)) return true;
    auto category = U::get_category(ch);
    if (category == U::OPEN_PUNCTUATION || category == U::INITIAL_QUOTE_PUNCTUATION) return true;
    switch (ch) {
        case '"': case '#': case '%': case '&': case '\'': case '+': case '-': case '/': case '<':
        case '@': case '\\': case '`': case '~': case 0xa1: case 0xa7: case 0xbf: return true;
    }
    return false;
}

bool trailing_punctuation(unsigned ch) {
    if (U::is_currency(ch)) return true;
    auto category = U::get_category(ch);
    if (category == U::CLOSE_PUNCTUATION || category == U::FINAL_QUOTE_PUNCTUATION) return true;
    switch (ch) {
        case '"': case '%': case '\'': case '+': case '-': case '/': case '>': case '@':
        case '\\': case '`': case '~': return true;
    }
    return false;
}

void append_escaped(const char *p, const char *end, std::string &out) {
    for (; p != end; ++p) {
        switch (*p) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            default: out += *p;
        }
    }
}

bool Window::emit(const std::string &text, const std::string &hi_start, const std::string &hi_end, const std::string &omit, std::string &out) {
    if (best_words.empty() && !current.empty()) std::swap(best_words, current);
    const char *base = text.data();
    if (best_words.empty()) {
        // After the last word: end of sentence punctuation, a little trailing punctuation, or "…".
        size_t tail = text.size() - best_end;
        if (tail == 0) return false;
        bool sentence_end = false;
        Utf8Iterator i(base + best_end, tail);
        for (; i != Utf8Iterator(); ++i) {
            unsigned ch = *i;
            if (sentence_end && U::is_whitespace(ch)) break;
            sentence_end = (ch == '.' || ch == '?' || ch == '!');
            if (U::is_wordchar(ch)) break;
        }
        if (sentence_end) {
            append_escaped(base + best_end, i.raw(), out);
            return false;
        }
        i.assign(base + best_end, tail);
        int trailing = 0;
        while (i != Utf8Iterator() && trailing_punctuation(*i)) {
            if (++trailing > 4) { trailing = 0; break; }
            ++i;
        }
        if (trailing) {
            append_escaped(base + best_end, i.raw(), out);
            if (i == Utf8Iterator()) return false;
        }
        out += omit;
        return false;
    }
    const Slot &word = best_words.front();
    if (out.empty()) {
        // The start: at a word, keeping a little leading punctuation; "…" unless a sentence starts.
        enum { no, punctuation, yes } boundary = best_begin == 0 ? yes : no;
        Utf8Iterator i(base + best_begin, word.end - best_begin);
        while (i != Utf8Iterator()) {
            unsigned ch = *i;
            if (boundary == no) {
                if (ch == '.' || ch == '?' || ch == '!') boundary = punctuation;
            } else if (boundary == punctuation) {
                if (U::is_whitespace(ch)) boundary = yes;
                else if (!(ch == '.' || ch == '?' || ch == '!')) boundary = no;
            }
            if (U::is_wordchar(ch)) {
                size_t word_begin = i.raw() - base;
                if (word_begin - best_begin > 4) best_begin = word_begin;
                break;
            }
            ++i;
            if (!leading_punctuation(ch)) best_begin = i.raw() - base;
        }
        if (boundary != yes) out += omit;
    }
    if (word.highlight) {
        // The space before a highlighted word stays outside the highlight.
        Utf8Iterator i(base + best_begin, text.size() - best_begin);
        for (; i != Utf8Iterator(); ++i) {
            if (U::is_wordchar(*i)) {
                append_escaped(base + best_begin, i.raw(), out);
                best_begin = i.raw() - base;
                break;
            }
        }
    }
    if (!highlighting) {
        highlighting = word.highlight;
        if (highlighting) out += hi_start;
    }
    append_escaped(base + best_begin, base + word.end, out);
    best_begin = word.end;
    if (highlighting && --highlighting == 0) out += hi_end;
    best_words.pop_front();
    return true;
}

/// The database's frequency of `term`, through `cache` when there is one.
Xapian::doccount frequency(const Xapian::Database &db, CXapianTermFreqCache *cache, const std::string &term) {
    if (!cache) return db.get_termfreq(term);
    ++cache->lookups;
    auto found = cache->freqs.find(term);
    if (found != cache->freqs.end()) return found->second;
    Xapian::doccount listed;
    if (cache->table.find(term, listed)) {
        ++cache->table_hits;
        return listed;
    }
    ++cache->misses;
    Xapian::doccount freq = db.get_termfreq(term);
    if (cache->freqs.size() >= cache->limit) cache->freqs.clear();
    cache->freqs.emplace(term, freq);
    return freq;
}

/// `cache` if it may answer for `db` as it is now (emptied when the database moved on), else
/// null: a database of several shards has no single revision to key it by.
CXapianTermFreqCache *usable(CXapianTermFreqCache *cache, const Xapian::Database &db) {
    if (!cache) return nullptr;
    Xapian::rev revision;
    std::string uuid;
    try {
        revision = db.get_revision();
        uuid = db.get_uuid();
    } catch (const Xapian::Error &) {
        return nullptr;
    }
    if (uuid.empty()) return nullptr;
    if (revision != cache->revision || uuid != cache->uuid) {
        cache->freqs.clear();
        cache->revision = revision;
        cache->uuid = uuid;
        if (!cache->table_key.empty()) cache->table.load(db.get_metadata(cache->table_key), &revision);
    }
    return cache;
}

std::string make_snippet(const CXapianMSet &mset, CXapianTermFreqCache *shared, const std::string &text, size_t length,
                         const Xapian::Stem &stemmer, unsigned flags, const std::string &hi_start, const std::string &hi_end,
                         const std::string &omit) {
    if (hi_start.empty() && hi_end.empty() && text.size() <= length) return text;
    const Xapian::MSet &m = mset.mset;
    // The weights Xapian's ranking gave the query's terms (none for a term it did not weigh).
    auto weight_of = [&](const std::string &term, double &weight) {
        try {
            weight = m.get_termweight(term);
            return true;
        } catch (const Xapian::InvalidArgumentError &) {
            return false;
        }
    };
    double min_weight = 0, max_weight = 0;
    bool first = true;
    for (auto t = mset.query.get_unique_terms_begin(); t != mset.query.get_unique_terms_end(); ++t) {
        double w;
        if (!weight_of(*t, w) || w == 0.0) continue;
        if (first) { min_weight = max_weight = w; first = false; }
        else if (w > max_weight) max_weight = w;
        else if (w < min_weight) min_weight = w;
    }
    max_weight = max_weight == 0.0 ? 1.0 : max_weight * 1.015625;

    Wanted wanted;
    wanted.collect(mset.query);
    std::vector<double> phrase_relevance;
    for (auto &phrase : wanted.phrases) phrase_relevance.push_back(max_weight * phrase.size());
    std::vector<double> wildcard_relevance(wanted.wildcards.size(), max_weight + min_weight);

    // A loose term's relevance: its weight plus the largest; null when Xapian did not weigh it.
    auto loose = [&](const std::string &term) -> double * {
        auto it = wanted.terms.find(term);
        if (it == wanted.terms.end()) return nullptr;
        if (it->second == 0.0) {
            double w;
            if (!weight_of(term, w)) {
                wanted.terms.erase(it);
                return nullptr;
            }
            it->second = w + max_weight;
        }
        return &it->second;
    };

    CXapianTermFreqCache *cache = usable(shared, mset.db);
    const double documents = (double)mset.db.get_doccount() + 1;
    auto &background = mset.background;
    const bool exhaustive = flags & Xapian::MSet::SNIPPET_EXHAUSTIVE;

    Window window(length);
    std::vector<std::string> recent(wanted.longest_phrase > 1 ? wanted.longest_phrase - 1 : 0);
    size_t recent_next = 0;
    bool matched = false;
    each_word(text, [&](const std::string &term, const Utf8Iterator &it) {
        if (term.size() > kLongestWord) return true;
        size_t end = text.size() - it.left();
        double *relevance = nullptr;
        size_t highlight = 0;
        size_t i = 0;
        for (auto &phrase : wanted.phrases) {
            if (term == phrase.back()) {
                bool match = true;
                for (size_t n = phrase.size() - 1; n-- > 0;) {
                    if (phrase[n] != recent[(n + recent_next) % recent.size()]) { match = false; break; }
                }
                if (match) {
                    relevance = &phrase_relevance[i];
                    highlight = phrase.size();
                    break;
                }
            }
            ++i;
        }
        if (!relevance && (relevance = loose(term))) highlight = 1;
        if (!relevance) {
            std::string stem = "Z" + stemmer(term);
            if ((relevance = loose(stem))) {
                highlight = 1;
            } else {
                i = 0;
                for (auto &pattern : wanted.wildcards) {
                    if (term.compare(0, pattern.size(), pattern) == 0) {
                        relevance = &wildcard_relevance[i];
                        highlight = 1;
                        break;
                    }
                    ++i;
                }
            }
            if (!relevance && (flags & Xapian::MSet::SNIPPET_BACKGROUND_MODEL)) {
                auto known = background.find(term);
                if (known == background.end()) known = background.find(stem);
                if (known == background.end()) {
                    Xapian::doccount freq = frequency(mset.db, cache, term);
                    if (freq) stem = term;
                    else freq = frequency(mset.db, cache, stem);
                    double r = 0.0;
                    if (freq) {
                        r = max_weight * std::log((documents - freq) / double(freq));
                        r /= (length + 1) * std::log(documents);
                    }
                    known = background.emplace(stem, r).first;
                }
                relevance = &known->second;
            }
        }
        if (!recent.empty()) {
            recent[recent_next] = term;
            recent_next = (recent_next + 1) % recent.size();
        }
        if (highlight) matched = true;
        return window.push(relevance, end, highlight, exhaustive);
    });
    window.finish();
    std::string out;
    if (matched || (flags & Xapian::MSet::SNIPPET_EMPTY_WITHOUT_MATCH) == 0) {
        while (window.emit(text, hi_start, hi_end, omit, out)) {}
    }
    return out;
}

} // namespace

extern "C" {

CXapianTermFreqCache *CXapian_termfreq_cache_new(const char *table_key, size_t table_key_len) noexcept {
    try {
        auto *cache = new CXapianTermFreqCache();
        cache->table_key = str(table_key, table_key_len);
        return cache;
    } catch (...) { return nullptr; }
}

uint32_t CXapian_termfreq_cache_frequency(CXapianTermFreqCache *cache, const CXapianDatabase *db, const char *term, size_t len,
                                          CXapianError *error) noexcept {
    return guarded(error, 0u, [&] { return (uint32_t)frequency(*db->db, usable(cache, *db->db), str(term, len)); });
}

int32_t CXapian_termfreq_table_write(CXapianDatabase *db, const char *key, size_t key_len, uint32_t max_terms,
                                     uint32_t min_documents, CXapianError *error) noexcept {
    return guarded(error, (int32_t)-1, [&]() -> int32_t {
        if (!db->writable) throw Xapian::InvalidOperationError("a frequency table is written by the database's writer");
        Xapian::WritableDatabase &wdb = *db->writable;
        const std::string name = str(key, key_len);
        std::vector<std::string> terms;
        // Keep the terms chosen before (the table of any revision).
        const std::string previous = wdb.get_metadata(name);
        FrequencyTable old;
        if (old.load(previous, nullptr)) {
            for (size_t i = 0; i < old.count; ++i) terms.emplace_back(old.term(i));
        }
        if (terms.empty()) {
            if (wdb.get_doccount() < min_documents || max_terms == 0) return 0;
            // The commonest terms that are words: unprefixed (no leading ASCII capital).
            using Entry = std::pair<Xapian::doccount, std::string>;
            std::priority_queue<Entry, std::vector<Entry>, std::greater<Entry>> top;
            for (auto it = wdb.allterms_begin(); it != wdb.allterms_end(); ++it) {
                const std::string &term = *it;
                if (term.empty() || (term[0] >= 'A' && term[0] <= 'Z') || term.size() > 64) continue;
                Xapian::doccount freq = it.get_termfreq();
                if (top.size() < max_terms) top.emplace(freq, term);
                else if (freq > top.top().first) { top.pop(); top.emplace(freq, term); }
            }
            while (!top.empty()) { terms.push_back(top.top().second); top.pop(); }
            std::sort(terms.begin(), terms.end());
        }
        // Valid for the revision the next commit makes.
        uint64_t revision = (uint64_t)wdb.get_revision() + 1;
        uint32_t n = (uint32_t)terms.size();
        std::string blob("TFT1", 4);
        blob.append(reinterpret_cast<const char *>(&revision), 8);
        blob.append(reinterpret_cast<const char *>(&n), 4);
        uint32_t end = 0;
        for (auto &term : terms) {
            end += (uint32_t)term.size();
            uint32_t freq = wdb.get_termfreq(term);
            blob.append(reinterpret_cast<const char *>(&end), 4);
            blob.append(reinterpret_cast<const char *>(&freq), 4);
        }
        for (auto &term : terms) blob += term;
        if (blob != previous) wdb.set_metadata(name, blob);
        return (int32_t)n;
    });
}

void CXapian_termfreq_cache_free(CXapianTermFreqCache *cache) noexcept { delete cache; }

void CXapian_termfreq_cache_statistics(const CXapianTermFreqCache *cache, uint64_t *lookups, uint64_t *misses, uint64_t *entries,
                                       uint64_t *table_hits, uint64_t *table_terms) noexcept {
    *lookups = cache->lookups;
    *misses = cache->misses;
    *entries = cache->freqs.size();
    *table_hits = cache->table_hits;
    *table_terms = cache->table.count;
}

CXapianString CXapian_mset_snippet_cached(const CXapianMSet *mset, CXapianTermFreqCache *cache, const char *text, size_t len, size_t length,
                                          const CXapianStem *stem, uint32_t flags, const char *hi_start, size_t hi_start_len,
                                          const char *hi_end, size_t hi_end_len, const char *omit, size_t omit_len,
                                          CXapianError *error) noexcept {
    return guarded(error, CXapianString{nullptr, 0}, [&] {
        if (!mset->from_query) throw Xapian::InvalidOperationError("a snippet needs an MSet from a query");
        Xapian::Stem stemmer = stem ? stem->stem : Xapian::Stem();
        return make_string(make_snippet(*mset, cache, str(text, len), length, stemmer, flags, str(hi_start, hi_start_len),
                                        str(hi_end, hi_end_len), str(omit, omit_len)));
    });
}

} // extern "C"
