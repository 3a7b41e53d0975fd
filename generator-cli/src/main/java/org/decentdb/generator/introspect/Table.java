/*
 * One reflected table: columns in declaration order, primary-key columns in key order, the
 * secondary indexes sorted by name, the foreign keys it declares (imported) and the ones that
 * point at it (exported), both sorted by name so that output is stable.
 */
package org.decentdb.generator.introspect;

import java.util.List;
import java.util.Optional;

public record Table(String name, List<Column> columns, List<String> primaryKey,
    List<Index> indexes, List<ForeignKey> importedKeys, List<ForeignKey> exportedKeys) {

  public Table {
    columns = List.copyOf(columns);
    primaryKey = List.copyOf(primaryKey);
    indexes = List.copyOf(indexes);
    importedKeys = List.copyOf(importedKeys);
    exportedKeys = List.copyOf(exportedKeys);
  }

  public Optional<Column> column(String columnName) {
    return columns.stream().filter(c -> c.name().equalsIgnoreCase(columnName)).findFirst();
  }
}
