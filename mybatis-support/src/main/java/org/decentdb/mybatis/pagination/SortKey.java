/*
 * One key of a keyset ordering: the SQL column (plain or table-qualified identifier), how a
 * row's value is read, the direction, where NULLs sort and whether the column can hold NULL.
 * Immutable; reversed() gives the key of the opposite traversal.
 */
package org.decentdb.mybatis.pagination;

import java.util.function.Function;

public record SortKey(String column, Function<Object, Object> value, boolean descending,
    boolean nullsFirst, boolean nullable) {

  /** The same key read in the opposite direction (NULLs move to the other end too). */
  public SortKey reversed() {
    return new SortKey(column, value, !descending, !nullsFirst, nullable);
  }

  /** The ORDER BY item: "col ASC", "col DESC NULLS FIRST", ... */
  String orderBy() {
    String s = column + (descending ? " DESC" : " ASC");
    return nullable ? s + (nullsFirst ? " NULLS FIRST" : " NULLS LAST") : s;
  }
}
