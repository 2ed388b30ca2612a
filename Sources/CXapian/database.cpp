#include "internal.h"

#include <algorithm>

#include <sstream>

using cxapian::guarded;
using cxapian::guarded_void;
using cxapian::make_string;
using cxapian::str;

namespace {

Xapian::WritableDatabase &writable(CXapianDatabase *db) {
    if (!db->writable) throw Xapian::InvalidOperationError("database was opened read-only");
    return *db->writable;
}

CXapianTermList *collect(Xapian::TermIterator it, Xapian::TermIterator end) {
    auto list = std::make_unique<CXapianTermList>();
    for (; it != end; ++it) list->entries.emplace_back(*it, it.get_termfreq());
    return list.release();
}

} // namespace

extern "C" {

CXapianDatabase *CXapian_database_open(const char *path, size_t path_len, CXapianError *error) noexcept {
    return guarded(error, (CXapianDatabase *)nullptr, [&] {
        auto handle = std::make_unique<CXapianDatabase>();
        handle->db = std::make_unique<Xapian::Database>(str(path, path_len));
        return handle.release();
    });
}

CXapianDatabase *CXapian_writable_database_open(const char *path, size_t path_len, CXapianError *error) noexcept {
    return guarded(error, (CXapianDatabase *)nullptr, [&] {
        auto handle = std::make_unique<CXapianDatabase>();
        auto wdb = std::make_unique<Xapian::WritableDatabase>(str(path, path_len), Xapian::DB_CREATE_OR_OPEN);
        handle->writable = wdb.get();
        handle->db = std::move(wdb);
        return handle.release();
    });
}

void CXapian_database_free(CXapianDatabase *db) noexcept {
    // The WritableDatabase destructor commits and swallows errors; callers commit explicitly.
    try { delete db; } catch (...) {}
}

bool CXapian_database_is_writable(const CXapianDatabase *db) noexcept { return db && db->writable; }

bool CXapian_database_close(CXapianDatabase *db, CXapianError *error) noexcept {
    return guarded_void(error, [&] { db->db->close(); });
}

bool CXapian_database_reopen(CXapianDatabase *db, CXapianError *error) noexcept {
    return guarded_void(error, [&] { db->db->reopen(); });
}

uint32_t CXapian_database_doccount(CXapianDatabase *db, CXapianError *error) noexcept {
    return guarded(error, 0u, [&] { return (uint32_t)db->db->get_doccount(); });
}

uint64_t CXapian_database_revision(CXapianDatabase *db, CXapianError *error) noexcept {
    return guarded(error, (uint64_t)0, [&] { return (uint64_t)db->db->get_revision(); });
}

uint32_t CXapian_database_termfreq(CXapianDatabase *db, const char *term, size_t term_len, CXapianError *error) noexcept {
    return guarded(error, 0u, [&] { return (uint32_t)db->db->get_termfreq(str(term, term_len)); });
}

uint32_t CXapian_database_first_docid_with_term(CXapianDatabase *db, const char *term, size_t term_len, CXapianError *error) noexcept {
    return guarded(error, 0u, [&] {
        auto it = db->db->postlist_begin(str(term, term_len));
        return it == db->db->postlist_end(str(term, term_len)) ? 0u : (uint32_t)*it;
    });
}

CXapianDocument *CXapian_database_get_document(CXapianDatabase *db, uint32_t docid, CXapianError *error) noexcept {
    return guarded(error, (CXapianDocument *)nullptr, [&] {
        auto doc = std::make_unique<CXapianDocument>();
        doc->doc = db->db->get_document(docid);
        return doc.release();
    });
}

CXapianString CXapian_database_get_metadata(CXapianDatabase *db, const char *key, size_t key_len, CXapianError *error) noexcept {
    return guarded(error, CXapianString{nullptr, 0}, [&] { return make_string(db->db->get_metadata(str(key, key_len))); });
}

CXapianTermList *CXapian_database_allterms(CXapianDatabase *db, const char *prefix, size_t prefix_len, CXapianError *error) noexcept {
    return guarded(error, (CXapianTermList *)nullptr, [&] {
        std::string p = str(prefix, prefix_len);
        return collect(db->db->allterms_begin(p), db->db->allterms_end(p));
    });
}

CXapianTermList *CXapian_database_allterms_limited(CXapianDatabase *db, const char *prefix, size_t prefix_len, uint32_t limit, CXapianError *error) noexcept {
    return guarded(error, (CXapianTermList *)nullptr, [&] {
        std::string p = str(prefix, prefix_len);
        auto list = std::make_unique<CXapianTermList>();
        for (auto it = db->db->allterms_begin(p), end = db->db->allterms_end(p); it != end && list->entries.size() < limit; ++it)
            list->entries.emplace_back(*it, it.get_termfreq());
        return list.release();
    });
}

CXapianTermList *CXapian_database_synonyms(CXapianDatabase *db, const char *term, size_t term_len, CXapianError *error) noexcept {
    return guarded(error, (CXapianTermList *)nullptr, [&] {
        std::string t = str(term, term_len);
        // A synonym iterator has no term frequency (get_termfreq throws): 0 for each.
        auto list = std::make_unique<CXapianTermList>();
        for (auto it = db->db->synonyms_begin(t); it != db->db->synonyms_end(t); ++it) list->entries.emplace_back(*it, 0);
        return list.release();
    });
}

CXapianTermList *CXapian_database_spellings(CXapianDatabase *db, CXapianError *error) noexcept {
    return guarded(error, (CXapianTermList *)nullptr, [&] {
        auto list = std::make_unique<CXapianTermList>();
        for (auto it = db->db->spellings_begin(); it != db->db->spellings_end(); ++it) list->entries.emplace_back(*it, it.get_termfreq());
        return list.release();
    });
}

CXapianString CXapian_database_spelling_suggestion(CXapianDatabase *db, const char *word, size_t word_len, uint32_t max_edit_distance, CXapianError *error) noexcept {
    return guarded(error, CXapianString{nullptr, 0}, [&] {
        return make_string(db->db->get_spelling_suggestion(str(word, word_len), max_edit_distance));
    });
}

size_t CXapian_database_check(const char *path, size_t path_len, CXapianString *report, CXapianError *error) noexcept {
    return guarded(error, (size_t)0, [&] {
        std::ostringstream out;
        size_t errors = Xapian::Database::check(str(path, path_len), Xapian::DBCHECK_SHORT_TREE, &out);
        if (report) *report = make_string(out.str());
        return errors;
    });
}

bool CXapian_database_compact(const char *path, size_t path_len, const char *output, size_t output_len, uint32_t flags, uint32_t block_size, CXapianError *error) noexcept {
    return guarded_void(error, [&] {
        Xapian::Database source(str(path, path_len));
        source.compact(str(output, output_len), flags, static_cast<int>(block_size));
    });
}

size_t CXapian_database_read_all(CXapianDatabase *db, CXapianString *report, CXapianError *error) noexcept {
    return guarded(error, (size_t)0, [&] {
        const Xapian::Database &d = *db->db;
        std::ostringstream out;
        size_t errors = 0;
        // Postlist and position tables: every posting of every term, with its positions.
        unsigned long long postings = 0;
        for (auto t = d.allterms_begin(); t != d.allterms_end(); ++t) {
            const std::string term = *t;
            Xapian::doccount seen = 0;
            for (auto p = d.postlist_begin(term); p != d.postlist_end(term); ++p) {
                ++seen;
                (void)p.get_wdf();
                for (auto pos = p.positionlist_begin(); pos != p.positionlist_end(); ++pos) (void)*pos;
            }
            postings += seen;
            if (seen != t.get_termfreq()) {
                ++errors;
                out << "term " << term << ": frequency " << t.get_termfreq() << " but " << seen << " postings\n";
            }
        }
        // Docdata and termlist tables, and the value streams: every document.
        unsigned long long listed = 0;
        Xapian::doccount documents = 0;
        for (auto p = d.postlist_begin(std::string()); p != d.postlist_end(std::string()); ++p) {
            ++documents;
            Xapian::Document doc = d.get_document(*p);
            (void)doc.get_data();
            for (auto v = doc.values_begin(); v != doc.values_end(); ++v) (void)*v;
            for (auto t = d.termlist_begin(*p); t != d.termlist_end(*p); ++t) ++listed;
        }
        if (documents != d.get_doccount()) {
            ++errors;
            out << "document count " << d.get_doccount() << " but " << documents << " documents listed\n";
        }
        if (listed != postings) {
            ++errors;
            out << "termlists hold " << listed << " entries but postlists " << postings << "\n";
        }
        // Spelling and synonym tables, and the metadata.
        for (auto w = d.spellings_begin(); w != d.spellings_end(); ++w) (void)w.get_termfreq();
        for (auto k = d.synonym_keys_begin(); k != d.synonym_keys_end(); ++k) {
            for (auto s = d.synonyms_begin(*k); s != d.synonyms_end(*k); ++s) (void)*s;
        }
        for (auto k = d.metadata_keys_begin(); k != d.metadata_keys_end(); ++k) (void)d.get_metadata(*k);
        if (report) *report = make_string(out.str());
        return errors;
    });
}

bool CXapian_database_commit(CXapianDatabase *db, CXapianError *error) noexcept {
    return guarded_void(error, [&] { writable(db).commit(); });
}

bool CXapian_database_begin_transaction(CXapianDatabase *db, bool flushed, CXapianError *error) noexcept {
    return guarded_void(error, [&] { writable(db).begin_transaction(flushed); });
}

bool CXapian_database_commit_transaction(CXapianDatabase *db, CXapianError *error) noexcept {
    return guarded_void(error, [&] { writable(db).commit_transaction(); });
}

bool CXapian_database_cancel_transaction(CXapianDatabase *db, CXapianError *error) noexcept {
    return guarded_void(error, [&] { writable(db).cancel_transaction(); });
}

uint32_t CXapian_database_add_document(CXapianDatabase *db, const CXapianDocument *doc, CXapianError *error) noexcept {
    return guarded(error, 0u, [&] { return (uint32_t)writable(db).add_document(doc->doc); });
}

uint32_t CXapian_database_replace_document_by_term(CXapianDatabase *db, const char *unique_term, size_t term_len, const CXapianDocument *doc, CXapianError *error) noexcept {
    return guarded(error, 0u, [&] { return (uint32_t)writable(db).replace_document(str(unique_term, term_len), doc->doc); });
}

bool CXapian_database_delete_document_by_term(CXapianDatabase *db, const char *unique_term, size_t term_len, CXapianError *error) noexcept {
    return guarded_void(error, [&] { writable(db).delete_document(str(unique_term, term_len)); });
}

bool CXapian_database_replace_document(CXapianDatabase *db, uint32_t docid, const CXapianDocument *doc, CXapianError *error) noexcept {
    return guarded_void(error, [&] { writable(db).replace_document(docid, doc->doc); });
}

bool CXapian_database_delete_document(CXapianDatabase *db, uint32_t docid, CXapianError *error) noexcept {
    return guarded_void(error, [&] { writable(db).delete_document(docid); });
}

bool CXapian_database_set_metadata(CXapianDatabase *db, const char *key, size_t key_len, const char *value, size_t value_len, CXapianError *error) noexcept {
    return guarded_void(error, [&] { writable(db).set_metadata(str(key, key_len), str(value, value_len)); });
}

bool CXapian_database_add_spelling(CXapianDatabase *db, const char *word, size_t word_len, uint32_t freqinc, CXapianError *error) noexcept {
    return guarded_void(error, [&] { writable(db).add_spelling(str(word, word_len), freqinc); });
}

CXapianSpellingBatch *CXapian_spelling_batch_new(CXapianError *error) noexcept {
    return guarded(error, (CXapianSpellingBatch *)nullptr, [] { return new CXapianSpellingBatch(); });
}

void CXapian_spelling_batch_free(CXapianSpellingBatch *batch) noexcept { delete batch; }

bool CXapian_spelling_batch_add_unprefixed_terms(CXapianSpellingBatch *batch, const CXapianDocument *doc, CXapianError *error) noexcept {
    return guarded_void(error, [&] {
        for (auto t = doc->doc.termlist_begin(); t != doc->doc.termlist_end(); ++t) {
            const std::string &term = *t;
            if (term.empty() || (term[0] >= 'A' && term[0] <= 'Z')) continue;
            batch->listed.emplace_back(term, t.get_wdf());
        }
    });
}

bool CXapian_spelling_batch_merge(CXapianSpellingBatch *into, const CXapianSpellingBatch *from, CXapianError *error) noexcept {
    return guarded_void(error, [&] {
        for (const auto &entry : from->listed) into->counts[entry.first] += entry.second;
        for (const auto &entry : from->counts) into->counts[entry.first] += entry.second;
    });
}

size_t CXapian_spelling_batch_count(const CXapianSpellingBatch *batch) noexcept {
    return batch->counts.size() + batch->listed.size();
}

bool CXapian_database_add_spelling_batch(CXapianDatabase *db, CXapianSpellingBatch *batch, CXapianError *error) noexcept {
    return guarded_void(error, [&] {
        Xapian::WritableDatabase &w = writable(db);
        batch->fold();
        std::vector<std::pair<std::string, uint64_t>> words(batch->counts.begin(), batch->counts.end());
        std::sort(words.begin(), words.end());
        for (const auto &entry : words) {
            // add_spelling takes a 32-bit increment: a larger count goes in several.
            uint64_t left = entry.second;
            while (left > 0) {
                Xapian::termcount step = left > 0xFFFFFFFFu ? 0xFFFFFFFFu : (Xapian::termcount)left;
                w.add_spelling(entry.first, step);
                left -= step;
            }
            batch->counts.erase(entry.first);
        }
    });
}

bool CXapian_database_add_synonym(CXapianDatabase *db, const char *term, size_t term_len, const char *synonym, size_t synonym_len, CXapianError *error) noexcept {
    return guarded_void(error, [&] { writable(db).add_synonym(str(term, term_len), str(synonym, synonym_len)); });
}

size_t CXapian_termlist_count(const CXapianTermList *list) noexcept { return list ? list->entries.size() : 0; }

CXapianString CXapian_termlist_term(const CXapianTermList *list, size_t index) noexcept {
    if (!list || index >= list->entries.size()) return CXapianString{nullptr, 0};
    return make_string(list->entries[index].first);
}

uint32_t CXapian_termlist_freq(const CXapianTermList *list, size_t index) noexcept {
    if (!list || index >= list->entries.size()) return 0;
    return list->entries[index].second;
}

void CXapian_termlist_free(CXapianTermList *list) noexcept { delete list; }

} // extern "C"
