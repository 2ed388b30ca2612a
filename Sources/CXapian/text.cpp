#include "internal.h"

using cxapian::guarded;
using cxapian::guarded_void;
using cxapian::make_string;
using cxapian::str;

extern "C" {

CXapianStem *CXapian_stem_new(const char *language, size_t len, CXapianError *error) noexcept {
    return guarded(error, (CXapianStem *)nullptr, [&] {
        auto stem = std::make_unique<CXapianStem>();
        stem->stem = Xapian::Stem(str(language, len));
        return stem.release();
    });
}

void CXapian_stem_free(CXapianStem *stem) noexcept { delete stem; }

CXapianString CXapian_stem_apply(const CXapianStem *stem, const char *word, size_t len, CXapianError *error) noexcept {
    return guarded(error, CXapianString{nullptr, 0}, [&] { return make_string(stem->stem(str(word, len))); });
}

CXapianStopper *CXapian_stopper_new(CXapianError *error) noexcept {
    return guarded(error, (CXapianStopper *)nullptr, [] { return new CXapianStopper(); });
}

void CXapian_stopper_free(CXapianStopper *stopper) noexcept { delete stopper; }

bool CXapian_stopper_add(CXapianStopper *stopper, const char *word, size_t len, CXapianError *error) noexcept {
    return guarded_void(error, [&] { std::string w = str(word, len); stopper->words.push_back(w); stopper->lookup.add(w); });
}

bool CXapian_stopper_add_all(CXapianStopper *stopper, const char *words, size_t len, CXapianError *error) noexcept {
    return guarded_void(error, [&] {
        const char *p = words, *end = words + len;
        while (p < end) {
            const char *q = static_cast<const char *>(std::memchr(p, '\0', end - p));
            if (!q) q = end;
            if (q > p) { std::string w(p, q - p); stopper->words.push_back(w); stopper->lookup.add(w); }
            p = q + 1;
        }
    });
}

bool CXapian_stopper_contains(const CXapianStopper *stopper, const char *word, size_t len) noexcept {
    try { return stopper->lookup(str(word, len)); } catch (...) { return false; }
}

CXapianTermGenerator *CXapian_termgenerator_new(CXapianError *error) noexcept {
    return guarded(error, (CXapianTermGenerator *)nullptr, [] { return new CXapianTermGenerator(); });
}

void CXapian_termgenerator_free(CXapianTermGenerator *tg) noexcept { delete tg; }

bool CXapian_termgenerator_set_stemmer(CXapianTermGenerator *tg, const CXapianStem *stem, CXapianError *error) noexcept {
    return guarded_void(error, [&] { tg->tg.set_stemmer(stem->stem); });
}

bool CXapian_termgenerator_set_stopper(CXapianTermGenerator *tg, const CXapianStopper *stopper, CXapianError *error) noexcept {
    // Xapian keeps a pointer to the stopper: hand it a reference-counted copy it owns.
    return guarded_void(error, [&] {
        tg->tg.set_stopper(stopper->make_released());
    });
}

bool CXapian_termgenerator_set_stemming_strategy(CXapianTermGenerator *tg, int32_t strategy, CXapianError *error) noexcept {
    return guarded_void(error, [&] { tg->tg.set_stemming_strategy(static_cast<Xapian::TermGenerator::stem_strategy>(strategy)); });
}

bool CXapian_termgenerator_set_flags(CXapianTermGenerator *tg, int32_t flags, CXapianError *error) noexcept {
    return guarded_void(error, [&] { tg->tg.set_flags(static_cast<Xapian::TermGenerator::flags>(flags)); });
}

bool CXapian_termgenerator_set_database(CXapianTermGenerator *tg, CXapianDatabase *db, CXapianError *error) noexcept {
    return guarded_void(error, [&] {
        if (!db->writable) throw Xapian::InvalidOperationError("TermGenerator needs a writable database");
        tg->tg.set_database(*db->writable);
    });
}

bool CXapian_termgenerator_set_document(CXapianTermGenerator *tg, CXapianDocument *doc, CXapianError *error) noexcept {
    // Xapian::Document is a reference-counted handle: the generator writes into `doc`.
    return guarded_void(error, [&] { tg->tg.set_document(doc->doc); });
}

bool CXapian_termgenerator_index_text(CXapianTermGenerator *tg, const char *text, size_t len, uint32_t wdf_inc, const char *prefix, size_t prefix_len, bool with_positions, CXapianError *error) noexcept {
    return guarded_void(error, [&] {
        if (with_positions) {
            tg->tg.index_text(str(text, len), wdf_inc, str(prefix, prefix_len));
        } else {
            tg->tg.index_text_without_positions(str(text, len), wdf_inc, str(prefix, prefix_len));
        }
    });
}

bool CXapian_termgenerator_increase_termpos(CXapianTermGenerator *tg, uint32_t delta, CXapianError *error) noexcept {
    return guarded_void(error, [&] { tg->tg.increase_termpos(delta); });
}

uint32_t CXapian_termgenerator_get_termpos(const CXapianTermGenerator *tg) noexcept {
    try { return tg->tg.get_termpos(); } catch (...) { return 0; }
}

} // extern "C"
