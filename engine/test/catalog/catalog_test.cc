// Tests for catalog/catalog.h: CREATE/DROP TABLE and INDEX persisted across reopen, the
// rowid alias rule, backing indexes for PK/UNIQUE/FK (and their reuse), FK validation,
// refusal to drop depended-on objects, index builds with uniqueness, rowid allocation that
// never reuses ids, schema caching by cookie, and row encode/decode with overflow.
#include <memory>
#include <string>

#include "btree/btree.h"
#include "catalog/catalog.h"
#include "harness/test.h"
#include "record/key_codec.h"

using namespace decentdb;

namespace {

ColumnType Type(const char* text) {
  Result<ColumnType> t = ResolveDeclaredType(text);
  if (!t.ok()) ddbtest::ReportFailure(__FILE__, __LINE__, t.status().ToString());
  return t.value();
}

TableSpec::Column Col(const char* name, const char* type, bool not_null = false) {
  TableSpec::Column c;
  c.name = name;
  c.type = Type(type);
  c.not_null = not_null;
  return c;
}

TableSpec::Unique Key(std::vector<std::string> cols, bool primary) {
  TableSpec::Unique u;
  u.columns = std::move(cols);
  u.primary = primary;
  return u;
}

struct Db {
  std::shared_ptr<Engine> engine;
  std::shared_ptr<Catalog> catalog;

  explicit Db(const std::string& path) {
    EngineOptions o;
    o.sync = SyncMode::kOff;
    Status s = Engine::Acquire(path, o, true, false, &engine);
    if (!s.ok()) {
      ddbtest::ReportFailure(__FILE__, __LINE__, s.ToString());
      throw ddbtest::AssertionFailed();
    }
    catalog = Catalog::For(engine.get());
  }

  std::unique_ptr<WriteTxn> Write() {
    std::unique_ptr<WriteTxn> w;
    Status s = engine->BeginWrite(1000, UINT64_MAX, &w);
    if (!s.ok()) {
      ddbtest::ReportFailure(__FILE__, __LINE__, s.ToString());
      throw ddbtest::AssertionFailed();
    }
    return w;
  }

  std::shared_ptr<const Schema> Read() {
    std::unique_ptr<ReadTxn> r;
    std::shared_ptr<const Schema> schema;
    Status s = engine->BeginRead(&r);
    if (s.ok()) s = catalog->SchemaFor(r.get(), r->header(), true, &schema);
    if (!s.ok()) {
      ddbtest::ReportFailure(__FILE__, __LINE__, s.ToString());
      throw ddbtest::AssertionFailed();
    }
    return schema;
  }
};

TableSpec Artists() {
  TableSpec t;
  t.name = "Artist";
  t.columns = {Col("id", "INTEGER"), Col("name", "VARCHAR(100)", true), Col("born", "DATE")};
  t.uniques = {Key({"id"}, true), Key({"name"}, false)};
  t.sql = "CREATE TABLE Artist (...)";
  return t;
}

TableSpec Albums() {
  TableSpec t;
  t.name = "album";
  t.columns = {Col("id", "BIGINT"), Col("artist_id", "INTEGER", true), Col("title", "TEXT"),
               Col("price", "DECIMAL(10,2)")};
  t.uniques = {Key({"id"}, true)};
  TableSpec::ForeignKey fk;
  fk.child_columns = {"artist_id"};
  fk.parent_table = "ARTIST";
  t.foreign_keys = {fk};
  return t;
}

}  // namespace

TEST(Catalog, CreatesTablesWithBackingIndexesAndPersistsThem) {
  std::string path = ddbtest::TempDir() + "/c.ddb";
  {
    Db db(path);
    auto w = db.Write();
    bool created = false;
    ASSERT_OK(db.catalog->CreateTable(w.get(), Artists(), &created));
    EXPECT_TRUE(created);
    ASSERT_OK(db.catalog->CreateTable(w.get(), Albums(), &created));
    ASSERT_OK(w->Commit());
  }
  Db db(path);
  auto schema = db.Read();
  EXPECT_EQ(schema->cookie(), 2u);
  const TableDef* artist = schema->FindTable("artist");
  ASSERT_TRUE(artist != nullptr);
  EXPECT_EQ(artist->name, "Artist");
  EXPECT_EQ(artist->rowid_alias, 0);
  EXPECT_TRUE(artist->columns[0].auto_increment);
  EXPECT_EQ(artist->columns[1].type.declared, "VARCHAR(100)");
  EXPECT_TRUE(artist->columns[1].not_null);
  ASSERT_EQ(artist->uniques.size(), 1u);  // the rowid alias needs no index
  EXPECT_EQ(artist->uniques[0].name, "uniq_artist_name");
  const IndexDef* uniq = schema->IndexById(artist->uniques[0].index_id);
  ASSERT_TRUE(uniq != nullptr);
  EXPECT_TRUE(uniq->unique);
  EXPECT_TRUE(uniq->origin == IndexOrigin::kUnique);

  const TableDef* album = schema->FindTable("ALBUM");
  ASSERT_TRUE(album != nullptr);
  ASSERT_EQ(album->foreign_keys.size(), 1u);
  const ForeignKeyDef& fk = album->foreign_keys[0];
  EXPECT_EQ(fk.name, "fk_album_artist_id");
  EXPECT_EQ(fk.parent_table_id, artist->id);
  EXPECT_EQ(fk.parent_columns.size(), 1u);
  EXPECT_EQ(fk.parent_columns[0], 0);
  const IndexDef* child = schema->IndexById(fk.child_index_id);
  ASSERT_TRUE(child != nullptr);
  EXPECT_EQ(child->name, "fk_album_artist_id_idx");
  EXPECT_TRUE(child->origin == IndexOrigin::kForeignKey);
  EXPECT_EQ(schema->ReferencesTo(artist->id).size(), 1u);
  EXPECT_TRUE(album->columns[3].type.type.is_decimal());
}

TEST(Catalog, RejectsBadDefinitions) {
  Db db(":memory:");
  auto w = db.Write();
  bool created = false;
  ASSERT_OK(db.catalog->CreateTable(w.get(), Artists(), &created));
  Status s = db.catalog->CreateTable(w.get(), Artists(), &created);
  EXPECT_EQ(std::string(s.sqlstate()), "42P07");
  TableSpec again = Artists();
  again.if_not_exists = true;
  ASSERT_OK(db.catalog->CreateTable(w.get(), again, &created));
  EXPECT_FALSE(created);

  TableSpec dup;
  dup.name = "t";
  dup.columns = {Col("a", "INT"), Col("A", "TEXT")};
  EXPECT_EQ(std::string(db.catalog->CreateTable(w.get(), dup, &created).sqlstate()), "42701");

  TableSpec bad_fk = Albums();
  bad_fk.name = "a2";
  bad_fk.foreign_keys[0].parent_table = "nope";
  EXPECT_EQ(std::string(db.catalog->CreateTable(w.get(), bad_fk, &created).sqlstate()), "42P01");
  bad_fk.foreign_keys[0].parent_table = "artist";
  bad_fk.foreign_keys[0].parent_columns = {"born"};  // not a key of the parent
  EXPECT_EQ(std::string(db.catalog->CreateTable(w.get(), bad_fk, &created).sqlstate()), "42830");
  bad_fk.foreign_keys[0].parent_columns = {"name"};  // unique, but TEXT vs INTEGER
  EXPECT_EQ(std::string(db.catalog->CreateTable(w.get(), bad_fk, &created).sqlstate()), "42804");

  TableSpec two_pks;
  two_pks.name = "p";
  two_pks.columns = {Col("a", "INT"), Col("b", "INT")};
  two_pks.uniques = {Key({"a"}, true), Key({"b"}, true)};
  EXPECT_EQ(std::string(db.catalog->CreateTable(w.get(), two_pks, &created).sqlstate()), "42P16");

  TableSpec reserved;
  reserved.name = "decentdb_tables";
  reserved.columns = {Col("a", "INT")};
  EXPECT_FALSE(db.catalog->CreateTable(w.get(), reserved, &created).ok());
}

TEST(Catalog, CompositeAndTextPrimaryKeysUseAUniqueIndex) {
  Db db(":memory:");
  auto w = db.Write();
  bool created = false;
  TableSpec t;
  t.name = "membership";
  t.columns = {Col("user_id", "INTEGER"), Col("group_id", "INTEGER"), Col("code", "UUID")};
  t.uniques = {Key({"user_id", "group_id"}, true)};
  ASSERT_OK(db.catalog->CreateTable(w.get(), t, &created));
  TableSpec u;
  u.name = "tokens";
  u.columns = {Col("token", "TEXT")};
  u.uniques = {Key({"token"}, true)};
  ASSERT_OK(db.catalog->CreateTable(w.get(), u, &created));
  ASSERT_OK(w->Commit());
  auto schema = db.Read();
  const TableDef* m = schema->FindTable("membership");
  EXPECT_EQ(m->rowid_alias, -1);
  ASSERT_EQ(m->uniques.size(), 1u);
  EXPECT_TRUE(m->uniques[0].primary);
  EXPECT_EQ(m->uniques[0].name, "pk_membership");
  EXPECT_EQ(m->columns[0].pk_ordinal, 1);
  EXPECT_EQ(m->columns[1].pk_ordinal, 2);
  EXPECT_TRUE(m->columns[1].not_null);
  const TableDef* tok = schema->FindTable("tokens");
  EXPECT_EQ(tok->rowid_alias, -1);
  EXPECT_TRUE(schema->IndexById(tok->uniques[0].index_id)->origin == IndexOrigin::kPrimaryKey);
}

TEST(Catalog, DropRefusesDependentsAndFreesPages) {
  Db db(":memory:");
  bool created = false, dropped = false;
  {
    auto w = db.Write();
    ASSERT_OK(db.catalog->CreateTable(w.get(), Artists(), &created));
    ASSERT_OK(db.catalog->CreateTable(w.get(), Albums(), &created));
    ASSERT_OK(w->Commit());
  }
  auto w = db.Write();
  Status s = db.catalog->DropTable(w.get(), "artist", false, &dropped);
  EXPECT_EQ(std::string(s.sqlstate()), "2BP01");
  s = db.catalog->DropIndex(w.get(), "fk_album_artist_id_idx", false, &dropped);
  EXPECT_EQ(std::string(s.sqlstate()), "2BP01");
  s = db.catalog->DropIndex(w.get(), "uniq_artist_name", false, &dropped);
  EXPECT_EQ(std::string(s.sqlstate()), "2BP01");
  ASSERT_OK(db.catalog->DropTable(w.get(), "album", false, &dropped));
  EXPECT_TRUE(dropped);
  ASSERT_OK(db.catalog->DropTable(w.get(), "artist", false, &dropped));
  ASSERT_OK(db.catalog->DropTable(w.get(), "artist", true, &dropped));
  EXPECT_FALSE(dropped);
  EXPECT_EQ(std::string(db.catalog->DropTable(w.get(), "artist", false, &dropped).sqlstate()), "42P01");
  ASSERT_OK(w->Commit());
  auto schema = db.Read();
  EXPECT_TRUE(schema->tables().empty());
  EXPECT_EQ(schema->cookie(), 4u);
  std::string report;
  ASSERT_OK(db.engine->IntegrityCheck(&report));
  EXPECT_EQ(report, "ok");
}

TEST(Catalog, BuildsIndexesOverExistingRowsAndEnforcesUniqueness) {
  Db db(":memory:");
  bool created = false;
  auto w = db.Write();
  TableSpec t;
  t.name = "t";
  t.columns = {Col("id", "INTEGER"), Col("email", "TEXT"), Col("amount", "NUMERIC(8,2)")};
  t.uniques = {Key({"id"}, true)};
  ASSERT_OK(db.catalog->CreateTable(w.get(), t, &created));
  std::shared_ptr<const Schema> schema;
  ASSERT_OK(db.catalog->SchemaFor(w.get(), w->header(), false, &schema));
  const TableDef* td = schema->FindTable("t");
  BTree tree(w.get(), td->root, TreeKind::kTable, TreeOptions{true});
  std::string rec;
  std::string big(5000, 'x');  // forces a field chain
  const char* emails[] = {"a@x", "b@x", nullptr, "a@x", nullptr};
  for (int i = 0; i < 5; ++i) {
    int64_t rowid = 0;
    ASSERT_OK(db.catalog->AllocateRowid(w.get(), *td, false, 0, &rowid));
    EXPECT_EQ(rowid, i + 1);
    ValueRef row[3] = {ValueRef::Int64(rowid), emails[i] ? ValueRef::Text(emails[i]) : ValueRef::Null(),
                       ValueRef::Text(i == 1 ? std::string_view(big) : std::string_view("1.50"))};
    ASSERT_OK(Catalog::EncodeRow(w.get(), *td, row, &rec));
    ASSERT_OK(tree.Insert(TreeKey::Rowid(rowid), rec));
  }
  IndexSpec dup;
  dup.name = "ix_email";
  dup.table = "t";
  dup.unique = true;
  dup.columns = {{"email", false}};
  bool made = false;
  uint64_t mark = w->Mark();
  Status s = db.catalog->CreateIndex(w.get(), dup, &made);
  EXPECT_EQ(std::string(s.sqlstate()), "23505");
  ASSERT_OK(w->RollbackToMark(mark));
  dup.unique = false;
  ASSERT_OK(db.catalog->CreateIndex(w.get(), dup, &made));
  EXPECT_TRUE(made);
  // A second schema object: td points into the first one, which must stay alive.
  std::shared_ptr<const Schema> with_index;
  ASSERT_OK(db.catalog->SchemaFor(w.get(), w->header(), false, &with_index));
  const IndexDef* ix = with_index->FindIndex("IX_EMAIL");
  ASSERT_TRUE(ix != nullptr);
  BTreeCursor cur(w.get(), ix->root, TreeKind::kIndex);
  ASSERT_OK(cur.First());
  std::vector<int64_t> order;
  while (cur.Valid()) {
    int64_t rowid;
    ASSERT_OK(DecodeRowidSuffix(reinterpret_cast<const uint8_t*>(cur.key().data()), cur.key().size(), &rowid));
    order.push_back(rowid);
    ASSERT_OK(cur.Next());
  }
  // a@x (1, 4), b@x (2), then NULLs last (3, 5).
  EXPECT_EQ(order.size(), 5u);
  EXPECT_TRUE((order == std::vector<int64_t>{1, 4, 2, 3, 5}));

  // Decoding returns the alias from the key and the chained field whole.
  std::string payload;
  bool found = false;
  ASSERT_OK(tree.Get(TreeKey::Rowid(2), &payload, &found));
  std::vector<Value> row;
  ASSERT_OK(Catalog::DecodeRow(*td, w.get(), 2, payload, &row));
  EXPECT_EQ(row[0].int64(), 2);
  EXPECT_EQ(row[1].bytes(), "b@x");
  EXPECT_EQ(row[2].bytes().size(), 5000u);
  ASSERT_OK(w->Commit());
}

TEST(Catalog, RowidsAreNeverReusedAndExplicitIdsRaiseTheCounter) {
  Db db(":memory:");
  bool created = false;
  {
    auto w = db.Write();
    ASSERT_OK(db.catalog->CreateTable(w.get(), Artists(), &created));
    ASSERT_OK(w->Commit());
  }
  auto schema = db.Read();
  const TableDef* t = schema->FindTable("artist");
  auto w = db.Write();
  int64_t id = 0;
  ASSERT_OK(db.catalog->AllocateRowid(w.get(), *t, false, 0, &id));
  EXPECT_EQ(id, 1);
  ASSERT_OK(db.catalog->AllocateRowid(w.get(), *t, true, 100, &id));
  EXPECT_EQ(id, 100);
  ASSERT_OK(db.catalog->AllocateRowid(w.get(), *t, true, 50, &id));
  EXPECT_EQ(id, 50);
  ASSERT_OK(db.catalog->AllocateRowid(w.get(), *t, false, 0, &id));
  EXPECT_EQ(id, 101);
  Status s = db.catalog->AllocateRowid(w.get(), *t, true, INT64_MAX, &id);
  EXPECT_TRUE(s.Is(Code::kConstraint));
  ASSERT_OK(w->Commit());
  // The counter change bumped no cookie (S5).
  EXPECT_EQ(db.Read()->cookie(), 1u);
  auto w2 = db.Write();
  ASSERT_OK(db.catalog->AllocateRowid(w2.get(), *t, false, 0, &id));
  EXPECT_EQ(id, 102);
}

TEST(Catalog, CachesCommittedSchemasByCookieOnly) {
  Db db(":memory:");
  bool created = false;
  auto before = db.Read();
  {
    auto w = db.Write();
    ASSERT_OK(db.catalog->CreateTable(w.get(), Artists(), &created));
    w->Rollback();
  }
  auto after_rollback = db.Read();
  EXPECT_TRUE(after_rollback == before);  // same cookie, served from the cache
  EXPECT_TRUE(after_rollback->tables().empty());
  {
    auto w = db.Write();
    TableSpec other = Albums();
    other.name = "solo";
    other.foreign_keys.clear();
    ASSERT_OK(db.catalog->CreateTable(w.get(), other, &created));
    ASSERT_OK(w->Commit());
  }
  auto now = db.Read();
  EXPECT_EQ(now->cookie(), 1u);
  ASSERT_EQ(now->tables().size(), 1u);
  EXPECT_EQ(now->tables()[0]->name, "solo");
}
