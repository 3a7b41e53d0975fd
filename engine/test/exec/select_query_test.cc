// Results of SELECT through exec/query.h over tables built with the Catalog API:
// filters and projections, every access path, joins (INNER, LEFT without a match, comma
// and CROSS), NULL ordering, GROUP BY/HAVING, aggregates over empty input, DISTINCT,
// LIMIT/OFFSET with parameters, plan reuse, interrupts, system views and errors with
// positions. Design: ENGINE.md §6.3, §7.3-§7.4, §9.
#include <atomic>

#include "exec/query_test_db.h"

using namespace decentdb;
using qtest::Col;
using qtest::Db;
using qtest::Fk;
using qtest::Join;
using qtest::Key;

namespace {

Value I(int64_t v) { return Value::Int64(v); }
Value T(const char* s) { return Value::Text(s); }
Value N() { return Value::Null(); }

// artist(id PK, name, country) 5 rows; album(id PK, artistid FK, title, year) 6 rows.
void MusicDb(Db* db) {
  TableSpec a;
  a.name = "artist";
  a.columns = {Col("id", "INTEGER"), Col("name", "TEXT", true), Col("country", "VARCHAR(40)")};
  a.uniques = {Key({"id"}, true)};
  db->CreateTable(a);
  db->CreateIndex("ix_artist_name", "artist", {{"name", false}});
  TableSpec al;
  al.name = "album";
  al.columns = {Col("id", "INTEGER"), Col("artistid", "INTEGER"), Col("title", "TEXT"), Col("year", "INT")};
  al.uniques = {Key({"id"}, true)};
  al.foreign_keys = {Fk({"artistid"}, "artist")};
  db->CreateTable(al);
  db->Insert("artist", {{I(1), T("Billy Joel"), T("US")},
                        {I(2), T("ABBA"), T("SE")},
                        {I(3), T("Coldplay"), T("UK")},
                        {I(4), T("Adele"), N()},
                        {I(5), T("Zz Top"), T("US")}});
  db->Insert("album", {{I(10), I(1), T("Piano Man"), I(1973)},
                       {I(11), I(1), T("The Stranger"), I(1977)},
                       {I(12), I(2), T("Arrival"), I(1976)},
                       {I(13), I(3), T("Parachutes"), I(2000)},
                       {I(14), I(3), T("X&Y"), N()},
                       {I(15), I(1), T("Glass Houses"), I(1980)}});
}

void ExpectRows(const qtest::QueryResult& r, const std::vector<std::string>& want, int line) {
  if (!r.status.ok()) {
    ddbtest::ReportFailure(__FILE__, line, "query failed: " + r.status.ToString());
    return;
  }
  if (r.rows != want)
    ddbtest::ReportFailure(__FILE__, line, "rows:\n" + Join(r.rows) + "\nwant:\n" + Join(want));
}
#define EXPECT_ROWS(r, ...) ExpectRows((r), std::vector<std::string>{__VA_ARGS__}, __LINE__)

}  // namespace

TEST(SelectQuery, ScanFilterProject) {
  Db db;
  MusicDb(&db);
  auto r = db.Query("SELECT name, id * 10 AS x FROM artist WHERE country = 'US'");
  EXPECT_ROWS(r, "Billy Joel|10", "Zz Top|50");
  ASSERT_EQ(r.names.size(), 2u);
  EXPECT_EQ(r.names[0], "name");
  EXPECT_EQ(r.names[1], "x");
}

TEST(SelectQuery, SelectWithoutFrom) {
  Db db;
  auto r = db.Query("SELECT 1, 'a' || 'b' AS s, NULL");
  EXPECT_ROWS(r, "1|ab|NULL");
  EXPECT_EQ(r.names[0], "?column?");
  EXPECT_EQ(r.names[1], "s");
}

TEST(SelectQuery, StarAndTableStar) {
  Db db;
  MusicDb(&db);
  auto r = db.Query("SELECT * FROM artist WHERE id = 2");
  EXPECT_ROWS(r, "2|ABBA|SE");
  EXPECT_EQ(Join(r.names, ","), "id,name,country");
  r = db.Query("SELECT al.*, a.name FROM artist a JOIN album al ON al.artistid = a.id WHERE al.id = 12");
  EXPECT_ROWS(r, "12|2|Arrival|1976|ABBA");
}

TEST(SelectQuery, PrimaryKeyAndInList) {
  Db db;
  MusicDb(&db);
  EXPECT_ROWS(db.Query("SELECT name FROM artist WHERE id = $1", {I(3)}), "Coldplay");
  EXPECT_ROWS(db.Query("SELECT name FROM artist WHERE id = $1", {I(99)}));
  EXPECT_ROWS(db.Query("SELECT name FROM artist WHERE id = $1", {N()}));
  EXPECT_ROWS(db.Query("SELECT id FROM artist WHERE id IN (5, 1, 3, 1, NULL)"), "1", "3", "5");
  EXPECT_ROWS(db.Query("SELECT id FROM artist WHERE id BETWEEN 2 AND 4"), "2", "3", "4");
  EXPECT_ROWS(db.Query("SELECT id FROM artist WHERE id > 3"), "4", "5");
  EXPECT_ROWS(db.Query("SELECT id FROM artist WHERE id < 2.5"), "1", "2");
  EXPECT_ROWS(db.Query("SELECT id FROM artist WHERE id = 2.5"));
  EXPECT_ROWS(db.Query("SELECT id FROM artist WHERE id = 2.0"), "2");
}

TEST(SelectQuery, IndexSeekRangeAndLikePrefix) {
  Db db;
  MusicDb(&db);
  EXPECT_ROWS(db.Query("SELECT id FROM artist WHERE name = $1", {T("Adele")}), "4");
  EXPECT_ROWS(db.Query("SELECT name FROM artist WHERE name >= 'B' AND name < 'D'"), "Billy Joel", "Coldplay");
  EXPECT_ROWS(db.Query("SELECT name FROM artist WHERE name LIKE 'A%'"), "ABBA", "Adele");
  EXPECT_ROWS(db.Query("SELECT name FROM artist WHERE name LIKE $1", {T("Co%")}), "Coldplay");
  EXPECT_ROWS(db.Query("SELECT name FROM artist WHERE name LIKE $1", {T("%l%")}), "Adele", "Billy Joel",
              "Coldplay");
  EXPECT_ROWS(db.Query("SELECT name FROM artist WHERE name IN ('ABBA', 'Zz Top', 'Nobody')"), "ABBA", "Zz Top");
}

TEST(SelectQuery, OrderByNullsAndDirections) {
  Db db;
  MusicDb(&db);
  EXPECT_ROWS(db.Query("SELECT title FROM album ORDER BY year"), "Piano Man", "Arrival", "The Stranger",
              "Glass Houses", "Parachutes", "X&Y");
  EXPECT_ROWS(db.Query("SELECT title FROM album ORDER BY year DESC"), "X&Y", "Parachutes", "Glass Houses",
              "The Stranger", "Arrival", "Piano Man");
  EXPECT_ROWS(db.Query("SELECT title FROM album ORDER BY year NULLS FIRST LIMIT 2"), "X&Y", "Piano Man");
  EXPECT_ROWS(db.Query("SELECT title FROM album ORDER BY year DESC NULLS LAST LIMIT 2"), "Parachutes",
              "Glass Houses");
  EXPECT_ROWS(db.Query("SELECT country, name FROM artist ORDER BY 1, name DESC"), "SE|ABBA", "UK|Coldplay",
              "US|Zz Top", "US|Billy Joel", "NULL|Adele");
  EXPECT_ROWS(db.Query("SELECT name AS n FROM artist ORDER BY n DESC LIMIT 2"), "Zz Top", "Coldplay");
  EXPECT_ROWS(db.Query("SELECT id FROM artist ORDER BY id DESC"), "5", "4", "3", "2", "1");
  EXPECT_ROWS(db.Query("SELECT name FROM artist ORDER BY name LIMIT 2 OFFSET 1"), "Adele", "Billy Joel");
  EXPECT_ROWS(db.Query("SELECT name FROM artist ORDER BY length(name), name"), "ABBA", "Adele", "Zz Top",
              "Coldplay", "Billy Joel");
}

TEST(SelectQuery, Joins) {
  Db db;
  MusicDb(&db);
  EXPECT_ROWS(db.Query("SELECT a.name, al.title FROM artist a JOIN album al ON al.artistid = a.id "
                       "WHERE a.id = 1 ORDER BY al.year"),
              "Billy Joel|Piano Man", "Billy Joel|The Stranger", "Billy Joel|Glass Houses");
  EXPECT_ROWS(db.Query("SELECT a.name, al.title FROM artist a LEFT JOIN album al ON al.artistid = a.id "
                       "WHERE a.id IN (2, 4) ORDER BY a.id"),
              "ABBA|Arrival", "Adele|NULL");
  EXPECT_ROWS(db.Query("SELECT a.name FROM artist a LEFT JOIN album al ON al.artistid = a.id "
                       "WHERE al.id IS NULL"),
              "Adele", "Zz Top");
  EXPECT_ROWS(db.Query("SELECT count(*) FROM artist, album"), "30");
  EXPECT_ROWS(db.Query("SELECT count(*) FROM artist CROSS JOIN album WHERE album.year > 1979"), "10");
  EXPECT_ROWS(db.Query("SELECT al.title FROM album al, artist a WHERE a.id = al.artistid AND a.name = 'ABBA'"),
              "Arrival");
  // ON conditions of a LEFT JOIN do not filter the left side.
  EXPECT_ROWS(db.Query("SELECT a.id, al.id FROM artist a LEFT JOIN album al ON al.artistid = a.id AND "
                       "al.year > 1976 ORDER BY a.id, al.id"),
              "1|11", "1|15", "2|NULL", "3|13", "4|NULL", "5|NULL");
  // A join with no usable index on the inner side (materialized).
  EXPECT_ROWS(db.Query("SELECT a.name, al.title FROM artist a JOIN album al ON al.year = a.id + 1972"),
              "Billy Joel|Piano Man", "Adele|Arrival", "Zz Top|The Stranger");
}

TEST(SelectQuery, GroupByHavingAggregates) {
  Db db;
  MusicDb(&db);
  EXPECT_ROWS(db.Query("SELECT artistid, count(*), min(year), max(year), sum(year), count(year) FROM album "
                       "GROUP BY artistid ORDER BY artistid"),
              "1|3|1973|1980|5930|3", "2|1|1976|1976|1976|1", "3|2|2000|2000|2000|1");
  EXPECT_ROWS(db.Query("SELECT artistid AS a, count(*) AS n FROM album GROUP BY a HAVING count(*) > 1 "
                       "ORDER BY n DESC"),
              "1|3", "3|2");
  EXPECT_ROWS(db.Query("SELECT country, count(*) FROM artist GROUP BY 1 ORDER BY 1 NULLS FIRST"), "NULL|1",
              "SE|1", "UK|1", "US|2");
  EXPECT_ROWS(db.Query("SELECT avg(year) FROM album WHERE artistid = 3"), "2000");
  EXPECT_ROWS(db.Query("SELECT count(DISTINCT artistid), count(*) FROM album"), "3|6");
  EXPECT_ROWS(db.Query("SELECT a.name, count(al.id) FROM artist a LEFT JOIN album al ON al.artistid = a.id "
                       "GROUP BY a.name ORDER BY 2 DESC, 1"),
              "Billy Joel|3", "Coldplay|2", "ABBA|1", "Adele|0", "Zz Top|0");
  EXPECT_ROWS(db.Query("SELECT year / 10 * 10 AS decade, count(*) FROM album WHERE year IS NOT NULL "
                       "GROUP BY year / 10 * 10 ORDER BY decade"),
              "1970|3", "1980|1", "2000|1");
}

TEST(SelectQuery, AggregatesOverEmptyInput) {
  Db db;
  MusicDb(&db);
  EXPECT_ROWS(db.Query("SELECT count(*), count(year), sum(year), avg(year), min(year), max(title) "
                       "FROM album WHERE id > 100"),
              "0|0|NULL|NULL|NULL|NULL");
  EXPECT_ROWS(db.Query("SELECT artistid, count(*) FROM album WHERE id > 100 GROUP BY artistid"));
}

TEST(SelectQuery, FastPathsCountAndMinMax) {
  Db db;
  MusicDb(&db);
  EXPECT_ROWS(db.Query("SELECT count(*) FROM album"), "6");
  EXPECT_ROWS(db.Query("SELECT max(id), min(id) FROM artist"), "5|1");
  EXPECT_ROWS(db.Query("SELECT min(name) FROM artist"), "ABBA");
  EXPECT_ROWS(db.Query("SELECT max(name) FROM artist"), "Zz Top");
  EXPECT_ROWS(db.Query("SELECT max(artistid) FROM album"), "3");
  EXPECT_ROWS(db.Query("SELECT count(*) FROM album WHERE year IS NULL"), "1");
}

TEST(SelectQuery, Distinct) {
  Db db;
  MusicDb(&db);
  EXPECT_ROWS(db.Query("SELECT DISTINCT artistid FROM album ORDER BY artistid"), "1", "2", "3");
  EXPECT_ROWS(db.Query("SELECT DISTINCT country FROM artist ORDER BY country"), "SE", "UK", "US", "NULL");
}

TEST(SelectQuery, LimitOffsetParameters) {
  Db db;
  MusicDb(&db);
  const char* q = "SELECT id FROM album ORDER BY id LIMIT $1 OFFSET $2";
  EXPECT_ROWS(db.Query(q, {I(2), I(1)}), "11", "12");
  EXPECT_ROWS(db.Query(q, {N(), I(4)}), "14", "15");
  EXPECT_ROWS(db.Query(q, {I(0), I(0)}));
  EXPECT_ROWS(db.Query(q, {I(2), N()}), "10", "11");
  auto bad = db.Query(q, {I(-1), I(0)});
  EXPECT_TRUE(bad.status.Is(Code::kSql));
  bad = db.Query(q, {T("x"), I(0)});
  EXPECT_TRUE(bad.status.Is(Code::kSql));
  EXPECT_ROWS(db.Query("SELECT title FROM album ORDER BY year DESC LIMIT 1 OFFSET 1"), "Parachutes");
  EXPECT_ROWS(db.Query("SELECT id FROM album LIMIT ALL OFFSET 5"), "15");
}

TEST(SelectQuery, PlanReuseAcrossExecutions) {
  Db db;
  MusicDb(&db);
  std::unique_ptr<exec::QueryPlan> plan;
  ASSERT_OK(db.Prepare("SELECT al.title FROM artist a JOIN album al ON al.artistid = a.id WHERE a.name = $1 "
                       "ORDER BY al.title",
                       &plan));
  std::unique_ptr<ReadTxn> r;
  ASSERT_OK(db.engine()->BeginRead(&r));
  std::unique_ptr<exec::QueryCursor> c = plan->NewCursor();
  std::vector<std::string> rows;
  ASSERT_OK(Db::RunCursor(c.get(), r.get(), {T("Coldplay")}, &rows));
  EXPECT_EQ(Join(rows, ","), "Parachutes,X&Y");
  ASSERT_OK(Db::RunCursor(c.get(), r.get(), {T("ABBA")}, &rows));
  EXPECT_EQ(Join(rows, ","), "Arrival");
  ASSERT_OK(Db::RunCursor(c.get(), r.get(), {T("Nobody")}, &rows));
  EXPECT_EQ(rows.size(), 0u);
}

TEST(SelectQuery, DeclaredTypesOfResultColumns) {
  Db db;
  MusicDb(&db);
  std::unique_ptr<exec::QueryPlan> plan;
  ASSERT_OK(db.Prepare("SELECT a.country, a.id + 1, a.name, count(*) FROM artist a GROUP BY a.country, a.id, a.name",
                       &plan));
  ASSERT_TRUE(plan->column_decltype(0) != nullptr);
  EXPECT_EQ(std::string(plan->column_decltype(0)), "VARCHAR(40)");
  EXPECT_TRUE(plan->column_decltype(1) == nullptr);
  EXPECT_EQ(std::string(plan->column_decltype(2)), "TEXT");
  EXPECT_TRUE(plan->column_decltype(3) == nullptr);
  EXPECT_EQ(plan->column_name(3), "count");
}

TEST(SelectQuery, InterruptStopsAScan) {
  Db db;
  TableSpec t;
  t.name = "big";
  t.columns = {Col("id", "INTEGER"), Col("v", "INT")};
  t.uniques = {Key({"id"}, true)};
  db.CreateTable(t);
  std::vector<std::vector<Value>> rows;
  for (int i = 1; i <= 5000; ++i) rows.push_back({I(i), I(i % 7)});
  db.Insert("big", rows);
  std::unique_ptr<exec::QueryPlan> plan;
  ASSERT_OK(db.Prepare("SELECT count(*) FROM big WHERE v = 3", &plan));
  std::atomic<bool> flag(true);
  std::vector<std::string> out;
  Status s = db.Run(plan.get(), {}, &out, &flag);
  EXPECT_TRUE(s.Is(Code::kTransaction));
  EXPECT_EQ(std::string(s.sqlstate()), "57014");
  flag = false;
  ASSERT_OK(db.Run(plan.get(), {}, &out, &flag));
  EXPECT_EQ(Join(out), "714");
}

TEST(SelectQuery, SystemViews) {
  Db db;
  MusicDb(&db);
  EXPECT_ROWS(db.Query("SELECT table_name, has_rowid_alias FROM decentdb_tables ORDER BY table_name"),
              "album|true", "artist|true");
  EXPECT_ROWS(db.Query("SELECT column_name, ordinal, declared_type, storage_class, not_null, pk_ordinal "
                       "FROM decentdb_columns WHERE table_name = $1 ORDER BY ordinal",
                       {T("artist")}),
              "id|1|INTEGER|INT64|true|1", "name|2|TEXT|TEXT|true|0", "country|3|VARCHAR(40)|TEXT|false|0");
  EXPECT_ROWS(db.Query("SELECT index_name, is_unique, origin, column_count FROM decentdb_indexes "
                       "WHERE table_name ILIKE 'ART%'"),
              "ix_artist_name|false|explicit|1");
  EXPECT_ROWS(db.Query("SELECT child_table, child_column, parent_table, parent_column, on_delete "
                       "FROM decentdb_foreign_keys"),
              "album|artistid|artist|id|NO ACTION");
  auto r = db.Query("SELECT ic.column_name, i.origin FROM decentdb_indexes i JOIN decentdb_index_columns ic "
                    "ON ic.index_name = i.index_name WHERE i.table_name = 'album'");
  ASSERT_OK(r.status);
  ASSERT_EQ(r.rows.size(), 1u);
  EXPECT_EQ(r.rows[0], "artistid|fk");
}

TEST(SelectQuery, ErrorsCarryCodesAndPositions) {
  Db db;
  MusicDb(&db);
  auto r = db.Query("SELECT x FROM nosuch");
  EXPECT_EQ(std::string(r.status.sqlstate()), "42P01");
  EXPECT_TRUE(r.status.message().find("column 15") != std::string::npos);
  r = db.Query("SELECT nope FROM artist");
  EXPECT_EQ(std::string(r.status.sqlstate()), "42703");
  EXPECT_TRUE(r.status.message().find("column 8") != std::string::npos);
  r = db.Query("SELECT id FROM artist a JOIN album b ON b.artistid = a.id");
  EXPECT_EQ(std::string(r.status.sqlstate()), "42702");
  r = db.Query("SELECT z.id FROM artist a");
  EXPECT_EQ(std::string(r.status.sqlstate()), "42P01");
  r = db.Query("SELECT name, count(*) FROM artist");
  EXPECT_EQ(std::string(r.status.sqlstate()), "42803");
  r = db.Query("SELECT id FROM artist WHERE count(*) > 1");
  EXPECT_EQ(std::string(r.status.sqlstate()), "42803");
  r = db.Query("SELECT id FROM artist ORDER BY 3");
  EXPECT_EQ(std::string(r.status.sqlstate()), "42P10");
  r = db.Query("SELECT DISTINCT name FROM artist ORDER BY country");
  EXPECT_EQ(std::string(r.status.sqlstate()), "42P10");
  r = db.Query("SELECT a.id FROM artist a, album a");
  EXPECT_EQ(std::string(r.status.sqlstate()), "42712");
  r = db.Query("SELECT id FROM artist WHERE id = $1");
  EXPECT_TRUE(r.status.Is(Code::kSql));  // missing parameter at open
}

TEST(SelectQuery, MoreShapes) {
  Db db;
  MusicDb(&db);
  // Self join and a three-way join.
  EXPECT_ROWS(db.Query("SELECT a.title, b.title FROM album a JOIN album b ON b.year = a.year + 4 "
                       "ORDER BY a.title"),
              "Arrival|Glass Houses", "Piano Man|The Stranger");
  EXPECT_ROWS(db.Query("SELECT x.name, y.title, z.name FROM artist x JOIN album y ON y.artistid = x.id "
                       "JOIN artist z ON z.id = y.artistid + 1 WHERE y.year < 1977 ORDER BY 2"),
              "ABBA|Arrival|Coldplay", "Billy Joel|Piano Man|ABBA");
  // Chained LEFT JOINs where the middle one has no match.
  EXPECT_ROWS(db.Query("SELECT a.name, al.title, a2.name FROM artist a LEFT JOIN album al ON al.artistid = a.id "
                       "LEFT JOIN artist a2 ON a2.id = al.artistid WHERE a.id >= 4 ORDER BY a.id"),
              "Adele|NULL|NULL", "Zz Top|NULL|NULL");
  // Three-valued logic in filters.
  EXPECT_ROWS(db.Query("SELECT id FROM album WHERE NOT (year > 1976) ORDER BY id"), "10", "12");
  EXPECT_ROWS(db.Query("SELECT id FROM album WHERE year NOT IN (1973, NULL)"));
  EXPECT_ROWS(db.Query("SELECT id FROM album WHERE year NOT IN (1973, 1976) ORDER BY id"), "11", "13", "15");
  EXPECT_ROWS(db.Query("SELECT id FROM album WHERE year IS NULL OR (artistid = 2 AND year > 1900) ORDER BY id"),
              "12", "14");
  // HAVING without GROUP BY, and a grouped query with no keys or aggregates.
  EXPECT_ROWS(db.Query("SELECT count(*) FROM album HAVING count(*) > 100"));
  EXPECT_ROWS(db.Query("SELECT 'x' FROM album HAVING 1 = 1"), "x");
  // WHERE on a SELECT without FROM.
  EXPECT_ROWS(db.Query("SELECT 1 WHERE $1 = 2", {I(2)}), "1");
  EXPECT_ROWS(db.Query("SELECT 1 WHERE $1 = 2", {I(3)}));
  // DISTINCT with ORDER BY and LIMIT; ORDER BY on a joined table's column.
  EXPECT_ROWS(db.Query("SELECT DISTINCT artistid FROM album ORDER BY artistid DESC LIMIT 2"), "3", "2");
  EXPECT_ROWS(db.Query("SELECT al.title FROM album al JOIN artist a ON a.id = al.artistid "
                       "ORDER BY a.name DESC, al.title LIMIT 3"),
              "Parachutes", "X&Y", "Glass Houses");
  // Subqueries and derived tables (ENGINE.md §7.5); unsupported constructs fail cleanly.
  EXPECT_ROWS(db.Query("SELECT COUNT(*) FROM artist WHERE EXISTS (SELECT 1 FROM album)"), "5");
  EXPECT_ROWS(db.Query("SELECT COUNT(*) FROM artist a WHERE NOT EXISTS (SELECT 1 FROM album al WHERE al.artistid = a.id)"), "2");
  EXPECT_ROWS(db.Query("SELECT * FROM (SELECT 1) x"), "1");
  auto r = db.Query("SELECT * FROM artist, LATERAL (SELECT 1) x");
  EXPECT_EQ(std::string(r.status.sqlstate()), "0A000");
}

TEST(SelectQuery, SystemViewsOfAnEmptyDatabase) {
  Db db;
  EXPECT_ROWS(db.Query("SELECT count(*) FROM decentdb_tables"), "0");
  EXPECT_ROWS(db.Query("SELECT * FROM decentdb_columns"));
}

TEST(SelectQuery, RunsInsideAWriteTransactionAndSeesItsWrites) {
  Db db;
  MusicDb(&db);
  std::unique_ptr<exec::QueryPlan> plan;
  ASSERT_OK(db.Prepare("SELECT name FROM artist WHERE id >= $1 ORDER BY id", &plan));
  std::unique_ptr<WriteTxn> w = db.Write();
  std::shared_ptr<Catalog> cat = Catalog::For(db.engine());
  std::shared_ptr<const Schema> schema;
  ASSERT_OK(cat->SchemaFor(w.get(), w->header(), false, &schema));
  const TableDef* t = schema->FindTable("artist");
  std::vector<ValueRef> row = {ValueRef::Int64(6), ValueRef::Text("Queen"), ValueRef::Null()};
  std::string rec;
  ASSERT_OK(Catalog::EncodeRow(w.get(), *t, row.data(), &rec));
  BTree tree(w.get(), t->root, TreeKind::kTable, TreeOptions{true});
  ASSERT_OK(tree.Insert(TreeKey::Rowid(6), rec));
  std::unique_ptr<exec::QueryCursor> c = plan->NewCursor();
  std::vector<std::string> rows;
  ASSERT_OK(Db::RunCursor(c.get(), w.get(), {I(5)}, &rows));
  EXPECT_EQ(Join(rows, ","), "Zz Top,Queen");
  w->Rollback();
  std::unique_ptr<ReadTxn> r;
  ASSERT_OK(db.engine()->BeginRead(&r));
  ASSERT_OK(Db::RunCursor(c.get(), r.get(), {I(5)}, &rows));
  EXPECT_EQ(Join(rows, ","), "Zz Top");
}

namespace {

// A table (id INTEGER PRIMARY KEY, k INT, pad TEXT).
void CreateKeyPadTable(Db* db, const char* name) {
  TableSpec t;
  t.name = name;
  t.columns = {Col("id", "INTEGER"), Col("k", "INT"), Col("pad", "TEXT")};
  t.uniques = {Key({"id"}, true)};
  db->CreateTable(t);
}

}  // namespace

TEST(SelectQuery, ExternalSortSpillsRunsAndStaysStable) {
  Db db;
  CreateKeyPadTable(&db, "s");
  std::vector<std::vector<Value>> rows;
  for (int i = 1; i <= 3000; ++i)
    rows.push_back({I(i), i % 11 == 0 ? N() : I((i * 37) % 50), T(std::string(i % 7, 'x').c_str())});
  db.Insert("s", rows);
  std::unique_ptr<exec::QueryPlan> plan;
  ASSERT_OK(db.Prepare("SELECT k, id, pad FROM s ORDER BY k DESC NULLS LAST", &plan));
  std::unique_ptr<ReadTxn> r;
  ASSERT_OK(db.engine()->BeginRead(&r));
  std::string dir = ddbtest::TempDir();
  for (uint64_t budget : {uint64_t{1} << 30, uint64_t{4096}, uint64_t{300}}) {  // memory, ~70 runs, >64 runs
    std::unique_ptr<exec::QueryCursor> c = plan->NewCursor();
    exec::ExecContext ctx;
    ctx.sort_buffer_bytes = budget;
    ctx.temp_dir = dir;
    ASSERT_OK(c->Open(r.get(), nullptr, 0, ctx));
    int64_t prev_k = INT64_MAX, prev_id = 0, n = 0;
    bool in_nulls = false;
    for (;;) {
      bool has = false;
      ASSERT_OK(c->Next(&has));
      if (!has) break;
      ++n;
      ValueRef k = c->Column(0);
      int64_t id = c->Column(1).int64();
      if (k.is_null()) {
        if (in_nulls) EXPECT_GT(id, prev_id);  // stable among equal keys
        in_nulls = true;
      } else {
        EXPECT_FALSE(in_nulls);
        EXPECT_LE(k.int64(), prev_k);
        if (k.int64() == prev_k) EXPECT_GT(id, prev_id);
        prev_k = k.int64();
      }
      EXPECT_EQ(c->Column(2).size(), static_cast<size_t>(id % 7));
      prev_id = id;
    }
    EXPECT_EQ(n, 3000);
  }
}

TEST(SelectQuery, WidenedProbeFallsBackToSorting) {
  // A TEXT column probed with an INT64 parameter cannot be encoded exactly: '5', '5.0'
  // and '05' all equal 5 (ENGINE.md §8.4), so the index walk is widened and re-checked,
  // and the ORDER BY the index would have provided must be sorted after all.
  Db db;
  TableSpec t;
  t.name = "w";
  t.columns = {Col("id", "INTEGER"), Col("c", "TEXT"), Col("b", "INT")};
  t.uniques = {Key({"id"}, true)};
  db.CreateTable(t);
  db.CreateIndex("ix_w_c_b", "w", {{"c", false}, {"b", false}});
  db.Insert("w", {{I(1), T("5"), I(30)}, {I(2), T("5.0"), I(10)}, {I(3), T("05"), I(20)}, {I(4), T("6"), I(5)}});
  const char* q = "SELECT id FROM w WHERE c = $1 ORDER BY b";
  auto plan = db.Explain(q);
  EXPECT_EQ(Join(plan), "Project [id]\n  IndexRange w USING ix_w_c_b (c = $1) (index only)");
  EXPECT_ROWS(db.Query(q, {I(5)}), "2", "3", "1");
  EXPECT_ROWS(db.Query(q, {T("5")}), "1");
}

TEST(SelectQuery, TableScanForUpdateAndDelete) {
  Db db;
  MusicDb(&db);
  const char* sql = "DELETE FROM album a WHERE a.artistid = $1 AND year > 1975";
  Result<sql::ParsedStatement> parsed = sql::ParseStatement(sql);
  ASSERT_TRUE(parsed.ok());
  const sql::DeleteStmt* del = parsed->stmt->delete_;
  exec::PrepareOptions po;
  po.sql_text = sql;
  po.param_count = parsed->param_count;
  po.folder = exec::DefaultConstantFolder();
  std::unique_ptr<exec::QueryPlan> plan;
  ASSERT_OK(exec::QueryPlan::PrepareTableScan(del->table, &del->alias, del->where, db.SchemaNow(), po, &plan));
  ASSERT_TRUE(plan->target_table() != nullptr);
  EXPECT_EQ(plan->target_table()->name, "album");
  EXPECT_EQ(plan->column_count(), 4);
  std::vector<std::string> lines = plan->Explain(1);
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0], "  IndexRange album USING fk_album_artistid_idx (artistid = $1) Filter (year > 1975)");
  std::unique_ptr<ReadTxn> r;
  ASSERT_OK(db.engine()->BeginRead(&r));
  std::unique_ptr<exec::QueryCursor> c = plan->NewCursor();
  Value p = I(1);
  ValueRef pr = p.ref();
  ASSERT_OK(c->Open(r.get(), &pr, 1, exec::ExecContext()));
  std::vector<std::string> got;
  for (;;) {
    bool has = false;
    ASSERT_OK(c->Next(&has));
    if (!has) break;
    const ValueRef* row = c->row();
    got.push_back(std::to_string(c->rowid()) + ":" + qtest::Render(row[2]) + ":" + qtest::Render(row[3]));
  }
  EXPECT_EQ(Join(got, ","), "11:The Stranger:1977,15:Glass Houses:1980");
  // Unknown tables and system views are refused.
  sql::Ident bad{"decentdb_tables", false, 0};
  EXPECT_FALSE(exec::QueryPlan::PrepareTableScan(bad, nullptr, nullptr, db.SchemaNow(), po, &plan).ok());
}

TEST(SelectQuery, StreamAggregateOverAnIndex) {
  Db db;
  MusicDb(&db);
  db.CreateIndex("ix_album_year", "album", {{"year", true}});
  const char* q = "SELECT year, count(*), min(title) FROM album WHERE year > $1 GROUP BY year";
  EXPECT_TRUE(Join(db.Explain(q)).find("StreamAggregate") != std::string::npos);
  EXPECT_ROWS(db.Query(q, {I(1975)}), "2000|1|Parachutes", "1980|1|Glass Houses", "1977|1|The Stranger",
              "1976|1|Arrival");
  EXPECT_ROWS(db.Query(q, {I(3000)}));
  // A probe that cannot be encoded exactly widens the scan; grouping falls back to hashing.
  EXPECT_ROWS(db.Query("SELECT year, count(*) FROM album WHERE year = $1 GROUP BY year", {T("1977")}), "1977|1");
}

namespace {

// Counts the page reads of a query (the pages its cursors resolve).
class CountingReader : public PageReader {
 public:
  explicit CountingReader(PageReader* in) : in_(in) {}
  uint32_t page_size() const override { return in_->page_size(); }
  uint32_t page_count() const override { return in_->page_count(); }
  Status Read(PageId id, PageRef* out) override {
    ++reads;
    return in_->Read(id, out);
  }
  int64_t reads = 0;

 private:
  PageReader* in_;
};

}  // namespace

TEST(SelectQuery, OffsetOverIndexOrderSkipsTheTable) {
  // ORDER BY an indexed column LIMIT n OFFSET m: the offset rows are passed over in the
  // index; only the n returned rows are fetched from the table.
  Db db;
  CreateKeyPadTable(&db, "o");
  db.CreateIndex("o_k", "o", {{"k", false}});
  std::vector<std::vector<Value>> rows;
  // k = i * 7 mod 3001 (a permutation of 1..3000): neighbours in k order are rows far
  // apart in the table.
  for (int i = 1; i <= 3000; ++i) rows.push_back({I(i), I(i * 7 % 3001), T(std::string(80, 'p').c_str())});
  db.Insert("o", rows);
  std::unique_ptr<exec::QueryPlan> plan;
  ASSERT_OK(db.Prepare("SELECT id, k, pad FROM o ORDER BY k LIMIT 3 OFFSET 2001", &plan));
  EXPECT_EQ(Join(plan->Explain(), "\n").find("Sort"), std::string::npos);
  std::unique_ptr<ReadTxn> r;
  ASSERT_OK(db.engine()->BeginRead(&r));
  CountingReader counting(r.get());
  std::unique_ptr<exec::QueryCursor> c = plan->NewCursor();
  std::vector<std::string> got;
  ASSERT_OK(Db::RunCursor(c.get(), &counting, {}, &got));
  const std::string pad(80, 'p');
  EXPECT_EQ(Join(got, ","), "286|2002|" + pad + ",2001|2003|" + pad + ",715|2004|" + pad);
  // The index leaves holding 2,003 keys and three row lookups: well under 100 reads.
  // Visiting the table for every offset row costs more than 2,000.
  EXPECT_LT(counting.reads, 100);
}

TEST(SelectQuery, OffsetOverATableScanSkipsWholeLeaves) {
  // OFFSET on a table scan in rowid order moves the cursor a leaf at a time: every offset
  // up to and past the end, both directions, over leaves of varying fill.
  Db db;
  CreateKeyPadTable(&db, "w");
  std::vector<std::vector<Value>> rows;
  std::vector<int64_t> ids;
  for (int i = 1; i <= 2000; ++i) {
    ids.push_back(3 * i);
    rows.push_back({I(3 * i), I(i % 17), T(std::string(static_cast<size_t>(i * 37 % 300), 'w').c_str())});
  }
  db.Insert("w", rows);
  for (bool desc : {false, true}) {
    const std::string q = std::string("SELECT id FROM w ORDER BY id") + (desc ? " DESC" : "") +
                          " LIMIT 2 OFFSET $1";
    EXPECT_EQ(Join(db.Explain(q), "\n").find("Sort"), std::string::npos);
    for (int64_t k = 0; k <= 2003; k += (k < 40 || k > 1960 ? 1 : 13)) {
      std::vector<std::string> want;
      for (int64_t j = k; j < k + 2 && j < 2000; ++j) want.push_back(std::to_string(ids[desc ? 1999 - j : j]));
      qtest::QueryResult r = db.Query(q, {I(k)});
      ASSERT_OK(r.status);
      ASSERT_EQ(Join(r.rows, ","), Join(want, ","));
    }
  }
  // With a filter the scan still counts only matching rows.
  EXPECT_ROWS(db.Query("SELECT id FROM w WHERE k = 0 ORDER BY id LIMIT 1 OFFSET 3"), "204");
}

namespace {

// Raises an interrupt flag once a query has read `after` pages.
class InterruptingReader : public PageReader {
 public:
  InterruptingReader(PageReader* in, std::atomic<bool>* flag, int64_t after) : in_(in), flag_(flag), after_(after) {}
  uint32_t page_size() const override { return in_->page_size(); }
  uint32_t page_count() const override { return in_->page_count(); }
  Status Read(PageId id, PageRef* out) override {
    if (++reads_ == after_) flag_->store(true);
    return in_->Read(id, out);
  }

 private:
  PageReader* in_;
  std::atomic<bool>* flag_;
  int64_t after_;
  int64_t reads_ = 0;
};

}  // namespace

TEST(SelectQuery, InterruptStopsAnOffsetSkip) {
  // A skip over whole leaves still polls for interrupts between chunks of rows.
  Db db;
  CreateKeyPadTable(&db, "z");
  std::vector<std::vector<Value>> rows;
  for (int i = 1; i <= 20000; ++i) rows.push_back({I(i), I(i), T("")});
  db.Insert("z", rows);
  std::unique_ptr<exec::QueryPlan> plan;
  ASSERT_OK(db.Prepare("SELECT id FROM z ORDER BY id LIMIT 1 OFFSET 19990", &plan));
  std::unique_ptr<ReadTxn> r;
  ASSERT_OK(db.engine()->BeginRead(&r));
  std::vector<std::string> out;
  std::atomic<bool> flag(false);
  InterruptingReader interrupting(r.get(), &flag, 5);  // a few leaves into the skip
  std::unique_ptr<exec::QueryCursor> c = plan->NewCursor();
  Status s = Db::RunCursor(c.get(), &interrupting, {}, &out, &flag);
  EXPECT_EQ(std::string(s.sqlstate()), "57014");
  flag = false;
  ASSERT_OK(Db::RunCursor(c.get(), r.get(), {}, &out, &flag));
  EXPECT_EQ(Join(out, ","), "19991");
}
