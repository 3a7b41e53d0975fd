/*
 * Each workload of the perf lab: the benchmark method name it appears under and, for reads,
 * how to run one operation for key index i. Writes state the rows each operation writes.
 */
package org.decentdb.perf.workload;

import java.util.List;

public enum Workload {
  PK_LOOKUP("pkLookup", (q, k, i) -> q.trackById(k.trackIds[i])),
  SIMPLE_LIST("simpleList", (q, k, i) -> q.tracksOfAlbum(k.albumIds[i])),
  FILTERED_LIST("filteredList", (q, k, i) -> q.albumsOfArtistSince(k.artistIds[i], 1990)),
  PAGINATED("paginated", (q, k, i) -> q.tracksPage(k.trackOffsets[i])),
  SORTED_PAGINATED("sortedPaginated", (q, k, i) -> q.artistsByNamePage(k.artistOffsets[i])),
  COUNT_FILTERED("countFiltered", (q, k, i) -> q.countAlbumsInYear(k.years[i])),
  TEXT_SEARCH("textSearch", (q, k, i) -> q.searchTracks(k.patterns[i])),
  KEYSET_PAGE("keysetPage", (q, k, i) -> q.tracksAfter(k.trackOffsets[i])),
  FK_JOIN("fkJoin", (q, k, i) -> q.trackDetailsOfAlbum(k.albumIds[i])),
  INSERT_ONE("insertOne", 1),
  BATCH_INSERT("batchInsert1000", 1000),
  UPDATE_BY_PK("updateByPk", 1);

  /** One read operation. */
  @FunctionalInterface
  public interface Op {
    Object run(MusicQueries q, Keys k, int i) throws Exception;
  }

  private final String method;
  private final Op op;
  private final int fixedRows;

  Workload(String method, Op op) {
    this.method = method;
    this.op = op;
    this.fixedRows = -1;
  }

  Workload(String method, int fixedRows) {
    this.method = method;
    this.op = null;
    this.fixedRows = fixedRows;
  }

  /** True for the workloads that only read (the ones run() can execute). */
  public boolean isRead() {
    return op != null;
  }

  public String method() {
    return method;
  }

  public static Workload byMethod(String method) {
    for (Workload w : values()) {
      if (w.method.equals(method)) {
        return w;
      }
    }
    throw new IllegalArgumentException("no workload " + method);
  }

  public Object run(MusicQueries q, Keys k, int i) throws Exception {
    return op.run(q, k, i);
  }

  /** Rows each operation of a write workload writes. */
  int fixedRows() {
    return fixedRows;
  }

  static int rows(Object result) {
    if (result == null) {
      return 0;
    }
    return result instanceof List<?> l ? l.size() : 1;
  }
}
