/*
 * A MyBatis Cursor that counts the rows the application reads and adds them to its
 * statement's metrics when it is closed (or read to the end).
 */
package org.decentdb.mybatis.metrics;

import java.io.IOException;
import java.util.Iterator;
import org.apache.ibatis.cursor.Cursor;

final class CountingCursor<T> implements Cursor<T> {

  private final Cursor<T> delegate;
  private final StatementStats stats;
  private long rows;
  private boolean reported;

  CountingCursor(Cursor<T> delegate, StatementStats stats) {
    this.delegate = delegate;
    this.stats = stats;
  }

  @Override
  public boolean isOpen() {
    return delegate.isOpen();
  }

  @Override
  public boolean isConsumed() {
    return delegate.isConsumed();
  }

  @Override
  public int getCurrentIndex() {
    return delegate.getCurrentIndex();
  }

  @Override
  public void close() throws IOException {
    try {
      delegate.close();
    } finally {
      report();
    }
  }

  private void report() {
    if (!reported) {
      reported = true;
      stats.rows.add(rows);
    }
  }

  @Override
  public Iterator<T> iterator() {
    Iterator<T> it = delegate.iterator();
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        boolean more = it.hasNext();
        if (!more) {
          report();
        }
        return more;
      }

      @Override
      public T next() {
        T t = it.next();
        rows++;
        return t;
      }
    };
  }
}
