/*
 * Conversions between Java values and the engine's encodings (the seed's type matrix):
 * TIMESTAMP = INT64 epoch milliseconds UTC, DATE = INT64 days since 1970-01-01, TIME = INT64
 * milliseconds since midnight (sub-millisecond parts truncated), DECIMAL = canonical TEXT,
 * UUID = 16-byte BLOB. A LocalDateTime is read and written as UTC wall time.
 */
package org.decentdb.jdbc.internal.type;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.sql.Date;
import java.sql.SQLException;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.UUID;
import org.decentdb.jdbc.internal.codec.ParamEncoder;
import org.decentdb.jdbc.internal.error.ErrorMapper;

public final class Values {

  public static final long MILLIS_PER_DAY = 86_400_000L;

  private Values() {}

  public static long toEpochMillis(Timestamp ts) {
    return Math.floorDiv(ts.getTime(), 1000) * 1000 + ts.getNanos() / 1_000_000;
  }

  public static long toEpochMillis(LocalDateTime ldt) {
    return ldt.toInstant(ZoneOffset.UTC).toEpochMilli();
  }

  public static long toMillisOfDay(LocalTime t) {
    return t.toNanoOfDay() / 1_000_000;
  }

  public static long toMillisOfDay(Time t) {
    return toMillisOfDay(t.toLocalTime()) + Math.floorMod(t.getTime(), 1000);
  }

  public static Timestamp timestamp(long epochMillis) {
    return new Timestamp(epochMillis);
  }

  public static LocalDateTime localDateTime(long epochMillis) {
    return LocalDateTime.ofInstant(Instant.ofEpochMilli(epochMillis), ZoneOffset.UTC);
  }

  public static Date date(long days) {
    return Date.valueOf(LocalDate.ofEpochDay(days));
  }

  public static LocalTime localTime(long millisOfDay) {
    return LocalTime.ofNanoOfDay(Math.floorMod(millisOfDay, MILLIS_PER_DAY) * 1_000_000);
  }

  /** A java.sql.Time for the wall time, keeping milliseconds (Time.valueOf drops them). */
  public static Time time(long millisOfDay) {
    LocalTime lt = localTime(millisOfDay);
    Time t = Time.valueOf(lt.withNano(0));
    return new Time(t.getTime() + lt.getNano() / 1_000_000);
  }

  public static byte[] uuidBytes(UUID u) {
    return ByteBuffer.allocate(16).putLong(u.getMostSignificantBits())
        .putLong(u.getLeastSignificantBits()).array();
  }

  public static UUID uuid(byte[] b) throws SQLException {
    if (b.length != 16) {
      throw dataError("a UUID needs 16 bytes, got " + b.length);
    }
    ByteBuffer bb = ByteBuffer.wrap(b);
    return new UUID(bb.getLong(), bb.getLong());
  }

  public static SQLException dataError(String message) {
    return ErrorMapper.driverError(ErrorMapper.Kind.DATA, message, "22000", null);
  }

  /**
   * Binds a Java object by its class, in the encoding of the type matrix. Unsupported
   * classes are an SQLException naming the class.
   */
  public static void bind(ParamEncoder enc, int index, Object x) throws SQLException {
    if (x == null) {
      enc.setNull(index);
    } else if (x instanceof String) {
      enc.setString(index, (String) x);
    } else if (x instanceof Long || x instanceof Integer || x instanceof Short
        || x instanceof Byte) {
      enc.setLong(index, ((Number) x).longValue());
    } else if (x instanceof Double || x instanceof Float) {
      enc.setDouble(index, ((Number) x).doubleValue());
    } else if (x instanceof Boolean) {
      enc.setBoolean(index, (Boolean) x);
    } else if (x instanceof BigDecimal) {
      enc.setString(index, ((BigDecimal) x).toPlainString());
    } else if (x instanceof BigInteger) {
      BigInteger b = (BigInteger) x;
      if (b.bitLength() < 64) {
        enc.setLong(index, b.longValue());
      } else {
        enc.setString(index, b.toString());
      }
    } else if (x instanceof byte[]) {
      enc.setBytes(index, (byte[]) x);
    } else if (x instanceof Timestamp) {
      enc.setLong(index, toEpochMillis((Timestamp) x));
    } else if (x instanceof Date) {
      enc.setLong(index, ((Date) x).toLocalDate().toEpochDay());
    } else if (x instanceof Time) {
      enc.setLong(index, toMillisOfDay((Time) x));
    } else if (x instanceof java.util.Date) {
      enc.setLong(index, ((java.util.Date) x).getTime());
    } else if (x instanceof Instant) {
      enc.setLong(index, ((Instant) x).toEpochMilli());
    } else if (x instanceof LocalDateTime) {
      enc.setLong(index, toEpochMillis((LocalDateTime) x));
    } else if (x instanceof OffsetDateTime) {
      enc.setLong(index, ((OffsetDateTime) x).toInstant().toEpochMilli());
    } else if (x instanceof ZonedDateTime) {
      enc.setLong(index, ((ZonedDateTime) x).toInstant().toEpochMilli());
    } else if (x instanceof LocalDate) {
      enc.setLong(index, ((LocalDate) x).toEpochDay());
    } else if (x instanceof LocalTime) {
      enc.setLong(index, toMillisOfDay((LocalTime) x));
    } else if (x instanceof OffsetTime) {
      enc.setLong(index, toMillisOfDay(((OffsetTime) x).withOffsetSameInstant(ZoneOffset.UTC)
          .toLocalTime()));
    } else if (x instanceof UUID) {
      enc.setBytes(index, uuidBytes((UUID) x));
    } else if (x instanceof Character) {
      enc.setString(index, x.toString());
    } else if (x instanceof Enum) {
      enc.setString(index, ((Enum<?>) x).name());
    } else {
      throw ErrorMapper.driverError(ErrorMapper.Kind.FEATURE_NOT_SUPPORTED,
          "cannot bind a value of class " + x.getClass().getName() + " to parameter " + index,
          "0A000", null);
    }
  }
}
