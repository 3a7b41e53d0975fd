// Row writes of INSERT, UPDATE and DELETE: NOT NULL, rowid allocation, uniqueness, table
// and index maintenance, and the statement-end foreign-key checks. Design: ENGINE.md §5.1,
// §5.2, §7.4, §9.5; the contract is in exec/dml.h.
#include "exec/dml.h"

#include <algorithm>
#include <cstdio>

#include "btree/btree.h"
#include "record/key_codec.h"

namespace decentdb {
namespace exec {

namespace {

constexpr size_t kMaxDescribedBytes = 100;
// Buffered trigram (trigram, rowid) changes after which a statement writes them early
// (about 16 MiB per index); otherwise they are written at statement end.
constexpr size_t kTrigramFlushPairs = size_t{1} << 20;

void AppendValueText(ValueRef v, std::string* out) {
  char buf[40];
  switch (v.type()) {
    case ValueType::kNull: out->append("NULL"); break;
    case ValueType::kInt64: out->append(std::to_string(v.int64())); break;
    case ValueType::kFloat64:
      std::snprintf(buf, sizeof buf, "%.17g", v.float64());
      out->append(buf);
      break;
    case ValueType::kBool: out->append(v.boolean() ? "true" : "false"); break;
    case ValueType::kText:
      out->push_back('\'');
      out->append(v.bytes().substr(0, kMaxDescribedBytes));
      if (v.size() > kMaxDescribedBytes) out->append("...");
      out->push_back('\'');
      break;
    case ValueType::kBlob: {
      out->append("X'");
      size_t n = std::min<size_t>(v.size(), kMaxDescribedBytes / 2);
      for (size_t i = 0; i < n; ++i) {
        std::snprintf(buf, sizeof buf, "%02X", v.data()[i]);
        out->append(buf);
      }
      if (n < v.size()) out->append("...");
      out->push_back('\'');
      break;
    }
  }
}

std::vector<ValueRef> Refs(const std::vector<Value>& row) {
  std::vector<ValueRef> out;
  out.reserve(row.size());
  for (const Value& v : row) out.push_back(v.ref());
  return out;
}

// Appends the key component of a value of `column` (DECIMAL numerically).
Status AppendColumnComponent(const ColumnDef& column, ValueRef v, bool desc, std::string* out) {
  if (!v.is_null() && column.type.type.is_decimal() && v.type() == ValueType::kText)
    return AppendDecimalKeyComponent(v.bytes(), desc, out);
  AppendKeyComponent(v, desc, out);
  return Status::OK();
}

bool HasPrefix(std::string_view key, const std::string& prefix) {
  return key.size() >= prefix.size() && key.compare(0, prefix.size(), prefix) == 0;
}

// The unique index of parent whose columns are exactly `cols` (in any order), or null.
const IndexDef* UniqueIndexOn(const Schema& schema, const TableDef& parent, const std::vector<int>& cols) {
  std::vector<int> want = cols;
  std::sort(want.begin(), want.end());
  for (const UniqueDef& u : parent.uniques) {
    std::vector<int> have = u.columns;
    std::sort(have.begin(), have.end());
    if (have == want) return schema.IndexById(u.index_id);
  }
  return nullptr;
}

// Whether `parent` has a row whose `cols` equal key.
Status ParentKeyExists(WriteTxn* txn, const Schema& schema, const TableDef& parent,
                       const std::vector<int>& cols, const std::vector<Value>& key, bool* out) {
  *out = false;
  if (cols.size() == 1 && cols[0] == parent.rowid_alias) {
    if (key[0].type() != ValueType::kInt64) return Status::OK();
    BTree tree(txn, parent.root, TreeKind::kTable, TreeOptions{true});
    std::string payload;
    return tree.Get(TreeKey::Rowid(key[0].int64()), &payload, out);
  }
  const IndexDef* index = UniqueIndexOn(schema, parent, cols);
  if (index == nullptr)
    return Status::Internal("no unique index on the referenced columns of \"" + parent.name + "\"");
  std::vector<ValueRef> row(parent.columns.size());
  for (size_t k = 0; k < cols.size(); ++k) row[cols[k]] = key[k].ref();
  std::string prefix;
  DDB_RETURN_IF_ERROR(Catalog::BuildIndexPrefix(parent, *index, row.data(), &prefix));
  BTreeCursor cur(txn, index->root, TreeKind::kIndex);
  DDB_RETURN_IF_ERROR(cur.SeekGE(TreeKey::Bytes(prefix)));
  *out = cur.Valid() && HasPrefix(cur.key(), prefix);
  return Status::OK();
}

// The index of child whose leading columns are fk's child columns, and key encoded as its
// prefix there; *index stays null when no index leads with them.
Status ChildIndexPrefix(const Schema& schema, const TableDef& child, const ForeignKeyDef& fk,
                        const std::vector<Value>& key, const IndexDef** index, std::string* prefix) {
  *index = nullptr;
  const IndexDef* candidate = schema.IndexById(fk.child_index_id);
  bool leads = candidate != nullptr && candidate->columns.size() >= fk.child_columns.size();
  for (size_t k = 0; leads && k < fk.child_columns.size(); ++k)
    leads = candidate->columns[k].column == fk.child_columns[k];
  if (!leads) return Status::OK();
  for (size_t k = 0; k < fk.child_columns.size(); ++k)
    DDB_RETURN_IF_ERROR(AppendColumnComponent(child.columns[fk.child_columns[k]], key[k].ref(),
                                              candidate->columns[k].descending, prefix));
  *index = candidate;
  return Status::OK();
}

// Whether any row of `child` has fk's child columns equal to key.
Status ChildReferences(WriteTxn* txn, const Schema& schema, const TableDef& child,
                       const ForeignKeyDef& fk, const std::vector<Value>& key, bool* out) {
  *out = false;
  if (fk.child_columns.size() == 1 && fk.child_columns[0] == child.rowid_alias) {
    if (key[0].type() != ValueType::kInt64) return Status::OK();
    BTree tree(txn, child.root, TreeKind::kTable, TreeOptions{true});
    std::string payload;
    return tree.Get(TreeKey::Rowid(key[0].int64()), &payload, out);
  }
  const IndexDef* index = nullptr;
  std::string prefix;
  DDB_RETURN_IF_ERROR(ChildIndexPrefix(schema, child, fk, key, &index, &prefix));
  if (index != nullptr) {
    BTreeCursor cur(txn, index->root, TreeKind::kIndex);
    DDB_RETURN_IF_ERROR(cur.SeekGE(TreeKey::Bytes(prefix)));
    *out = cur.Valid() && HasPrefix(cur.key(), prefix);
    return Status::OK();
  }
  // No usable index (cannot happen for catalogs this engine wrote, S4): scan the table.
  BTreeCursor cur(txn, child.root, TreeKind::kTable);
  std::vector<Value> row;
  DDB_RETURN_IF_ERROR(cur.First());
  while (cur.Valid()) {
    std::string_view payload;
    DDB_RETURN_IF_ERROR(cur.Value(&payload));
    DDB_RETURN_IF_ERROR(Catalog::DecodeRow(child, txn, cur.rowid(), payload, &row));
    bool match = true;
    for (size_t k = 0; match && k < fk.child_columns.size(); ++k)
      match = IdenticalValues(row[fk.child_columns[k]].ref(), key[k].ref());
    if (match) {
      *out = true;
      return Status::OK();
    }
    DDB_RETURN_IF_ERROR(cur.Next());
  }
  return Status::OK();
}

std::vector<ValueRef> KeyRefs(const std::vector<Value>& key) { return Refs(key); }

// Rowids of the rows of `child` whose fk child columns equal key, in the current state.
Status ChildRowids(WriteTxn* txn, const Schema& schema, const TableDef& child, const ForeignKeyDef& fk,
                   const std::vector<Value>& key, std::vector<int64_t>* out) {
  if (fk.child_columns.size() == 1 && fk.child_columns[0] == child.rowid_alias) {
    bool found = false;
    DDB_RETURN_IF_ERROR(ChildReferences(txn, schema, child, fk, key, &found));
    if (found) out->push_back(key[0].int64());
    return Status::OK();
  }
  const IndexDef* index = nullptr;
  std::string prefix;
  DDB_RETURN_IF_ERROR(ChildIndexPrefix(schema, child, fk, key, &index, &prefix));
  if (index != nullptr) {
    BTreeCursor cur(txn, index->root, TreeKind::kIndex);
    DDB_RETURN_IF_ERROR(cur.SeekGE(TreeKey::Bytes(prefix)));
    while (cur.Valid() && HasPrefix(cur.key(), prefix)) {
      int64_t rowid = 0;
      std::string_view k = cur.key();
      DDB_RETURN_IF_ERROR(DecodeRowidSuffix(reinterpret_cast<const uint8_t*>(k.data()), k.size(), &rowid));
      out->push_back(rowid);
      DDB_RETURN_IF_ERROR(cur.Next());
    }
    return Status::OK();
  }
  BTreeCursor cur(txn, child.root, TreeKind::kTable);  // (S4) makes this unreachable
  std::vector<Value> row;
  DDB_RETURN_IF_ERROR(cur.First());
  while (cur.Valid()) {
    std::string_view payload;
    DDB_RETURN_IF_ERROR(cur.Value(&payload));
    DDB_RETURN_IF_ERROR(Catalog::DecodeRow(child, txn, cur.rowid(), payload, &row));
    bool match = true;
    for (size_t k = 0; match && k < fk.child_columns.size(); ++k)
      match = IdenticalValues(row[fk.child_columns[k]].ref(), key[k].ref());
    if (match) out->push_back(cur.rowid());
    DDB_RETURN_IF_ERROR(cur.Next());
  }
  return Status::OK();
}

}  // namespace

std::string DescribeKey(const TableDef& table, const std::vector<int>& columns,
                        const std::vector<ValueRef>& values) {
  std::string names = "(", vals = "(";
  for (size_t k = 0; k < columns.size(); ++k) {
    if (k > 0) {
      names += ", ";
      vals += ", ";
    }
    names += table.columns[columns[k]].name;
    if (vals.size() < kMaxDescribedBytes) AppendValueText(values[k], &vals);
    else vals += "...";
  }
  return names + ")=" + vals + ")";
}

Status ReadRow(PageReader* r, const TableDef& table, int64_t rowid, std::vector<Value>* out, bool* found) {
  BTree tree(r, table.root, TreeKind::kTable, TreeOptions{true});
  std::string payload;
  DDB_RETURN_IF_ERROR(tree.Get(TreeKey::Rowid(rowid), &payload, found));
  if (!*found) return Status::OK();
  return Catalog::DecodeRow(table, r, rowid, payload, out);
}

// ---------------------------------------------------------------- FkChecks

Status FkChecks::RunActions(WriteTxn* txn, Catalog* catalog, const Schema& schema, RowChecker* checker) {
  struct Work {
    const TableDef* child;
    const ForeignKeyDef* fk;
    FkAction action;
    std::vector<Value> new_key;  // ON UPDATE CASCADE
    int64_t rowid;
  };
  for (int level = 0;; ++level) {
    // Take this level's actionable entries out of the queue (F3).
    std::vector<Pending> now;
    std::vector<Pending> keep;
    for (Pending& p : parent_) {
      const FkAction a = p.is_update ? p.fk->on_update : p.fk->on_delete;
      if (p.depth == level && (a == FkAction::kCascade || a == FkAction::kSetNull)) now.push_back(std::move(p));
      else keep.push_back(std::move(p));
    }
    parent_ = std::move(keep);
    if (now.empty()) {
      bool deeper = false;
      for (const Pending& p : parent_) deeper |= p.depth > level;
      if (!deeper) break;
      continue;
    }
    if (level >= kMaxCascadeDepth)
      return Status::Sql("foreign key actions cascade more than " + std::to_string(kMaxCascadeDepth) + " levels deep",
                         "54001");
    // Collect every referencing row of this level before changing any (see header).
    std::vector<Work> work;
    for (Pending& p : now) {
      std::vector<int64_t> rowids;
      DDB_RETURN_IF_ERROR(ChildRowids(txn, schema, *p.child, *p.fk, p.key, &rowids));
      const FkAction a = p.is_update ? p.fk->on_update : p.fk->on_delete;
      for (int64_t r : rowids) work.push_back(Work{p.child, p.fk, a, p.new_key, r});
    }
    depth_ = level + 1;
    std::vector<Value> old, fresh;
    for (const Work& w : work) {
      bool found = false;
      DDB_RETURN_IF_ERROR(ReadRow(txn, *w.child, w.rowid, &old, &found));
      if (!found) continue;  // deleted by another action of this level
      TableWriter writer(txn, catalog, &schema, w.child, this);
      writer.set_checker(checker);
      if (w.action == FkAction::kCascade && w.new_key.empty()) {
        DDB_RETURN_IF_ERROR(writer.Delete(w.rowid, old));
        DDB_RETURN_IF_ERROR(writer.Finish());
        continue;
      }
      fresh = old;
      for (size_t k = 0; k < w.fk->child_columns.size(); ++k)
        fresh[w.fk->child_columns[k]] = w.action == FkAction::kSetNull ? Value() : w.new_key[k];
      int64_t moved = 0;
      DDB_RETURN_IF_ERROR(writer.Update(w.rowid, old, &fresh, &moved));
      DDB_RETURN_IF_ERROR(writer.Finish());
    }
  }
  depth_ = 0;
  return Status::OK();
}

Status FkChecks::Verify(WriteTxn* txn, const Schema& schema) {
  for (const Pending& p : child_) {
    const TableDef* parent = schema.TableById(p.fk->parent_table_id);
    if (parent == nullptr) return Status::Internal("foreign key parent table is missing");
    bool exists = false;
    DDB_RETURN_IF_ERROR(ParentKeyExists(txn, schema, *parent, p.fk->parent_columns, p.key, &exists));
    if (!exists)
      return Status::Constraint("insert or update on table \"" + p.child->name +
                                    "\" violates foreign key constraint \"" + p.fk->name + "\": key " +
                                    DescribeKey(*p.child, p.fk->child_columns, KeyRefs(p.key)) +
                                    " is not present in table \"" + parent->name + "\"",
                                "23503");
  }
  for (const Pending& p : parent_) {
    const TableDef* parent = schema.TableById(p.fk->parent_table_id);
    if (parent == nullptr) return Status::Internal("foreign key parent table is missing");
    const FkAction action = p.is_update ? p.fk->on_update : p.fk->on_delete;
    bool exists = false;
    if (action != FkAction::kRestrict)
      DDB_RETURN_IF_ERROR(ParentKeyExists(txn, schema, *parent, p.fk->parent_columns, p.key, &exists));
    if (exists) continue;  // NO ACTION: the key is present again at statement end
    bool referenced = false;
    DDB_RETURN_IF_ERROR(ChildReferences(txn, schema, *p.child, *p.fk, p.key, &referenced));
    if (referenced)
      return Status::Constraint("update or delete on table \"" + parent->name +
                                    "\" violates foreign key constraint \"" + p.fk->name + "\" on table \"" +
                                    p.child->name + "\": key " +
                                    DescribeKey(*parent, p.fk->parent_columns, KeyRefs(p.key)) +
                                    " is still referenced",
                                "23503");
  }
  Clear();
  return Status::OK();
}

// ---------------------------------------------------------------- TableWriter

TableWriter::TableWriter(WriteTxn* txn, Catalog* catalog, const Schema* schema, const TableDef* table,
                         FkChecks* fks)
    : txn_(txn), catalog_(catalog), schema_(schema), table_(table), fks_(fks) {
  indexes_ = schema->IndexesOf(table->id);
  trigram_.resize(indexes_.size());
  for (size_t i = 0; i < indexes_.size(); ++i)
    if (indexes_[i]->kind == IndexKind::kTrigram) trigram_[i] = std::make_unique<search::TrigramDeltas>();
  referencing_ = schema->ReferencesTo(table->id);
}

Status TableWriter::CheckNotNull(const std::vector<Value>& row) const {
  for (size_t c = 0; c < table_->columns.size(); ++c) {
    const ColumnDef& col = table_->columns[c];
    if (col.not_null && row[c].is_null())
      return Status::Constraint("null value in column \"" + col.name + "\" of relation \"" + table_->name +
                                    "\" violates not-null constraint",
                                "23502");
  }
  return Status::OK();
}

std::string TableWriter::UniqueName(const IndexDef& index) const {
  for (const UniqueDef& u : table_->uniques)
    if (u.index_id == index.id) return u.name;
  return index.name;
}

Status TableWriter::CheckUnique(const IndexDef& index, const std::vector<ValueRef>& row, int64_t rowid) {
  std::vector<int> cols;
  std::vector<ValueRef> vals;
  for (const IndexColumn& c : index.columns) {
    if (row[c.column].is_null()) return Status::OK();  // NULLs are distinct (§7.3)
    cols.push_back(c.column);
    vals.push_back(row[c.column]);
  }
  DDB_RETURN_IF_ERROR(Catalog::BuildIndexPrefix(*table_, index, row.data(), &prefix_));
  BTreeCursor cur(txn_, index.root, TreeKind::kIndex);
  DDB_RETURN_IF_ERROR(cur.SeekGE(TreeKey::Bytes(prefix_)));
  while (cur.Valid() && HasPrefix(cur.key(), prefix_)) {
    int64_t other = 0;
    std::string_view k = cur.key();
    DDB_RETURN_IF_ERROR(DecodeRowidSuffix(reinterpret_cast<const uint8_t*>(k.data()), k.size(), &other));
    if (other != rowid)
      return Status::Constraint("duplicate key value violates unique constraint \"" + UniqueName(index) +
                                    "\" of table \"" + table_->name + "\": " + DescribeKey(*table_, cols, vals),
                                "23505");
    DDB_RETURN_IF_ERROR(cur.Next());
  }
  return Status::OK();
}

Status TableWriter::WriteIndexes(const std::vector<ValueRef>& row, int64_t rowid, const std::vector<bool>* only) {
  for (size_t i = 0; i < indexes_.size(); ++i) {
    if (only != nullptr && !(*only)[i]) continue;
    const IndexDef& index = *indexes_[i];
    if (trigram_[i] != nullptr) {
      ValueRef v = row[index.columns[0].column];
      if (v.type() == ValueType::kText) trigram_[i]->AddValue(v.bytes(), rowid);
      DDB_RETURN_IF_ERROR(FlushTrigrams(kTrigramFlushPairs));
      continue;
    }
    if (index.unique) DDB_RETURN_IF_ERROR(CheckUnique(index, row, rowid));
    DDB_RETURN_IF_ERROR(Catalog::BuildIndexKey(*table_, index, row.data(), rowid, txn_->page_size(), &key_));
    BTree tree(txn_, index.root, TreeKind::kIndex);
    DDB_RETURN_IF_ERROR(tree.Insert(TreeKey::Bytes(key_), std::string_view()));
  }
  return Status::OK();
}

Status TableWriter::DeleteIndexes(const std::vector<ValueRef>& row, int64_t rowid, const std::vector<bool>* only) {
  for (size_t i = 0; i < indexes_.size(); ++i) {
    if (only != nullptr && !(*only)[i]) continue;
    const IndexDef& index = *indexes_[i];
    if (trigram_[i] != nullptr) {
      ValueRef v = row[index.columns[0].column];
      if (v.type() == ValueType::kText) trigram_[i]->RemoveValue(v.bytes(), rowid);
      continue;
    }
    DDB_RETURN_IF_ERROR(Catalog::BuildIndexKey(*table_, index, row.data(), rowid, txn_->page_size(), &key_));
    BTree tree(txn_, index.root, TreeKind::kIndex);
    bool found = false;
    DDB_RETURN_IF_ERROR(tree.Delete(TreeKey::Bytes(key_), &found));
    if (!found)
      return Status::Corruption("index \"" + index.name + "\" has no entry for row " + std::to_string(rowid) +
                                " of table \"" + table_->name + "\"");
  }
  return Status::OK();
}

void TableWriter::QueueChildChecks(const std::vector<Value>& row, const std::vector<Value>* old_row) {
  for (const ForeignKeyDef& fk : table_->foreign_keys) {
    std::vector<Value> key;
    bool has_null = false, changed = old_row == nullptr;
    for (int c : fk.child_columns) {
      has_null |= row[c].is_null();
      if (old_row != nullptr && !IdenticalValues(row[c].ref(), (*old_row)[c].ref())) changed = true;
      key.push_back(row[c]);
    }
    if (has_null || !changed) continue;  // MATCH SIMPLE; an unchanged key was already valid
    fks_->QueueChild(table_, &fk, std::move(key));
  }
}

void TableWriter::QueueParentChecks(const std::vector<Value>& old_row, const std::vector<Value>* new_row) {
  for (const auto& [child, fk] : referencing_) {
    std::vector<Value> key;
    bool has_null = false, changed = new_row == nullptr;
    for (int c : fk->parent_columns) {
      has_null |= old_row[c].is_null();
      if (new_row != nullptr && !IdenticalValues(old_row[c].ref(), (*new_row)[c].ref())) changed = true;
      key.push_back(old_row[c]);
    }
    if (has_null || !changed) continue;
    if (new_row != nullptr) {
      std::vector<Value> new_key;
      for (int c : fk->parent_columns) new_key.push_back((*new_row)[c]);
      fks_->QueueParent(child, fk, std::move(key), &new_key);
    } else {
      fks_->QueueParent(child, fk, std::move(key));
    }
  }
}

Status TableWriter::FlushTrigrams(size_t at_least) {
  for (size_t i = 0; i < trigram_.size(); ++i)
    if (trigram_[i] != nullptr && trigram_[i]->pending() >= at_least && !trigram_[i]->empty())
      DDB_RETURN_IF_ERROR(trigram_[i]->Apply(txn_, indexes_[i]->root));
  return Status::OK();
}

Status TableWriter::Finish() { return FlushTrigrams(0); }

Status TableWriter::Insert(std::vector<Value>* row, int64_t* out_rowid) {
  std::vector<Value>& r = *row;
  int64_t rowid = 0;
  const int alias = table_->rowid_alias;
  if (alias >= 0 && !r[alias].is_null()) {
    if (r[alias].type() != ValueType::kInt64)
      return Status::Sql("rowid column \"" + table_->columns[alias].name + "\" needs an INT64 value", "42804");
    DDB_RETURN_IF_ERROR(catalog_->AllocateRowid(txn_, *table_, true, r[alias].int64(), &rowid));
  } else {
    DDB_RETURN_IF_ERROR(catalog_->AllocateRowid(txn_, *table_, false, 0, &rowid));
    if (alias >= 0) r[alias] = Value::Int64(rowid);
  }
  DDB_RETURN_IF_ERROR(CheckNotNull(r));
  if (checker_ != nullptr && !table_->checks.empty()) DDB_RETURN_IF_ERROR(checker_->CheckRow(*table_, r));
  refs_ = Refs(r);
  DDB_RETURN_IF_ERROR(Catalog::EncodeRow(txn_, *table_, refs_.data(), &record_));
  BTree tree(txn_, table_->root, TreeKind::kTable, TreeOptions{true});
  Status s = tree.Insert(TreeKey::Rowid(rowid), record_);
  if (s.Is(Code::kConstraint)) {
    std::vector<int> cols{alias >= 0 ? alias : 0};
    if (alias < 0) return Status::Internal("rowid " + std::to_string(rowid) + " reused in \"" + table_->name + "\"");
    return Status::Constraint("duplicate key value violates unique constraint \"pk_" + IdentKey(table_->name) +
                                  "\" of table \"" + table_->name + "\": " +
                                  DescribeKey(*table_, cols, {ValueRef::Int64(rowid)}),
                              "23505");
  }
  DDB_RETURN_IF_ERROR(s);
  DDB_RETURN_IF_ERROR(WriteIndexes(refs_, rowid, nullptr));
  QueueChildChecks(r, nullptr);
  *out_rowid = rowid;
  return Status::OK();
}

Status TableWriter::Update(int64_t rowid, const std::vector<Value>& old_row, std::vector<Value>* new_row,
                           int64_t* out_rowid) {
  std::vector<Value>& r = *new_row;
  const int alias = table_->rowid_alias;
  int64_t new_rowid = rowid;
  if (alias >= 0) {
    if (r[alias].is_null())
      return Status::Constraint("null value in column \"" + table_->columns[alias].name + "\" of relation \"" +
                                    table_->name + "\" violates not-null constraint",
                                "23502");
    if (r[alias].type() != ValueType::kInt64)
      return Status::Sql("rowid column \"" + table_->columns[alias].name + "\" needs an INT64 value", "42804");
    new_rowid = r[alias].int64();
  }
  DDB_RETURN_IF_ERROR(CheckNotNull(r));
  if (checker_ != nullptr && !table_->checks.empty()) DDB_RETURN_IF_ERROR(checker_->CheckRow(*table_, r));
  refs_ = Refs(r);
  old_refs_ = Refs(old_row);
  // Only indexes whose key changes are touched (all of them when the row moves).
  std::vector<bool> changed(indexes_.size(), new_rowid != rowid);
  for (size_t i = 0; i < indexes_.size(); ++i)
    for (const IndexColumn& c : indexes_[i]->columns)
      if (!IdenticalValues(refs_[c.column], old_refs_[c.column])) changed[i] = true;
  DDB_RETURN_IF_ERROR(DeleteIndexes(old_refs_, rowid, &changed));
  DDB_RETURN_IF_ERROR(Catalog::EncodeRow(txn_, *table_, refs_.data(), &record_));
  BTree tree(txn_, table_->root, TreeKind::kTable, TreeOptions{true});
  if (new_rowid == rowid) {
    bool found = false;
    DDB_RETURN_IF_ERROR(tree.Update(TreeKey::Rowid(rowid), record_, &found));
    if (!found) return Status::Internal("row " + std::to_string(rowid) + " vanished during UPDATE");
  } else {
    bool found = false;
    DDB_RETURN_IF_ERROR(tree.Delete(TreeKey::Rowid(rowid), &found));
    int64_t ignored = 0;
    DDB_RETURN_IF_ERROR(catalog_->AllocateRowid(txn_, *table_, true, new_rowid, &ignored));
    Status s = tree.Insert(TreeKey::Rowid(new_rowid), record_);
    if (s.Is(Code::kConstraint))
      return Status::Constraint("duplicate key value violates unique constraint \"pk_" + IdentKey(table_->name) +
                                    "\" of table \"" + table_->name + "\": " +
                                    DescribeKey(*table_, {alias}, {ValueRef::Int64(new_rowid)}),
                                "23505");
    DDB_RETURN_IF_ERROR(s);
  }
  DDB_RETURN_IF_ERROR(WriteIndexes(refs_, new_rowid, &changed));
  QueueChildChecks(r, &old_row);
  QueueParentChecks(old_row, &r);
  *out_rowid = new_rowid;
  return Status::OK();
}

Status TableWriter::Delete(int64_t rowid, const std::vector<Value>& old_row) {
  old_refs_ = Refs(old_row);
  DDB_RETURN_IF_ERROR(DeleteIndexes(old_refs_, rowid, nullptr));
  BTree tree(txn_, table_->root, TreeKind::kTable, TreeOptions{true});
  bool found = false;
  DDB_RETURN_IF_ERROR(tree.Delete(TreeKey::Rowid(rowid), &found));
  if (!found) return Status::Internal("row " + std::to_string(rowid) + " vanished during DELETE");
  QueueParentChecks(old_row, nullptr);
  return Status::OK();
}

}  // namespace exec
}  // namespace decentdb
