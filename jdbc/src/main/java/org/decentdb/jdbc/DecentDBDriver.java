/*
 * The JDBC driver: accepts jdbc:decentdb:<file path> and jdbc:decentdb::memory: URLs with
 * options in the query string or Properties (cache_size, fsync, busy_timeout_ms, read_only,
 * page_size, stmt_cache_size, trace). Registered with DriverManager on class load and through
 * META-INF/services/java.sql.Driver.
 */
package org.decentdb.jdbc;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Map;
import java.util.Properties;
import java.util.logging.Logger;
import org.decentdb.jdbc.internal.ConnectionImpl;
import org.decentdb.jdbc.internal.config.ConnectionConfig;

public final class DecentDBDriver implements Driver {

  static {
    try {
      DriverManager.registerDriver(new DecentDBDriver());
    } catch (SQLException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** Returns null for URLs of other drivers, as DriverManager expects. */
  @Override
  public Connection connect(String url, Properties info) throws SQLException {
    if (!acceptsURL(url)) {
      return null;
    }
    return ConnectionImpl.open(url, info);
  }

  @Override
  public boolean acceptsURL(String url) {
    return ConnectionConfig.acceptsUrl(url);
  }

  @Override
  public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) {
    DriverPropertyInfo[] out = new DriverPropertyInfo[ConnectionConfig.KNOWN.size()];
    int i = 0;
    for (Map.Entry<String, String> e : ConnectionConfig.KNOWN.entrySet()) {
      DriverPropertyInfo p = new DriverPropertyInfo(e.getKey(),
          info == null ? null : info.getProperty(e.getKey()));
      p.description = e.getValue();
      p.required = false;
      out[i++] = p;
    }
    return out;
  }

  @Override
  public int getMajorVersion() {
    return 1;
  }

  @Override
  public int getMinorVersion() {
    return 0;
  }

  /** Not fully JDBC compliant: no SQL-92 entry level (no subqueries or UNION yet). */
  @Override
  public boolean jdbcCompliant() {
    return false;
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException("java.util.logging is not used", "0A000");
  }
}
