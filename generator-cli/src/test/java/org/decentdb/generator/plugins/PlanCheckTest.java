/*
 * PlanCheck on a real DecentDB file: a query on an unindexed column is reported with its
 * plan, an indexed finder and the seek query of a keyset ordering are not, and an EXPLAIN
 * that fails becomes a warning instead of an error.
 */
package org.decentdb.generator.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import org.decentdb.generator.introspect.Schema;
import org.decentdb.generator.introspect.SchemaReader;
import org.decentdb.generator.introspect.TableFilter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanCheckTest {
  @TempDir
  Path dir;

  @Test
  void reportsTableScansOnlyForQueriesWithoutAnIndex() throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:decentdb:" + dir.resolve("p.db"));
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE pet (id INTEGER PRIMARY KEY, name TEXT NOT NULL, kind TEXT)");
      s.execute("CREATE INDEX pet_name_ix ON pet (name)");
      Schema schema = new SchemaReader(c).read(TableFilter.all());
      RunState run = new RunState(schema, JavaTypeMapping.defaults(),
          new RunState.Options("p", false, false, false, true), c);
      PlanCheck plans = new PlanCheck(run);

      plans.check("pet", "findByKind", "SELECT id FROM pet WHERE kind = ?");
      plans.check("pet", "findByName", "SELECT id FROM pet WHERE name = ?");
      TableModel pet = new TableModel(schema.table("pet").orElseThrow(), run);
      for (Statements.Ordering o : new Statements(pet).orderings()) {
        plans.checkKeyset(pet, o);
      }
      plans.check("pet", "broken", "SELECT nope FROM pet");

      List<String> w = run.warnings();
      assertThat(w).anySatisfy(x -> assertThat(x)
          .startsWith("pet: findByKind does not use an index").contains("TableScan pet"));
      assertThat(w).noneMatch(x -> x.contains("findByName"));
      assertThat(w).noneMatch(x -> x.contains("keyset"));
      assertThat(w).anySatisfy(x -> assertThat(x).startsWith("pet: broken: EXPLAIN failed"));
      assertThat(w).hasSize(2);
    }
  }
}
