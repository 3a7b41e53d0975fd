/*
 * A JDBC savepoint: a generated SQL name for unnamed ones, the quoted user name otherwise.
 */
package org.decentdb.jdbc.internal;

import java.sql.SQLException;
import java.sql.Savepoint;
import org.decentdb.jdbc.internal.error.ErrorMapper;

final class SavepointImpl implements Savepoint {
  private final int id;
  private final String name;

  SavepointImpl(int id, String name) {
    this.id = id;
    this.name = name;
  }

  static SavepointImpl of(Savepoint s) throws SQLException {
    if (!(s instanceof SavepointImpl)) {
      throw ErrorMapper.driverError(ErrorMapper.Kind.NON_TRANSIENT,
          "not a savepoint of this driver", "3B001", null);
    }
    return (SavepointImpl) s;
  }

  String sqlName() {
    return name == null ? "jdbc_sp_" + id : "\"" + name.replace("\"", "\"\"") + "\"";
  }

  @Override
  public int getSavepointId() throws SQLException {
    if (name != null) {
      throw ErrorMapper.driverError(ErrorMapper.Kind.NON_TRANSIENT,
          "a named savepoint has no id", "HY000", null);
    }
    return id;
  }

  @Override
  public String getSavepointName() throws SQLException {
    if (name == null) {
      throw ErrorMapper.driverError(ErrorMapper.Kind.NON_TRANSIENT,
          "an unnamed savepoint has no name", "HY000", null);
    }
    return name;
  }
}
