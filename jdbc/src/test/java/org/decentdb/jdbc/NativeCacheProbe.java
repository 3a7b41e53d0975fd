/*
 * A tiny program run in a fresh JVM by NativeLibraryCacheIT: opens a database through the
 * driver and prints "ok", or prints the SQLException's message and exits with status 3.
 */
package org.decentdb.jdbc;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

public final class NativeCacheProbe {

  private NativeCacheProbe() {}

  public static void main(String[] args) {
    try (Connection c = DriverManager.getConnection("jdbc:decentdb:" + args[0]);
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY)");
      System.out.println("ok");
    } catch (SQLException e) {
      System.out.println(e.getMessage());
      System.exit(3);
    }
  }
}
