/*
 * Every DecentDB type handler round-trips through a real MyBatis session on a DecentDB file,
 * NULLs included, stores the type matrix's encoding (checked with plain JDBC), and binds as a
 * query parameter; registration replaces MyBatis' defaults but never a handler the application
 * set through the application's own registration (DecentDB.configure); the XML package form
 * registers the same handlers.
 */
package org.decentdb.mybatis.type;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Properties;
import java.util.UUID;
import org.apache.ibatis.builder.xml.XMLConfigBuilder;
import org.apache.ibatis.datasource.unpooled.UnpooledDataSource;
import org.apache.ibatis.mapping.Environment;
import org.apache.ibatis.session.Configuration;
import org.apache.ibatis.session.SqlSession;
import org.apache.ibatis.session.SqlSessionFactory;
import org.apache.ibatis.session.SqlSessionFactoryBuilder;
import org.apache.ibatis.transaction.jdbc.JdbcTransactionFactory;
import org.apache.ibatis.type.BaseTypeHandler;
import org.apache.ibatis.type.EnumTypeHandler;
import org.apache.ibatis.type.JdbcType;
import org.apache.ibatis.type.TypeHandlerRegistry;
import org.decentdb.mybatis.DecentDB;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TypeHandlersTest {

  @TempDir Path dir;

  private SqlSessionFactory factory(String url) throws SQLException {
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE typed (id INTEGER PRIMARY KEY, instant TIMESTAMP,"
          + " local_date_time TIMESTAMP, offset_date_time TIMESTAMP, local_date DATE,"
          + " local_time TIME, uuid UUID, amount DECIMAL(12,3), flag BOOLEAN, mood TEXT,"
          + " level INTEGER)");
    }
    Configuration cfg = new Configuration(new Environment("t", new JdbcTransactionFactory(),
        new UnpooledDataSource("org.decentdb.jdbc.DecentDBDriver", url, null, null)));
    cfg.setMapUnderscoreToCamelCase(true);
    DecentDB.configure(cfg);
    cfg.addMapper(TypedMapper.class);
    return new SqlSessionFactoryBuilder().build(cfg);
  }

  @Test
  void everyHandlerRoundTripsValuesAndNulls() throws Exception {
    String url = "jdbc:decentdb:" + dir.resolve("types.ddb");
    SqlSessionFactory f = factory(url);
    Typed full = new Typed();
    full.setId(1);
    full.setInstant(Instant.parse("2024-02-29T23:59:58.123Z"));
    full.setLocalDateTime(LocalDateTime.of(2024, 5, 1, 10, 0, 0, 456_000_000));
    full.setOffsetDateTime(OffsetDateTime.of(2024, 5, 1, 12, 0, 0, 0, ZoneOffset.ofHours(2)));
    full.setLocalDate(LocalDate.of(1969, 7, 20));
    full.setLocalTime(LocalTime.of(23, 59, 59, 999_000_000));
    full.setUuid(UUID.fromString("123e4567-e89b-12d3-a456-426614174000"));
    full.setAmount(new BigDecimal("-12345.678"));
    full.setFlag(false);
    full.setMood(Typed.Mood.SAD);
    full.setLevel(Typed.Level.HIGH);
    Typed empty = new Typed();
    empty.setId(2);
    try (SqlSession s = f.openSession(true)) {
      TypedMapper m = s.getMapper(TypedMapper.class);
      m.insert(full);
      m.insert(empty);

      Typed a = m.find(1);
      assertThat(a.getInstant()).isEqualTo(full.getInstant());
      assertThat(a.getLocalDateTime()).isEqualTo(full.getLocalDateTime());
      assertThat(a.getOffsetDateTime()).isEqualTo(full.getOffsetDateTime()
          .withOffsetSameInstant(ZoneOffset.UTC));
      assertThat(a.getLocalDate()).isEqualTo(full.getLocalDate());
      assertThat(a.getLocalTime()).isEqualTo(full.getLocalTime());
      assertThat(a.getUuid()).isEqualTo(full.getUuid());
      assertThat(a.getAmount()).isEqualTo(new BigDecimal("-12345.678"));
      assertThat(a.getFlag()).isFalse();
      assertThat(a.getMood()).isEqualTo(Typed.Mood.SAD);
      assertThat(a.getLevel()).isEqualTo(Typed.Level.HIGH);

      Typed b = m.find(2);
      assertThat(b.getInstant()).isNull();
      assertThat(b.getLocalDateTime()).isNull();
      assertThat(b.getOffsetDateTime()).isNull();
      assertThat(b.getLocalDate()).isNull();
      assertThat(b.getLocalTime()).isNull();
      assertThat(b.getUuid()).isNull();
      assertThat(b.getAmount()).isNull();
      assertThat(b.getFlag()).isNull();
      assertThat(b.getMood()).isNull();
      assertThat(b.getLevel()).isNull();

      assertThat(m.findByValues(full)).isEqualTo(1L); // the handlers bind query parameters too
    }
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT instant, local_date_time, offset_date_time,"
             + " local_date, local_time, uuid, amount, flag, mood, level FROM typed WHERE id = 1")) {
      rs.next();
      assertThat(rs.getLong(1)).isEqualTo(full.getInstant().toEpochMilli());
      assertThat(rs.getLong(2)).isEqualTo(Instant.parse("2024-05-01T10:00:00.456Z").toEpochMilli());
      assertThat(rs.getLong(3)).isEqualTo(Instant.parse("2024-05-01T10:00:00Z").toEpochMilli());
      assertThat(rs.getLong(4)).isEqualTo(LocalDate.of(1969, 7, 20).toEpochDay());
      assertThat(rs.getLong(5)).isEqualTo(86_399_999L);
      assertThat(rs.getBytes(6)).hasSize(16).startsWith((byte) 0x12, (byte) 0x3e);
      assertThat(rs.getString(7)).isEqualTo("-12345.678");
      assertThat(rs.getObject(8)).isEqualTo(Boolean.FALSE);
      assertThat(rs.getString(9)).isEqualTo("SAD");
      assertThat(rs.getObject(10)).isEqualTo(20L);
    }
  }

  @Test
  void aMappingCanStoreACodedEnumByName() throws Exception {
    String url = "jdbc:decentdb:" + dir.resolve("byname.ddb");
    SqlSessionFactory f = factory(url);
    Typed row = new Typed();
    row.setId(3);
    row.setLevel(Typed.Level.LOW);
    try (SqlSession s = f.openSession(true)) {
      s.getMapper(TypedMapper.class).insertLevelByName(row);
    }
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT mood FROM typed WHERE id = 3")) {
      rs.next();
      assertThat(rs.getString(1)).isEqualTo("LOW");
    }
  }

  @Test
  void unknownEnumCodeIsADataError() throws Exception {
    String url = "jdbc:decentdb:" + dir.resolve("codes.ddb");
    SqlSessionFactory f = factory(url);
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
      s.execute("INSERT INTO typed (id, level) VALUES (7, 99)");
    }
    try (SqlSession s = f.openSession()) {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> s.getMapper(TypedMapper.class)
          .find(7)).hasMessageContaining("has code 99");
    }
  }

  @Test
  void duplicateEnumCodesAreRefused() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new EnumCodeTypeHandler<>(Dup.class))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("same code 1");
  }

  enum Dup implements CodedEnum {
    A, B;
    @Override public long code() { return 1; }
  }

  @Test
  void xmlPackageFormRegistersTheSameHandlers() throws Exception {
    Configuration cfg;
    try (InputStream in = getClass().getResourceAsStream("mybatis-config.xml")) {
      Properties p = new Properties();
      p.setProperty("url", "jdbc:decentdb:" + dir.resolve("xml.ddb"));
      cfg = new XMLConfigBuilder(in, null, p).parse();
    }
    TypeHandlerRegistry r = cfg.getTypeHandlerRegistry();
    assertThat(r.getTypeHandler(LocalDateTime.class)).isInstanceOf(LocalDateTimeTypeHandler.class);
    assertThat(r.getTypeHandler(OffsetDateTime.class))
        .isInstanceOf(OffsetDateTimeTypeHandler.class);
    assertThat(r.getTypeHandler(LocalTime.class)).isInstanceOf(LocalTimeTypeHandler.class);
    assertThat(r.getTypeHandler(UUID.class)).isInstanceOf(UuidTypeHandler.class);
    assertThat(r.getTypeHandler(Typed.Level.class)).isInstanceOf(EnumCodeTypeHandler.class);
    assertThat(r.getTypeHandler(Instant.class)).isInstanceOf(InstantTypeHandler.class);
    assertThat(cfg.getDatabaseId()).isEqualTo("decentdb");
  }
}
