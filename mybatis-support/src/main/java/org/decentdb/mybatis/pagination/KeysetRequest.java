/*
 * One keyset page request, passed to a mapper as @Param("page") (or as its only parameter).
 * The mapper splices its SQL fragments and binds its limit:
 *   ... WHERE <filters> AND ${page.where} ORDER BY ${page.orderBy} LIMIT #{page.limit}
 * ${page.where} holds only column names and #{page.values[i]} markers, so values are bound as
 * parameters. The predicate is the OR/AND expansion of a row-value comparison (the engine has
 * no (a, b) > (x, y)), led by a range on the first key when that is exact, so an index on the
 * keys serves both the seek and the order. toPage turns the rows into a KeysetPage.
 */
package org.decentdb.mybatis.pagination;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

public final class KeysetRequest<T> {

  private final Keyset<T> keyset;
  private final boolean backward;   // rows before the cursor, fetched in reverse order
  private final Object[] values;    // the cursor's key values; null on a first/last page
  private final int size;
  private String name = "page";
  private String where;             // built on first use

  KeysetRequest(Keyset<T> keyset, boolean backward, Object[] values, int size) {
    if (size < 1 || size > Keyset.MAX_PAGE_SIZE) {
      throw new IllegalArgumentException("page size must be 1.." + Keyset.MAX_PAGE_SIZE
          + ", got " + size);
    }
    this.keyset = keyset;
    this.backward = backward;
    this.values = values;
    this.size = size;
  }

  /** Uses another parameter name than "page" in the generated markers (with @Param(name)). */
  public KeysetRequest<T> named(String parameterName) {
    if (!parameterName.matches("[A-Za-z_][A-Za-z0-9_]*")) {
      throw new IllegalArgumentException("not a parameter name: " + parameterName);
    }
    this.name = parameterName;
    this.where = null;
    return this;
  }

  /** This request, so that "page.where" resolves when it is the mapper's only parameter. */
  public KeysetRequest<T> getPage() {
    return this;
  }

  public boolean hasCursor() {
    return values != null;
  }

  public boolean isBackward() {
    return backward;
  }

  public int getSize() {
    return size;
  }

  /** The row limit to bind: one more than the page size, to learn whether more rows follow. */
  public int getLimit() {
    return size + 1;
  }

  /** The cursor's key values (bound through #{page.values[i]}); empty without a cursor. */
  public List<Object> getValues() {
    return values == null ? List.of() : Collections.unmodifiableList(Arrays.asList(values));
  }

  /** The ORDER BY list (without "ORDER BY"); reversed when paging backward. */
  public String getOrderBy() {
    StringBuilder sb = new StringBuilder();
    for (SortKey k : keyset.keys(backward)) {
      if (sb.length() > 0) {
        sb.append(", ");
      }
      sb.append(k.orderBy());
    }
    return sb.toString();
  }

  /** The seek predicate (without "WHERE"); "1 = 1" on a first or last page. */
  public String getWhere() {
    if (where == null) {
      where = values == null ? "1 = 1" : buildWhere();
    }
    return where;
  }

  private String marker(int i) {
    return "#{" + name + ".values[" + i + "]}";
  }

  private String buildWhere() {
    List<SortKey> keys = keyset.keys(backward);
    List<String> terms = new ArrayList<>();
    StringBuilder equalPrefix = new StringBuilder();
    for (int i = 0; i < keys.size(); i++) {
      SortKey k = keys.get(i);
      String after = after(k, i);
      if (after != null) {
        terms.add(equalPrefix.length() == 0 ? after : equalPrefix + " AND " + after);
      }
      if (equalPrefix.length() > 0) {
        equalPrefix.append(" AND ");
      }
      equalPrefix.append(values[i] == null ? k.column() + " IS NULL"
          : k.column() + " = " + marker(i));
    }
    String disjunction = terms.isEmpty() ? "1 = 0"
        : terms.size() == 1 ? terms.get(0) : "(" + String.join(") OR (", terms) + ")";
    String leading = leadingRange(keys.get(0));
    if (leading == null) {
      return terms.size() > 1 ? "(" + disjunction + ")" : disjunction;
    }
    return leading + " AND (" + disjunction + ")";
  }

  /** Rows strictly after value i on key k alone; null when no row can be. */
  private String after(SortKey k, int i) {
    boolean nullsAfterValues = k.nullable() && !k.nullsFirst();
    if (values[i] == null) {
      if (!k.nullable()) {
        throw new IllegalArgumentException("the cursor holds NULL for the NOT NULL key "
            + k.column());
      }
      return k.nullsFirst() ? k.column() + " IS NOT NULL" : null;
    }
    String cmp = k.column() + (k.descending() ? " < " : " > ") + marker(i);
    return nullsAfterValues ? "(" + cmp + " OR " + k.column() + " IS NULL)" : cmp;
  }

  /**
   * A conjunct that bounds the first key to an index range (or IS NULL) and is implied by the
   * predicate, so the planner can seek; null when the bound would need an OR.
   */
  private String leadingRange(SortKey k) {
    if (values[0] == null) {
      return k.nullsFirst() ? null : k.column() + " IS NULL";
    }
    if (k.nullable() && !k.nullsFirst()) {
      return null;
    }
    return k.column() + (k.descending() ? " <= " : " >= ") + marker(0);
  }

  /**
   * The page made of the rows the mapper returned for this request (at most getLimit(), in
   * the request's ORDER BY): items in the ordering's direction plus the cursors around them.
   */
  public KeysetPage<T> toPage(List<T> rows) {
    boolean more = rows.size() > size;
    List<T> items = new ArrayList<>(more ? rows.subList(0, size) : rows);
    if (backward) {
      Collections.reverse(items);
    }
    if (items.isEmpty()) {
      return new KeysetPage<>(List.of(), null, null);
    }
    boolean hasNext = backward ? values != null : more;
    boolean hasPrevious = backward ? more : values != null;
    String next = hasNext ? keyset.cursor(false, items.get(items.size() - 1)) : null;
    String previous = hasPrevious ? keyset.cursor(true, items.get(0)) : null;
    return new KeysetPage<>(Collections.unmodifiableList(items), next, previous);
  }
}
