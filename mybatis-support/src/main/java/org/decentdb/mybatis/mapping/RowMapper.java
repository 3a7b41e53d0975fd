/*
 * Fast row mapping, opt-in: maps rows of a ResultSet to a record (through its canonical
 * constructor) or to a class (no-argument constructor, then setters or fields), through
 * MethodHandles resolved once per result shape (cached) instead of MyBatis' automapping.
 * Columns match components/properties by NamingConventions.canonical (created_at = createdAt);
 * unmatched columns are ignored, unmatched record components get null/0. Thread-safe.
 */
package org.decentdb.mybatis.mapping;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.apache.ibatis.type.TypeHandlerRegistry;
import org.decentdb.mybatis.naming.NamingConventions;

public final class RowMapper<T> {

  private static final Map<Class<?>, RowMapper<?>> SHARED = new ConcurrentHashMap<>();

  private final Class<T> type;
  private static final int MAX_SHAPES = 64;

  private final TypeHandlerRegistry registry; // may be null: the driver's getObject is used
  // One plan per result shape (column labels in order); several statements share a mapper.
  private final Map<List<String>, Plan> plans = new ConcurrentHashMap<>();

  private RowMapper(Class<T> type, TypeHandlerRegistry registry) {
    this.type = type;
    this.registry = registry;
  }

  /** The shared mapper of a type (plain JDBC conversions for non-basic types). */
  @SuppressWarnings("unchecked")
  public static <T> RowMapper<T> of(Class<T> type) {
    return (RowMapper<T>) SHARED.computeIfAbsent(type, t -> new RowMapper<>(t, null));
  }

  /** A mapper that reads non-basic types through the registry's TypeHandlers. */
  public static <T> RowMapper<T> of(Class<T> type, TypeHandlerRegistry registry) {
    return new RowMapper<>(type, registry);
  }

  public Class<T> type() {
    return type;
  }

  /** Maps every remaining row of rs (the caller closes rs). */
  public List<T> mapAll(ResultSet rs) throws SQLException {
    Plan p = planFor(rs);
    List<T> out = new ArrayList<>();
    while (rs.next()) {
      out.add(p.map(rs));
    }
    return out;
  }

  /** Maps every remaining row of rs and hands each to action, keeping none. */
  public void forEach(ResultSet rs, Consumer<? super T> action) throws SQLException {
    Plan p = planFor(rs);
    while (rs.next()) {
      action.accept(p.map(rs));
    }
  }

  /** Maps rows of rs and hands each to action until it returns false or the rows end. */
  public void forEachWhile(ResultSet rs, Predicate<? super T> action) throws SQLException {
    Plan p = planFor(rs);
    while (rs.next()) {
      if (!action.test(p.map(rs))) {
        return;
      }
    }
  }

  /** Maps the current row of rs (resolves the plan per call: prefer mapAll or forEach). */
  public T map(ResultSet rs) throws SQLException {
    return planFor(rs).map(rs);
  }

  private Plan planFor(ResultSet rs) throws SQLException {
    ResultSetMetaData md = rs.getMetaData();
    int n = md.getColumnCount();
    String[] labels = new String[n];
    for (int i = 0; i < n; i++) {
      labels[i] = md.getColumnLabel(i + 1);
    }
    List<String> shape = Arrays.asList(labels);
    Plan p = plans.get(shape);
    if (p == null) {
      if (plans.size() >= MAX_SHAPES) {
        plans.clear(); // ad-hoc column lists: keep the cache bounded
      }
      p = type.isRecord() ? recordPlan(labels) : beanPlan(labels);
      plans.put(shape, p);
    }
    return p;
  }

  private Map<String, Integer> columnsByCanonicalName(String[] labels) {
    Map<String, Integer> byName = new HashMap<>();
    for (int i = labels.length - 1; i >= 0; i--) { // the first of equal labels wins
      byName.put(NamingConventions.canonical(labels[i]), i + 1);
    }
    return byName;
  }

  private Plan recordPlan(String[] labels) {
    Map<String, Integer> byName = columnsByCanonicalName(labels);
    RecordComponent[] rc = type.getRecordComponents();
    Class<?>[] types = new Class<?>[rc.length];
    Cell[] cells = new Cell[rc.length];
    for (int i = 0; i < rc.length; i++) {
      types[i] = rc[i].getType();
      Integer col = byName.get(NamingConventions.canonical(rc[i].getName()));
      cells[i] = col == null ? null : Cell.of(col, types[i], null, registry);
    }
    try {
      Constructor<T> ctor = type.getDeclaredConstructor(types);
      ctor.setAccessible(true);
      MethodHandle h = MethodHandles.lookup().unreflectConstructor(ctor)
          .asType(MethodType.methodType(Object.class, types))
          .asSpreader(Object[].class, types.length);
      return new Plan(h, cells, types);
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new IllegalArgumentException("cannot use the canonical constructor of " + type, e);
    }
  }

  private Plan beanPlan(String[] labels) {
    MethodHandle ctor;
    try {
      Constructor<T> c = type.getDeclaredConstructor();
      c.setAccessible(true);
      ctor = MethodHandles.lookup().unreflectConstructor(c)
          .asType(MethodType.methodType(Object.class));
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new IllegalArgumentException(type + " needs a no-argument constructor", e);
    }
    Map<String, MethodHandle> setters = new HashMap<>();
    Map<String, Class<?>> setterTypes = new HashMap<>();
    for (Class<?> k = type; k != null && k != Object.class; k = k.getSuperclass()) {
      for (Field f : k.getDeclaredFields()) {
        int m = f.getModifiers();
        String key = NamingConventions.canonical(f.getName());
        if (!Modifier.isStatic(m) && !Modifier.isFinal(m) && !setters.containsKey(key)) {
          try {
            f.setAccessible(true);
            setters.put(key, MethodHandles.lookup().unreflectSetter(f));
            setterTypes.put(key, f.getType());
          } catch (ReflectiveOperationException | RuntimeException e) {
            // not accessible: a setter may still exist
          }
        }
      }
    }
    for (Method mth : type.getMethods()) { // public setters win over fields
      if (mth.getName().startsWith("set") && mth.getParameterCount() == 1
          && !Modifier.isStatic(mth.getModifiers()) && mth.getName().length() > 3) {
        String key = NamingConventions.canonical(mth.getName().substring(3));
        try {
          setters.put(key, MethodHandles.lookup().unreflect(mth));
          setterTypes.put(key, mth.getParameterTypes()[0]);
        } catch (ReflectiveOperationException e) {
          // keep the field
        }
      }
    }
    List<Cell> cells = new ArrayList<>();
    for (int i = 0; i < labels.length; i++) {
      String key = NamingConventions.canonical(labels[i]);
      MethodHandle setter = setters.remove(key); // the first column of a name wins
      if (setter != null) {
        setter = setter.asType(MethodType.methodType(void.class, Object.class,
            setterTypes.get(key)));
        cells.add(Cell.of(i + 1, setterTypes.get(key), setter, registry));
      }
    }
    return new Plan(ctor, cells.toArray(new Cell[0]), null);
  }

  /** What one result shape maps through; immutable. */
  private final class Plan {
    final MethodHandle ctor;    // records: (Object[])Object; classes: ()Object
    final Cell[] cells;         // records: per component, null when unmatched
    final Class<?>[] argTypes;  // records only

    Plan(MethodHandle ctor, Cell[] cells, Class<?>[] argTypes) {
      this.ctor = ctor;
      this.cells = cells;
      this.argTypes = argTypes;
    }

    @SuppressWarnings("unchecked")
    T map(ResultSet rs) throws SQLException {
      try {
        if (argTypes != null) {
          Object[] args = new Object[cells.length];
          for (int i = 0; i < cells.length; i++) {
            Cell c = cells[i];
            args[i] = c != null ? c.read(rs) : defaultValue(argTypes[i]);
            if (args[i] == null && argTypes[i].isPrimitive()) {
              args[i] = defaultValue(argTypes[i]);
            }
          }
          return (T) ctor.invokeExact(args);
        }
        Object o = (Object) ctor.invokeExact();
        for (Cell c : cells) {
          c.store(rs, o);
        }
        return (T) o;
      } catch (SQLException | RuntimeException | Error e) {
        throw e;
      } catch (Throwable t) {
        throw new IllegalStateException("mapping a row to " + type.getName() + " failed", t);
      }
    }
  }

  private static Object defaultValue(Class<?> t) {
    if (!t.isPrimitive()) {
      return null;
    } else if (t == boolean.class) {
      return false;
    } else if (t == char.class) {
      return '\0';
    } else if (t == long.class) {
      return 0L;
    } else if (t == int.class) {
      return 0;
    } else if (t == double.class) {
      return 0d;
    } else if (t == float.class) {
      return 0f;
    } else if (t == short.class) {
      return (short) 0;
    }
    return (byte) 0;
  }
}
