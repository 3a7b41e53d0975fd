/*
 * Tests for ParamEncoder and RowBatchDecoder: the byte layout of the engine's value encoding,
 * UTF-8 (NUL, non-ASCII, supplementary characters), buffer growth, unset parameters, and
 * rejection of malformed batches.
 */
package org.decentdb.jdbc.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CodecTest {

  /** Encodes one parameter row and returns a buffer positioned after its u32 count. */
  private static ByteBuffer rowOf(ParamEncoder enc) throws SQLException {
    enc.reset();
    enc.appendRow();
    ByteBuffer b = enc.encoded();
    assertThat(b.getInt(0)).isEqualTo(enc.parameterCount());
    ByteBuffer values = ByteBuffer.allocateDirect(b.remaining() - 4).order(ByteOrder.LITTLE_ENDIAN);
    b.position(4);
    values.put(b).flip();
    return values;
  }

  @Test
  void encodesTheDocumentedLayout() throws SQLException {
    ParamEncoder enc = new ParamEncoder(4);
    enc.setLong(1, 0x0102030405060708L);
    enc.setNull(2);
    enc.setString(3, "hé");
    enc.setBoolean(4, true);
    enc.reset();
    enc.appendRow();
    ByteBuffer b = enc.encoded();
    byte[] bytes = new byte[b.remaining()];
    b.get(bytes);
    assertThat(bytes).containsExactly(
        4, 0, 0, 0,
        1, 8, 7, 6, 5, 4, 3, 2, 1,
        0,
        3, 3, 0, 0, 0, 'h', (byte) 0xC3, (byte) 0xA9,
        5, 1);
  }

  @Test
  void roundTripsEveryTypeThroughTheDecoder() throws SQLException {
    String tricky = "a\u0000b — Ж 中文 \uD83D\uDE00";
    byte[] blob = new byte[300_000];
    new Random(7).nextBytes(blob);
    ParamEncoder enc = new ParamEncoder(7);
    enc.setLong(1, Long.MIN_VALUE);
    enc.setDouble(2, -0.5);
    enc.setString(3, tricky);
    enc.setBytes(4, blob);
    enc.setBoolean(5, false);
    enc.setString(6, null);
    enc.setString(7, "");
    ByteBuffer row = rowOf(enc);

    RowBatchDecoder dec = new RowBatchDecoder(7);
    dec.load(row, 1, row.limit());
    assertThat(dec.next()).isTrue();
    assertThat(dec.int64(0)).isEqualTo(Long.MIN_VALUE);
    assertThat(dec.float64(1)).isEqualTo(-0.5);
    assertThat(dec.text(2)).isEqualTo(tricky);
    assertThat(dec.length(2)).isEqualTo(tricky.getBytes(StandardCharsets.UTF_8).length);
    assertThat(dec.bytes(3)).isEqualTo(blob);
    assertThat(dec.tag(4)).isEqualTo(ValueTag.BOOL);
    assertThat(dec.bool(4)).isFalse();
    assertThat(dec.isNull(5)).isTrue();
    assertThat(dec.text(6)).isEmpty();
    assertThat(dec.next()).isFalse();
    assertThat(dec.hasRow()).isFalse();
  }

  @Test
  void utf8MatchesTheJdkEncoderOnRandomStrings() throws SQLException {
    Random rnd = new Random(11);
    ParamEncoder enc = new ParamEncoder(1);
    RowBatchDecoder dec = new RowBatchDecoder(1);
    for (int i = 0; i < 2000; i++) {
      StringBuilder sb = new StringBuilder();
      int len = rnd.nextInt(40);
      while (sb.length() < len) {
        int cp = rnd.nextInt(4) == 0 ? rnd.nextInt(0x80) : rnd.nextInt(0x10FFFF);
        if (cp >= 0xD800 && cp <= 0xDFFF) {
          continue;
        }
        sb.appendCodePoint(cp);
      }
      String s = sb.toString();
      enc.setString(1, s);
      ByteBuffer row = rowOf(enc);
      byte[] expected = s.getBytes(StandardCharsets.UTF_8);
      assertThat(row.getInt(1)).isEqualTo(expected.length);
      dec.load(row, 1, row.limit());
      dec.next();
      assertThat(dec.text(0)).isEqualTo(s);
    }
  }

  @Test
  void rejectsUnpairedSurrogates() throws SQLException {
    ParamEncoder enc = new ParamEncoder(1);
    enc.setString(1, "x\uD800y");
    enc.reset();
    assertThatThrownBy(enc::appendRow).isInstanceOf(SQLException.class)
        .hasMessageContaining("unpaired surrogate");
  }

  @Test
  void refusesToEncodeWithAnUnsetParameter() throws SQLException {
    ParamEncoder enc = new ParamEncoder(2);
    enc.setLong(1, 1);
    enc.reset();
    assertThatThrownBy(enc::appendRow).isInstanceOfSatisfying(SQLException.class,
        e -> assertThat(e.getSQLState()).isEqualTo("07002"))
        .hasMessageContaining("parameter 2 has no value");
    enc.setLong(2, 2);
    enc.clear();
    assertThatThrownBy(enc::appendRow).hasMessageContaining("parameter 1 has no value");
  }

  @Test
  void rejectsOutOfRangeIndexes() {
    ParamEncoder enc = new ParamEncoder(1);
    assertThatThrownBy(() -> enc.setLong(0, 1)).hasMessageContaining("out of range 1..1");
    assertThatThrownBy(() -> enc.setLong(2, 1)).hasMessageContaining("out of range 1..1");
  }

  @Test
  void appendsManyRowsBackToBackAndGrowsTheBuffer() throws SQLException {
    ParamEncoder enc = new ParamEncoder(2);
    enc.reset();
    for (int i = 0; i < 10_000; i++) {
      enc.setLong(1, i);
      enc.setString(2, "row " + i);
      enc.appendRow();
    }
    assertThat(enc.rows()).isEqualTo(10_000);
    ByteBuffer b = enc.encoded();
    int p = 0;
    for (int i = 0; i < 10_000; i++) {
      assertThat(b.getInt(p)).isEqualTo(2);
      assertThat(b.get(p + 4)).isEqualTo(ValueTag.INT64);
      assertThat(b.getLong(p + 5)).isEqualTo(i);
      int len = b.getInt(p + 14);
      p += 4 + 9 + 5 + len;
    }
    assertThat(p).isEqualTo(enc.length());
  }

  @Test
  void decodesSeveralRowsPerBatch() throws SQLException {
    ByteBuffer b = ByteBuffer.allocateDirect(64).order(ByteOrder.LITTLE_ENDIAN);
    for (int r = 0; r < 3; r++) {
      b.put(ValueTag.INT64).putLong(r * 10L);
      if (r == 1) {
        b.put(ValueTag.NULL);
      } else {
        b.put(ValueTag.TEXT).putInt(1).put((byte) ('a' + r));
      }
    }
    RowBatchDecoder dec = new RowBatchDecoder(2);
    dec.load(b, 3, b.position());
    StringBuilder seen = new StringBuilder();
    while (dec.next()) {
      seen.append(dec.int64(0)).append(dec.isNull(1) ? "-" : dec.text(1)).append(' ');
    }
    assertThat(seen.toString()).isEqualTo("0a 10- 20c ");
  }

  @Test
  void reportsMalformedBatchesInsteadOfReadingPastThem() {
    ByteBuffer truncated = ByteBuffer.allocateDirect(16).order(ByteOrder.LITTLE_ENDIAN);
    truncated.put(ValueTag.TEXT).putInt(100).put((byte) 'x');
    RowBatchDecoder dec = new RowBatchDecoder(1);
    dec.load(truncated, 1, truncated.position());
    assertThatThrownBy(dec::next).isInstanceOf(SQLException.class).hasMessageContaining("malformed");

    ByteBuffer badTag = ByteBuffer.allocateDirect(4).order(ByteOrder.LITTLE_ENDIAN);
    badTag.put((byte) 42);
    dec.load(badTag, 1, 1);
    assertThatThrownBy(dec::next).hasMessageContaining("malformed");

    ByteBuffer tooFewColumns = ByteBuffer.allocateDirect(4).order(ByteOrder.LITTLE_ENDIAN);
    tooFewColumns.put(ValueTag.NULL);
    RowBatchDecoder two = new RowBatchDecoder(2);
    two.load(tooFewColumns, 1, 1);
    assertThatThrownBy(two::next).hasMessageContaining("malformed");
  }
}
