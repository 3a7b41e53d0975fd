/*
 * What one generation run shares with the plugins MyBatis Generator instantiates by class
 * name: the reflected schema, the type mapping, the options and a sink for warnings. Keyed by
 * the MyBatis Generator context id, registered by the CLI for the length of one run.
 */
package org.decentdb.generator.plugins;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.decentdb.generator.introspect.Schema;

public final class RunState {
  private static final Map<String, RunState> RUNS = new ConcurrentHashMap<>();

  /** Generation options that shape statements. */
  public record Options(String basePackage, boolean records, boolean annotations,
      boolean offsetPaging, boolean checkPlans) {
    public String modelPackage() {
      return basePackage + ".model";
    }

    public String mapperPackage() {
      return basePackage + ".mapper";
    }
  }

  private final Schema schema;
  private final JavaTypeMapping mapping;
  private final Options options;
  private final Connection connection;
  private final List<String> warnings = new ArrayList<>();

  public RunState(Schema schema, JavaTypeMapping mapping, Options options, Connection connection) {
    this.schema = schema;
    this.mapping = mapping;
    this.options = options;
    this.connection = connection;
  }

  public static void register(String contextId, RunState state) {
    RUNS.put(contextId, state);
  }

  public static void unregister(String contextId) {
    RUNS.remove(contextId);
  }

  static RunState of(String contextId) {
    RunState s = RUNS.get(contextId);
    if (s == null) {
      throw new IllegalStateException("no generation run registered for context " + contextId);
    }
    return s;
  }

  public Schema schema() {
    return schema;
  }

  public JavaTypeMapping mapping() {
    return mapping;
  }

  public Options options() {
    return options;
  }

  /** The open connection of the run, used for EXPLAIN; may be null when not checking plans. */
  public Connection connection() {
    return connection;
  }

  public synchronized void warn(String message) {
    warnings.add(message);
  }

  public synchronized List<String> warnings() {
    return List.copyOf(warnings);
  }
}
