// Tests for the decentdb_open options parser (db/options.h, ENGINE.md §11.3): defaults,
// case-insensitive keys, size suffixes, bare cache_size in pages, and ERR_MISUSE for
// unknown keys and bad values, both directly and through decentdb_open.
#include <string>

#include "db/options.h"
#include "decentdb.h"
#include "harness/test.h"

using namespace decentdb;

TEST(Options, NullAndEmptyGiveDefaults) {
  ConnectionOptions o;
  ASSERT_OK(ParseOptions(nullptr, &o));
  EXPECT_EQ(o.engine.cache_bytes, 32ull << 20);
  EXPECT_TRUE(o.engine.sync == SyncMode::kFull);
  EXPECT_EQ(o.engine.page_size, 4096u);
  EXPECT_EQ(o.busy_timeout_ms, 5000);
  EXPECT_FALSE(o.read_only);
  EXPECT_TRUE(o.create);
  ASSERT_OK(ParseOptions("", &o));
  ASSERT_OK(ParseOptions(" ; ;", &o));
  EXPECT_EQ(o.engine.cache_bytes, 32ull << 20);
}

TEST(Options, KeysAreCaseInsensitiveAndBlanksAreTrimmed) {
  ConnectionOptions o;
  ASSERT_OK(ParseOptions(" Busy_Timeout_MS = 250 ;READ_ONLY=TRUE;Create=false;", &o));
  EXPECT_EQ(o.busy_timeout_ms, 250);
  EXPECT_TRUE(o.read_only);
  EXPECT_FALSE(o.create);
}

TEST(Options, SizesAcceptSuffixesAndBareCacheSizeIsPages) {
  ConnectionOptions o;
  ASSERT_OK(ParseOptions("cache_size=64MB;checkpoint_threshold=512kb;wal_size_limit=1GB", &o));
  EXPECT_EQ(o.engine.cache_bytes, 64ull << 20);
  EXPECT_EQ(o.engine.checkpoint_threshold, 512ull << 10);
  EXPECT_EQ(o.engine.wal_size_limit, 1ull << 30);
  ASSERT_OK(ParseOptions("cache_size=1000", &o));
  EXPECT_EQ(o.engine.cache_bytes, 1000ull * 4096);
  // Pages are counted in the page_size of the same string, whatever the order.
  ASSERT_OK(ParseOptions("cache_size=100;page_size=16384", &o));
  EXPECT_EQ(o.engine.cache_bytes, 100ull * 16384);
  EXPECT_EQ(o.engine.page_size, 16384u);
  ASSERT_OK(ParseOptions("cache_size=10 MB", &o));
  EXPECT_EQ(o.engine.cache_bytes, 10ull << 20);
}

TEST(Options, SyncModesAndEngineKeys) {
  ConnectionOptions o;
  ASSERT_OK(ParseOptions("fsync=off", &o));
  EXPECT_TRUE(o.engine.sync == SyncMode::kOff);
  ASSERT_OK(ParseOptions("sync=normal", &o));
  EXPECT_TRUE(o.engine.sync == SyncMode::kNormal);
  ASSERT_OK(ParseOptions("fsync=ON", &o));
  EXPECT_TRUE(o.engine.sync == SyncMode::kFull);
  ASSERT_OK(ParseOptions("reader_warn_ms=0;reader_timeout_ms=1000;temp_dir=/tmp/x;"
                         "sort_buffer_size=1MB;max_query_memory=2MB;"
                         "trigram_postings_threshold=7;trigram_strict=on", &o));
  EXPECT_EQ(o.engine.reader_warn_ms, 0);
  EXPECT_EQ(o.engine.reader_timeout_ms, 1000);
  EXPECT_EQ(o.engine.temp_dir, std::string("/tmp/x"));
  EXPECT_EQ(o.sort_buffer_size, 1ull << 20);
  EXPECT_EQ(o.max_query_memory, 2ull << 20);
  EXPECT_EQ(o.trigram_postings_threshold, 7u);
  EXPECT_TRUE(o.trigram_strict);
}

TEST(Options, UnknownKeyIsMisuseListingKnownKeys) {
  ConnectionOptions o;
  Status s = ParseOptions("cache_size=1MB;fsyncc=off", &o);
  ASSERT_TRUE(s.Is(Code::kMisuse));
  EXPECT_TRUE(s.message().find("fsyncc") != std::string::npos);
  EXPECT_TRUE(s.message().find("busy_timeout_ms") != std::string::npos);
  EXPECT_TRUE(s.message().find("cache_size") != std::string::npos);
}

TEST(Options, BadValuesAreMisuseNamingTheKey) {
  const char* bad[] = {"cache_size=lots",  "cache_size=0",        "cache_size=12TB",
                       "page_size=1000",   "page_size=",          "fsync=sometimes",
                       "busy_timeout_ms=-1", "busy_timeout_ms=1.5", "read_only=maybe",
                       "create=2",         "checkpoint_threshold=99999999999999999999",
                       "temp_dir=",        "novalue",             "=3"};
  for (const char* text : bad) {
    ConnectionOptions o;
    Status s = ParseOptions(text, &o);
    EXPECT_TRUE(s.Is(Code::kMisuse));
    if (!s.Is(Code::kMisuse)) std::fprintf(stderr, "  accepted: %s\n", text);
  }
  ConnectionOptions o;
  Status s = ParseOptions("page_size=1000", &o);
  EXPECT_TRUE(s.message().find("page_size") != std::string::npos);
  EXPECT_TRUE(s.message().find("1000") != std::string::npos);
}

TEST(Options, OpenRejectsBadOptionsWithThreadError) {
  std::string path = ddbtest::TempDir() + "/opts.ddb";
  decentdb_db* db = decentdb_open(path.c_str(), "bogus_key=1");
  ASSERT_TRUE(db == nullptr);
  EXPECT_EQ(decentdb_last_error_code(nullptr), DECENTDB_ERR_MISUSE);
  EXPECT_TRUE(std::string(decentdb_last_error_message(nullptr)).find("bogus_key") !=
              std::string::npos);
  db = decentdb_open(path.c_str(), "cache_size=-5");
  ASSERT_TRUE(db == nullptr);
  EXPECT_EQ(decentdb_last_error_code(nullptr), DECENTDB_ERR_MISUSE);
  EXPECT_TRUE(std::string(decentdb_last_error_message(nullptr)).find("cache_size") !=
              std::string::npos);
}
