/*
 * Test helper: runs decentdb-gen in-process (Main.run) and captures exit code, stdout and
 * stderr; creates DecentDB files from DDL.
 */
package org.decentdb.generator.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

final class Cli {
  record Run(int code, String out, String err) {}

  private Cli() {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
    return new Run(code, out.toString(), err.toString());
  }

  static String url(Path db) {
    return "jdbc:decentdb:" + db.toAbsolutePath();
  }

  static void execute(Path db, String... statements) throws SQLException {
    try (Connection c = DriverManager.getConnection(url(db)); Statement s = c.createStatement()) {
      for (String sql : statements) {
        s.execute(sql);
      }
    }
  }
}
