/*
 * What a column holds, as the driver sees it: the storage class plus, for columns declared
 * TIMESTAMP, DATE, TIME, DECIMAL/NUMERIC or UUID, the logical type that decides the Java
 * class (ENGINE.md §8.1; ARCHITECTURE.md "Semantics the driver pins down"). Derived from the
 * declared type text the engine reports; ANY means no declared type (decide by each value).
 */
package org.decentdb.jdbc.internal.type;

import java.math.BigDecimal;
import java.sql.Types;
import java.util.Locale;

public enum SqlKind {
  INT64(Types.BIGINT, Long.class.getName(), 19),
  FLOAT64(Types.DOUBLE, Double.class.getName(), 17),
  TEXT(Types.VARCHAR, String.class.getName(), Integer.MAX_VALUE),
  BLOB(Types.VARBINARY, "[B", Integer.MAX_VALUE),
  BOOL(Types.BOOLEAN, Boolean.class.getName(), 1),
  TIMESTAMP(Types.TIMESTAMP, java.sql.Timestamp.class.getName(), 23),
  DATE(Types.DATE, java.sql.Date.class.getName(), 10),
  TIME(Types.TIME, java.sql.Time.class.getName(), 12),
  DECIMAL(Types.DECIMAL, BigDecimal.class.getName(), 38),
  UUID(Types.OTHER, java.util.UUID.class.getName(), 36),
  ANY(Types.OTHER, Object.class.getName(), Integer.MAX_VALUE);

  public final int jdbcType;
  public final String className;
  public final int defaultPrecision;

  SqlKind(int jdbcType, String className, int defaultPrecision) {
    this.jdbcType = jdbcType;
    this.className = className;
    this.defaultPrecision = defaultPrecision;
  }

  /** The kind of a declared type (case-insensitive, modifiers ignored); ANY for null. */
  private static final java.util.regex.Pattern SPACES = java.util.regex.Pattern.compile("\\s+");

  public static SqlKind ofDeclared(String declared) {
    if (declared == null || declared.isBlank()) {
      return ANY;
    }
    String t = declared.toUpperCase(Locale.ROOT).trim();
    int paren = t.indexOf('(');
    if (paren >= 0) {
      t = t.substring(0, paren).trim();
    }
    if (t.indexOf(' ') >= 0 || t.indexOf('\t') >= 0 || t.indexOf('\n') >= 0) {
      t = SPACES.matcher(t).replaceAll(" ");
    }
    switch (t) {
      case "INTEGER": case "INT": case "INT2": case "INT4": case "INT8": case "BIGINT":
      case "SMALLINT": case "TINYINT": case "INT64": case "SERIAL": case "BIGSERIAL":
        return INT64;
      case "REAL": case "FLOAT4": case "FLOAT": case "FLOAT8": case "DOUBLE":
      case "DOUBLE PRECISION": case "FLOAT64":
        return FLOAT64;
      case "TEXT": case "VARCHAR": case "CHARACTER VARYING": case "CHAR": case "CHARACTER":
      case "CLOB": case "JSON": case "JSONB":
        return TEXT;
      case "BLOB": case "BYTEA": case "BINARY": case "VARBINARY":
        return BLOB;
      case "BOOLEAN": case "BOOL":
        return BOOL;
      case "TIMESTAMP": case "TIMESTAMPTZ": case "DATETIME": case "TIMESTAMP WITH TIME ZONE":
      case "TIMESTAMP WITHOUT TIME ZONE":
        return TIMESTAMP;
      case "DATE":
        return DATE;
      case "TIME": case "TIME WITHOUT TIME ZONE":
        return TIME;
      case "DECIMAL": case "NUMERIC":
        return DECIMAL;
      case "UUID":
        return UUID;
      default:
        return ANY;
    }
  }

  /** The (p, s) or (n) modifiers of a declared type: {first, second}, -1 when absent. */
  public static int[] modifiers(String declared) {
    int[] out = {-1, -1};
    if (declared == null) {
      return out;
    }
    int open = declared.indexOf('(');
    int close = declared.indexOf(')', open + 1);
    if (open < 0 || close < 0) {
      return out;
    }
    String[] parts = declared.substring(open + 1, close).split(",");
    for (int i = 0; i < Math.min(2, parts.length); i++) {
      try {
        out[i] = Integer.parseInt(parts[i].trim());
      } catch (NumberFormatException e) {
        out[i] = -1;
      }
    }
    return out;
  }
}
