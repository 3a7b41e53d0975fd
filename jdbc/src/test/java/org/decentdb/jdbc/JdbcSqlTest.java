/*
 * End-to-end JDBC tests over real SQL on real files: CRUD through PreparedStatement with '?',
 * named and native parameters, the type matrix round trip (including NULLs, non-ASCII text,
 * large blobs, 38-digit decimals), streaming fetches, batches with generated keys, errors
 * mapped to the JDBC classes, transactions with statement-level atomicity, the statement
 * cache, and use after close on every object.
 */
package org.decentdb.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.Date;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLSyntaxErrorException;
import java.sql.Statement;
import java.sql.Time;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JdbcSqlTest {

  @TempDir Path dir;
  Connection conn;

  @BeforeEach
  void open() throws SQLException {
    conn = DriverManager.getConnection("jdbc:decentdb:" + dir.resolve("t.ddb") + "?fsync=off");
  }

  @AfterEach
  void close() throws SQLException {
    conn.close();
  }

  private void exec(String sql) throws SQLException {
    try (Statement s = conn.createStatement()) {
      s.execute(sql);
    }
  }

  @Test
  void crudWithJdbcParameters() throws SQLException {
    exec("CREATE TABLE artist (id INTEGER PRIMARY KEY, name TEXT NOT NULL, born INT)");
    try (PreparedStatement ins = conn.prepareStatement(
        "INSERT INTO artist (name, born) VALUES (?, ?)")) {
      ins.setString(1, "Nina");
      ins.setInt(2, 1933);
      assertThat(ins.executeUpdate()).isEqualTo(1);
      ins.setString(1, "Miles");
      ins.setNull(2, Types.INTEGER);
      assertThat(ins.executeUpdate()).isEqualTo(1);
    }
    try (PreparedStatement q = conn.prepareStatement(
        "SELECT id, name, born FROM artist WHERE name = ?")) {
      q.setString(1, "Miles");
      try (ResultSet rs = q.executeQuery()) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getLong("id")).isEqualTo(2);
        assertThat(rs.getString(2)).isEqualTo("Miles");
        assertThat(rs.getInt("BORN")).isZero();
        assertThat(rs.wasNull()).isTrue();
        assertThat(rs.getObject("born")).isNull();
        assertThat(rs.next()).isFalse();
      }
    }
    try (PreparedStatement up = conn.prepareStatement("UPDATE artist SET born = ? WHERE id = ?")) {
      up.setInt(1, 1926);
      up.setLong(2, 2);
      assertThat(up.executeUpdate()).isEqualTo(1);
    }
    try (Statement s = conn.createStatement();
        ResultSet rs = s.executeQuery("SELECT SUM(born) FROM artist")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getLong(1)).isEqualTo(1933 + 1926);
    }
    try (Statement s = conn.createStatement()) {
      assertThat(s.executeUpdate("DELETE FROM artist WHERE born < 1930")).isEqualTo(1);
    }
  }

  @Test
  void namedAndNativeParameters() throws SQLException {
    exec("CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT, b TEXT)");
    try (PreparedStatement ps = conn.prepareStatement(
        "INSERT INTO t (a, b) VALUES (:x, :x || '-' || #{y})")) {
      DecentDBPreparedStatement named = ps.unwrap(DecentDBPreparedStatement.class);
      assertThat(named.parameterNames()).containsExactly("x", "y");
      named.setString("x", "hi");
      named.setObject("y", 7);
      ps.executeUpdate();
      assertThatThrownBy(() -> named.setString("z", "?")).hasMessageContaining("no parameter named");
    }
    try (PreparedStatement ps = conn.prepareStatement("SELECT b FROM t WHERE a = $1 AND id > $2")) {
      ps.setString(1, "hi");
      ps.setLong(2, 0);
      try (ResultSet rs = ps.executeQuery()) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1)).isEqualTo("hi-7");
      }
    }
    assertThatThrownBy(() -> conn.prepareStatement("SELECT ? , :a"))
        .isInstanceOf(SQLSyntaxErrorException.class).hasMessageContaining("mixed parameter styles");
  }

  @Test
  void typeMatrixRoundTrips() throws SQLException {
    exec("CREATE TABLE v (id INTEGER PRIMARY KEY, ts TIMESTAMP, d DATE, tm TIME, dec DECIMAL(38,4),"
        + " u UUID, bl BLOB, txt TEXT, f DOUBLE, flag BOOLEAN)");
    Instant instant = Instant.parse("2024-02-29T12:34:56.789Z");
    LocalDate day = LocalDate.of(1969, 7, 20);
    LocalTime time = LocalTime.of(23, 59, 58, 125_000_000);
    BigDecimal big = new BigDecimal("1234567890123456789012345678901234.5678");
    UUID uuid = UUID.randomUUID();
    byte[] blob = new byte[5 * 1024 * 1024];
    new Random(42).nextBytes(blob);
    String text = "nul\u0000 — Ж 中文 \uD83D\uDE00";
    try (PreparedStatement ps = conn.prepareStatement(
        "INSERT INTO v (ts, d, tm, dec, u, bl, txt, f, flag) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      ps.setObject(1, instant);
      ps.setObject(2, day);
      ps.setObject(3, time);
      ps.setBigDecimal(4, big);
      ps.setObject(5, uuid);
      ps.setBytes(6, blob);
      ps.setString(7, text);
      ps.setDouble(8, -0.25);
      ps.setBoolean(9, true);
      ps.executeUpdate();
      for (int i = 1; i <= 9; i++) {
        ps.setNull(i, Types.NULL);
      }
      ps.executeUpdate();
    }
    try (Statement s = conn.createStatement();
        ResultSet rs = s.executeQuery("SELECT ts, d, tm, dec, u, bl, txt, f, flag FROM v ORDER BY id")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getObject(1)).isInstanceOf(Timestamp.class);
      assertThat(rs.getTimestamp(1).toInstant()).isEqualTo(instant);
      assertThat(rs.getObject(1, Instant.class)).isEqualTo(instant);
      assertThat(rs.getObject(1, LocalDateTime.class))
          .isEqualTo(LocalDateTime.of(2024, 2, 29, 12, 34, 56, 789_000_000));
      assertThat(rs.getObject(1, OffsetDateTime.class))
          .isEqualTo(OffsetDateTime.of(2024, 2, 29, 12, 34, 56, 789_000_000, ZoneOffset.UTC));
      assertThat(rs.getObject(2)).isInstanceOf(Date.class);
      assertThat(rs.getObject(2, LocalDate.class)).isEqualTo(day);
      assertThat(rs.getDate(2).toLocalDate()).isEqualTo(day);
      assertThat(rs.getObject(3)).isInstanceOf(Time.class);
      assertThat(rs.getObject(3, LocalTime.class)).isEqualTo(time);
      assertThat(rs.getObject(4)).isEqualTo(big);
      assertThat(rs.getBigDecimal(4)).isEqualByComparingTo(big);
      assertThat(rs.getObject(5)).isEqualTo(uuid);
      assertThat(rs.getBytes(6)).isEqualTo(blob);
      assertThat(rs.getString(7)).isEqualTo(text);
      assertThat(rs.getObject(8)).isEqualTo(-0.25);
      assertThat(rs.getObject(9)).isEqualTo(Boolean.TRUE);
      assertThat(rs.next()).isTrue();
      for (int i = 1; i <= 9; i++) {
        assertThat(rs.getObject(i)).isNull();
        assertThat(rs.wasNull()).isTrue();
      }
      ResultSetMetaData md = rs.getMetaData();
      assertThat(md.getColumnType(1)).isEqualTo(Types.TIMESTAMP);
      assertThat(md.getColumnTypeName(4)).isEqualTo("DECIMAL(38,4)");
      assertThat(md.getPrecision(4)).isEqualTo(38);
      assertThat(md.getScale(4)).isEqualTo(4);
      assertThat(md.getColumnClassName(5)).isEqualTo(UUID.class.getName());
    }
  }

  @Test
  void invalidConversionsAreDataErrors() throws SQLException {
    exec("CREATE TABLE s (id INTEGER PRIMARY KEY, t TEXT, n BIGINT)");
    exec("INSERT INTO s (t, n) VALUES ('abc', 3000000000)");
    try (Statement s = conn.createStatement(); ResultSet rs = s.executeQuery("SELECT t, n FROM s")) {
      rs.next();
      assertThatThrownBy(() -> rs.getInt(1)).isInstanceOf(SQLDataException.class);
      assertThatThrownBy(() -> rs.getInt(2)).isInstanceOf(SQLDataException.class)
          .hasMessageContaining("out of range");
      assertThat(rs.getLong(2)).isEqualTo(3_000_000_000L);
      assertThatThrownBy(() -> rs.getObject(1, UUID.class)).isInstanceOf(SQLDataException.class);
      assertThatThrownBy(() -> rs.getString(3)).hasMessageContaining("out of range 1..2");
      assertThatThrownBy(() -> rs.getString("nope")).hasMessageContaining("no column labelled");
    }
  }

  @Test
  void streamsLargeResultsInBatches() throws SQLException {
    exec("CREATE TABLE big (id INTEGER PRIMARY KEY, pad TEXT)");
    conn.setAutoCommit(false);
    try (PreparedStatement ps = conn.prepareStatement("INSERT INTO big (pad) VALUES (?)")) {
      for (int i = 0; i < 20_000; i++) {
        ps.setString(1, "row-" + i);
        ps.addBatch();
      }
      int[] counts = ps.executeBatch();
      assertThat(counts).hasSize(20_000).containsOnly(1);
    }
    conn.commit();
    conn.setAutoCommit(true);
    try (Statement s = conn.createStatement()) {
      s.setFetchSize(100);
      try (ResultSet rs = s.executeQuery("SELECT id, pad FROM big ORDER BY id")) {
        long n = 0;
        while (rs.next()) {
          n++;
          assertThat(rs.getLong(1)).isEqualTo(n);
        }
        assertThat(n).isEqualTo(20_000);
      }
    }
  }

  @Test
  void batchesReturnGeneratedKeysAndFailAtomicallyInAutocommit() throws SQLException {
    exec("CREATE TABLE k (id INTEGER PRIMARY KEY, code TEXT UNIQUE)");
    try (PreparedStatement ps = conn.prepareStatement("INSERT INTO k (code) VALUES (?)",
        Statement.RETURN_GENERATED_KEYS)) {
      for (String c : new String[] {"a", "b", "c"}) {
        ps.setString(1, c);
        ps.addBatch();
      }
      ps.executeBatch();
      try (ResultSet keys = ps.getGeneratedKeys()) {
        long expected = 1;
        while (keys.next()) {
          assertThat(keys.getLong(1)).isEqualTo(expected++);
        }
        assertThat(expected).isEqualTo(4);
      }
      for (String c : new String[] {"d", "a", "e"}) {
        ps.setString(1, c);
        ps.addBatch();
      }
      assertThatThrownBy(ps::executeBatch).isInstanceOfSatisfying(BatchUpdateException.class,
          e -> {
            assertThat(e.getCause()).isInstanceOf(SQLIntegrityConstraintViolationException.class);
            assertThat(e.getUpdateCounts()).containsOnly(Statement.EXECUTE_FAILED);
          });
    }
    try (Statement s = conn.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM k")) {
      rs.next();
      assertThat(rs.getLong(1)).isEqualTo(3); // nothing of the failed batch stayed
    }
  }

  @Test
  void generatedKeysForSingleInsert() throws SQLException {
    exec("CREATE TABLE g (id INTEGER PRIMARY KEY, name TEXT)");
    try (PreparedStatement ps = conn.prepareStatement("INSERT INTO g (name) VALUES (?)",
        Statement.RETURN_GENERATED_KEYS)) {
      ps.setString(1, "x");
      ps.executeUpdate();
      ps.setString(1, "y");
      ps.executeUpdate();
      try (ResultSet keys = ps.getGeneratedKeys()) {
        assertThat(keys.next()).isTrue();
        assertThat(keys.getLong(1)).isEqualTo(2);
      }
    }
  }

  @Test
  void constraintAndSyntaxErrorsMapToJdbcClasses() throws SQLException {
    exec("CREATE TABLE p (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE)");
    exec("CREATE TABLE c (id INTEGER PRIMARY KEY, p_id INTEGER REFERENCES p (id))");
    exec("INSERT INTO p (id, name) VALUES (1, 'one')");
    assertThatThrownBy(() -> exec("INSERT INTO p (id, name) VALUES (2, 'one')"))
        .isInstanceOfSatisfying(SQLIntegrityConstraintViolationException.class, e -> {
          assertThat(e.getSQLState()).isEqualTo("23505");
          assertThat(((DecentDBError) e).sql()).contains("INSERT INTO p");
        });
    assertThatThrownBy(() -> exec("INSERT INTO p (id) VALUES (3)"))
        .isInstanceOfSatisfying(SQLIntegrityConstraintViolationException.class,
            e -> assertThat(e.getSQLState()).isEqualTo("23502"));
    assertThatThrownBy(() -> exec("INSERT INTO c (p_id) VALUES (99)"))
        .isInstanceOfSatisfying(SQLIntegrityConstraintViolationException.class,
            e -> assertThat(e.getSQLState()).isEqualTo("23503"));
    assertThatThrownBy(() -> exec("SELEC 1")).isInstanceOf(SQLSyntaxErrorException.class);
    assertThatThrownBy(() -> exec("SELECT * FROM missing"))
        .isInstanceOfSatisfying(SQLSyntaxErrorException.class,
            e -> assertThat(e.getSQLState()).isEqualTo("42P01"));
    try (PreparedStatement ps = conn.prepareStatement("INSERT INTO p (id, name) VALUES (?, ?)")) {
      ps.setLong(1, 1);
      ps.setString(2, "secret-value");
      assertThatThrownBy(ps::executeUpdate).isInstanceOfSatisfying(
          SQLIntegrityConstraintViolationException.class,
          e -> assertThat(((DecentDBError) e).parameters()).contains("$1=1"));
    }
  }

  @Test
  void failedStatementInTransactionRollsBackAlone() throws SQLException {
    exec("CREATE TABLE a (id INTEGER PRIMARY KEY, v TEXT UNIQUE)");
    conn.setAutoCommit(false);
    exec("INSERT INTO a (v) VALUES ('x')");
    assertThatThrownBy(() -> exec("INSERT INTO a (v) VALUES ('y'), ('x')"))
        .isInstanceOf(SQLIntegrityConstraintViolationException.class);
    exec("INSERT INTO a (v) VALUES ('z')");
    conn.commit();
    exec("INSERT INTO a (v) VALUES ('gone')");
    conn.rollback();
    conn.setAutoCommit(true);
    try (Statement s = conn.createStatement();
        ResultSet rs = s.executeQuery("SELECT v FROM a ORDER BY v")) {
      StringBuilder seen = new StringBuilder();
      while (rs.next()) {
        seen.append(rs.getString(1));
      }
      assertThat(seen.toString()).isEqualTo("xz");
    }
  }

  @Test
  void snapshotIsolationAcrossTwoConnections() throws SQLException {
    exec("CREATE TABLE acct (id INTEGER PRIMARY KEY, bal INT)");
    exec("INSERT INTO acct (bal) VALUES (100)");
    try (Connection reader = DriverManager.getConnection(
        "jdbc:decentdb:" + dir.resolve("t.ddb") + "?read_only=true")) {
      reader.setAutoCommit(false);
      try (Statement r = reader.createStatement()) {
        try (ResultSet rs = r.executeQuery("SELECT bal FROM acct")) {
          rs.next();
          assertThat(rs.getInt(1)).isEqualTo(100);
        }
        exec("UPDATE acct SET bal = 50");
        try (ResultSet rs = r.executeQuery("SELECT bal FROM acct")) {
          rs.next();
          assertThat(rs.getInt(1)).isEqualTo(100); // same snapshot inside the transaction
        }
        reader.commit();
        try (ResultSet rs = r.executeQuery("SELECT bal FROM acct")) {
          rs.next();
          assertThat(rs.getInt(1)).isEqualTo(50);
        }
        assertThatThrownBy(() -> r.executeUpdate("UPDATE acct SET bal = 0"))
            .isInstanceOfSatisfying(SQLException.class,
                e -> assertThat(e.getSQLState()).isEqualTo("25006"));
      }
    }
  }

  @Test
  void setReadOnlyMakesTheEngineRefuseWrites() throws SQLException {
    exec("CREATE TABLE ro (id INTEGER PRIMARY KEY)");
    conn.setReadOnly(true);
    assertThat(conn.isReadOnly()).isTrue();
    assertThatThrownBy(() -> exec("INSERT INTO ro (id) VALUES (1)"))
        .isInstanceOfSatisfying(SQLException.class,
            e -> assertThat(e.getSQLState()).isEqualTo("25006"));
    conn.setReadOnly(false);
    exec("INSERT INTO ro (id) VALUES (1)");
    conn.setAutoCommit(false);
    exec("INSERT INTO ro (id) VALUES (2)");
    assertThatThrownBy(() -> conn.setReadOnly(true))
        .isInstanceOfSatisfying(SQLException.class,
            e -> assertThat(e.getSQLState()).isEqualTo("25001"));
    conn.commit();
  }

  @Test
  void preparingTheSameSqlAgainHitsTheStatementCache() throws SQLException {
    exec("CREATE TABLE q (id INTEGER PRIMARY KEY)");
    DecentDBConnection d = conn.unwrap(DecentDBConnection.class);
    long[] before = d.statementCacheStats();
    for (int i = 0; i < 10; i++) {
      try (PreparedStatement ps = conn.prepareStatement("SELECT id FROM q WHERE id = ?")) {
        ps.setInt(1, i);
        ps.executeQuery().close();
      }
    }
    long[] after = d.statementCacheStats();
    assertThat(after[1] - before[1]).isEqualTo(1); // one miss, then hits
    assertThat(after[0] - before[0]).isEqualTo(9);
    // A statement served from the cache starts with no parameter values of its own.
    try (PreparedStatement ps = conn.prepareStatement("SELECT id FROM q WHERE id = ?")) {
      assertThatThrownBy(ps::executeQuery).isInstanceOfSatisfying(SQLException.class,
          e -> assertThat(e.getSQLState()).isEqualTo("07002"));
    }
  }

  @Test
  void useAfterCloseFailsOnEveryObject() throws SQLException {
    exec("CREATE TABLE u (id INTEGER PRIMARY KEY)");
    exec("INSERT INTO u (id) VALUES (1)");
    PreparedStatement ps = conn.prepareStatement("SELECT id FROM u");
    ResultSet rs = ps.executeQuery();
    rs.close();
    assertThatThrownBy(rs::next).hasMessageContaining("closed");
    ResultSet rs2 = ps.executeQuery();
    ps.close();
    assertThat(rs2.isClosed()).isTrue();
    assertThatThrownBy(ps::executeQuery).hasMessageContaining("closed");
    assertThatThrownBy(() -> ps.setInt(1, 1)).hasMessageContaining("closed");
    Statement s = conn.createStatement();
    ResultSet rs3 = s.executeQuery("SELECT id FROM u");
    conn.close();
    assertThat(s.isClosed()).isTrue();
    assertThatThrownBy(rs3::next).hasMessageContaining("closed");
    assertThatThrownBy(() -> s.executeQuery("SELECT 1")).hasMessageContaining("closed");
  }

  @Test
  void metadataDescribesTablesColumnsKeysAndIndexes() throws SQLException {
    exec("CREATE TABLE artist (id INTEGER PRIMARY KEY, name VARCHAR(40) NOT NULL)");
    exec("CREATE TABLE album (id INTEGER PRIMARY KEY, artist_id INTEGER NOT NULL"
        + " REFERENCES artist (id), title TEXT, price DECIMAL(10,2))");
    exec("CREATE INDEX ix_album_title ON album (title)");
    java.sql.DatabaseMetaData md = conn.getMetaData();
    try (ResultSet rs = md.getTables(null, null, "%", new String[] {"TABLE"})) {
      StringBuilder names = new StringBuilder();
      while (rs.next()) {
        names.append(rs.getString("TABLE_NAME")).append(' ');
      }
      assertThat(names.toString()).isEqualTo("album artist ");
    }
    try (ResultSet rs = md.getColumns(null, null, "album", "%")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString("COLUMN_NAME")).isEqualTo("id");
      assertThat(rs.getInt("DATA_TYPE")).isEqualTo(Types.BIGINT);
      assertThat(rs.getString("IS_AUTOINCREMENT")).isEqualTo("YES");
      rs.next();
      rs.next();
      rs.next();
      assertThat(rs.getString("TYPE_NAME")).isEqualTo("DECIMAL(10,2)");
      assertThat(rs.getInt("DATA_TYPE")).isEqualTo(Types.DECIMAL);
      assertThat(rs.getInt("COLUMN_SIZE")).isEqualTo(10);
      assertThat(rs.getInt("DECIMAL_DIGITS")).isEqualTo(2);
    }
    try (ResultSet rs = md.getPrimaryKeys(null, null, "artist")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString("COLUMN_NAME")).isEqualTo("id");
    }
    try (ResultSet rs = md.getImportedKeys(null, null, "album")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString("PKTABLE_NAME")).isEqualTo("artist");
      assertThat(rs.getString("FKCOLUMN_NAME")).isEqualTo("artist_id");
    }
    try (ResultSet rs = md.getIndexInfo(null, null, "album", false, true)) {
      StringBuilder names = new StringBuilder();
      while (rs.next()) {
        names.append(rs.getString("INDEX_NAME")).append(' ');
      }
      assertThat(names.toString()).contains("ix_album_title").contains("fk_album_artist_id_idx");
    }
  }
}
