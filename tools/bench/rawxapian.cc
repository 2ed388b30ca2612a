// The benchmark's reference: what plain Xapian does with the same files, no extraction.
//
//   rawxapian index DB DIR          index every *.txt under DIR (sorted), one document per file:
//                                   TermGenerator, Russian stemmer, STEM_SOME, positions, the
//                                   text as document data, the date from the file name
//                                   (YYYY-MM-DD-…) as value 0 (YYYYMMDD) and value 1 (YYYY),
//                                   commit every 1000 documents. Prints docs, seconds.
//   rawxapian search DB [--facets] QUERY
//                                   one query as a process: QueryParser (default OR, Russian
//                                   stemmer, date:A..B on value 0), top 10 with a 320-byte
//                                   snippet each; --facets adds a ValueCountMatchSpy on value 1
//                                   over every match (check_at_least = doccount).
//   rawxapian bench DB REPS FILE    every line of FILE is "f<TAB>query" (f = 1 with facets),
//                                   run REPS times in one process; prints one line per run:
//                                   facets<TAB>milliseconds.
//
// Build: g++ -O2 -std=c++17 rawxapian.cc $(pkg-config --cflags --libs xapian-core) -o rawxapian
#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;

static const char *const STOPWORDS[] = {
    "а", "без", "бы", "в", "во", "для", "до", "же", "за", "и", "из", "изо", "или", "к", "ко",
    "как", "ли", "либо", "лишь", "между", "на", "над", "не", "ни", "но", "о", "об", "обо",
    "от", "ото", "перед", "по", "под", "при", "про", "с", "со", "также", "то", "у", "через",
    "что", "чтобы", "это", "уже", "ещё", "еще",
};

static Xapian::SimpleStopper *make_stopper() {
    auto *s = new Xapian::SimpleStopper();
    for (const char *w : STOPWORDS) s->add(w);
    return s;
}

static int index_dir(const char *db_path, const char *dir) {
    std::vector<fs::path> files;
    for (const auto &e : fs::recursive_directory_iterator(dir))
        if (e.is_regular_file() && e.path().extension() == ".txt") files.push_back(e.path());
    std::sort(files.begin(), files.end());
    auto start = std::chrono::steady_clock::now();
    Xapian::WritableDatabase db(db_path, Xapian::DB_CREATE_OR_OVERWRITE);
    Xapian::TermGenerator tg;
    tg.set_stemmer(Xapian::Stem("russian"));
    tg.set_stopper(make_stopper());
    tg.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
    size_t n = 0, bytes = 0;
    for (const auto &p : files) {
        std::ifstream in(p, std::ios::binary);
        std::stringstream ss;
        ss << in.rdbuf();
        std::string text = ss.str();
        bytes += text.size();
        Xapian::Document doc;
        tg.set_document(doc);
        tg.index_text(text);
        doc.set_data(text);
        std::string name = p.filename().string();
        if (name.size() >= 10 && name[4] == '-' && name[7] == '-') {
            doc.add_value(0, name.substr(0, 4) + name.substr(5, 2) + name.substr(8, 2));
            doc.add_value(1, name.substr(0, 4));
        }
        std::string id = "Q" + fs::relative(p, dir).string();
        doc.add_boolean_term(id);
        db.replace_document(id, doc);
        if (++n % 1000 == 0) db.commit();
    }
    db.commit();
    double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::printf("indexed %zu docs, %zu bytes in %.2f s\n", n, bytes, s);
    return 0;
}

struct Searcher {
    Xapian::Database db;
    Xapian::Stem stem{"russian"};
    Xapian::QueryParser qp;
    Xapian::RangeProcessor dates{0, "date:"};
    explicit Searcher(const char *path) : db(path) {
        qp.set_database(db);
        qp.set_stemmer(stem);
        qp.set_stopper(make_stopper());
        qp.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
        qp.set_default_op(Xapian::Query::OP_OR);
        qp.add_rangeprocessor(&dates);
    }
    // Returns the match count; prints hits when out is set.
    Xapian::doccount run(const std::string &q, bool facets, FILE *out) {
        unsigned flags = Xapian::QueryParser::FLAG_DEFAULT | Xapian::QueryParser::FLAG_WILDCARD |
                         Xapian::QueryParser::FLAG_PURE_NOT;
        Xapian::Query query = qp.parse_query(q, flags);
        Xapian::Enquire enquire(db);
        enquire.set_query(query);
        Xapian::ValueCountMatchSpy spy(1);
        if (facets) enquire.add_matchspy(&spy);
        Xapian::MSet mset = enquire.get_mset(0, 10, facets ? db.get_doccount() : 1000);
        for (auto it = mset.begin(); it != mset.end(); ++it) {
            std::string data = it.get_document().get_data();
            // The flags bulletin uses (Searcher.snippetFlags): no background model.
            std::string snip = mset.snippet(data, 320, stem, Xapian::MSet::SNIPPET_EXHAUSTIVE);
            if (out) std::fprintf(out, "%u %s\n", *it, snip.c_str());
        }
        if (facets && out)
            for (auto v = spy.top_values_begin(20); v != spy.top_values_end(20); ++v)
                std::fprintf(out, "facet %s %u\n", (*v).c_str(), v.get_termfreq());
        if (out) std::fprintf(out, "%u matches\n", mset.get_matches_estimated());
        return mset.get_matches_estimated();
    }
};

int main(int argc, char **argv) {
    try {
        if (argc == 4 && std::strcmp(argv[1], "index") == 0) return index_dir(argv[2], argv[3]);
        if (argc >= 4 && std::strcmp(argv[1], "search") == 0) {
            bool facets = argc == 5 && std::strcmp(argv[3], "--facets") == 0;
            Searcher s(argv[2]);
            s.run(argv[argc - 1], facets, stdout);
            return 0;
        }
        if (argc == 5 && std::strcmp(argv[1], "bench") == 0) {
            Searcher s(argv[2]);
            int reps = std::atoi(argv[3]);
            std::ifstream in(argv[4]);
            std::vector<std::pair<bool, std::string>> queries;
            for (std::string line; std::getline(in, line);) {
                auto tab = line.find('\t');
                if (tab == std::string::npos) continue;
                queries.emplace_back(line[0] == '1', line.substr(tab + 1));
            }
            for (int r = 0; r < reps; ++r)
                for (const auto &[facets, q] : queries) {
                    auto t0 = std::chrono::steady_clock::now();
                    s.run(q, facets, nullptr);
                    double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
                    std::printf("%d\t%.3f\n", facets ? 1 : 0, ms);
                }
            return 0;
        }
        std::fprintf(stderr, "usage: rawxapian index DB DIR | search DB [--facets] QUERY | bench DB REPS FILE\n");
        return 2;
    } catch (const Xapian::Error &e) {
        std::fprintf(stderr, "rawxapian: %s\n", e.get_description().c_str());
        return 1;
    }
}
