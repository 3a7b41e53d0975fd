/*
 * One index of a table: its name, whether it is unique, and its columns in key order with
 * their direction. The primary key's own index is not listed here (Table.primaryKey is).
 */
package org.decentdb.generator.introspect;

import java.util.List;

public record Index(String name, boolean unique, List<String> columns, List<Boolean> descending) {
  public Index {
    columns = List.copyOf(columns);
    descending = List.copyOf(descending);
  }
}
