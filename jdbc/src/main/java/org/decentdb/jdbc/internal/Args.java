/*
 * Argument checks shared by the JDBC objects: a negative size, count or timeout is an
 * SQLException with SQLSTATE HY024 (invalid attribute value) naming the argument.
 */
package org.decentdb.jdbc.internal;

import java.sql.SQLException;
import org.decentdb.jdbc.internal.error.ErrorMapper;

final class Args {
  private Args() {}

  static int nonNegative(int value, String what) throws SQLException {
    if (value < 0) {
      throw ErrorMapper.driverError(ErrorMapper.Kind.NON_TRANSIENT,
          what + " must not be negative", "HY024", null);
    }
    return value;
  }
}
