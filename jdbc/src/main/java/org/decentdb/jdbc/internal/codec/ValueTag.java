/*
 * Type tags of the engine's value encoding, shared by parameter buffers and row batches
 * (decentdb.h, decentdb_bind_all): u8 tag, then NULL nothing, INT64 i64, FLOAT64 f64,
 * TEXT u32 length + UTF-8, BLOB u32 length + bytes, BOOL u8; little-endian, unaligned.
 */
package org.decentdb.jdbc.internal.codec;

public final class ValueTag {
  public static final byte NULL = 0;
  public static final byte INT64 = 1;
  public static final byte FLOAT64 = 2;
  public static final byte TEXT = 3;
  public static final byte BLOB = 4;
  public static final byte BOOL = 5;

  private ValueTag() {}

  public static String name(int tag) {
    switch (tag) {
      case NULL: return "NULL";
      case INT64: return "INT64";
      case FLOAT64: return "FLOAT64";
      case TEXT: return "TEXT";
      case BLOB: return "BLOB";
      case BOOL: return "BOOL";
      default: return "tag " + tag;
    }
  }
}
