/*
 * One foreign key: the referencing columns of the owning table and the referenced table and
 * columns, pairwise in key order (KEY_SEQ).
 */
package org.decentdb.generator.introspect;

import java.util.List;

public record ForeignKey(String name, String table, List<String> columns, String referencedTable,
    List<String> referencedColumns) {
  public ForeignKey {
    columns = List.copyOf(columns);
    referencedColumns = List.copyOf(referencedColumns);
  }
}
