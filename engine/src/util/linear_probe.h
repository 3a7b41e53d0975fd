// Helpers for open-addressing tables with linear probing, shared by the page cache and
// the walIndex (ENGINE.md §4.4, §3.4): a table is a std::vector of entries whose size is
// a power of two; an entry has a bool `used`, and a value-initialized entry is empty.
// home(entry) gives an entry's home position before masking.
//
//  (LP1) Every used entry is reachable from its home position by stepping forward over
//        used entries only; erasing and growing keep it so (no tombstones).
#pragma once

#include <cstddef>
#include <utility>
#include <vector>

namespace decentdb {

// Empties entry i, moving later entries of its run back so that (LP1) holds.
template <typename Entry, typename Home>
void LinearProbeErase(std::vector<Entry>* table, size_t i, Home home) {
  std::vector<Entry>& t = *table;
  const size_t mask = t.size() - 1;
  t[i] = Entry();
  size_t hole = i;
  for (size_t j = (i + 1) & mask; t[j].used; j = (j + 1) & mask) {
    // Entry j may fill the hole unless its home lies cyclically in (hole, j].
    const size_t h = home(t[j]) & mask;
    const bool between = hole <= j ? (hole < h && h <= j) : (hole < h || h <= j);
    if (between) continue;
    t[hole] = std::move(t[j]);
    t[j] = Entry();
    hole = j;
  }
}

// The first free position at or after home (before masking). REQUIRES: the table has a
// free entry.
template <typename Entry>
size_t LinearProbeFreeSlot(const std::vector<Entry>& t, size_t home) {
  const size_t mask = t.size() - 1;
  size_t i = home & mask;
  while (t[i].used) i = (i + 1) & mask;
  return i;
}

// Doubles the table, re-placing every used entry.
template <typename Entry, typename Home>
void LinearProbeGrow(std::vector<Entry>* table, Home home) {
  std::vector<Entry> old(table->size() * 2);
  old.swap(*table);
  for (Entry& e : old) {
    if (!e.used) continue;
    size_t i = LinearProbeFreeSlot(*table, home(e));
    (*table)[i] = std::move(e);
  }
}

}  // namespace decentdb
