/*
 * The database options every command shares (--db file or --url, plus credentials) and the
 * one place that opens the connection, turning every failure into a CliException that says
 * what to do. A --db file must exist: the driver would otherwise create an empty database.
 */
package org.decentdb.generator.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

final class DbOptions {
  static final class Target {
    @Option(names = "--db", paramLabel = "<file>", descriptionKey = "db")
    Path db;

    @Option(names = "--url", paramLabel = "<jdbc-url>", descriptionKey = "url")
    String url;
  }

  @ArgGroup(exclusive = true, multiplicity = "1")
  Target target;

  @Option(names = "--user", descriptionKey = "user")
  String user;

  @Option(names = "--password", descriptionKey = "password")
  String password;

  String url() {
    return target.url != null ? target.url : "jdbc:decentdb:" + target.db.toAbsolutePath();
  }

  String describe() {
    return target.url != null ? target.url : target.db.toString();
  }

  Connection open() {
    if (target.db != null && !Files.isRegularFile(target.db)) {
      throw new CliException(ExitCodes.DATABASE, "error.dbMissing", target.db);
    }
    String url = url();
    Properties p = new Properties();
    if (user != null) {
      p.setProperty("user", user);
    }
    if (password != null) {
      p.setProperty("password", password);
    }
    try {
      DriverManager.getDriver(url);
    } catch (SQLException e) {
      throw new CliException(ExitCodes.DATABASE, "error.noDriver", url);
    }
    try {
      return DriverManager.getConnection(url, p);
    } catch (SQLException e) {
      throw new CliException(ExitCodes.DATABASE, "error.connect", describe(), e.getMessage());
    }
  }
}
