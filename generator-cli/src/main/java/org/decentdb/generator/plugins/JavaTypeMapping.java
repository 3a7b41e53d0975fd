/*
 * The type resolver's table: a declared SQL type (as written in CREATE TABLE and reported in
 * DatabaseMetaData TYPE_NAME) to the Java type a generated property has, the JDBC type named
 * in the mapper, and the decentdb-mybatis type handler the statement must use. Options choose
 * Instant or LocalDateTime for TIMESTAMP and Long or Integer for INTEGER; user overrides
 * (--type NAME=java.Type) win over the table. On another database (PostgreSQL through --url)
 * the DecentDB handlers, which write DecentDB's encodings (epoch milliseconds, 16-byte UUIDs),
 * are not named: MyBatis' own handlers and the driver's types serve, and UUID goes through
 * MyBatis' ObjectTypeHandler. Design: README.md, "Generator CLI".
 */
package org.decentdb.generator.plugins;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.decentdb.generator.introspect.Column;

public final class JavaTypeMapping {

  /** What one column maps to; typeHandler is null when MyBatis' own handler is right. */
  public record Mapped(String javaType, String jdbcType, String typeHandler) {
    public String simpleName() {
      return javaType.substring(javaType.lastIndexOf('.') + 1);
    }
  }

  public enum TimestampType { INSTANT, LOCAL_DATE_TIME }

  public enum IntegerType { LONG, INTEGER }

  static final String HANDLERS = "org.decentdb.mybatis.type.";

  private final TimestampType timestampType;
  private final IntegerType integerType;
  private final Map<String, String> overrides = new TreeMap<>();
  private final boolean decentdbHandlers;

  public JavaTypeMapping(TimestampType timestampType, IntegerType integerType,
      Map<String, String> overrides) {
    this(timestampType, integerType, overrides, true);
  }

  public JavaTypeMapping(TimestampType timestampType, IntegerType integerType,
      Map<String, String> overrides, boolean decentdbHandlers) {
    this.timestampType = timestampType;
    this.integerType = integerType;
    this.decentdbHandlers = decentdbHandlers;
    overrides.forEach((k, v) -> this.overrides.put(k.trim().toUpperCase(Locale.ROOT), v.trim()));
  }

  /** This mapping for a database product: DecentDB keeps the DecentDB type handlers. */
  public JavaTypeMapping forProduct(String productName) {
    return new JavaTypeMapping(timestampType, integerType, overrides,
        "DecentDB".equals(productName));
  }

  public boolean decentdbHandlers() {
    return decentdbHandlers;
  }

  public static JavaTypeMapping defaults() {
    return new JavaTypeMapping(TimestampType.INSTANT, IntegerType.LONG, Map.of());
  }

  public TimestampType timestampType() {
    return timestampType;
  }

  public IntegerType integerType() {
    return integerType;
  }

  public Map<String, String> overrides() {
    return overrides;
  }

  /** The mapping of a column, or empty when its declared type has none (an error to report). */
  public Optional<Mapped> map(Column column) {
    String base = column.baseType();
    String over = overrides.get(base);
    if (over == null) {
      over = overrides.get(column.declaredType().trim().toUpperCase(Locale.ROOT));
    }
    if (over != null) {
      return Optional.of(forOverride(over));
    }
    Mapped m = builtIn(base);
    if (m == null || decentdbHandlers || m.typeHandler() == null) {
      return Optional.ofNullable(m);
    }
    String portable = m.javaType().equals("java.util.UUID")
        ? "org.apache.ibatis.type.ObjectTypeHandler" : null;
    return Optional.of(new Mapped(m.javaType(), m.jdbcType(), portable));
  }

  private Mapped builtIn(String base) {
    switch (base) {
      case "TIMESTAMP", "DATETIME", "TIMESTAMPTZ", "TIMESTAMP WITH TIME ZONE",
          "TIMESTAMP WITHOUT TIME ZONE" -> {
        return timestampType == TimestampType.INSTANT
            ? new Mapped("java.time.Instant", "TIMESTAMP", HANDLERS + "InstantTypeHandler")
            : new Mapped("java.time.LocalDateTime", "TIMESTAMP",
                HANDLERS + "LocalDateTimeTypeHandler");
      }
      case "DATE" -> {
        return new Mapped("java.time.LocalDate", "DATE", HANDLERS + "LocalDateTypeHandler");
      }
      case "TIME", "TIME WITHOUT TIME ZONE" -> {
        return new Mapped("java.time.LocalTime", "TIME", HANDLERS + "LocalTimeTypeHandler");
      }
      case "UUID" -> {
        return new Mapped("java.util.UUID", "OTHER", HANDLERS + "UuidTypeHandler");
      }
      case "DECIMAL", "NUMERIC" -> {
        return new Mapped("java.math.BigDecimal", "DECIMAL", HANDLERS + "BigDecimalTypeHandler");
      }
      case "BOOLEAN", "BOOL" -> {
        return new Mapped("java.lang.Boolean", "BOOLEAN", HANDLERS + "BooleanTypeHandler");
      }
      case "BIGINT", "INT8", "BIGSERIAL" -> {
        return new Mapped("java.lang.Long", "BIGINT", null);
      }
      case "INTEGER", "INT", "INT4", "SMALLINT", "INT2", "TINYINT", "SERIAL" -> {
        return integerType == IntegerType.LONG
            ? new Mapped("java.lang.Long", "BIGINT", null)
            : new Mapped("java.lang.Integer", "INTEGER", null);
      }
      case "TEXT", "VARCHAR", "CHAR", "CHARACTER", "CHARACTER VARYING", "CLOB", "STRING",
          "NVARCHAR", "NCHAR" -> {
        return new Mapped("java.lang.String", "VARCHAR", null);
      }
      case "BLOB", "BYTEA", "BINARY", "VARBINARY" -> {
        return new Mapped("byte[]", "VARBINARY", null);
      }
      case "REAL", "DOUBLE", "DOUBLE PRECISION", "FLOAT", "FLOAT8", "FLOAT4" -> {
        return new Mapped("java.lang.Double", "DOUBLE", null);
      }
      default -> {
        return null;
      }
    }
  }

  private static Mapped forOverride(String javaType) {
    return switch (javaType) {
      case "java.lang.String", "String" -> new Mapped("java.lang.String", "VARCHAR", null);
      case "java.lang.Long", "Long" -> new Mapped("java.lang.Long", "BIGINT", null);
      case "java.lang.Integer", "Integer" -> new Mapped("java.lang.Integer", "INTEGER", null);
      case "java.lang.Double", "Double" -> new Mapped("java.lang.Double", "DOUBLE", null);
      case "byte[]" -> new Mapped("byte[]", "VARBINARY", null);
      default -> new Mapped(javaType, "OTHER", null);
    };
  }
}
