/*
 * One page of a keyset-paginated query: its rows in query order, and opaque URL-safe cursors
 * for the next and the previous page (null where there is none).
 */
package org.decentdb.mybatis.pagination;

import java.util.List;

public record KeysetPage<T>(List<T> items, String nextCursor, String previousCursor) {

  public boolean hasNext() {
    return nextCursor != null;
  }

  public boolean hasPrevious() {
    return previousCursor != null;
  }
}
