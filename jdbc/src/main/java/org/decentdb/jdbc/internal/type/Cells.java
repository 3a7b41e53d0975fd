/*
 * Reads one cell of the current row (RowBatchDecoder) as the Java type a getter asks for, using
 * the column's declared kind to interpret INT64 and TEXT encodings (timestamps, dates, times,
 * decimals, UUIDs). A conversion that would lose or invent data (getInt of 'abc', of 3e10, or a
 * timestamp read as a boolean) is an SQLDataException; SQL NULL reads as null/0/false.
 */
package org.decentdb.jdbc.internal.type;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.SQLException;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;
import org.decentdb.jdbc.internal.codec.RowBatchDecoder;
import org.decentdb.jdbc.internal.codec.ValueTag;

public final class Cells {

  private static final DateTimeFormatter TS_MILLIS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");
  private static final DateTimeFormatter TS_SECONDS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
  private static final DateTimeFormatter TIME_MILLIS = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");
  private static final DateTimeFormatter TIME_SECONDS = DateTimeFormatter.ofPattern("HH:mm:ss");

  private Cells() {}

  private static SQLException cannot(RowBatchDecoder d, int c, String target) {
    return Values.dataError("cannot convert " + ValueTag.name(d.tag(c)) + " value of column "
        + (c + 1) + " to " + target);
  }

  public static String string(RowBatchDecoder d, int c, SqlKind kind) throws SQLException {
    switch (d.tag(c)) {
      case ValueTag.NULL:
        return null;
      case ValueTag.TEXT:
        return d.text(c);
      case ValueTag.INT64:
        long v = d.int64(c);
        switch (kind) {
          case TIMESTAMP: {
            LocalDateTime t = Values.localDateTime(v);
            return t.format(t.getNano() == 0 ? TS_SECONDS : TS_MILLIS);
          }
          case DATE:
            return LocalDate.ofEpochDay(v).toString();
          case TIME:
            return Values.localTime(v).format(v % 1000 == 0 ? TIME_SECONDS : TIME_MILLIS);
          default:
            return Long.toString(v);
        }
      case ValueTag.FLOAT64:
        return Double.toString(d.float64(c));
      case ValueTag.BOOL:
        return d.bool(c) ? "true" : "false";
      case ValueTag.BLOB:
        byte[] b = d.bytes(c);
        if (kind == SqlKind.UUID && b.length == 16) {
          return Values.uuid(b).toString();
        }
        return hex(b);
      default:
        throw cannot(d, c, "String");
    }
  }

  static String hex(byte[] b) {
    StringBuilder sb = new StringBuilder(2 + b.length * 2).append("\\x");
    for (byte x : b) {
      sb.append(Character.forDigit((x >> 4) & 15, 16)).append(Character.forDigit(x & 15, 16));
    }
    return sb.toString();
  }

  /** getLong semantics; 0 for NULL. */
  public static long int64(RowBatchDecoder d, int c) throws SQLException {
    switch (d.tag(c)) {
      case ValueTag.NULL:
        return 0;
      case ValueTag.INT64:
      case ValueTag.BOOL:
        return d.int64(c);
      case ValueTag.FLOAT64: {
        double v = d.float64(c);
        if (Double.isNaN(v) || v < -9.223372036854775808E18 || v >= 9.223372036854775808E18) {
          throw Values.dataError("value " + v + " of column " + (c + 1) + " is out of range for long");
        }
        return (long) v;
      }
      case ValueTag.TEXT: {
        String s = d.text(c).trim();
        try {
          return Long.parseLong(s);
        } catch (NumberFormatException e) {
          try {
            return new BigDecimal(s).longValueExact();
          } catch (NumberFormatException | ArithmeticException e2) {
            throw Values.dataError("cannot convert '" + cut(s) + "' in column " + (c + 1)
                + " to a number");
          }
        }
      }
      default:
        throw cannot(d, c, "long");
    }
  }

  public static long int64InRange(RowBatchDecoder d, int c, long min, long max, String target)
      throws SQLException {
    long v = int64(d, c);
    if (v < min || v > max) {
      throw Values.dataError("value " + v + " of column " + (c + 1) + " is out of range for "
          + target);
    }
    return v;
  }

  public static double float64(RowBatchDecoder d, int c) throws SQLException {
    switch (d.tag(c)) {
      case ValueTag.NULL:
        return 0;
      case ValueTag.FLOAT64:
        return d.float64(c);
      case ValueTag.INT64:
      case ValueTag.BOOL:
        return d.int64(c);
      case ValueTag.TEXT: {
        String s = d.text(c).trim();
        try {
          return Double.parseDouble(s);
        } catch (NumberFormatException e) {
          throw Values.dataError("cannot convert '" + cut(s) + "' in column " + (c + 1)
              + " to a number");
        }
      }
      default:
        throw cannot(d, c, "double");
    }
  }

  public static boolean bool(RowBatchDecoder d, int c) throws SQLException {
    switch (d.tag(c)) {
      case ValueTag.NULL:
        return false;
      case ValueTag.BOOL:
        return d.bool(c);
      case ValueTag.INT64: {
        long v = d.int64(c);
        if (v == 0 || v == 1) {
          return v == 1;
        }
        throw Values.dataError("value " + v + " of column " + (c + 1) + " is not a boolean");
      }
      case ValueTag.TEXT: {
        String s = d.text(c).trim().toLowerCase(java.util.Locale.ROOT);
        switch (s) {
          case "true": case "t": case "yes": case "y": case "on": case "1":
            return true;
          case "false": case "f": case "no": case "n": case "off": case "0":
            return false;
          default:
            throw Values.dataError("'" + cut(s) + "' in column " + (c + 1) + " is not a boolean");
        }
      }
      default:
        throw cannot(d, c, "boolean");
    }
  }

  public static BigDecimal decimal(RowBatchDecoder d, int c) throws SQLException {
    switch (d.tag(c)) {
      case ValueTag.NULL:
        return null;
      case ValueTag.INT64:
      case ValueTag.BOOL:
        return BigDecimal.valueOf(d.int64(c));
      case ValueTag.FLOAT64:
        double v = d.float64(c);
        if (Double.isNaN(v) || Double.isInfinite(v)) {
          throw Values.dataError("value " + v + " of column " + (c + 1) + " is not a decimal");
        }
        return BigDecimal.valueOf(v);
      case ValueTag.TEXT: {
        String s = d.text(c).trim();
        try {
          return new BigDecimal(s);
        } catch (NumberFormatException e) {
          throw Values.dataError("cannot convert '" + cut(s) + "' in column " + (c + 1)
              + " to BigDecimal");
        }
      }
      default:
        throw cannot(d, c, "BigDecimal");
    }
  }

  public static byte[] bytes(RowBatchDecoder d, int c) throws SQLException {
    switch (d.tag(c)) {
      case ValueTag.NULL:
        return null;
      case ValueTag.BLOB:
      case ValueTag.TEXT:
        return d.bytes(c);
      default:
        throw cannot(d, c, "byte[]");
    }
  }

  /** Epoch milliseconds of a TIMESTAMP (or DATE at midnight UTC, or ISO text); null for NULL. */
  private static Long epochMillis(RowBatchDecoder d, int c, SqlKind kind) throws SQLException {
    switch (d.tag(c)) {
      case ValueTag.NULL:
        return null;
      case ValueTag.INT64:
        return kind == SqlKind.DATE ? d.int64(c) * Values.MILLIS_PER_DAY : d.int64(c);
      case ValueTag.TEXT:
        String s = d.text(c).trim();
        try {
          if (s.length() == 10) {
            return LocalDate.parse(s).toEpochDay() * Values.MILLIS_PER_DAY;
          }
          return Values.toEpochMillis(LocalDateTime.parse(s.replace(' ', 'T')));
        } catch (java.time.DateTimeException e) {
          throw Values.dataError("'" + cut(s) + "' in column " + (c + 1) + " is not a timestamp");
        }
      default:
        throw cannot(d, c, "timestamp");
    }
  }

  public static Timestamp timestamp(RowBatchDecoder d, int c, SqlKind kind) throws SQLException {
    Long ms = epochMillis(d, c, kind);
    return ms == null ? null : Values.timestamp(ms);
  }

  public static Date date(RowBatchDecoder d, int c, SqlKind kind) throws SQLException {
    if (d.isNull(c)) {
      return null;
    }
    if (kind == SqlKind.DATE && d.tag(c) == ValueTag.INT64) {
      return Values.date(d.int64(c));
    }
    Long ms = epochMillis(d, c, kind);
    return Values.date(Math.floorDiv(ms, Values.MILLIS_PER_DAY));
  }

  /** Milliseconds since midnight of a TIME (or the time part of a TIMESTAMP); null for NULL. */
  private static Long millisOfDay(RowBatchDecoder d, int c, SqlKind kind) throws SQLException {
    if (d.isNull(c)) {
      return null;
    }
    if (d.tag(c) == ValueTag.INT64 && kind != SqlKind.TIMESTAMP) {
      return Math.floorMod(d.int64(c), Values.MILLIS_PER_DAY);
    }
    if (d.tag(c) == ValueTag.TEXT && kind != SqlKind.TIMESTAMP) {
      try {
        return Values.toMillisOfDay(LocalTime.parse(d.text(c).trim()));
      } catch (java.time.DateTimeException e) {
        throw Values.dataError("value of column " + (c + 1) + " is not a time");
      }
    }
    return Math.floorMod(epochMillis(d, c, kind), Values.MILLIS_PER_DAY);
  }

  public static Time time(RowBatchDecoder d, int c, SqlKind kind) throws SQLException {
    Long ms = millisOfDay(d, c, kind);
    return ms == null ? null : Values.time(ms);
  }

  public static UUID uuid(RowBatchDecoder d, int c) throws SQLException {
    switch (d.tag(c)) {
      case ValueTag.NULL:
        return null;
      case ValueTag.BLOB:
        return Values.uuid(d.bytes(c));
      case ValueTag.TEXT:
        try {
          return UUID.fromString(d.text(c).trim());
        } catch (IllegalArgumentException e) {
          throw Values.dataError("value of column " + (c + 1) + " is not a UUID");
        }
      default:
        throw cannot(d, c, "UUID");
    }
  }

  /** getObject(int): the class ARCHITECTURE.md pins per declared type and storage class. */
  public static Object object(RowBatchDecoder d, int c, SqlKind kind) throws SQLException {
    int tag = d.tag(c);
    if (tag == ValueTag.NULL) {
      return null;
    }
    switch (kind) {
      case TIMESTAMP:
        return tag == ValueTag.INT64 ? Values.timestamp(d.int64(c)) : timestamp(d, c, kind);
      case DATE:
        return date(d, c, kind);
      case TIME:
        return time(d, c, kind);
      case DECIMAL:
        return decimal(d, c);
      case UUID:
        return tag == ValueTag.BLOB || tag == ValueTag.TEXT ? uuid(d, c) : plain(d, c);
      default:
        return plain(d, c);
    }
  }

  private static Object plain(RowBatchDecoder d, int c) throws SQLException {
    switch (d.tag(c)) {
      case ValueTag.INT64: return d.int64(c);
      case ValueTag.FLOAT64: return d.float64(c);
      case ValueTag.TEXT: return d.text(c);
      case ValueTag.BLOB: return d.bytes(c);
      case ValueTag.BOOL: return d.bool(c);
      default: return null;
    }
  }

  /** getObject(int, Class): JDBC 4.2 conversions. */
  @SuppressWarnings("unchecked")
  public static <T> T object(RowBatchDecoder d, int c, SqlKind kind, Class<T> type)
      throws SQLException {
    if (d.isNull(c)) {
      return null;
    }
    Object v;
    if (type == String.class) {
      v = string(d, c, kind);
    } else if (type == Long.class) {
      v = int64(d, c);
    } else if (type == Integer.class) {
      v = (int) int64InRange(d, c, Integer.MIN_VALUE, Integer.MAX_VALUE, "int");
    } else if (type == Short.class) {
      v = (short) int64InRange(d, c, Short.MIN_VALUE, Short.MAX_VALUE, "short");
    } else if (type == Byte.class) {
      v = (byte) int64InRange(d, c, Byte.MIN_VALUE, Byte.MAX_VALUE, "byte");
    } else if (type == Double.class) {
      v = float64(d, c);
    } else if (type == Float.class) {
      v = (float) float64(d, c);
    } else if (type == Boolean.class) {
      v = bool(d, c);
    } else if (type == BigDecimal.class) {
      v = decimal(d, c);
    } else if (type == byte[].class) {
      v = bytes(d, c);
    } else if (type == UUID.class) {
      v = uuid(d, c);
    } else if (type == Timestamp.class) {
      v = timestamp(d, c, kind);
    } else if (type == Date.class) {
      v = date(d, c, kind);
    } else if (type == Time.class) {
      v = time(d, c, kind);
    } else if (type == Instant.class) {
      v = Instant.ofEpochMilli(epochMillis(d, c, kind));
    } else if (type == LocalDateTime.class) {
      v = Values.localDateTime(epochMillis(d, c, kind));
    } else if (type == OffsetDateTime.class) {
      v = Instant.ofEpochMilli(epochMillis(d, c, kind)).atOffset(ZoneOffset.UTC);
    } else if (type == LocalDate.class) {
      v = kind == SqlKind.DATE && d.tag(c) == ValueTag.INT64 ? LocalDate.ofEpochDay(d.int64(c))
          : Values.localDateTime(epochMillis(d, c, kind)).toLocalDate();
    } else if (type == LocalTime.class) {
      v = Values.localTime(millisOfDay(d, c, kind));
    } else if (type == Object.class) {
      v = object(d, c, kind);
    } else if (type.isEnum()) {
      String s = string(d, c, kind);
      try {
        v = Enum.valueOf(type.asSubclass(Enum.class), s);
      } catch (IllegalArgumentException e) {
        throw Values.dataError("'" + cut(s) + "' is not a constant of " + type.getName());
      }
    } else {
      throw Values.dataError("cannot convert column " + (c + 1) + " to " + type.getName());
    }
    return (T) v;
  }

  static String cut(String s) {
    return s.length() <= 40 ? s : s.substring(0, 40) + "…";
  }
}
