/*
 * The driver-overhead table of the JDBC issue: t(id INTEGER PRIMARY KEY, a BIGINT,
 * b VARCHAR(40), c DOUBLE PRECISION) with ids 1..rows, for SELECT * FROM t WHERE id = ?.
 */
package org.decentdb.perf.data;

import java.sql.Connection;
import java.sql.SQLException;

public final class PointData implements Dataset {

  static final int VERSION = 1;

  private final long rows;

  public PointData(long rows) {
    this.rows = rows;
  }

  public long rows() {
    return rows;
  }

  @Override
  public String key() {
    return "point" + rows + "-g" + VERSION;
  }

  @Override
  public void load(Connection c, Engine engine) throws SQLException {
    Loader.exec(c, "CREATE TABLE t (id INTEGER PRIMARY KEY, a BIGINT NOT NULL,"
        + " b VARCHAR(40) NOT NULL, c DOUBLE PRECISION NOT NULL)");
    Loader.insert(c, "INSERT INTO t (id, a, b, c) VALUES (?, ?, ?, ?)", rows, (ps, r) -> {
      ps.setLong(1, r);
      ps.setLong(2, Gen.mix(1, r) >>> 20);
      ps.setString(3, Gen.phrase(2, r, 3));
      ps.setDouble(4, Gen.below(3, r, 1_000_000) / 100.0);
    });
  }

  @Override
  public boolean isComplete(Connection c) throws SQLException {
    return Loader.count(c, "t") == rows;
  }
}
