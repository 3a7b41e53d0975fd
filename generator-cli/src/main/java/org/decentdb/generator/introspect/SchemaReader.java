/*
 * Reflects tables, columns (with declared type names), primary keys, indexes and foreign keys
 * through java.sql.DatabaseMetaData only, so that it works on any driver that fills these
 * result sets (DecentDB, PostgreSQL). Every list is put in a stable order here so that
 * generated output does not depend on the order a driver returns rows in.
 */
package org.decentdb.generator.introspect;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

public final class SchemaReader {
  private final Connection connection;

  public SchemaReader(Connection connection) {
    this.connection = connection;
  }

  /** Every table name of the database (TABLE type only), sorted. */
  public List<String> tableNames() throws SQLException {
    List<String> names = new ArrayList<>();
    DatabaseMetaData md = connection.getMetaData();
    try (ResultSet rs = md.getTables(null, null, "%", new String[] {"TABLE"})) {
      while (rs.next()) {
        names.add(rs.getString("TABLE_NAME"));
      }
    }
    names.sort(String.CASE_INSENSITIVE_ORDER);
    return names;
  }

  /** Reads the tables the filter accepts. */
  public Schema read(TableFilter filter) throws SQLException {
    // One getColumns call for all tables: a driver may scan its whole catalog per call.
    Map<String, List<Column>> columns = columns("%");
    List<Table> tables = new ArrayList<>();
    for (String name : tableNames()) {
      if (filter.accepts(name)) {
        tables.add(readTable(name, columns.getOrDefault(name.toLowerCase(Locale.ROOT),
            List.of())));
      }
    }
    return new Schema(connection.getMetaData().getDatabaseProductName(), tables);
  }

  public Table readTable(String table) throws SQLException {
    return readTable(table, columns(table).getOrDefault(table.toLowerCase(Locale.ROOT),
        List.of()));
  }

  /** Columns of the tables matching the pattern, by lower-case table name, in position order. */
  private Map<String, List<Column>> columns(String tablePattern) throws SQLException {
    record Positioned(int pos, Column col) {}
    Map<String, List<Positioned>> found = new TreeMap<>();
    try (ResultSet rs = connection.getMetaData().getColumns(null, null, tablePattern, "%")) {
      while (rs.next()) {
        Column c = new Column(rs.getString("COLUMN_NAME"), rs.getString("TYPE_NAME"),
            rs.getInt("DATA_TYPE"), rs.getInt("NULLABLE") != DatabaseMetaData.columnNoNulls,
            "YES".equalsIgnoreCase(rs.getString("IS_AUTOINCREMENT")), rs.getInt("COLUMN_SIZE"),
            rs.getInt("DECIMAL_DIGITS"));
        found.computeIfAbsent(rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT),
            k -> new ArrayList<>()).add(new Positioned(rs.getInt("ORDINAL_POSITION"), c));
      }
    }
    Map<String, List<Column>> out = new TreeMap<>();
    found.forEach((t, cols) -> {
      cols.sort(Comparator.comparingInt(Positioned::pos));
      out.put(t, cols.stream().map(Positioned::col).toList());
    });
    return out;
  }

  private Table readTable(String table, List<Column> columns) throws SQLException {
    DatabaseMetaData md = connection.getMetaData();

    TreeMap<Integer, String> pk = new TreeMap<>();
    String pkName = null;
    try (ResultSet rs = md.getPrimaryKeys(null, null, table)) {
      while (rs.next()) {
        pk.put(rs.getInt("KEY_SEQ"), rs.getString("COLUMN_NAME"));
        pkName = rs.getString("PK_NAME");
      }
    }
    List<String> primaryKey = new ArrayList<>(pk.values());

    Map<String, TreeMap<Integer, String[]>> indexColumns = new TreeMap<>();
    Map<String, Boolean> unique = new LinkedHashMap<>();
    try (ResultSet rs = md.getIndexInfo(null, null, table, false, false)) {
      while (rs.next()) {
        String name = rs.getString("INDEX_NAME");
        String col = rs.getString("COLUMN_NAME");
        if (name == null || col == null) {
          continue; // table statistics rows carry no index
        }
        unique.put(name, !rs.getBoolean("NON_UNIQUE"));
        indexColumns.computeIfAbsent(name, k -> new TreeMap<>())
            .put(rs.getInt("ORDINAL_POSITION"), new String[] {col, rs.getString("ASC_OR_DESC")});
      }
    }
    List<Index> indexes = new ArrayList<>();
    for (var e : indexColumns.entrySet()) {
      List<String> cols = new ArrayList<>();
      List<Boolean> desc = new ArrayList<>();
      for (String[] c : e.getValue().values()) {
        cols.add(c[0]);
        desc.add("D".equalsIgnoreCase(c[1]));
      }
      boolean isPk = e.getKey().equalsIgnoreCase(pkName) || cols.equals(primaryKey)
          && unique.get(e.getKey());
      if (!isPk) {
        indexes.add(new Index(e.getKey(), unique.get(e.getKey()), cols, desc));
      }
    }

    List<ForeignKey> imported = readKeys(md.getImportedKeys(null, null, table));
    List<ForeignKey> exported = readKeys(md.getExportedKeys(null, null, table));
    return new Table(table, columns, primaryKey, indexes, imported, exported);
  }

  private static List<ForeignKey> readKeys(ResultSet rs) throws SQLException {
    // key: FK name + owning table, value: KEY_SEQ -> {fk column, pk column}
    Map<String, TreeMap<Integer, String[]>> parts = new TreeMap<>();
    Map<String, String[]> tables = new LinkedHashMap<>();
    try (rs) {
      while (rs.next()) {
        String fkTable = rs.getString("FKTABLE_NAME");
        String name = rs.getString("FK_NAME");
        if (name == null) {
          name = "fk_" + fkTable + "_" + rs.getString("PKTABLE_NAME");
        }
        String key = fkTable + "\u0000" + name;
        tables.put(key, new String[] {fkTable, name, rs.getString("PKTABLE_NAME")});
        parts.computeIfAbsent(key, k -> new TreeMap<>()).put(rs.getInt("KEY_SEQ"),
            new String[] {rs.getString("FKCOLUMN_NAME"), rs.getString("PKCOLUMN_NAME")});
      }
    }
    List<ForeignKey> keys = new ArrayList<>();
    for (var e : parts.entrySet()) {
      String[] t = tables.get(e.getKey());
      List<String> cols = new ArrayList<>();
      List<String> refs = new ArrayList<>();
      for (String[] p : e.getValue().values()) {
        cols.add(p[0]);
        refs.add(p[1]);
      }
      keys.add(new ForeignKey(t[1], t[0], cols, t[2], refs));
    }
    return keys;
  }
}
