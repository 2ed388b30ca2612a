// The Swift wrapper (Sources/Xapian) passes Xapian's flag and enum values as plain numbers
// through the C header. Each number it uses is checked here against Xapian's own header, so
// a Xapian that renumbers one fails the build instead of changing behaviour.
#include "internal.h"

// QueryParser::feature_flag (Xapian/QueryParser.swift, QueryParser.Flags)
static_assert(Xapian::QueryParser::FLAG_BOOLEAN == 1, "QueryParser.Flags.boolean");
static_assert(Xapian::QueryParser::FLAG_PHRASE == 2, "QueryParser.Flags.phrase");
static_assert(Xapian::QueryParser::FLAG_LOVEHATE == 4, "QueryParser.Flags.loveHate");
static_assert(Xapian::QueryParser::FLAG_BOOLEAN_ANY_CASE == 8, "QueryParser.Flags.booleanAnyCase");
static_assert(Xapian::QueryParser::FLAG_WILDCARD == 16, "QueryParser.Flags.wildcard");
static_assert(Xapian::QueryParser::FLAG_PURE_NOT == 32, "QueryParser.Flags.pureNot");
static_assert(Xapian::QueryParser::FLAG_PARTIAL == 64, "QueryParser.Flags.partial");
static_assert(Xapian::QueryParser::FLAG_SPELLING_CORRECTION == 128, "QueryParser.Flags.spellingCorrection");
static_assert(Xapian::QueryParser::FLAG_SYNONYM == 256, "QueryParser.Flags.synonym");
static_assert(Xapian::QueryParser::FLAG_AUTO_SYNONYMS == 512, "QueryParser.Flags.autoSynonyms");
static_assert(Xapian::QueryParser::FLAG_AUTO_MULTIWORD_SYNONYMS == 1024, "QueryParser.Flags.autoMultiwordSynonyms");

// stem_strategy (Xapian/Text.swift, StemStrategy), the same numbers for TermGenerator and QueryParser
static_assert(Xapian::TermGenerator::STEM_NONE == 0 && Xapian::QueryParser::STEM_NONE == 0, "StemStrategy.none");
static_assert(Xapian::TermGenerator::STEM_SOME == 1 && Xapian::QueryParser::STEM_SOME == 1, "StemStrategy.some");
static_assert(Xapian::TermGenerator::STEM_ALL == 2 && Xapian::QueryParser::STEM_ALL == 2, "StemStrategy.all");
static_assert(Xapian::TermGenerator::STEM_ALL_Z == 3 && Xapian::QueryParser::STEM_ALL_Z == 3, "StemStrategy.allZ");
static_assert(Xapian::TermGenerator::STEM_SOME_FULL_POS == 4 && Xapian::QueryParser::STEM_SOME_FULL_POS == 4, "StemStrategy.someFullPositions");

// TermGenerator flags (TermGenerator.Flags)
static_assert(Xapian::TermGenerator::FLAG_SPELLING == 128, "TermGenerator.Flags.spelling");
static_assert(Xapian::TermGenerator::FLAG_CJK_NGRAM == 2048, "TermGenerator.Flags.cjkNgram");

// Query::op (Xapian/Query.swift, Query.Operator)
static_assert(Xapian::Query::OP_AND == 0, "Query.Operator.and");
static_assert(Xapian::Query::OP_OR == 1, "Query.Operator.or");
static_assert(Xapian::Query::OP_AND_NOT == 2, "Query.Operator.andNot");
static_assert(Xapian::Query::OP_XOR == 3, "Query.Operator.xor");
static_assert(Xapian::Query::OP_AND_MAYBE == 4, "Query.Operator.andMaybe");
static_assert(Xapian::Query::OP_FILTER == 5, "Query.Operator.filter");
static_assert(Xapian::Query::OP_NEAR == 6, "Query.Operator.near");
static_assert(Xapian::Query::OP_PHRASE == 7, "Query.Operator.phrase");
static_assert(Xapian::Query::OP_ELITE_SET == 10, "Query.Operator.eliteSet");
static_assert(Xapian::Query::OP_SYNONYM == 13, "Query.Operator.synonym");
static_assert(Xapian::Query::OP_MAX == 14, "Query.Operator.max");

// MSet::snippet flags (Xapian/Enquire.swift, MSet.SnippetFlags)
static_assert(Xapian::MSet::SNIPPET_BACKGROUND_MODEL == 1, "SnippetFlags.backgroundModel");
static_assert(Xapian::MSet::SNIPPET_EXHAUSTIVE == 2, "SnippetFlags.exhaustive");
static_assert(Xapian::MSet::SNIPPET_EMPTY_WITHOUT_MATCH == 4, "SnippetFlags.emptyWithoutMatch");
