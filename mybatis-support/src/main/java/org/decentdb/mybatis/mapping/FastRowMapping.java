/*
 * Opt-in fast row mapping for MyBatis: an Interceptor on ResultSetHandler.handleResultSets that,
 * for statements whose result type was chosen here, maps the rows with a RowMapper instead of
 * MyBatis' automapping. Everything else (SQL, parameters, caches, plugins, transactions) stays
 * MyBatis'. A ResultHandler (SqlSession.select(id, param, handler)) receives the fast-mapped
 * rows one by one and may stop early. Statements with result maps of their own, nested
 * mappings, several result sets or RowBounds are left to MyBatis unchanged.
 */
package org.decentdb.mybatis.mapping;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.apache.ibatis.executor.result.DefaultResultContext;
import org.apache.ibatis.executor.resultset.DefaultResultSetHandler;
import org.apache.ibatis.executor.resultset.ResultSetHandler;
import org.apache.ibatis.mapping.MappedStatement;
import org.apache.ibatis.mapping.ResultMap;
import org.apache.ibatis.plugin.Interceptor;
import org.apache.ibatis.plugin.Intercepts;
import org.apache.ibatis.plugin.Invocation;
import org.apache.ibatis.plugin.Signature;
import org.apache.ibatis.session.Configuration;
import org.apache.ibatis.session.ResultHandler;
import org.apache.ibatis.session.RowBounds;

@Intercepts(@Signature(type = ResultSetHandler.class, method = "handleResultSets",
    args = Statement.class))
public final class FastRowMapping implements Interceptor {

  // DefaultResultSetHandler keeps these private; read once per query through VarHandles.
  private static final VarHandle MAPPED_STATEMENT;
  private static final VarHandle ROW_BOUNDS;
  private static final VarHandle RESULT_HANDLER;

  static {
    VarHandle ms = null;
    VarHandle rb = null;
    VarHandle rh = null;
    try {
      MethodHandles.Lookup l = MethodHandles.privateLookupIn(DefaultResultSetHandler.class,
          MethodHandles.lookup());
      ms = l.findVarHandle(DefaultResultSetHandler.class, "mappedStatement",
          MappedStatement.class);
      rb = l.findVarHandle(DefaultResultSetHandler.class, "rowBounds", RowBounds.class);
      rh = l.findVarHandle(DefaultResultSetHandler.class, "resultHandler", ResultHandler.class);
    } catch (ReflectiveOperationException | RuntimeException e) {
      ms = null; // another MyBatis layout: every statement goes to MyBatis
    }
    MAPPED_STATEMENT = ms;
    ROW_BOUNDS = rb;
    RESULT_HANDLER = rh;
  }

  private final Set<Class<?>> types = ConcurrentHashMap.newKeySet();
  private final LongAdder fastQueries = new LongAdder();
  private final Map<Class<?>, RowMapper<?>> mappers = new ConcurrentHashMap<>();

  /** Fast mapping for statements whose resultType is one of types. */
  public FastRowMapping(Class<?>... types) {
    this.types.addAll(List.of(types));
  }

  /** Adds fast mapping to a configuration for the given result types; returns the interceptor. */
  public static FastRowMapping enable(Configuration configuration, Class<?>... types) {
    FastRowMapping f = new FastRowMapping(types);
    configuration.addInterceptor(f);
    return f;
  }

  /** Also maps these result types fast from now on. */
  public FastRowMapping add(Class<?>... more) {
    types.addAll(List.of(more));
    return this;
  }

  /** How many query results this interceptor has mapped itself (the rest went to MyBatis). */
  public long fastQueries() {
    return fastQueries.sum();
  }

  public Collection<Class<?>> types() {
    return Set.copyOf(types);
  }

  @Override
  public Object intercept(Invocation invocation) throws Throwable {
    Object target = invocation.getTarget();
    if (MAPPED_STATEMENT == null || !(target instanceof DefaultResultSetHandler)) {
      return invocation.proceed();
    }
    MappedStatement ms = (MappedStatement) MAPPED_STATEMENT.get(target);
    RowMapper<?> mapper = eligible(ms, target);
    ResultHandler<?> handler =
        mapper == null ? null : (ResultHandler<?>) RESULT_HANDLER.get(target);
    if (mapper == null) {
      return invocation.proceed();
    }
    Statement stmt = (Statement) invocation.getArgs()[0];
    ResultSet rs = stmt.getResultSet();
    if (rs == null) {
      return invocation.proceed();
    }
    try (rs) {
      if (handler != null) {
        feed(mapper, rs, handler);
        fastQueries.increment();
        return new ArrayList<>(); // what MyBatis returns when a handler took the rows
      }
      List<?> rows = mapper.mapAll(rs);
      fastQueries.increment();
      return rows;
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static void feed(RowMapper<?> mapper, ResultSet rs, ResultHandler handler)
      throws java.sql.SQLException {
    DefaultResultContext<Object> context = new DefaultResultContext<>();
    mapper.forEachWhile(rs, row -> {
      context.nextResultObject(row);
      handler.handleResult(context);
      return !context.isStopped();
    });
  }

  private RowMapper<?> eligible(MappedStatement ms, Object resultSetHandler) {
    if (ms == null || ms.getResultSets() != null || ms.getResultMaps().size() != 1) {
      return null;
    }
    ResultMap rm = ms.getResultMaps().get(0);
    Class<?> type = rm.getType();
    if (!types.contains(type) || !rm.getResultMappings().isEmpty() || rm.hasNestedResultMaps()
        || rm.getDiscriminator() != null) {
      return null;
    }
    RowBounds rb = (RowBounds) ROW_BOUNDS.get(resultSetHandler);
    if (rb != null && (rb.getOffset() != RowBounds.NO_ROW_OFFSET
        || rb.getLimit() != RowBounds.NO_ROW_LIMIT)) {
      return null;
    }
    return mappers.computeIfAbsent(type,
        t -> RowMapper.of(t, ms.getConfiguration().getTypeHandlerRegistry()));
  }
}
