/*
 * Deterministic value generation: every generated value is a pure function of a stream
 * number and a row number (SplitMix64 finalizer), so any engine, fork or load order sees the
 * same rows. Also makes pronounceable pseudo-words from a fixed syllable table, which gives
 * names and titles with tens of thousands of distinct words for text search.
 */
package org.decentdb.perf.data;

public final class Gen {

  private static final String[] SYLLABLES = {
    "ka", "lo", "mi", "ren", "tor", "va", "shi", "bel", "dun", "qua", "ri", "sol",
    "ex", "fa", "gim", "hu", "jo", "ne", "pra", "ost", "cly", "zen", "wu", "mar",
    "tic", "on", "bra", "el", "dri", "yo", "ler", "an",
  };

  private Gen() {
  }

  /** A well-mixed 64-bit value for (stream, n). */
  public static long mix(long stream, long n) {
    long z = n * 0x9E3779B97F4A7C15L + stream * 0xD1B54A32D192ED03L + 0x632BE59BD9B4E019L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** A value in [0, bound) for (stream, n). */
  public static int below(long stream, long n, int bound) {
    return (int) Long.remainderUnsigned(mix(stream, n), bound);
  }

  /** A pseudo-word of two or three syllables chosen by h. */
  public static String word(long h) {
    int count = 2 + (int) ((h >>> 60) & 1);
    StringBuilder b = new StringBuilder(12);
    for (int i = 0; i < count; i++) {
      b.append(SYLLABLES[(int) ((h >>> (5 * i)) & 31)]);
    }
    return b.toString();
  }

  /** A three-syllable word, used as a text-search term. */
  public static String longWord(long h) {
    return word(h | (1L << 60));
  }

  /** words pseudo-words for (stream, n), separated by spaces, the first capitalized. */
  public static String phrase(long stream, long n, int words) {
    StringBuilder b = new StringBuilder(words * 8);
    for (int i = 0; i < words; i++) {
      if (i > 0) {
        b.append(' ');
      }
      b.append(word(mix(stream + 1000L * i, n)));
    }
    b.setCharAt(0, Character.toUpperCase(b.charAt(0)));
    return b.toString();
  }
}
