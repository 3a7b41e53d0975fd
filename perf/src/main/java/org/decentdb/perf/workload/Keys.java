/*
 * The parameters the workloads cycle through, fixed per scale: pseudo-random ids spread
 * over each table, page offsets (the keyset workload starts after the same ids, so it
 * returns exactly the rows of the OFFSET workload), release years, and LIKE patterns built
 * from words that occur in generated track titles.
 */
package org.decentdb.perf.workload;

import org.decentdb.perf.data.Gen;
import org.decentdb.perf.data.MusicData;
import org.decentdb.perf.data.Scale;

public final class Keys {

  /** Length of every key array: a power of two, so indexes wrap with MASK. */
  public static final int SIZE = 4096;
  public static final int MASK = SIZE - 1;

  final long[] trackIds = new long[SIZE];
  final long[] albumIds = new long[SIZE];
  final long[] artistIds = new long[SIZE];
  final int[] years = new int[SIZE];
  final int[] trackOffsets = new int[SIZE];
  final int[] artistOffsets = new int[SIZE];
  final String[] patterns = new String[SIZE];

  public Keys(Scale s) {
    int trackPages = Math.min(500, s.tracks() / MusicQueries.PAGE);
    int artistPages = Math.min(50, s.artists() / MusicQueries.PAGE);
    String[] terms = terms(s, 16);
    for (int i = 0; i < SIZE; i++) {
      trackIds[i] = 1 + Gen.below(200, i, s.tracks());
      albumIds[i] = 1 + Gen.below(201, i, s.albums());
      artistIds[i] = 1 + Gen.below(202, i, s.artists());
      years[i] = 1960 + Gen.below(203, i, 64);
      trackOffsets[i] = MusicQueries.PAGE * Gen.below(204, i, trackPages);
      artistOffsets[i] = MusicQueries.PAGE * Gen.below(205, i, artistPages);
      patterns[i] = "%" + terms[i % terms.length] + "%";
    }
  }

  /** count search terms: a six-or-more-letter tail of a word of some track's title. */
  static String[] terms(Scale s, int count) {
    String[] out = new String[count];
    int found = 0;
    for (long k = 1; found < count; k++) {
      long track = 1 + Gen.below(206, k, s.tracks());
      String word = MusicData.trackTitle(track).split(" ")[1];
      if (word.length() >= 7) {
        out[found++] = word.substring(1);
      }
    }
    return out;
  }

  public String pattern(int i) {
    return patterns[i & MASK];
  }
}
