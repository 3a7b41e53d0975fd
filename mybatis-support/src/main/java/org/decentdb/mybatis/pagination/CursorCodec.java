/*
 * The opaque keyset cursor: URL-safe Base64 (no padding) of a small binary record: version,
 * direction (after / before), a fingerprint of the ordering it belongs to, and the key values
 * of the boundary row, each tagged with its type so it binds back as the same Java type.
 * Cursors are not signed: a changed cursor only moves the page boundary (values are bound as
 * parameters, never spliced into SQL).
 */
package org.decentdb.mybatis.pagination;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.UUID;
import org.decentdb.mybatis.type.CodedEnum;

final class CursorCodec {

  private static final int VERSION = 1;

  /** A decoded cursor. */
  record Decoded(boolean before, Object[] values) {}

  private CursorCodec() {}

  static String encode(boolean before, int fingerprint, Object[] values) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(VERSION);
      out.writeByte(before ? 1 : 0);
      out.writeInt(fingerprint);
      out.writeByte(values.length);
      for (Object v : values) {
        write(out, v);
      }
    } catch (IOException e) {
      throw new IllegalStateException(e); // a ByteArrayOutputStream does not fail
    }
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.toByteArray());
  }

  static Decoded decode(String cursor, int fingerprint, int keys) {
    try {
      byte[] raw = Base64.getUrlDecoder().decode(cursor);
      DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(raw));
      if (in.readByte() != VERSION) {
        throw new IllegalArgumentException("unknown cursor version");
      }
      boolean before = in.readByte() == 1;
      if (in.readInt() != fingerprint) {
        throw new IllegalArgumentException("the cursor belongs to another ordering");
      }
      int n = in.readByte();
      if (n != keys) {
        throw new IllegalArgumentException("the cursor has " + n + " values, expected " + keys);
      }
      Object[] values = new Object[n];
      for (int i = 0; i < n; i++) {
        values[i] = read(in);
      }
      if (in.available() != 0) {
        throw new IllegalArgumentException("trailing bytes in cursor");
      }
      return new Decoded(before, values);
    } catch (IOException | RuntimeException e) {
      if (e instanceof IllegalArgumentException && e.getMessage() != null
          && !e.getMessage().startsWith("Illegal base64")) {
        throw (IllegalArgumentException) e;
      }
      throw new IllegalArgumentException("not a valid keyset cursor", e);
    }
  }

  private static void write(DataOutputStream out, Object v) throws IOException {
    if (v == null) {
      out.writeByte(0);
    } else if (v instanceof Long || v instanceof Integer || v instanceof Short
        || v instanceof Byte) {
      out.writeByte(v instanceof Long ? 1 : 2);
      out.writeLong(((Number) v).longValue());
    } else if (v instanceof Double || v instanceof Float) {
      out.writeByte(3);
      out.writeDouble(((Number) v).doubleValue());
    } else if (v instanceof String s) {
      out.writeByte(4);
      writeBytes(out, s.getBytes(StandardCharsets.UTF_8));
    } else if (v instanceof Boolean b) {
      out.writeByte(5);
      out.writeBoolean(b);
    } else if (v instanceof byte[] b) {
      out.writeByte(6);
      writeBytes(out, b);
    } else if (v instanceof BigDecimal d) {
      out.writeByte(7);
      writeBytes(out, d.toString().getBytes(StandardCharsets.US_ASCII));
    } else if (v instanceof Instant t) {
      out.writeByte(8);
      out.writeLong(t.getEpochSecond());
      out.writeInt(t.getNano());
    } else if (v instanceof OffsetDateTime t) {
      write(out, t.toInstant());
    } else if (v instanceof LocalDate d) {
      out.writeByte(9);
      out.writeLong(d.toEpochDay());
    } else if (v instanceof LocalDateTime t) {
      out.writeByte(10);
      out.writeLong(t.toEpochSecond(ZoneOffset.UTC));
      out.writeInt(t.getNano());
    } else if (v instanceof LocalTime t) {
      out.writeByte(11);
      out.writeLong(t.toNanoOfDay());
    } else if (v instanceof UUID u) {
      out.writeByte(12);
      out.writeLong(u.getMostSignificantBits());
      out.writeLong(u.getLeastSignificantBits());
    } else if (v instanceof CodedEnum e) {
      write(out, e.code());
    } else if (v instanceof Enum<?> e) {
      write(out, e.name());
    } else {
      throw new IllegalArgumentException("a keyset cursor cannot hold a value of "
          + v.getClass().getName());
    }
  }

  private static void writeBytes(DataOutputStream out, byte[] b) throws IOException {
    out.writeInt(b.length);
    out.write(b);
  }

  private static byte[] readBytes(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0 || n > in.available()) {
      throw new IllegalArgumentException("not a valid keyset cursor");
    }
    return in.readNBytes(n);
  }

  private static Object read(DataInputStream in) throws IOException {
    int tag = in.readByte();
    switch (tag) {
      case 0: return null;
      case 1: return in.readLong();
      case 2: return Math.toIntExact(in.readLong());
      case 3: return in.readDouble();
      case 4: return new String(readBytes(in), StandardCharsets.UTF_8);
      case 5: return in.readBoolean();
      case 6: return readBytes(in);
      case 7: return new BigDecimal(new String(readBytes(in), StandardCharsets.US_ASCII));
      case 8: return Instant.ofEpochSecond(in.readLong(), in.readInt());
      case 9: return LocalDate.ofEpochDay(in.readLong());
      case 10: return LocalDateTime.ofEpochSecond(in.readLong(), in.readInt(), ZoneOffset.UTC);
      case 11: return LocalTime.ofNanoOfDay(in.readLong());
      case 12: return new UUID(in.readLong(), in.readLong());
      default: throw new IllegalArgumentException("not a valid keyset cursor");
    }
  }
}
