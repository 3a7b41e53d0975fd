/*
 * A keyset (seek) ordering: sort keys ending in a unique, non-null tie-breaker (usually the
 * primary key), each ascending or descending, NULL-safe. It makes page requests (first, last,
 * from a cursor) whose SQL fragments a mapper splices in as ${page.where} and
 * ${page.orderBy}; values are always bound as parameters. Design: README.md, "Keyset
 * pagination". Immutable and thread-safe once built.
 */
package org.decentdb.mybatis.pagination;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.apache.ibatis.reflection.MetaObject;
import org.apache.ibatis.reflection.SystemMetaObject;
import org.decentdb.mybatis.naming.NamingConventions;

public final class Keyset<T> {

  private static final Pattern COLUMN =
      Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?");
  static final int MAX_PAGE_SIZE = 100_000;

  private final List<SortKey> keys;
  private final List<SortKey> reversedKeys;
  private final int fingerprint;

  private Keyset(List<SortKey> keys) {
    this.keys = List.copyOf(keys);
    List<SortKey> rev = new ArrayList<>(keys.size());
    StringBuilder fp = new StringBuilder();
    for (SortKey k : keys) {
      rev.add(k.reversed());
      fp.append(k.orderBy()).append(k.nullable()).append(';');
    }
    this.reversedKeys = List.copyOf(rev);
    this.fingerprint = fp.toString().hashCode();
  }

  /** Starts an ordering for rows of the given type. */
  public static <T> Builder<T> builder(Class<T> rowType) {
    return new Builder<>();
  }

  public List<SortKey> keys() {
    return keys;
  }

  /** The first page: rows from the start of the ordering. */
  public KeysetRequest<T> first(int size) {
    return new KeysetRequest<>(this, false, null, size);
  }

  /** The last page: the final rows of the ordering (still returned in order). */
  public KeysetRequest<T> last(int size) {
    return new KeysetRequest<>(this, true, null, size);
  }

  /** The page a cursor points to (next or previous); the first page when cursor is null. */
  public KeysetRequest<T> page(String cursor, int size) {
    if (cursor == null || cursor.isEmpty()) {
      return first(size);
    }
    CursorCodec.Decoded d = CursorCodec.decode(cursor, fingerprint, keys.size());
    return new KeysetRequest<>(this, d.before(), d.values(), size);
  }

  List<SortKey> keys(boolean backward) {
    return backward ? reversedKeys : keys;
  }

  String cursor(boolean before, T row) {
    Object[] values = new Object[keys.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = keys.get(i).value().apply(row);
    }
    Object tie = values[values.length - 1];
    if (tie == null) {
      throw new IllegalStateException("the tie-breaker " + keys.get(values.length - 1).column()
          + " of a row is null; it must be unique and non-null");
    }
    return CursorCodec.encode(before, fingerprint, values);
  }

  /** Builds a Keyset; keys are added in ORDER BY order and the tie-breaker comes last. */
  public static final class Builder<T> {
    private final List<SortKey> keys = new ArrayList<>();

    private Builder() {}

    /** An ascending key read from the row's property named after the column (duration_ms: durationMs). */
    public Builder<T> asc(String column) {
      return add(column, byName(column), false);
    }

    public Builder<T> asc(String column, Function<? super T, ?> value) {
      return add(column, value, false);
    }

    public Builder<T> desc(String column) {
      return add(column, byName(column), true);
    }

    public Builder<T> desc(String column, Function<? super T, ?> value) {
      return add(column, value, true);
    }

    /** The last key added never holds NULL: simpler, index-friendlier SQL. */
    public Builder<T> notNull() {
      SortKey k = last();
      keys.set(keys.size() - 1, new SortKey(k.column(), k.value(), k.descending(),
          k.nullsFirst(), false));
      return this;
    }

    /** NULLs of the last key added sort before its values (default: after for ASC). */
    public Builder<T> nullsFirst() {
      return nulls(true);
    }

    /** NULLs of the last key added sort after its values (default: before for DESC). */
    public Builder<T> nullsLast() {
      return nulls(false);
    }

    /** Adds the final unique, non-null key (ascending) and builds the ordering. */
    public Keyset<T> tieBreaker(String column, Function<? super T, ?> value) {
      add(column, value, false).notNull();
      return new Keyset<>(keys);
    }

    /** Adds the final unique, non-null key (descending) and builds the ordering. */
    public Keyset<T> tieBreakerDesc(String column, Function<? super T, ?> value) {
      add(column, value, true).notNull();
      return new Keyset<>(keys);
    }

    /** Adds the tie-breaker read from the property named after the column, ascending. */
    public Keyset<T> tieBreaker(String column) {
      add(column, byName(column), false).notNull();
      return new Keyset<>(keys);
    }

    private Builder<T> nulls(boolean first) {
      SortKey k = last();
      keys.set(keys.size() - 1, new SortKey(k.column(), k.value(), k.descending(), first,
          k.nullable()));
      return this;
    }

    private SortKey last() {
      if (keys.isEmpty()) {
        throw new IllegalStateException("add a key first");
      }
      return keys.get(keys.size() - 1);
    }

    @SuppressWarnings("unchecked")
    private Builder<T> add(String column, Function<? super T, ?> value, boolean descending) {
      if (column == null || !COLUMN.matcher(column).matches()) {
        throw new IllegalArgumentException("a keyset column must be a plain or qualified"
            + " identifier: " + column);
      }
      Objects.requireNonNull(value, "value");
      // The engine's default NULL placement (ASC NULLS LAST, DESC NULLS FIRST) lets an
      // index deliver the order.
      keys.add(new SortKey(column, (Function<Object, Object>) value, descending, descending,
          true));
      return this;
    }

    private static <T> Function<T, Object> byName(String column) {
      String label = column.substring(column.indexOf('.') + 1);
      String property = NamingConventions.toCamelCase(label);
      return row -> {
        if (row instanceof Map<?, ?> m) {
          return m.containsKey(label) ? m.get(label) : m.get(property);
        }
        MetaObject meta = SystemMetaObject.forObject(row);
        return meta.getValue(property);
      };
    }
  }
}
