/*
 * A javax.sql.DataSource for DecentDB: configured with a URL (or a file path) and optional
 * connection options; every getConnection() opens a new connection to the same database
 * (connections to one file in one process share one engine). Use a pool for reuse.
 */
package org.decentdb.jdbc;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.decentdb.jdbc.internal.ConnectionImpl;
import org.decentdb.jdbc.internal.config.ConnectionConfig;

public class DecentDBDataSource implements DataSource {

  private String url;
  private final Properties options = new Properties();
  private int loginTimeout;
  private PrintWriter logWriter;

  public DecentDBDataSource() {}

  public DecentDBDataSource(String url) {
    setUrl(url);
  }

  /** A jdbc:decentdb: URL, or a plain file path (or ":memory:"). */
  public void setUrl(String url) {
    this.url = ConnectionConfig.acceptsUrl(url) ? url : ConnectionConfig.URL_PREFIX + url;
  }

  public String getUrl() {
    return url;
  }

  /** Sets a connection option (see DecentDBDriver); validated when connecting. */
  public void setOption(String key, String value) {
    options.setProperty(key, value);
  }

  @Override
  public Connection getConnection() throws SQLException {
    if (url == null) {
      throw new SQLException("the data source has no URL; call setUrl first", "08001");
    }
    return ConnectionImpl.open(url, options);
  }

  /** User and password have no meaning for an embedded file and are ignored. */
  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    return getConnection();
  }

  @Override
  public PrintWriter getLogWriter() {
    return logWriter;
  }

  @Override
  public void setLogWriter(PrintWriter out) {
    this.logWriter = out;
  }

  @Override
  public void setLoginTimeout(int seconds) {
    this.loginTimeout = seconds;
  }

  @Override
  public int getLoginTimeout() {
    return loginTimeout;
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException("java.util.logging is not used", "0A000");
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    if (iface.isInstance(this)) {
      return iface.cast(this);
    }
    throw new SQLException("not a wrapper for " + iface.getName(), "HY000");
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) {
    return iface.isInstance(this);
  }
}
