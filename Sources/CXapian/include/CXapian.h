// CXapian: a C face on Xapian 1.4 for Swift.
//
// Why this exists: Swift cannot call C++ that throws, and Xapian reports every failure by
// throwing. Every function here is `noexcept` on the C++ side, catches everything
// (Xapian::Error subclasses, std::bad_alloc, any other exception) and reports it through the
// trailing `CXapianError *` out-parameter, keeping Xapian's own error class (see
// CXapianErrorCode). No C++ exception ever crosses into Swift.
//
// Conventions
// - Handles are opaque and owned by the caller: every `*_new`/`*_open` has a `*_free`.
// - Strings in are (pointer, byte length) pairs: Xapian strings may hold any bytes.
// - Strings out are CXapianString, malloc'd here, released with CXapian_string_free.
// - On failure a function returns NULL / 0 / false and fills the error; on success the
//   error is left with code CXAPIAN_OK. The error's message must be released with
//   CXapian_error_clear.
#ifndef CXAPIAN_H
#define CXAPIAN_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>

#ifdef __cplusplus
extern "C" {
#define CXAPIAN_NOEXCEPT noexcept
#else
#define CXAPIAN_NOEXCEPT
#endif

// MARK: - Errors

/// Xapian 1.4's exception classes, kept distinct, plus what C++ itself can throw.
typedef enum CXapianErrorCode {
    CXAPIAN_OK = 0,
    CXAPIAN_ASSERTION_ERROR = 1,
    CXAPIAN_INVALID_ARGUMENT_ERROR = 2,
    CXAPIAN_INVALID_OPERATION_ERROR = 3,
    CXAPIAN_UNIMPLEMENTED_ERROR = 4,
    CXAPIAN_DATABASE_ERROR = 5,
    CXAPIAN_DATABASE_CORRUPT_ERROR = 6,
    CXAPIAN_DATABASE_CREATE_ERROR = 7,
    CXAPIAN_DATABASE_LOCK_ERROR = 8,
    CXAPIAN_DATABASE_MODIFIED_ERROR = 9,
    CXAPIAN_DATABASE_OPENING_ERROR = 10,
    CXAPIAN_DATABASE_VERSION_ERROR = 11,
    CXAPIAN_DOC_NOT_FOUND_ERROR = 12,
    CXAPIAN_FEATURE_UNAVAILABLE_ERROR = 13,
    CXAPIAN_INTERNAL_ERROR = 14,
    CXAPIAN_NETWORK_ERROR = 15,
    CXAPIAN_NETWORK_TIMEOUT_ERROR = 16,
    CXAPIAN_QUERY_PARSER_ERROR = 17,
    CXAPIAN_SERIALISATION_ERROR = 18,
    CXAPIAN_RANGE_ERROR = 19,
    CXAPIAN_WILDCARD_ERROR = 20,
    CXAPIAN_DATABASE_NOT_FOUND_ERROR = 21,
    CXAPIAN_DATABASE_CLOSED_ERROR = 22,
    /// Any other Xapian::Error subclass (a newer library than this shim knows).
    CXAPIAN_OTHER_XAPIAN_ERROR = 90,
    /// std::bad_alloc.
    CXAPIAN_OUT_OF_MEMORY = 97,
    /// Another std::exception.
    CXAPIAN_STD_EXCEPTION = 98,
    /// Something thrown that is not a std::exception.
    CXAPIAN_UNKNOWN_EXCEPTION = 99,
} CXapianErrorCode;

typedef struct CXapianError {
    int32_t code;      ///< a CXapianErrorCode
    char *message;     ///< malloc'd, NUL-terminated; NULL when code is CXAPIAN_OK
} CXapianError;

/// Frees the message and resets the code to CXAPIAN_OK.
void CXapian_error_clear(CXapianError *error) CXAPIAN_NOEXCEPT;

// MARK: - Strings

typedef struct CXapianString {
    char *data;        ///< malloc'd (NUL-terminated for convenience), may hold NUL bytes
    size_t length;
} CXapianString;

void CXapian_string_free(CXapianString string) CXAPIAN_NOEXCEPT;

/// The library's version string, e.g. "1.4.22".
CXapianString CXapian_version(void) CXAPIAN_NOEXCEPT;

// MARK: - Handles

typedef struct CXapianDatabase CXapianDatabase;
typedef struct CXapianDocument CXapianDocument;
typedef struct CXapianStem CXapianStem;
typedef struct CXapianStopper CXapianStopper;
typedef struct CXapianTermGenerator CXapianTermGenerator;
typedef struct CXapianQuery CXapianQuery;
typedef struct CXapianQueryParser CXapianQueryParser;
typedef struct CXapianEnquire CXapianEnquire;
typedef struct CXapianMSet CXapianMSet;
typedef struct CXapianESet CXapianESet;
typedef struct CXapianValueCountSpy CXapianValueCountSpy;
typedef struct CXapianTermList CXapianTermList;
typedef struct CXapianSpellingBatch CXapianSpellingBatch;

// MARK: - Database (database.cpp)

/// Opens a database read-only. Raises DatabaseNotFoundError, DatabaseOpeningError,
/// DatabaseVersionError, DatabaseCorruptError.
CXapianDatabase *CXapian_database_open(const char *path, size_t path_len, CXapianError *error) CXAPIAN_NOEXCEPT;

/// Opens (creating when missing) a database for writing. Raises DatabaseLockError when
/// another writer holds it, DatabaseCreateError, DatabaseOpeningError.
CXapianDatabase *CXapian_writable_database_open(const char *path, size_t path_len, CXapianError *error) CXAPIAN_NOEXCEPT;

void CXapian_database_free(CXapianDatabase *db) CXAPIAN_NOEXCEPT;
bool CXapian_database_is_writable(const CXapianDatabase *db) CXAPIAN_NOEXCEPT;
/// Releases the files and the write lock. Later calls raise DatabaseClosedError.
bool CXapian_database_close(CXapianDatabase *db, CXapianError *error) CXAPIAN_NOEXCEPT;
/// Moves a reader to the latest commit.
bool CXapian_database_reopen(CXapianDatabase *db, CXapianError *error) CXAPIAN_NOEXCEPT;
uint32_t CXapian_database_doccount(CXapianDatabase *db, CXapianError *error) CXAPIAN_NOEXCEPT;
/// The revision the database is open at (InvalidOperationError for several sub-databases).
uint64_t CXapian_database_revision(CXapianDatabase *db, CXapianError *error) CXAPIAN_NOEXCEPT;
uint32_t CXapian_database_termfreq(CXapianDatabase *db, const char *term, size_t term_len, CXapianError *error) CXAPIAN_NOEXCEPT;
/// The first document indexed by `term` (e.g. a unique-id term), or 0 when none.
uint32_t CXapian_database_first_docid_with_term(CXapianDatabase *db, const char *term, size_t term_len, CXapianError *error) CXAPIAN_NOEXCEPT;
/// Raises DocNotFoundError.
CXapianDocument *CXapian_database_get_document(CXapianDatabase *db, uint32_t docid, CXapianError *error) CXAPIAN_NOEXCEPT;
CXapianString CXapian_database_get_metadata(CXapianDatabase *db, const char *key, size_t key_len, CXapianError *error) CXAPIAN_NOEXCEPT;
/// Terms starting with `prefix`, with their term frequencies.
CXapianTermList *CXapian_database_allterms(CXapianDatabase *db, const char *prefix, size_t prefix_len, CXapianError *error) CXAPIAN_NOEXCEPT;
/// At most `limit` terms starting with `prefix`, in byte order, with their term frequencies.
CXapianTermList *CXapian_database_allterms_limited(CXapianDatabase *db, const char *prefix, size_t prefix_len, uint32_t limit, CXapianError *error) CXAPIAN_NOEXCEPT;
/// The synonyms stored for `term` (Database::synonyms_begin), in byte order.
CXapianTermList *CXapian_database_synonyms(CXapianDatabase *db, const char *term, size_t term_len, CXapianError *error) CXAPIAN_NOEXCEPT;
/// Every word of the spelling table with its frequency (Database::spellings_begin), in byte order.
CXapianTermList *CXapian_database_spellings(CXapianDatabase *db, CXapianError *error) CXAPIAN_NOEXCEPT;
/// The spelling suggestion for `word` within `max_edit_distance`, or an empty string.
CXapianString CXapian_database_spelling_suggestion(CXapianDatabase *db, const char *word, size_t word_len, uint32_t max_edit_distance, CXapianError *error) CXAPIAN_NOEXCEPT;
/// Runs Xapian's consistency check on the database at `path`; returns the number of errors
/// found and writes the checker's report into `report` (may be NULL).
size_t CXapian_database_check(const char *path, size_t path_len, CXapianString *report, CXapianError *error) CXAPIAN_NOEXCEPT;
/// Reads every entry of every table through the ordinary read-only API (postings with their
/// positions, documents with data, values and termlists, spellings, synonyms, metadata) and
/// cross-checks the counts; returns the number of inconsistencies, described in `report`.
/// Unlike `CXapian_database_check` (which opens the tables for writing) it works on a
/// read-only file system; a damaged block surfaces as DatabaseCorruptError.
size_t CXapian_database_read_all(CXapianDatabase *db, CXapianString *report, CXapianError *error) CXAPIAN_NOEXCEPT;

/// Xapian compaction (Database::compact) of the database or stub at `path` into a new
/// database at `output` (which must not hold one). A stub's local shards are merged into one
/// (documents renumbered); metadata keys present in several shards keep the first shard's
/// value. `flags`: Xapian::Compactor::STANDARD 0 / FULL 1 / FULLER 2, | DBCOMPACT_MULTIPASS 8.
/// `block_size`: the output's block size in bytes (a power of two from 2048 to 65536), or 0
/// for Xapian's default (8192).
/// Raises InvalidOperationError for a remote shard, DatabaseCreateError when `output` exists.
bool CXapian_database_compact(const char *path, size_t path_len, const char *output, size_t output_len, uint32_t flags, uint32_t block_size, CXapianError *error) CXAPIAN_NOEXCEPT;

// Writing (the database must be writable, else InvalidOperationError).
bool CXapian_database_commit(CXapianDatabase *db, CXapianError *error) CXAPIAN_NOEXCEPT;
bool CXapian_database_begin_transaction(CXapianDatabase *db, bool flushed, CXapianError *error) CXAPIAN_NOEXCEPT;
bool CXapian_database_commit_transaction(CXapianDatabase *db, CXapianError *error) CXAPIAN_NOEXCEPT;
bool CXapian_database_cancel_transaction(CXapianDatabase *db, CXapianError *error) CXAPIAN_NOEXCEPT;
uint32_t CXapian_database_add_document(CXapianDatabase *db, const CXapianDocument *doc, CXapianError *error) CXAPIAN_NOEXCEPT;
/// Replaces the documents indexed by `unique_term` with `doc` (adds it when there is none).
uint32_t CXapian_database_replace_document_by_term(CXapianDatabase *db, const char *unique_term, size_t term_len, const CXapianDocument *doc, CXapianError *error) CXAPIAN_NOEXCEPT;
/* Replaces (or adds with that id) document `docid`. Unlike the by-term form it opens no
   postlist, so it does not flush the writer's buffered postings and positions. */
bool CXapian_database_replace_document(CXapianDatabase *db, uint32_t docid, const CXapianDocument *doc, CXapianError *error) CXAPIAN_NOEXCEPT;
bool CXapian_database_delete_document_by_term(CXapianDatabase *db, const char *unique_term, size_t term_len, CXapianError *error) CXAPIAN_NOEXCEPT;
bool CXapian_database_delete_document(CXapianDatabase *db, uint32_t docid, CXapianError *error) CXAPIAN_NOEXCEPT;
bool CXapian_database_set_metadata(CXapianDatabase *db, const char *key, size_t key_len, const char *value, size_t value_len, CXapianError *error) CXAPIAN_NOEXCEPT;
/// Adds `freqinc` to the spelling frequency of `word` (WritableDatabase::add_spelling).
bool CXapian_database_add_spelling(CXapianDatabase *db, const char *word, size_t word_len, uint32_t freqinc, CXapianError *error) CXAPIAN_NOEXCEPT;
/* Spelling additions gathered for one commit: WritableDatabase::add_spelling looks each word
   up in a std::map of the batch's changes (and, the first time, in the B-tree), so adding the
   words of every document one call at a time costs more than adding each distinct word once. */
CXapianSpellingBatch *CXapian_spelling_batch_new(CXapianError *error) CXAPIAN_NOEXCEPT;
void CXapian_spelling_batch_free(CXapianSpellingBatch *batch) CXAPIAN_NOEXCEPT;
/// Adds every term of `doc` without a prefix (Xapian's convention: a prefix starts with an
/// ASCII capital), with its wdf: what TermGenerator's FLAG_SPELLING adds for unprefixed text.
bool CXapian_spelling_batch_add_unprefixed_terms(CXapianSpellingBatch *batch, const CXapianDocument *doc, CXapianError *error) CXAPIAN_NOEXCEPT;
/// Adds `from`'s words and counts to `into`.
bool CXapian_spelling_batch_merge(CXapianSpellingBatch *into, const CXapianSpellingBatch *from, CXapianError *error) CXAPIAN_NOEXCEPT;
/// Words held: distinct once merged; a word of several documents not merged yet counts once per document.
size_t CXapian_spelling_batch_count(const CXapianSpellingBatch *batch) CXAPIAN_NOEXCEPT;
/// Adds each word of `batch` to the spelling table once, in byte order, and empties `batch`
/// (on an error the words not yet added stay in it).
bool CXapian_database_add_spelling_batch(CXapianDatabase *db, CXapianSpellingBatch *batch, CXapianError *error) CXAPIAN_NOEXCEPT;
bool CXapian_database_add_synonym(CXapianDatabase *db, const char *term, size_t term_len, const char *synonym, size_t synonym_len, CXapianError *error) CXAPIAN_NOEXCEPT;

// MARK: - Term lists (database.cpp)

/// Number of entries; entries are read by index.
size_t CXapian_termlist_count(const CXapianTermList *list) CXAPIAN_NOEXCEPT;
CXapianString CXapian_termlist_term(const CXapianTermList *list, size_t index) CXAPIAN_NOEXCEPT;
uint32_t CXapian_termlist_freq(const CXapianTermList *list, size_t index) CXAPIAN_NOEXCEPT;
void CXapian_termlist_free(CXapianTermList *list) CXAPIAN_NOEXCEPT;

// MARK: - Document (document.cpp)

CXapianDocument *CXapian_document_new(CXapianError *error) CXAPIAN_NOEXCEPT;
void CXapian_document_free(CXapianDocument *doc) CXAPIAN_NOEXCEPT;
uint32_t CXapian_document_docid(const CXapianDocument *doc) CXAPIAN_NOEXCEPT;
bool CXapian_document_set_data(CXapianDocument *doc, const char *data, size_t len, CXapianError *error) CXAPIAN_NOEXCEPT;
CXapianString CXapian_document_get_data(const CXapianDocument *doc, CXapianError *error) CXAPIAN_NOEXCEPT;
/// Raises InvalidArgumentError for an empty term; terms over 245 bytes fail at commit time,
/// so callers must keep terms short (the wrapper checks).
bool CXapian_document_add_term(CXapianDocument *doc, const char *term, size_t len, uint32_t wdf_inc, CXapianError *error) CXAPIAN_NOEXCEPT;
bool CXapian_document_add_boolean_term(CXapianDocument *doc, const char *term, size_t len, CXapianError *error) CXAPIAN_NOEXCEPT;
bool CXapian_document_set_value(CXapianDocument *doc, uint32_t slot, const char *value, size_t len, CXapianError *error) CXAPIAN_NOEXCEPT;
CXapianString CXapian_document_get_value(const CXapianDocument *doc, uint32_t slot, CXapianError *error) CXAPIAN_NOEXCEPT;
/// The document's terms starting with `prefix` (wdf in freq).
CXapianTermList *CXapian_document_terms(const CXapianDocument *doc, const char *prefix, size_t prefix_len, CXapianError *error) CXAPIAN_NOEXCEPT;

// MARK: - Stem, Stopper, TermGenerator (text.cpp)

/// Raises InvalidArgumentError for an unknown language.
CXapianStem *CXapian_stem_new(const char *language, size_t len, CXapianError *error) CXAPIAN_NOEXCEPT;
void CXapian_stem_free(CXapianStem *stem) CXAPIAN_NOEXCEPT;
CXapianString CXapian_stem_apply(const CXapianStem *stem, const char *word, size_t len, CXapianError *error) CXAPIAN_NOEXCEPT;

CXapianStopper *CXapian_stopper_new(CXapianError *error) CXAPIAN_NOEXCEPT;
void CXapian_stopper_free(CXapianStopper *stopper) CXAPIAN_NOEXCEPT;
bool CXapian_stopper_add(CXapianStopper *stopper, const char *word, size_t len, CXapianError *error) CXAPIAN_NOEXCEPT;
/// Adds every word of `words`, which holds them separated by NUL bytes (one call for a list).
bool CXapian_stopper_add_all(CXapianStopper *stopper, const char *words, size_t len, CXapianError *error) CXAPIAN_NOEXCEPT;
bool CXapian_stopper_contains(const CXapianStopper *stopper, const char *word, size_t len) CXAPIAN_NOEXCEPT;

/// Stemming strategies, values of Xapian::TermGenerator::stem_strategy / QueryParser's.
typedef enum CXapianStemStrategy {
    CXAPIAN_STEM_NONE = 0,
    CXAPIAN_STEM_SOME = 1,
    CXAPIAN_STEM_ALL = 2,
    CXAPIAN_STEM_ALL_Z = 3,
    CXAPIAN_STEM_SOME_FULL_POS = 4,
} CXapianStemStrategy;

CXapianTermGenerator *CXapian_termgenerator_new(CXapianError *error) CXAPIAN_NOEXCEPT;
void CXapian_termgenerator_free(CXapianTermGenerator *tg) CXAPIAN_NOEXCEPT;
/// The stemmer and stopper are copied (Xapian reference-counts them).
bool CXapian_termgenerator_set_stemmer(CXapianTermGenerator *tg, const CXapianStem *stem, CXapianError *error) CXAPIAN_NOEXCEPT;
bool CXapian_termgenerator_set_stopper(CXapianTermGenerator *tg, const CXapianStopper *stopper, CXapianError *error) CXAPIAN_NOEXCEPT;
bool CXapian_termgenerator_set_stemming_strategy(CXapianTermGenerator *tg, int32_t strategy, CXapianError *error) CXAPIAN_NOEXCEPT;
/// Flags of Xapian::TermGenerator (FLAG_SPELLING = 128 needs a writable database set).
bool CXapian_termgenerator_set_flags(CXapianTermGenerator *tg, int32_t flags, CXapianError *error) CXAPIAN_NOEXCEPT;
bool CXapian_termgenerator_set_database(CXapianTermGenerator *tg, CXapianDatabase *db, CXapianError *error) CXAPIAN_NOEXCEPT;
/// The document receives the terms; it must stay alive while text is indexed into it.
bool CXapian_termgenerator_set_document(CXapianTermGenerator *tg, CXapianDocument *doc, CXapianError *error) CXAPIAN_NOEXCEPT;
bool CXapian_termgenerator_index_text(CXapianTermGenerator *tg, const char *text, size_t len, uint32_t wdf_inc, const char *prefix, size_t prefix_len, bool with_positions, CXapianError *error) CXAPIAN_NOEXCEPT;
bool CXapian_termgenerator_increase_termpos(CXapianTermGenerator *tg, uint32_t delta, CXapianError *error) CXAPIAN_NOEXCEPT;
uint32_t CXapian_termgenerator_get_termpos(const CXapianTermGenerator *tg) CXAPIAN_NOEXCEPT;

// MARK: - Query (query.cpp)

/// Operators, values of Xapian::Query::op.
typedef enum CXapianQueryOp {
    CXAPIAN_OP_AND = 0,
    CXAPIAN_OP_OR = 1,
    CXAPIAN_OP_AND_NOT = 2,
    CXAPIAN_OP_XOR = 3,
    CXAPIAN_OP_AND_MAYBE = 4,
    CXAPIAN_OP_FILTER = 5,
    CXAPIAN_OP_NEAR = 6,
    CXAPIAN_OP_PHRASE = 7,
    CXAPIAN_OP_ELITE_SET = 10,
    CXAPIAN_OP_SYNONYM = 13,
    CXAPIAN_OP_MAX = 14,
} CXapianQueryOp;

/// The empty query (matches nothing).
CXapianQuery *CXapian_query_new_empty(CXapianError *error) CXAPIAN_NOEXCEPT;
/// The query matching every document.
CXapianQuery *CXapian_query_new_match_all(CXapianError *error) CXAPIAN_NOEXCEPT;
CXapianQuery *CXapian_query_new_term(const char *term, size_t len, uint32_t wqf, CXapianError *error) CXAPIAN_NOEXCEPT;
/// Combines subqueries; `window` is for NEAR/PHRASE (0 = number of subqueries), or the
/// set size for ELITE_SET. Raises InvalidArgumentError for a bad operator.
CXapianQuery *CXapian_query_new_combine(int32_t op, const CXapianQuery *const *subqueries, size_t count, uint32_t window, CXapianError *error) CXAPIAN_NOEXCEPT;
/// Documents whose value in `slot` lies in [begin, end] (string order).
CXapianQuery *CXapian_query_new_value_range(uint32_t slot, const char *begin, size_t begin_len, const char *end, size_t end_len, CXapianError *error) CXAPIAN_NOEXCEPT;
/// Multiplies the weight of `query` by `factor` (>= 0): Xapian::Query::OP_SCALE_WEIGHT.
CXapianQuery *CXapian_query_new_scaled(const CXapianQuery *query, double factor, CXapianError *error) CXAPIAN_NOEXCEPT;
/// Terms starting with `pattern`, OR-ed, limited to `max_expansion` terms (0 = no limit);
/// exceeding the limit raises WildcardError when the query runs.
CXapianQuery *CXapian_query_new_wildcard(const char *pattern, size_t len, uint32_t max_expansion, CXapianError *error) CXAPIAN_NOEXCEPT;
/// Every document, each with the same weight `weight` (Xapian::FixedWeightPostingSource);
/// combined with FILTER it adds a constant to the documents of another query.
CXapianQuery *CXapian_query_new_fixed_weight(double weight, CXapianError *error) CXAPIAN_NOEXCEPT;
void CXapian_query_free(CXapianQuery *query) CXAPIAN_NOEXCEPT;
bool CXapian_query_is_empty(const CXapianQuery *query) CXAPIAN_NOEXCEPT;
CXapianString CXapian_query_description(const CXapianQuery *query) CXAPIAN_NOEXCEPT;
/// Query::serialise: bytes from which `CXapian_query_unserialise` rebuilds an equal query (e.g. on
/// another thread: a Query's reference counts are not atomic, so one object must not be shared).
CXapianString CXapian_query_serialise(const CXapianQuery *query, CXapianError *error) CXAPIAN_NOEXCEPT;
/// Query::unserialise with the default registry (Xapian's own posting sources and weights).
CXapianQuery *CXapian_query_unserialise(const char *data, size_t len, CXapianError *error) CXAPIAN_NOEXCEPT;
/// The distinct terms of the query (wildcards unexpanded), in query order.
CXapianTermList *CXapian_query_terms(const CXapianQuery *query, CXapianError *error) CXAPIAN_NOEXCEPT;

// MARK: - QueryParser (queryparser.cpp)

CXapianQueryParser *CXapian_queryparser_new(CXapianError *error) CXAPIAN_NOEXCEPT;
void CXapian_queryparser_free(CXapianQueryParser *qp) CXAPIAN_NOEXCEPT;
bool CXapian_queryparser_set_stemmer(CXapianQueryParser *qp, const CXapianStem *stem, CXapianError *error) CXAPIAN_NOEXCEPT;
bool CXapian_queryparser_set_stopper(CXapianQueryParser *qp, const CXapianStopper *stopper, CXapianError *error) CXAPIAN_NOEXCEPT;
bool CXapian_queryparser_set_stemming_strategy(CXapianQueryParser *qp, int32_t strategy, CXapianError *error) CXAPIAN_NOEXCEPT;
bool CXapian_queryparser_set_default_op(CXapianQueryParser *qp, int32_t op, CXapianError *error) CXAPIAN_NOEXCEPT;
/// Needed for wildcards, spelling correction and synonyms.
bool CXapian_queryparser_set_database(CXapianQueryParser *qp, CXapianDatabase *db, CXapianError *error) CXAPIAN_NOEXCEPT;
bool CXapian_queryparser_add_prefix(CXapianQueryParser *qp, const char *field, size_t field_len, const char *prefix, size_t prefix_len, CXapianError *error) CXAPIAN_NOEXCEPT;
bool CXapian_queryparser_set_max_expansion(CXapianQueryParser *qp, uint32_t max_expansion, CXapianError *error) CXAPIAN_NOEXCEPT;
/// Raises QueryParserError for malformed input. `flags` are Xapian::QueryParser flags.
CXapianQuery *CXapian_queryparser_parse(CXapianQueryParser *qp, const char *query, size_t len, uint32_t flags, const char *default_prefix, size_t default_prefix_len, CXapianError *error) CXAPIAN_NOEXCEPT;
/// After parse with FLAG_SPELLING_CORRECTION: the corrected query string, or "".
CXapianString CXapian_queryparser_corrected_query(const CXapianQueryParser *qp, CXapianError *error) CXAPIAN_NOEXCEPT;

// MARK: - Enquire, MSet, ESet, ValueCountMatchSpy (enquire.cpp; value parts: valueparts.cpp)

CXapianEnquire *CXapian_enquire_new(CXapianDatabase *db, CXapianError *error) CXAPIAN_NOEXCEPT;
void CXapian_enquire_free(CXapianEnquire *enquire) CXAPIAN_NOEXCEPT;
bool CXapian_enquire_set_query(CXapianEnquire *enquire, const CXapianQuery *query, CXapianError *error) CXAPIAN_NOEXCEPT;
bool CXapian_enquire_set_sort_by_relevance(CXapianEnquire *enquire, CXapianError *error) CXAPIAN_NOEXCEPT;
/// Sort by the value in `slot` (string order); `then_relevance` breaks ties by weight.
bool CXapian_enquire_set_sort_by_value(CXapianEnquire *enquire, uint32_t slot, bool reverse, bool then_relevance, CXapianError *error) CXAPIAN_NOEXCEPT;
/// Keep at most `max` documents per distinct value of `slot` (empty values never collapse).
bool CXapian_enquire_set_collapse_key(CXapianEnquire *enquire, uint32_t slot, uint32_t max, CXapianError *error) CXAPIAN_NOEXCEPT;
bool CXapian_enquire_set_cutoff(CXapianEnquire *enquire, int32_t percent_cutoff, double weight_cutoff, CXapianError *error) CXAPIAN_NOEXCEPT;
/// Xapian::BoolWeight: every match weighs 0 (a pass that only counts needs no ranking).
bool CXapian_enquire_set_weighting_bool(CXapianEnquire *enquire, CXapianError *error) CXAPIAN_NOEXCEPT;
/// Xapian::Enquire::set_docid_order: 0 ascending, 1 descending, 2 don't care.
bool CXapian_enquire_set_docid_order(CXapianEnquire *enquire, int32_t order, CXapianError *error) CXAPIAN_NOEXCEPT;
/// The spy is referenced, not copied: it must outlive get_mset calls. A built-in spy, so it
/// also runs on remote shards (a stock xapian-tcpsrv knows it) and its counts are merged.
bool CXapian_enquire_add_valuecountspy(CXapianEnquire *enquire, CXapianValueCountSpy *spy, CXapianError *error) CXAPIAN_NOEXCEPT;
bool CXapian_enquire_clear_matchspies(CXapianEnquire *enquire, CXapianError *error) CXAPIAN_NOEXCEPT;
/// Raises DatabaseModifiedError (reopen and retry), WildcardError (expansion limit).
CXapianMSet *CXapian_enquire_get_mset(CXapianEnquire *enquire, uint32_t first, uint32_t maxitems, uint32_t check_at_least, CXapianError *error) CXAPIAN_NOEXCEPT;
/// Terms that best describe the given documents (relevance-set expansion), skipping terms
/// that start with any byte of `skip_prefix_bytes` (e.g. "QDMYXZ" to keep plain words).
CXapianESet *CXapian_enquire_get_eset(CXapianEnquire *enquire, const uint32_t *docids, size_t count, uint32_t maxitems, const char *skip_prefix_bytes, size_t skip_len, CXapianError *error) CXAPIAN_NOEXCEPT;

void CXapian_mset_free(CXapianMSet *mset) CXAPIAN_NOEXCEPT;
uint32_t CXapian_mset_size(const CXapianMSet *mset) CXAPIAN_NOEXCEPT;
uint32_t CXapian_mset_matches_estimated(const CXapianMSet *mset) CXAPIAN_NOEXCEPT;
uint32_t CXapian_mset_matches_lower_bound(const CXapianMSet *mset) CXAPIAN_NOEXCEPT;
uint32_t CXapian_mset_matches_upper_bound(const CXapianMSet *mset) CXAPIAN_NOEXCEPT;
uint32_t CXapian_mset_docid(const CXapianMSet *mset, uint32_t index, CXapianError *error) CXAPIAN_NOEXCEPT;
uint32_t CXapian_mset_rank(const CXapianMSet *mset, uint32_t index, CXapianError *error) CXAPIAN_NOEXCEPT;
double CXapian_mset_weight(const CXapianMSet *mset, uint32_t index, CXapianError *error) CXAPIAN_NOEXCEPT;
int32_t CXapian_mset_percent(const CXapianMSet *mset, uint32_t index, CXapianError *error) CXAPIAN_NOEXCEPT;
uint32_t CXapian_mset_collapse_count(const CXapianMSet *mset, uint32_t index, CXapianError *error) CXAPIAN_NOEXCEPT;
CXapianDocument *CXapian_mset_document(const CXapianMSet *mset, uint32_t index, CXapianError *error) CXAPIAN_NOEXCEPT;
/// Xapian::MSet::snippet over `text` with `stem`; flags are Xapian::MSet::SNIPPET_*.
CXapianString CXapian_mset_snippet(const CXapianMSet *mset, const char *text, size_t len, size_t length, const CXapianStem *stem, uint32_t flags, const char *hi_start, size_t hi_start_len, const char *hi_end, size_t hi_end_len, const char *omit, size_t omit_len, CXapianError *error) CXAPIAN_NOEXCEPT;

// MARK: - Snippets with a lasting term-frequency cache (snippet.cpp)

/// Term frequencies for snippets' background model, kept for one revision of one database
/// (emptied when the database it answers for moves on). One thread at a time.
typedef struct CXapianTermFreqCache CXapianTermFreqCache;
/// The frequency of `term` in `db` as snippets read it through `cache` (table, cache, database).
uint32_t CXapian_termfreq_cache_frequency(CXapianTermFreqCache *cache, const CXapianDatabase *db, const char *term, size_t len, CXapianError *error) CXAPIAN_NOEXCEPT;
/// `table_key` (may be empty): the metadata key of a frequency table the cache reads first.
CXapianTermFreqCache *CXapian_termfreq_cache_new(const char *table_key, size_t table_key_len) CXAPIAN_NOEXCEPT;
/// Writes into `db`'s metadata at `key` the frequencies of up to `max_terms` of its commonest
/// unprefixed terms (chosen the first time, when it holds `min_documents` documents; kept
/// after), as they will be in the next commit, for which alone the table is valid. Call just
/// before committing. Returns the terms written (0: none yet), -1 on error.
int32_t CXapian_termfreq_table_write(CXapianDatabase *db, const char *key, size_t key_len, uint32_t max_terms, uint32_t min_documents, CXapianError *error) CXAPIAN_NOEXCEPT;
void CXapian_termfreq_cache_free(CXapianTermFreqCache *cache) CXAPIAN_NOEXCEPT;
/// Lookups asked of the cache, those it had to read from the database, words it holds.
void CXapian_termfreq_cache_statistics(const CXapianTermFreqCache *cache, uint64_t *lookups, uint64_t *misses, uint64_t *entries, uint64_t *table_hits, uint64_t *table_terms) CXAPIAN_NOEXCEPT;
/// The snippet Xapian::MSet::snippet would make, its term frequencies read through `cache`
/// (NULL: from the database, as Xapian does). A database of several shards is never cached.
CXapianString CXapian_mset_snippet_cached(const CXapianMSet *mset, CXapianTermFreqCache *cache, const char *text, size_t len, size_t length, const CXapianStem *stem, uint32_t flags, const char *hi_start, size_t hi_start_len, const char *hi_end, size_t hi_end_len, const char *omit, size_t omit_len, CXapianError *error) CXAPIAN_NOEXCEPT;

void CXapian_eset_free(CXapianESet *eset) CXAPIAN_NOEXCEPT;
uint32_t CXapian_eset_size(const CXapianESet *eset) CXAPIAN_NOEXCEPT;
CXapianString CXapian_eset_term(const CXapianESet *eset, uint32_t index) CXAPIAN_NOEXCEPT;
double CXapian_eset_weight(const CXapianESet *eset, uint32_t index) CXAPIAN_NOEXCEPT;

/// Xapian::ValueCountMatchSpy over value `slot`: counts each distinct non-empty value of the
/// slot over the documents a match considers (one value per slot per document).
CXapianValueCountSpy *CXapian_valuecountspy_new(uint32_t slot, CXapianError *error) CXAPIAN_NOEXCEPT;
void CXapian_valuecountspy_free(CXapianValueCountSpy *spy) CXAPIAN_NOEXCEPT;
/// Documents seen by the spy (ValueCountMatchSpy::get_total).
uint32_t CXapian_valuecountspy_total(const CXapianValueCountSpy *spy) CXAPIAN_NOEXCEPT;
/// Every value counted, in byte order, with its count as the frequency.
CXapianTermList *CXapian_valuecountspy_values(const CXapianValueCountSpy *spy, CXapianError *error) CXAPIAN_NOEXCEPT;
/// Runs the enquire's query for counting (get_mset(0, 0, check_at_least)) and counts, over
/// the matches, the parts of the values in `slots` split at `separator` (a slot holding
/// several values of a document). Parts are grouped by their first byte (a tag); each group
/// keeps its `limit_per_group` most frequent parts (0: all), most frequent first, ties in byte
/// order; groups in byte order of the tag. Local shards are counted by a spy of the shim's;
/// when a remote shard refuses it (UnimplementedError), by Xapian's built-in
/// ValueCountMatchSpy per slot, whole values split afterwards (`used_builtin` says so; may be
/// NULL). The counts are the same either way. `matches` receives the MSet's
/// matches_lower_bound (may be NULL). Raises what get_mset raises.
CXapianTermList *CXapian_enquire_count_value_parts(CXapianEnquire *enquire, const uint32_t *slots, size_t nslots, char separator, uint32_t check_at_least, uint32_t limit_per_group, uint32_t *matches, bool *used_builtin, CXapianError *error) CXAPIAN_NOEXCEPT;

/// Facet columns: the parts of `slots` (split at `separator`) of every document of `db`, read
/// once through Xapian's value streams and kept as numbers, for counting many queries over one
/// revision. Only a database of one (local) sub-database has one: otherwise the build raises
/// (InvalidOperationError from get_revision, or what the value streams raise).
typedef struct CXapianFacetColumn CXapianFacetColumn;
CXapianFacetColumn *CXapian_facet_column_build(CXapianDatabase *db, const uint32_t *slots, size_t nslots, char separator, CXapianError *error) CXAPIAN_NOEXCEPT;
void CXapian_facet_column_free(CXapianFacetColumn *column) CXAPIAN_NOEXCEPT;
/// Memory the column holds, in bytes (approximate: the id arrays and the names).
uint64_t CXapian_facet_column_bytes(const CXapianFacetColumn *column) CXAPIAN_NOEXCEPT;
/// Whether `db` is open at the revision (and is the database) the column was built from.
bool CXapian_facet_column_matches(const CXapianFacetColumn *column, CXapianDatabase *db, CXapianError *error) CXAPIAN_NOEXCEPT;
/// CXapian_enquire_count_value_parts with the column instead of reading values: the same
/// counts when the enquire's database is the column's (same revision). Every slot asked for
/// must be in the column (InvalidArgumentError otherwise).
CXapianTermList *CXapian_enquire_count_column(CXapianEnquire *enquire, const CXapianFacetColumn *column, const uint32_t *slots, size_t nslots, uint32_t check_at_least, uint32_t limit_per_group, uint32_t *matches, CXapianError *error) CXAPIAN_NOEXCEPT;

#ifdef __cplusplus
}
#endif

#endif
