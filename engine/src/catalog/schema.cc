// Schema lookups (see schema.h).
#include "catalog/schema.h"

namespace decentdb {

bool IdentEqual(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x + 32);
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y + 32);
    if (x != y) return false;
  }
  return true;
}

std::string IdentKey(std::string_view name) {
  std::string k(name);
  for (char& c : k)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  return k;
}

int TableDef::FindColumn(std::string_view column_name) const {
  for (size_t i = 0; i < columns.size(); ++i)
    if (IdentEqual(columns[i].name, column_name)) return static_cast<int>(i);
  return -1;
}

const TableDef* Schema::FindTable(std::string_view name) const {
  auto it = table_names_.find(IdentKey(name));
  if (it == table_names_.end()) return nullptr;
  return TableById(it->second);
}

const TableDef* Schema::TableById(ObjectId id) const {
  auto it = tables_.find(id);
  return it == tables_.end() ? nullptr : it->second.get();
}

const IndexDef* Schema::FindIndex(std::string_view name) const {
  auto it = index_names_.find(IdentKey(name));
  return it == index_names_.end() ? nullptr : IndexById(it->second);
}

const IndexDef* Schema::IndexById(ObjectId id) const {
  auto it = indexes_.find(id);
  return it == indexes_.end() ? nullptr : it->second.get();
}

const ViewDef* Schema::FindView(std::string_view name) const {
  auto it = table_names_.find(IdentKey(name));
  if (it == table_names_.end()) return nullptr;
  auto v = views_.find(it->second);
  return v == views_.end() ? nullptr : v->second.get();
}

std::vector<const IndexDef*> Schema::IndexesOf(ObjectId table_id) const {
  std::vector<const IndexDef*> out;
  for (const auto& [id, idx] : indexes_)
    if (idx->table_id == table_id) out.push_back(idx.get());
  return out;
}

std::vector<std::pair<const TableDef*, const ForeignKeyDef*>> Schema::ReferencesTo(
    ObjectId table_id) const {
  std::vector<std::pair<const TableDef*, const ForeignKeyDef*>> out;
  for (const TableDef* t : table_order_)
    for (const ForeignKeyDef& fk : t->foreign_keys)
      if (fk.parent_table_id == table_id) out.emplace_back(t, &fk);
  return out;
}

void Schema::AddTable(TableDef t) {
  ObjectId id = t.id;
  table_names_[IdentKey(t.name)] = id;
  auto& slot = tables_[id];
  slot = std::make_unique<TableDef>(std::move(t));
  table_order_.push_back(slot.get());
}

void Schema::AddIndex(IndexDef i) {
  ObjectId id = i.id;
  index_names_[IdentKey(i.name)] = id;
  indexes_[id] = std::make_unique<IndexDef>(std::move(i));
}

void Schema::AddView(ViewDef v) {
  ObjectId id = v.id;
  table_names_[IdentKey(v.name)] = id;
  auto& slot = views_[id];
  slot = std::make_unique<ViewDef>(std::move(v));
  view_order_.push_back(slot.get());
}

}  // namespace decentdb
