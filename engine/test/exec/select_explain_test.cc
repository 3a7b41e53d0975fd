// EXPLAIN output (ENGINE.md §9.7) and the planner decisions it shows: the acceptance
// queries (PK lookup is a rowid seek, `indexed_col = $1` uses the index, ORDER BY an
// indexed column with LIMIT does not sort, an FK join probes the child index), every
// access path, join order, sort avoidance with backward scans and NULL placement,
// top-N, aggregates and the fast paths.
#include "exec/query_test_db.h"

using namespace decentdb;
using qtest::Col;
using qtest::Db;
using qtest::Fk;
using qtest::Join;
using qtest::Key;

namespace {

void MakeSchema(Db* db) {
  TableSpec a;
  a.name = "artist";
  a.columns = {Col("id", "INTEGER"), Col("name", "TEXT", true), Col("country", "TEXT")};
  a.uniques = {Key({"id"}, true)};
  db->CreateTable(a);
  db->CreateIndex("ix_artist_name", "artist", {{"name", false}});
  TableSpec al;
  al.name = "album";
  al.columns = {Col("id", "INTEGER"), Col("artistid", "INTEGER"), Col("name", "TEXT"), Col("year", "INT")};
  al.uniques = {Key({"id"}, true)};
  al.foreign_keys = {Fk({"artistid"}, "artist")};
  db->CreateTable(al);
  db->CreateIndex("ix_album_year_name", "album", {{"year", false}, {"name", false}});
  TableSpec t;
  t.name = "track";
  t.columns = {Col("id", "INTEGER"), Col("albumid", "INTEGER"), Col("trackNumber", "INT"), Col("name", "TEXT"),
               Col("code", "TEXT")};
  t.uniques = {Key({"id"}, true), Key({"code"}, false)};
  t.foreign_keys = {Fk({"albumid"}, "album")};
  db->CreateTable(t);
  TableSpec n;
  n.name = "note";
  n.columns = {Col("body", "TEXT"), Col("score", "INT", true)};
  db->CreateTable(n);
  db->CreateIndex("ix_note_score_desc", "note", {{"score", true}});
}

void ExpectPlan(Db* db, const std::string& sql, const std::vector<std::string>& want, int line) {
  std::vector<std::string> got = db->Explain(sql);
  if (got != want)
    ddbtest::ReportFailure(__FILE__, line, sql + "\ngot:\n" + Join(got) + "\nwant:\n" + Join(want));
}
#define EXPECT_PLAN(db, sql, ...) ExpectPlan((db), (sql), std::vector<std::string>{__VA_ARGS__}, __LINE__)

}  // namespace

TEST(SelectExplain, PrimaryKeyLookupIsRowidSeek) {
  Db db;
  MakeSchema(&db);
  EXPECT_PLAN(&db, "SELECT name FROM artist WHERE id = $1", "Project [name]", "  RowidSeek artist (id = $1)");
  EXPECT_PLAN(&db, "SELECT name FROM artist WHERE id IN (3, 1, 2)", "Project [name]",
              "  RowidSeek artist (id IN (3, 1, 2))");
  EXPECT_PLAN(&db, "SELECT name FROM artist WHERE id = 7 OR id = $1", "Project [name]",
              "  RowidSeek artist (id = 7 OR id = $1)");
  EXPECT_PLAN(&db, "SELECT name FROM artist WHERE id > 10 AND id <= 20", "Project [name]",
              "  RowidRange artist (id > 10 AND id <= 20)");
}

TEST(SelectExplain, IndexedEqualityUsesTheIndex) {
  Db db;
  MakeSchema(&db);
  EXPECT_PLAN(&db, "SELECT id FROM artist WHERE name = $1", "Project [id]",
              "  IndexRange artist USING ix_artist_name (name = $1) (index only)");
  EXPECT_PLAN(&db, "SELECT id FROM track WHERE code = $1", "Project [id]",
              "  IndexSeek track USING uniq_track_code (code = $1) (index only)");
  EXPECT_PLAN(&db, "SELECT id FROM artist WHERE name LIKE 'Bil%' AND country = 'US'", "Project [id]",
              "  IndexRange artist USING ix_artist_name (name LIKE 'Bil%') Filter (country = 'US')");
  EXPECT_PLAN(&db, "SELECT id FROM album WHERE year = 1977 AND name >= 'M'", "Project [id]",
              "  IndexRange album USING ix_album_year_name (year = 1977 AND name >= 'M') (index only)");
  EXPECT_PLAN(&db, "SELECT id FROM album WHERE year BETWEEN $1 AND $2", "Project [id]",
              "  IndexRange album USING ix_album_year_name (year BETWEEN $1 AND $2) (index only)");
  EXPECT_PLAN(&db, "SELECT id FROM album WHERE name = 'x'", "Project [id]", "  TableScan album Filter (name = 'x')");
  EXPECT_PLAN(&db, "SELECT id FROM artist WHERE name LIKE '%x'", "Project [id]",
              "  TableScan artist Filter (name LIKE '%x')");
}

TEST(SelectExplain, OrderByIndexedColumnWithLimitDoesNotSort) {
  Db db;
  MakeSchema(&db);
  EXPECT_PLAN(&db, "SELECT id, name FROM artist ORDER BY name LIMIT 20", "Project [id, name]", "  Limit 20",
              "    IndexRange artist USING ix_artist_name (index only)");
  EXPECT_PLAN(&db, "SELECT id, name FROM artist ORDER BY name DESC LIMIT 20 OFFSET $1", "Project [id, name]",
              "  Limit 20 OFFSET $1", "    IndexRange artist USING ix_artist_name BACKWARD (index only)");
  EXPECT_PLAN(&db, "SELECT id FROM artist ORDER BY id DESC", "Project [id]", "  TableScan artist BACKWARD");
  EXPECT_PLAN(&db, "SELECT id FROM album WHERE year = $1 ORDER BY year DESC, name DESC LIMIT 3", "Project [id]",
              "  Limit 3", "    IndexRange album USING ix_album_year_name (year = $1) BACKWARD (index only)");
  EXPECT_PLAN(&db, "SELECT id FROM album WHERE year = 1980 ORDER BY name", "Project [id]",
              "  IndexRange album USING ix_album_year_name (year = 1980) (index only)");
  // The index keeps NULLs last ascending, so NULLS FIRST needs a sort (here a top-N).
  EXPECT_PLAN(&db, "SELECT id FROM album ORDER BY year NULLS FIRST LIMIT 5", "Project [id]",
              "  TopN [year ASC NULLS FIRST] LIMIT 5", "    TableScan album");
  EXPECT_PLAN(&db, "SELECT id FROM album ORDER BY year DESC LIMIT 5", "Project [id]", "  Limit 5",
              "    IndexRange album USING ix_album_year_name BACKWARD (index only)");
  // A DESC index read forward gives DESC NULLS FIRST; score is NOT NULL, so either works.
  EXPECT_PLAN(&db, "SELECT body FROM note ORDER BY score DESC NULLS LAST LIMIT 3", "Project [body]", "  Limit 3",
              "    IndexRange note USING ix_note_score_desc");
  EXPECT_PLAN(&db, "SELECT id, name FROM artist ORDER BY country LIMIT 2", "Project [id, name]",
              "  TopN [country ASC] LIMIT 2", "    TableScan artist");
  EXPECT_PLAN(&db, "SELECT id, name FROM artist ORDER BY country", "Project [id, name]", "  Sort [country ASC]",
              "    TableScan artist");
}

TEST(SelectExplain, ForeignKeyJoinUsesTheChildIndex) {
  Db db;
  MakeSchema(&db);
  EXPECT_PLAN(&db,
              "SELECT a.id, a.name, al.name, t.trackNumber, t.name FROM artist a "
              "JOIN album al ON al.artistid = a.id LEFT JOIN track t ON t.albumid = al.id "
              "WHERE a.id = $1 ORDER BY a.name, al.name, t.trackNumber",
              "Project [a.id, a.name, al.name, t.trackNumber, t.name]",
              "  Sort [a.name ASC, al.name ASC, t.trackNumber ASC]", "    NestedLoopJoin LEFT",
              "      NestedLoopJoin INNER", "        RowidSeek artist (id = $1)",
              "        IndexRange album USING fk_album_artistid_idx (artistid = a.id)",
              "      IndexRange track USING fk_track_albumid_idx (albumid = al.id)");
  // Written the other way round, the greedy order still drives from the constant seek.
  EXPECT_PLAN(&db, "SELECT al.name FROM album al, artist a WHERE al.artistid = a.id AND a.name = $1",
              "Project [al.name]", "  NestedLoopJoin INNER", "    IndexRange artist USING ix_artist_name (name = $1) (index only)",
              "    IndexRange album USING fk_album_artistid_idx (artistid = a.id)");
  // The parent side is probed by rowid.
  EXPECT_PLAN(&db, "SELECT a.name FROM album al JOIN artist a ON a.id = al.artistid WHERE al.year = 1977",
              "Project [a.name]", "  NestedLoopJoin INNER",
              "    IndexRange album USING ix_album_year_name (year = 1977)", "    RowidSeek artist (id = al.artistid)");
}

TEST(SelectExplain, JoinsWithoutIndexAndLeftJoinRewrites) {
  Db db;
  MakeSchema(&db);
  EXPECT_PLAN(&db, "SELECT a.id FROM artist a JOIN note n ON n.body = a.name", "Project [a.id]",
              "  NestedLoopJoin INNER", "    TableScan artist", "    TableScan note Filter (body = a.name) (materialized)");
  // A WHERE conjunct that rejects NULLs of the right side makes the LEFT JOIN inner.
  EXPECT_PLAN(&db, "SELECT a.id FROM artist a LEFT JOIN album al ON al.artistid = a.id WHERE al.year = 2000",
              "Project [a.id]", "  NestedLoopJoin INNER",
              "    IndexRange album USING ix_album_year_name (year = 2000)", "    RowidSeek artist (al.artistid = id)");
  EXPECT_PLAN(&db, "SELECT a.id FROM artist a LEFT JOIN album al ON al.artistid = a.id WHERE al.id IS NULL",
              "Project [a.id]", "  Filter (al.id IS NULL)", "    NestedLoopJoin LEFT", "      TableScan artist",
              "      IndexRange album USING fk_album_artistid_idx (artistid = a.id) (index only)");
}

TEST(SelectExplain, AggregatesDistinctAndFastPaths) {
  Db db;
  MakeSchema(&db);
  EXPECT_PLAN(&db, "SELECT count(*) FROM track", "Project [count(*)]", "  StreamAggregate [count(*)]",
              "    IndexOnlyScan track USING uniq_track_code (count only)");
  EXPECT_PLAN(&db, "SELECT count(*) FROM note WHERE score > 1", "Project [count(*)]",
              "  HashAggregate [count(*)]", "    IndexRange note USING ix_note_score_desc (score > 1) (index only)");
  EXPECT_PLAN(&db, "SELECT max(id) FROM artist", "Project [max(id)]", "  StreamAggregate [max(id)]",
              "    RowidRange artist (last non-NULL)");
  EXPECT_PLAN(&db, "SELECT min(name) FROM artist", "Project [min(name)]", "  StreamAggregate [min(name)]",
              "    IndexOnlyScan artist USING ix_artist_name (first non-NULL)");
  EXPECT_PLAN(&db,
              "SELECT artistid, count(*) AS n FROM album GROUP BY artistid HAVING count(*) > 2 ORDER BY n DESC",
              "Project [artistid, count(*)]", "  Sort [count(*) DESC]", "    Filter (count(*) > 2)",
              "      HashAggregate GROUP BY [artistid] [count(*)]", "        TableScan album");
  EXPECT_PLAN(&db, "SELECT DISTINCT country FROM artist WHERE 1 = $1", "Project [country]", "  Distinct",
              "    Filter (1 = $1)", "      TableScan artist");
  EXPECT_PLAN(&db, "SELECT year, count(*) FROM album WHERE year > 1970 GROUP BY year", "Project [year, count(*)]",
              "  StreamAggregate GROUP BY [year] [count(*)]",
              "    IndexRange album USING ix_album_year_name (year > 1970) (index only)");
  EXPECT_PLAN(&db, "SELECT 1", "Project [1]");
}

TEST(SelectExplain, IndentForDmlReuse) {
  Db db;
  MakeSchema(&db);
  std::unique_ptr<exec::QueryPlan> plan;
  ASSERT_OK(db.Prepare("SELECT name FROM artist WHERE id = 1", &plan));
  std::vector<std::string> lines = plan->Explain(1);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0], "  Project [name]");
  EXPECT_EQ(lines[1], "    RowidSeek artist (id = 1)");
}
