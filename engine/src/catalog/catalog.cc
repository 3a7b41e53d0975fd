// Catalog persistence, DDL and row/key helpers (see catalog.h for the row layout and the
// invariants C1-C3, schema.h for S1-S5).
#include "catalog/catalog.h"

#include <algorithm>

#include "btree/btree.h"
#include "btree/overflow.h"
#include "record/key_codec.h"
#include "record/record.h"

namespace decentdb {
namespace {

constexpr int64_t kKindMeta = 0;
constexpr int64_t kKindTable = 1;
constexpr int64_t kKindIndex = 2;
constexpr int64_t kKindView = 3;
constexpr int64_t kKindSequence = 4;
constexpr int64_t kMetaVersion = 1;

const TreeOptions kTableTree{true};

// Appends the fields of a flattened structure; read back with FieldCursor.
struct FieldList {
  std::vector<Value> values;
  void Int(int64_t v) { values.push_back(Value::Int64(v)); }
  void Text(const std::string& s) { values.push_back(Value::Text(s)); }
  void Val(const Value& v) { values.push_back(v); }
  std::string Encode() const {
    std::vector<ValueRef> refs;
    refs.reserve(values.size());
    for (const Value& v : values) refs.push_back(v.ref());
    std::string out;
    EncodeRecordInline(refs.data(), refs.size(), &out);
    return out;
  }
};

// Reads the fields of a flattened structure in order; any mismatch is corruption.
class FieldCursor {
 public:
  Status Init(std::string_view bytes, const std::string& what) {
    what_ = what;
    bytes_ = bytes;
    return reader_.Init(reinterpret_cast<const uint8_t*>(bytes_.data()), bytes_.size());
  }
  Status Int(int64_t* out) {
    FieldRef f;
    DDB_RETURN_IF_ERROR(Next(&f));
    if (f.value.type() != ValueType::kInt64) return Bad();
    *out = f.value.int64();
    return Status::OK();
  }
  Status Text(std::string* out) {
    FieldRef f;
    DDB_RETURN_IF_ERROR(Next(&f));
    if (f.value.type() != ValueType::kText || f.overflow) return Bad();
    out->assign(f.value.bytes());
    return Status::OK();
  }
  Status Val(Value* out) {
    FieldRef f;
    DDB_RETURN_IF_ERROR(Next(&f));
    if (f.overflow) return Bad();
    out->Assign(f.value);
    return Status::OK();
  }

 private:
  Status Next(FieldRef* f) {
    if (i_ >= reader_.field_count()) return Bad();
    return reader_.Field(i_++, f);
  }
  Status Bad() const { return Status::Corruption("malformed catalog entry for " + what_); }

  std::string what_;
  std::string_view bytes_;
  RecordReader reader_;
  uint32_t i_ = 0;
};

std::string JoinColumns(const TableDef& t, const std::vector<int>& cols) {
  std::string out;
  for (int c : cols) {
    if (!out.empty()) out += "_";
    out += IdentKey(t.columns[c].name);
  }
  return out;
}

Status ResolveColumns(const TableDef& t, const std::vector<std::string>& names, const char* what,
                      std::vector<int>* out) {
  out->clear();
  for (const std::string& n : names) {
    int c = t.FindColumn(n);
    if (c < 0)
      return Status::Sql(std::string(what) + ": column \"" + n + "\" does not exist in table \"" +
                             t.name + "\"",
                         "42703");
    if (std::find(out->begin(), out->end(), c) != out->end())
      return Status::Sql(std::string(what) + ": column \"" + n + "\" appears twice", "42701");
    out->push_back(c);
  }
  return Status::OK();
}

std::string TableMeta(const TableDef& t) {
  FieldList f;
  f.Int(kMetaVersion);
  f.Int(t.rowid_alias);
  f.Int(static_cast<int64_t>(t.columns.size()));
  for (const ColumnDef& c : t.columns) {
    f.Text(c.name);
    f.Text(c.type.declared);
    f.Int(c.not_null);
    f.Text(c.default_sql);
    f.Val(c.added_value);
    f.Int(c.pk_ordinal);
    f.Int(c.auto_increment);
  }
  f.Int(static_cast<int64_t>(t.uniques.size()));
  for (const UniqueDef& u : t.uniques) {
    f.Text(u.name);
    f.Int(u.primary);
    f.Int(u.index_id);
    f.Int(static_cast<int64_t>(u.columns.size()));
    for (int c : u.columns) f.Int(c);
  }
  f.Int(static_cast<int64_t>(t.foreign_keys.size()));
  for (const ForeignKeyDef& fk : t.foreign_keys) {
    f.Text(fk.name);
    f.Int(fk.parent_table_id);
    f.Int(static_cast<int64_t>(fk.on_delete));
    f.Int(static_cast<int64_t>(fk.on_update));
    f.Int(fk.child_index_id);
    f.Int(static_cast<int64_t>(fk.child_columns.size()));
    for (int c : fk.child_columns) f.Int(c);
    for (int c : fk.parent_columns) f.Int(c);
  }
  f.Int(static_cast<int64_t>(t.checks.size()));
  for (const CheckDef& c : t.checks) {
    f.Text(c.name);
    f.Text(c.expr_sql);
  }
  return f.Encode();
}

// Bounds every count read from disk so a damaged entry cannot ask for a huge allocation.
Status Count(FieldCursor* fc, int64_t limit, size_t* out) {
  int64_t n;
  DDB_RETURN_IF_ERROR(fc->Int(&n));
  if (n < 0 || n > limit) return Status::Corruption("catalog entry has an impossible count");
  *out = static_cast<size_t>(n);
  return Status::OK();
}

Status ColumnIndex(FieldCursor* fc, size_t ncols, int* out) {
  int64_t c;
  DDB_RETURN_IF_ERROR(fc->Int(&c));
  if (c < 0 || static_cast<size_t>(c) >= ncols)
    return Status::Corruption("catalog entry names a column that does not exist");
  *out = static_cast<int>(c);
  return Status::OK();
}

Status ParseTableMeta(std::string_view meta, TableDef* t) {
  FieldCursor fc;
  DDB_RETURN_IF_ERROR(fc.Init(meta, "table " + t->name));
  int64_t version, alias;
  DDB_RETURN_IF_ERROR(fc.Int(&version));
  if (version != kMetaVersion) return Status::Corruption("unknown catalog version for table " + t->name);
  DDB_RETURN_IF_ERROR(fc.Int(&alias));
  size_t ncols;
  DDB_RETURN_IF_ERROR(Count(&fc, 1000, &ncols));
  if (alias < -1 || alias >= static_cast<int64_t>(ncols))
    return Status::Corruption("catalog entry of table " + t->name + " has a bad rowid alias");
  t->rowid_alias = static_cast<int>(alias);
  t->columns.resize(ncols);
  for (ColumnDef& c : t->columns) {
    std::string declared;
    int64_t not_null, pk, autoinc;
    DDB_RETURN_IF_ERROR(fc.Text(&c.name));
    DDB_RETURN_IF_ERROR(fc.Text(&declared));
    DDB_RETURN_IF_ERROR(fc.Int(&not_null));
    DDB_RETURN_IF_ERROR(fc.Text(&c.default_sql));
    DDB_RETURN_IF_ERROR(fc.Val(&c.added_value));
    DDB_RETURN_IF_ERROR(fc.Int(&pk));
    DDB_RETURN_IF_ERROR(fc.Int(&autoinc));
    Result<ColumnType> type = ResolveDeclaredType(declared);
    if (!type.ok())
      return Status::Corruption("catalog entry of table " + t->name + " has an unknown type " + declared);
    c.type = std::move(type).value();
    c.not_null = not_null != 0;
    c.pk_ordinal = static_cast<int>(pk);
    c.auto_increment = autoinc != 0;
  }
  size_t n;
  DDB_RETURN_IF_ERROR(Count(&fc, 1000, &n));
  t->uniques.resize(n);
  for (UniqueDef& u : t->uniques) {
    int64_t primary;
    size_t k;
    DDB_RETURN_IF_ERROR(fc.Text(&u.name));
    DDB_RETURN_IF_ERROR(fc.Int(&primary));
    DDB_RETURN_IF_ERROR(fc.Int(&u.index_id));
    DDB_RETURN_IF_ERROR(Count(&fc, 1000, &k));
    u.primary = primary != 0;
    u.columns.resize(k);
    for (int& c : u.columns) DDB_RETURN_IF_ERROR(ColumnIndex(&fc, ncols, &c));
  }
  DDB_RETURN_IF_ERROR(Count(&fc, 1000, &n));
  t->foreign_keys.resize(n);
  for (ForeignKeyDef& fk : t->foreign_keys) {
    int64_t del, upd;
    size_t k;
    DDB_RETURN_IF_ERROR(fc.Text(&fk.name));
    DDB_RETURN_IF_ERROR(fc.Int(&fk.parent_table_id));
    DDB_RETURN_IF_ERROR(fc.Int(&del));
    DDB_RETURN_IF_ERROR(fc.Int(&upd));
    DDB_RETURN_IF_ERROR(fc.Int(&fk.child_index_id));
    DDB_RETURN_IF_ERROR(Count(&fc, 1000, &k));
    if (del < 0 || del > 3 || upd < 0 || upd > 3)
      return Status::Corruption("catalog entry of table " + t->name + " has a bad FK action");
    fk.on_delete = static_cast<FkAction>(del);
    fk.on_update = static_cast<FkAction>(upd);
    fk.child_columns.resize(k);
    fk.parent_columns.resize(k);
    for (int& c : fk.child_columns) DDB_RETURN_IF_ERROR(ColumnIndex(&fc, ncols, &c));
    // Parent columns index the parent table, checked once every table is loaded.
    for (int& c : fk.parent_columns) {
      int64_t v;
      DDB_RETURN_IF_ERROR(fc.Int(&v));
      if (v < 0 || v >= 1000) return Status::Corruption("catalog FK column out of range");
      c = static_cast<int>(v);
    }
  }
  DDB_RETURN_IF_ERROR(Count(&fc, 1000, &n));
  t->checks.resize(n);
  for (CheckDef& c : t->checks) {
    DDB_RETURN_IF_ERROR(fc.Text(&c.name));
    DDB_RETURN_IF_ERROR(fc.Text(&c.expr_sql));
  }
  return Status::OK();
}

std::string ViewMeta(const ViewDef& v) {
  FieldList f;
  f.Int(kMetaVersion);
  f.Int(static_cast<int64_t>(v.column_names.size()));
  for (const std::string& c : v.column_names) f.Text(c);
  f.Int(static_cast<int64_t>(v.depends_on.size()));
  for (ObjectId d : v.depends_on) f.Int(d);
  return f.Encode();
}

Status ParseViewMeta(std::string_view meta, ViewDef* v) {
  FieldCursor fc;
  DDB_RETURN_IF_ERROR(fc.Init(meta, "view " + v->name));
  int64_t version;
  DDB_RETURN_IF_ERROR(fc.Int(&version));
  if (version != kMetaVersion) return Status::Corruption("unknown catalog version for view " + v->name);
  size_t n;
  DDB_RETURN_IF_ERROR(Count(&fc, 1000, &n));
  v->column_names.resize(n);
  for (std::string& c : v->column_names) DDB_RETURN_IF_ERROR(fc.Text(&c));
  DDB_RETURN_IF_ERROR(Count(&fc, 1000, &n));
  v->depends_on.resize(n);
  for (ObjectId& d : v->depends_on) DDB_RETURN_IF_ERROR(fc.Int(&d));
  return Status::OK();
}

std::string IndexMeta(const IndexDef& i) {
  FieldList f;
  f.Int(kMetaVersion);
  f.Int(static_cast<int64_t>(i.kind));
  f.Int(i.unique);
  f.Int(static_cast<int64_t>(i.origin));
  f.Int(static_cast<int64_t>(i.columns.size()));
  for (const IndexColumn& c : i.columns) {
    f.Int(c.column);
    f.Int(c.descending);
  }
  return f.Encode();
}

Status ParseIndexMeta(std::string_view meta, IndexDef* i) {
  FieldCursor fc;
  DDB_RETURN_IF_ERROR(fc.Init(meta, "index " + i->name));
  int64_t version, kind, unique, origin;
  DDB_RETURN_IF_ERROR(fc.Int(&version));
  if (version != kMetaVersion) return Status::Corruption("unknown catalog version for index " + i->name);
  DDB_RETURN_IF_ERROR(fc.Int(&kind));
  DDB_RETURN_IF_ERROR(fc.Int(&unique));
  DDB_RETURN_IF_ERROR(fc.Int(&origin));
  if (kind < 0 || kind > 1 || origin < 0 || origin > 3)
    return Status::Corruption("catalog entry of index " + i->name + " is malformed");
  i->kind = static_cast<IndexKind>(kind);
  i->unique = unique != 0;
  i->origin = static_cast<IndexOrigin>(origin);
  size_t n;
  DDB_RETURN_IF_ERROR(Count(&fc, 1000, &n));
  i->columns.resize(n);
  for (IndexColumn& c : i->columns) {
    int64_t col, desc;
    DDB_RETURN_IF_ERROR(fc.Int(&col));
    DDB_RETURN_IF_ERROR(fc.Int(&desc));
    if (col < 0 || col >= 1000) return Status::Corruption("catalog index column out of range");
    c.column = static_cast<int>(col);
    c.descending = desc != 0;
  }
  return Status::OK();
}

Status WriteRow(WriteTxn* txn, PageId catalog_root, int64_t key, const FieldList& row) {
  BTree tree(txn, catalog_root, TreeKind::kTable);
  std::string payload = row.Encode();
  bool found = false;
  DDB_RETURN_IF_ERROR(tree.Update(TreeKey::Rowid(key), payload, &found));
  if (!found) DDB_RETURN_IF_ERROR(tree.Insert(TreeKey::Rowid(key), payload));
  return Status::OK();
}

Status ObjectRow(int64_t kind, const std::string& name, ObjectId table_id, PageId root,
                 const std::string& meta, const std::string& sql, FieldList* out) {
  out->Int(kind);
  out->Text(name);
  out->Int(table_id);
  out->Int(root);
  out->values.push_back(Value::Blob(meta));
  out->Text(sql);
  return Status::OK();
}

}  // namespace

std::shared_ptr<Catalog> Catalog::For(Engine* engine) {
  return engine->Extension<Catalog>([] { return std::make_shared<Catalog>(); });
}

Status Catalog::SchemaFor(PageReader* r, const HeaderFields& h, bool cacheable,
                          std::shared_ptr<const Schema>* out) {
  if (cacheable) {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = cache_.find(h.schema_cookie);
    if (it != cache_.end()) {
      *out = it->second;
      return Status::OK();
    }
  }
  std::shared_ptr<Schema> schema;
  DDB_RETURN_IF_ERROR(ReadSchema(r, h, &schema));
  *out = schema;
  if (cacheable) {
    std::lock_guard<std::mutex> lock(mu_);
    cache_[h.schema_cookie] = schema;
    // Readers on old snapshots are rare; a handful of versions is plenty.
    while (cache_.size() > 8) cache_.erase(cache_.begin());
  }
  return Status::OK();
}

Status Catalog::ReadSchema(PageReader* r, const HeaderFields& h, std::shared_ptr<Schema>* out) {
  auto schema = std::make_shared<Schema>();
  schema->set_cookie(h.schema_cookie);
  if (h.catalog_root == kNoPage) {
    *out = schema;
    return Status::OK();
  }
  BTreeCursor cur(r, h.catalog_root, TreeKind::kTable);
  DDB_RETURN_IF_ERROR(cur.SeekGE(TreeKey::Rowid(1)));
  std::vector<IndexDef> indexes;
  for (; cur.Valid(); ) {
    std::string_view payload;
    DDB_RETURN_IF_ERROR(cur.Value(&payload));
    FieldCursor fc;
    std::string what = "object " + std::to_string(cur.rowid());
    DDB_RETURN_IF_ERROR(fc.Init(payload, what));
    int64_t kind, table_id, root;
    std::string name, sql;
    Value meta;
    DDB_RETURN_IF_ERROR(fc.Int(&kind));
    DDB_RETURN_IF_ERROR(fc.Text(&name));
    DDB_RETURN_IF_ERROR(fc.Int(&table_id));
    DDB_RETURN_IF_ERROR(fc.Int(&root));
    DDB_RETURN_IF_ERROR(fc.Val(&meta));
    DDB_RETURN_IF_ERROR(fc.Text(&sql));
    if (root < 0 || root > UINT32_MAX || meta.type() != ValueType::kBlob)
      return Status::Corruption("malformed catalog entry for " + what);
    if (kind == kKindTable) {
      TableDef t;
      t.id = cur.rowid();
      t.name = name;
      t.root = static_cast<PageId>(root);
      t.sql = sql;
      DDB_RETURN_IF_ERROR(ParseTableMeta(meta.bytes(), &t));
      schema->AddTable(std::move(t));
    } else if (kind == kKindIndex) {
      IndexDef i;
      i.id = cur.rowid();
      i.name = name;
      i.table_id = table_id;
      i.root = static_cast<PageId>(root);
      DDB_RETURN_IF_ERROR(ParseIndexMeta(meta.bytes(), &i));
      indexes.push_back(std::move(i));
    } else if (kind == kKindView) {
      ViewDef v;
      v.id = cur.rowid();
      v.name = name;
      v.sql = sql;
      DDB_RETURN_IF_ERROR(ParseViewMeta(meta.bytes(), &v));
      schema->AddView(std::move(v));
    } else {
      return Status::Corruption("catalog entry " + what + " has unknown kind " + std::to_string(kind));
    }
    DDB_RETURN_IF_ERROR(cur.Next());
  }
  for (IndexDef& i : indexes) {
    const TableDef* t = schema->TableById(i.table_id);
    if (t == nullptr) return Status::Corruption("index " + i.name + " belongs to no table");
    for (const IndexColumn& c : i.columns)
      if (static_cast<size_t>(c.column) >= t->columns.size())
        return Status::Corruption("index " + i.name + " names a column its table lacks");
    schema->AddIndex(std::move(i));
  }
  for (const TableDef* t : schema->tables()) {
    for (const ForeignKeyDef& fk : t->foreign_keys) {
      const TableDef* p = schema->TableById(fk.parent_table_id);
      if (p == nullptr) return Status::Corruption("foreign key " + fk.name + " names no parent table");
      for (int c : fk.parent_columns)
        if (static_cast<size_t>(c) >= p->columns.size())
          return Status::Corruption("foreign key " + fk.name + " names a missing parent column");
    }
  }
  *out = schema;
  return Status::OK();
}

Status Catalog::EnsureCatalogTree(WriteTxn* txn, HeaderFields* h) {
  *h = txn->header();
  if (h->catalog_root != kNoPage) return Status::OK();
  PageId root;
  DDB_RETURN_IF_ERROR(BTree::Create(txn, TreeKind::kTable, &root));
  h->catalog_root = root;
  txn->set_header(*h);
  FieldList meta;
  meta.Int(kKindMeta);
  meta.Int(1);  // next object id
  return WriteRow(txn, root, 0, meta);
}

Status Catalog::NextObjectId(WriteTxn* txn, PageId catalog_root, ObjectId* out) {
  BTree tree(txn, catalog_root, TreeKind::kTable);
  std::string payload;
  bool found = false;
  DDB_RETURN_IF_ERROR(tree.Get(TreeKey::Rowid(0), &payload, &found));
  FieldCursor fc;
  int64_t kind = -1, next = 0;
  if (found) {
    DDB_RETURN_IF_ERROR(fc.Init(payload, "catalog header"));
    DDB_RETURN_IF_ERROR(fc.Int(&kind));
    DDB_RETURN_IF_ERROR(fc.Int(&next));
  }
  if (!found || kind != kKindMeta || next < 1) return Status::Corruption("catalog header row is missing or malformed");
  *out = next;
  FieldList row;
  row.Int(kKindMeta);
  row.Int(next + 1);
  return WriteRow(txn, catalog_root, 0, row);
}

void Catalog::BumpCookie(WriteTxn* txn) {
  HeaderFields h = txn->header();
  ++h.schema_cookie;
  txn->set_header(h);
}

Status Catalog::CurrentSchema(WriteTxn* txn, std::shared_ptr<const Schema>* out) {
  return SchemaFor(txn, txn->header(), /*cacheable=*/false, out);
}

Status Catalog::WriteTableRow(WriteTxn* txn, PageId catalog_root, const TableDef& t) {
  FieldList row;
  DDB_RETURN_IF_ERROR(ObjectRow(kKindTable, t.name, t.id, t.root, TableMeta(t), t.sql, &row));
  return WriteRow(txn, catalog_root, t.id, row);
}

Status Catalog::WriteIndexRow(WriteTxn* txn, PageId catalog_root, const IndexDef& i) {
  FieldList row;
  DDB_RETURN_IF_ERROR(ObjectRow(kKindIndex, i.name, i.table_id, i.root, IndexMeta(i), "", &row));
  return WriteRow(txn, catalog_root, i.id, row);
}

Status Catalog::CreateTable(WriteTxn* txn, const TableSpec& spec, bool* out_created) {
  *out_created = false;
  std::shared_ptr<const Schema> schema;
  DDB_RETURN_IF_ERROR(CurrentSchema(txn, &schema));
  if (schema->FindTable(spec.name) != nullptr) {
    if (spec.if_not_exists) return Status::OK();
    return Status::Sql("relation \"" + spec.name + "\" already exists", "42P07");
  }
  if (spec.name.rfind("decentdb_", 0) == 0 || IdentKey(spec.name).rfind("decentdb_", 0) == 0)
    return Status::Sql("table names beginning with decentdb_ are reserved", "42939");
  if (spec.columns.empty()) return Status::Sql("a table needs at least one column", "42601");
  if (spec.columns.size() > 1000) return Status::Sql("tables can have at most 1000 columns", "54011");

  TableDef t;
  t.name = spec.name;
  t.sql = spec.sql;
  t.checks = spec.checks;
  for (const TableSpec::Column& c : spec.columns) {
    if (t.FindColumn(c.name) >= 0)
      return Status::Sql("column \"" + c.name + "\" specified more than once", "42701");
    ColumnDef d;
    d.name = c.name;
    d.type = c.type;
    d.not_null = c.not_null;
    d.default_sql = c.default_sql;
    t.columns.push_back(std::move(d));
  }

  // Primary key: a single INT64-class column is the rowid alias; anything else is a
  // unique index (ENGINE.md §5.1).
  int primaries = 0;
  struct PendingUnique {
    std::string name;
    std::vector<int> cols;
    bool primary;
  };
  std::vector<PendingUnique> uniques;
  for (const TableSpec::Unique& u : spec.uniques) {
    std::vector<int> cols;
    DDB_RETURN_IF_ERROR(ResolveColumns(t, u.columns, u.primary ? "PRIMARY KEY" : "UNIQUE", &cols));
    if (u.primary) {
      if (++primaries > 1)
        return Status::Sql("multiple primary keys for table \"" + t.name + "\" are not allowed", "42P16");
      for (size_t k = 0; k < cols.size(); ++k) {
        t.columns[cols[k]].pk_ordinal = static_cast<int>(k + 1);
        t.columns[cols[k]].not_null = true;
      }
      if (cols.size() == 1 && IsRowidAliasEligible(t.columns[cols[0]].type)) {
        t.rowid_alias = cols[0];
        t.columns[cols[0]].auto_increment = true;
        continue;
      }
    }
    uniques.push_back({u.name, cols, u.primary});
  }
  // The primary key is listed first (schema.h).
  std::stable_sort(uniques.begin(), uniques.end(),
                   [](const PendingUnique& a, const PendingUnique& b) { return a.primary > b.primary; });

  HeaderFields h;
  DDB_RETURN_IF_ERROR(EnsureCatalogTree(txn, &h));
  DDB_RETURN_IF_ERROR(NextObjectId(txn, h.catalog_root, &t.id));
  DDB_RETURN_IF_ERROR(BTree::Create(txn, TreeKind::kTable, &t.root));

  std::vector<IndexDef> new_indexes;
  auto add_index = [&](const std::string& name, const std::vector<int>& cols, bool unique,
                       IndexOrigin origin, ObjectId* out_id) -> Status {
    bool taken = schema->FindIndex(name) != nullptr;
    for (const IndexDef& existing : new_indexes) taken |= IdentEqual(existing.name, name);
    if (taken) return Status::Sql("relation \"" + name + "\" already exists", "42P07");
    IndexDef i;
    DDB_RETURN_IF_ERROR(NextObjectId(txn, h.catalog_root, &i.id));
    i.name = name;
    i.table_id = t.id;
    i.unique = unique;
    i.origin = origin;
    for (int c : cols) i.columns.push_back(IndexColumn{c, false});
    DDB_RETURN_IF_ERROR(BTree::Create(txn, TreeKind::kIndex, &i.root));
    *out_id = i.id;
    new_indexes.push_back(std::move(i));
    return Status::OK();
  };

  for (const PendingUnique& u : uniques) {
    // ADR-0049: a constraint reuses an index this statement already made for the same
    // columns.
    UniqueDef d;
    d.columns = u.cols;
    d.primary = u.primary;
    d.name = !u.name.empty() ? u.name
                             : (u.primary ? "pk_" + IdentKey(t.name)
                                          : "uniq_" + IdentKey(t.name) + "_" + JoinColumns(t, u.cols));
    bool reused = false;
    for (const IndexDef& i : new_indexes) {
      bool same = i.unique && i.columns.size() == u.cols.size();
      for (size_t k = 0; same && k < u.cols.size(); ++k) same = i.columns[k].column == u.cols[k];
      if (same) {
        d.index_id = i.id;
        reused = true;
      }
    }
    if (!reused)
      DDB_RETURN_IF_ERROR(add_index(d.name, u.cols, true,
                                    u.primary ? IndexOrigin::kPrimaryKey : IndexOrigin::kUnique, &d.index_id));
    t.uniques.push_back(std::move(d));
  }

  for (const TableSpec::ForeignKey& f : spec.foreign_keys) {
    ForeignKeyDef fk;
    DDB_RETURN_IF_ERROR(ResolveColumns(t, f.child_columns, "FOREIGN KEY", &fk.child_columns));
    bool self = IdentEqual(f.parent_table, t.name);
    const TableDef* parent = self ? &t : schema->FindTable(f.parent_table);
    if (parent == nullptr)
      return Status::Sql("relation \"" + f.parent_table + "\" does not exist", "42P01");
    if (f.parent_columns.empty()) {
      std::vector<std::pair<int, int>> pk;  // (ordinal, column)
      for (size_t c = 0; c < parent->columns.size(); ++c)
        if (parent->columns[c].pk_ordinal > 0) pk.emplace_back(parent->columns[c].pk_ordinal, static_cast<int>(c));
      std::sort(pk.begin(), pk.end());
      if (pk.empty())
        return Status::Sql("there is no primary key for referenced table \"" + parent->name + "\"", "42830");
      for (auto& [ord, c] : pk) fk.parent_columns.push_back(c);
    } else {
      DDB_RETURN_IF_ERROR(ResolveColumns(*parent, f.parent_columns, "REFERENCES", &fk.parent_columns));
    }
    if (fk.parent_columns.size() != fk.child_columns.size())
      return Status::Sql("number of referencing and referenced columns for foreign key disagree", "42830");
    // The parent columns must be the parent's primary key or one of its unique keys.
    bool keyed = false;
    if (parent->rowid_alias >= 0 && fk.parent_columns.size() == 1 && fk.parent_columns[0] == parent->rowid_alias)
      keyed = true;
    const std::vector<UniqueDef>& parent_uniques = self ? t.uniques : parent->uniques;
    for (const UniqueDef& u : parent_uniques) {
      std::vector<int> a = u.columns, b = fk.parent_columns;
      std::sort(a.begin(), a.end());
      std::sort(b.begin(), b.end());
      if (a == b) keyed = true;
    }
    if (!keyed)
      return Status::Sql("there is no unique constraint matching given keys for referenced table \"" +
                             parent->name + "\"",
                         "42830");
    for (size_t k = 0; k < fk.child_columns.size(); ++k) {
      const ColumnType& ct = t.columns[fk.child_columns[k]].type;
      const ColumnType& pt = parent->columns[fk.parent_columns[k]].type;
      if (!ct.type.SameKind(pt.type))
        return Status::Sql("foreign key column \"" + t.columns[fk.child_columns[k]].name +
                               "\" has type " + ct.declared + " but the referenced column has type " +
                               pt.declared,
                           "42804");
    }
    if (f.on_delete == FkAction::kSetNull || f.on_update == FkAction::kSetNull)
      for (int c : fk.child_columns)
        if (t.columns[c].not_null)
          return Status::Sql("ON ... SET NULL is impossible: column \"" + t.columns[c].name + "\" is NOT NULL",
                             "42P16");
    fk.parent_table_id = self ? t.id : parent->id;
    fk.on_delete = f.on_delete;
    fk.on_update = f.on_update;
    fk.name = !f.name.empty() ? f.name : "fk_" + IdentKey(t.name) + "_" + JoinColumns(t, fk.child_columns);
    // Reuse an index leading with the child columns; otherwise create one (ADR-0006/0049).
    for (const IndexDef& i : new_indexes) {
      bool lead = i.columns.size() >= fk.child_columns.size();
      for (size_t k = 0; lead && k < fk.child_columns.size(); ++k) lead = i.columns[k].column == fk.child_columns[k];
      if (lead && fk.child_index_id == kNoObject) fk.child_index_id = i.id;
    }
    bool alias_child = fk.child_columns.size() == 1 && fk.child_columns[0] == t.rowid_alias;
    if (fk.child_index_id == kNoObject && !alias_child)
      DDB_RETURN_IF_ERROR(add_index(fk.name + "_idx", fk.child_columns, false, IndexOrigin::kForeignKey,
                                    &fk.child_index_id));
    t.foreign_keys.push_back(std::move(fk));
  }

  DDB_RETURN_IF_ERROR(WriteTableRow(txn, h.catalog_root, t));
  for (const IndexDef& i : new_indexes) DDB_RETURN_IF_ERROR(WriteIndexRow(txn, h.catalog_root, i));
  FieldList seq;
  seq.Int(kKindSequence);
  seq.Int(1);
  DDB_RETURN_IF_ERROR(WriteRow(txn, h.catalog_root, -t.id, seq));
  BumpCookie(txn);
  *out_created = true;
  return Status::OK();
}

Status Catalog::CreateIndex(WriteTxn* txn, const IndexSpec& spec, bool* out_created) {
  *out_created = false;
  std::shared_ptr<const Schema> schema;
  DDB_RETURN_IF_ERROR(CurrentSchema(txn, &schema));
  if (schema->FindIndex(spec.name) != nullptr) {
    if (spec.if_not_exists) return Status::OK();
    return Status::Sql("relation \"" + spec.name + "\" already exists", "42P07");
  }
  const TableDef* t = schema->FindTable(spec.table);
  if (t == nullptr) return Status::Sql("relation \"" + spec.table + "\" does not exist", "42P01");
  if (spec.columns.empty()) return Status::Sql("an index needs at least one column", "42601");
  IndexDef i;
  i.name = spec.name;
  i.table_id = t->id;
  i.unique = spec.unique;
  i.kind = spec.kind;
  i.origin = IndexOrigin::kExplicit;
  for (const IndexSpec::Column& c : spec.columns) {
    int col = t->FindColumn(c.name);
    if (col < 0)
      return Status::Sql("column \"" + c.name + "\" does not exist in table \"" + t->name + "\"", "42703");
    i.columns.push_back(IndexColumn{col, c.descending});
  }
  if (spec.kind == IndexKind::kTrigram) DDB_RETURN_IF_ERROR(CheckTrigramIndex(*t, i));
  HeaderFields h;
  DDB_RETURN_IF_ERROR(EnsureCatalogTree(txn, &h));
  DDB_RETURN_IF_ERROR(NextObjectId(txn, h.catalog_root, &i.id));
  DDB_RETURN_IF_ERROR(BTree::Create(txn, TreeKind::kIndex, &i.root));
  DDB_RETURN_IF_ERROR(BuildIndex(txn, *t, i));
  DDB_RETURN_IF_ERROR(WriteIndexRow(txn, h.catalog_root, i));
  BumpCookie(txn);
  *out_created = true;
  return Status::OK();
}

Status Catalog::BuildIndex(WriteTxn* txn, const TableDef& table, const IndexDef& index) {
  if (index.kind == IndexKind::kTrigram) return BuildTrigramIndex(txn, table, index);
  BTree tree(txn, index.root, TreeKind::kIndex);
  BTreeCursor cur(txn, table.root, TreeKind::kTable);
  std::vector<Value> row;
  std::vector<ValueRef> refs;
  std::string key, prefix;
  DDB_RETURN_IF_ERROR(cur.First());
  for (; cur.Valid(); ) {
    std::string_view payload;
    DDB_RETURN_IF_ERROR(cur.Value(&payload));
    DDB_RETURN_IF_ERROR(DecodeRow(table, txn, cur.rowid(), payload, &row));
    refs.clear();
    for (const Value& v : row) refs.push_back(v.ref());
    DDB_RETURN_IF_ERROR(BuildIndexKey(table, index, refs.data(), cur.rowid(), txn->page_size(), &key));
    if (index.unique) {
      bool has_null = false;
      for (const IndexColumn& c : index.columns) has_null |= refs[c.column].is_null();
      if (!has_null) {
        DDB_RETURN_IF_ERROR(BuildIndexPrefix(table, index, refs.data(), &prefix));
        BTreeCursor probe(txn, index.root, TreeKind::kIndex);
        DDB_RETURN_IF_ERROR(probe.SeekGE(TreeKey::Bytes(prefix)));
        if (probe.Valid() && probe.key().substr(0, prefix.size()) == prefix)
          return Status::Constraint("could not create unique index \"" + index.name + "\": key is duplicated",
                                    "23505");
      }
    }
    // The tree changes under the table cursor's feet only in another tree, so it stays valid.
    DDB_RETURN_IF_ERROR(tree.Insert(TreeKey::Bytes(key), std::string_view()));
    DDB_RETURN_IF_ERROR(cur.Next());
  }
  return Status::OK();
}

Status Catalog::DropTable(WriteTxn* txn, const std::string& name, bool if_exists, bool* out_dropped) {
  *out_dropped = false;
  std::shared_ptr<const Schema> schema;
  DDB_RETURN_IF_ERROR(CurrentSchema(txn, &schema));
  const TableDef* t = schema->FindTable(name);
  if (t == nullptr) {
    if (if_exists) return Status::OK();
    return Status::Sql("table \"" + name + "\" does not exist", "42P01");
  }
  for (auto& [child, fk] : schema->ReferencesTo(t->id))
    if (child->id != t->id)
      return Status::Sql("cannot drop table " + t->name + " because foreign key " + fk->name + " of table " +
                             child->name + " depends on it",
                         "2BP01");
  // Views bind strictly (ENGINE.md §7.5): a table they read cannot go away under them.
  for (const ViewDef* v : schema->views())
    for (ObjectId dep : v->depends_on)
      if (dep == t->id)
        return Status::Sql("cannot drop table " + t->name + " because view " + v->name + " depends on it", "2BP01");
  HeaderFields h = txn->header();
  BTree catalog(txn, h.catalog_root, TreeKind::kTable);
  bool found = false;
  for (const IndexDef* i : schema->IndexesOf(t->id)) {
    BTree tree(txn, i->root, TreeKind::kIndex);
    DDB_RETURN_IF_ERROR(tree.Drop());
    DDB_RETURN_IF_ERROR(catalog.Delete(TreeKey::Rowid(i->id), &found));
  }
  BTree table_tree(txn, t->root, TreeKind::kTable, kTableTree);
  DDB_RETURN_IF_ERROR(table_tree.Drop());
  DDB_RETURN_IF_ERROR(catalog.Delete(TreeKey::Rowid(t->id), &found));
  DDB_RETURN_IF_ERROR(catalog.Delete(TreeKey::Rowid(-t->id), &found));
  BumpCookie(txn);
  *out_dropped = true;
  return Status::OK();
}

Status Catalog::DropIndex(WriteTxn* txn, const std::string& name, bool if_exists, bool* out_dropped) {
  *out_dropped = false;
  std::shared_ptr<const Schema> schema;
  DDB_RETURN_IF_ERROR(CurrentSchema(txn, &schema));
  const IndexDef* i = schema->FindIndex(name);
  if (i == nullptr) {
    if (if_exists) return Status::OK();
    return Status::Sql("index \"" + name + "\" does not exist", "42704");
  }
  const TableDef* t = schema->TableById(i->table_id);
  for (const UniqueDef& u : t->uniques)
    if (u.index_id == i->id)
      return Status::Sql("cannot drop index " + i->name + " because constraint " + u.name + " on table " +
                             t->name + " requires it",
                         "2BP01");
  for (const ForeignKeyDef& fk : t->foreign_keys)
    if (fk.child_index_id == i->id)
      return Status::Sql("cannot drop index " + i->name + " because foreign key " + fk.name + " on table " +
                             t->name + " requires it",
                         "2BP01");
  BTree tree(txn, i->root, TreeKind::kIndex);
  DDB_RETURN_IF_ERROR(tree.Drop());
  BTree catalog(txn, txn->header().catalog_root, TreeKind::kTable);
  bool found = false;
  DDB_RETURN_IF_ERROR(catalog.Delete(TreeKey::Rowid(i->id), &found));
  BumpCookie(txn);
  *out_dropped = true;
  return Status::OK();
}

Status Catalog::BuildIndexPrefix(const TableDef& table, const IndexDef& index, const ValueRef* row,
                                 std::string* out) {
  out->clear();
  for (const IndexColumn& c : index.columns) {
    ValueRef v = row[c.column];
    if (!v.is_null() && table.columns[c.column].type.type.is_decimal()) {
      DDB_RETURN_IF_ERROR(AppendDecimalKeyComponent(v.bytes(), c.descending, out));
    } else {
      AppendKeyComponent(v, c.descending, out);
    }
  }
  return Status::OK();
}

Status Catalog::BuildIndexKey(const TableDef& table, const IndexDef& index, const ValueRef* row,
                              int64_t rowid, uint32_t page_size, std::string* out) {
  DDB_RETURN_IF_ERROR(BuildIndexPrefix(table, index, row, out));
  AppendRowidSuffix(rowid, out);
  if (out->size() > MaxIndexKeySize(page_size))
    return Status::Sql("index row too large for index \"" + index.name + "\" (" + std::to_string(out->size()) +
                           " bytes; use a larger page size to index long values)",
                       "54000");
  return Status::OK();
}

Status Catalog::DecodeRow(const TableDef& table, PageReader* r, int64_t rowid, std::string_view record,
                          std::vector<Value>* out) {
  RecordReader reader;
  DDB_RETURN_IF_ERROR(reader.Init(reinterpret_cast<const uint8_t*>(record.data()), record.size()));
  out->resize(table.columns.size());
  std::string chain;
  for (size_t c = 0; c < table.columns.size(); ++c) {
    if (static_cast<int>(c) == table.rowid_alias) {
      (*out)[c] = Value::Int64(rowid);
      continue;
    }
    if (c >= reader.field_count()) {
      (*out)[c] = table.columns[c].added_value;
      continue;
    }
    FieldRef f;
    DDB_RETURN_IF_ERROR(reader.Field(static_cast<uint32_t>(c), &f));
    if (f.overflow) {
      DDB_RETURN_IF_ERROR(ReadOverflowChain(r, f.overflow_page, f.overflow_len, &chain));
      (*out)[c] = f.value.type() == ValueType::kText ? Value::Text(chain) : Value::Blob(chain);
    } else {
      (*out)[c].Assign(f.value);
    }
  }
  return Status::OK();
}

Status Catalog::EncodeRow(WriteTxn* txn, const TableDef& table, const ValueRef* row, std::string* out) {
  std::vector<ValueRef> fields(row, row + table.columns.size());
  if (table.rowid_alias >= 0) fields[table.rowid_alias] = ValueRef::Null();
  ChainSink sink(txn);
  return EncodeRecord(fields.data(), fields.size(), MaxLocal(txn->page_size()), &sink, out);
}

Status Catalog::AllocateRowid(WriteTxn* txn, const TableDef& table, bool has_explicit, int64_t explicit_rowid,
                              int64_t* out_rowid) {
  PageId root = txn->header().catalog_root;
  BTree catalog(txn, root, TreeKind::kTable);
  std::string payload;
  bool found = false;
  DDB_RETURN_IF_ERROR(catalog.Get(TreeKey::Rowid(-table.id), &payload, &found));
  int64_t kind = -1, next = 0;
  if (found) {
    FieldCursor fc;
    DDB_RETURN_IF_ERROR(fc.Init(payload, "sequence of " + table.name));
    DDB_RETURN_IF_ERROR(fc.Int(&kind));
    DDB_RETURN_IF_ERROR(fc.Int(&next));
  }
  if (!found || kind != kKindSequence) return Status::Corruption("rowid sequence of table " + table.name + " is missing");
  int64_t id;
  if (has_explicit) {
    id = explicit_rowid;
    if (id < next) {
      *out_rowid = id;
      return Status::OK();  // below the counter: nothing to record (C3 still holds)
    }
  } else {
    id = next;
  }
  if (id == INT64_MAX)
    return Status::Constraint("rowid of table \"" + table.name + "\" would overflow", "23000");
  FieldList seq;
  seq.Int(kKindSequence);
  seq.Int(id + 1);
  bool updated = false;
  DDB_RETURN_IF_ERROR(catalog.Update(TreeKey::Rowid(-table.id), seq.Encode(), &updated));
  *out_rowid = id;
  return Status::OK();
}

// ---------------------------------------------------------------- M2 DDL

Status Catalog::ReplaceTables(WriteTxn* txn, const std::vector<TableDef>& tables) {
  HeaderFields h = txn->header();
  if (h.catalog_root == kNoPage) return Status::Internal("ALTER TABLE without a catalog");
  for (const TableDef& t : tables) DDB_RETURN_IF_ERROR(WriteTableRow(txn, h.catalog_root, t));
  BumpCookie(txn);
  return Status::OK();
}

Status Catalog::CreateView(WriteTxn* txn, const ViewDef& spec, bool or_replace, bool if_not_exists,
                           bool* out_created) {
  *out_created = false;
  std::shared_ptr<const Schema> schema;
  DDB_RETURN_IF_ERROR(CurrentSchema(txn, &schema));
  if (IdentKey(spec.name).rfind("decentdb_", 0) == 0)
    return Status::Sql("view names beginning with decentdb_ are reserved", "42939");
  ViewDef v = spec;
  if (schema->FindTable(spec.name) != nullptr)
    return Status::Sql("relation \"" + spec.name + "\" already exists", "42P07");
  HeaderFields h;
  DDB_RETURN_IF_ERROR(EnsureCatalogTree(txn, &h));
  if (const ViewDef* old = schema->FindView(spec.name)) {
    if (if_not_exists) return Status::OK();
    if (!or_replace) return Status::Sql("relation \"" + spec.name + "\" already exists", "42P07");
    // The new body may not read the view itself, directly or through other views: a
    // cycle would make expansion endless.
    std::vector<ObjectId> todo = spec.depends_on, seen;
    while (!todo.empty()) {
      const ObjectId d = todo.back();
      todo.pop_back();
      if (d == old->id) return Status::Sql("view \"" + spec.name + "\" would read itself", "42P17");
      if (std::find(seen.begin(), seen.end(), d) != seen.end()) continue;
      seen.push_back(d);
      for (const ViewDef* other : schema->views())
        if (other->id == d) todo.insert(todo.end(), other->depends_on.begin(), other->depends_on.end());
    }
    v.id = old->id;  // dependants keep pointing at it
  } else {
    DDB_RETURN_IF_ERROR(NextObjectId(txn, h.catalog_root, &v.id));
  }
  FieldList row;
  DDB_RETURN_IF_ERROR(ObjectRow(kKindView, v.name, kNoObject, kNoPage, ViewMeta(v), v.sql, &row));
  DDB_RETURN_IF_ERROR(WriteRow(txn, h.catalog_root, v.id, row));
  BumpCookie(txn);
  *out_created = true;
  return Status::OK();
}

Status Catalog::DropView(WriteTxn* txn, const std::string& name, bool if_exists, bool* out_dropped) {
  *out_dropped = false;
  std::shared_ptr<const Schema> schema;
  DDB_RETURN_IF_ERROR(CurrentSchema(txn, &schema));
  const ViewDef* v = schema->FindView(name);
  if (v == nullptr) {
    if (if_exists) return Status::OK();
    if (schema->FindTable(name) != nullptr)
      return Status::Sql("\"" + name + "\" is not a view (use DROP TABLE)", "42809");
    return Status::Sql("view \"" + name + "\" does not exist", "42P01");
  }
  for (const ViewDef* other : schema->views())
    for (ObjectId dep : other->depends_on)
      if (dep == v->id && other->id != v->id)
        return Status::Sql("cannot drop view " + v->name + " because view " + other->name + " depends on it",
                           "2BP01");
  BTree catalog(txn, txn->header().catalog_root, TreeKind::kTable);
  bool found = false;
  DDB_RETURN_IF_ERROR(catalog.Delete(TreeKey::Rowid(v->id), &found));
  BumpCookie(txn);
  *out_dropped = true;
  return Status::OK();
}

}  // namespace decentdb
