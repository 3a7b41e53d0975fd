/*
 * A reflected database: its product name and the tables selected for generation, sorted by
 * name. Built by SchemaReader; shared read-only with the generator plugins.
 */
package org.decentdb.generator.introspect;

import java.util.List;
import java.util.Optional;

public record Schema(String productName, List<Table> tables) {
  public Schema {
    tables = List.copyOf(tables);
  }

  public Optional<Table> table(String name) {
    return tables.stream().filter(t -> t.name().equalsIgnoreCase(name)).findFirst();
  }
}
