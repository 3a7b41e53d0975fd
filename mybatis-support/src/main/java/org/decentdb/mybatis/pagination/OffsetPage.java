/*
 * Offset pagination: page N of size S binds as LIMIT #{page.limit} OFFSET #{page.offset}.
 * Simple, but the engine still walks every skipped row, so page N costs O(N * S): keep it for
 * shallow pages and use Keyset for deep ones or for walking a whole table. Rows inserted or
 * deleted between requests also shift pages (rows are skipped or repeated); keysets do not.
 */
package org.decentdb.mybatis.pagination;

public final class OffsetPage {

  private final int number;
  private final int size;

  private OffsetPage(int number, int size) {
    this.number = number;
    this.size = size;
  }

  /** Page `number` (1-based) of `size` rows. */
  public static OffsetPage of(int number, int size) {
    if (number < 1) {
      throw new IllegalArgumentException("page numbers start at 1, got " + number);
    }
    if (size < 1 || size > Keyset.MAX_PAGE_SIZE) {
      throw new IllegalArgumentException("page size must be 1.." + Keyset.MAX_PAGE_SIZE
          + ", got " + size);
    }
    return new OffsetPage(number, size);
  }

  /** This page, so that "page.limit" resolves when it is the mapper's only parameter. */
  public OffsetPage getPage() {
    return this;
  }

  public int getNumber() {
    return number;
  }

  public int getLimit() {
    return size;
  }

  public long getOffset() {
    return (long) (number - 1) * size;
  }

  public OffsetPage next() {
    return new OffsetPage(number + 1, size);
  }
}
