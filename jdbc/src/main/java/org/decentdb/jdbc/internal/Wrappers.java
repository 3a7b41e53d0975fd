/*
 * java.sql.Wrapper for every driver object: an object unwraps to the interfaces it implements
 * (DecentDBConnection, DecentDBPreparedStatement, ...) and to nothing else.
 */
package org.decentdb.jdbc.internal;

import java.sql.SQLException;
import org.decentdb.jdbc.internal.error.ErrorMapper;

final class Wrappers {
  private Wrappers() {}

  static <T> T unwrap(Object self, Class<T> iface) throws SQLException {
    if (iface != null && iface.isInstance(self)) {
      return iface.cast(self);
    }
    throw ErrorMapper.driverError(ErrorMapper.Kind.NON_TRANSIENT,
        "not a wrapper for " + (iface == null ? "null" : iface.getName()), "HY000", null);
  }
}
