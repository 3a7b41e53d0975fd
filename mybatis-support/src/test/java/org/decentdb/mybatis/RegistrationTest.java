/*
 * DecentDB.configure replaces MyBatis' default handlers with DecentDB's but keeps a handler the
 * application registered itself, and is idempotent.
 */
package org.decentdb.mybatis;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.sql.CallableStatement;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.apache.ibatis.session.Configuration;
import org.apache.ibatis.type.BaseTypeHandler;
import org.apache.ibatis.type.EnumTypeHandler;
import org.apache.ibatis.type.JdbcType;
import org.apache.ibatis.type.TypeHandlerRegistry;
import org.decentdb.mybatis.type.BigDecimalTypeHandler;
import org.decentdb.mybatis.type.BooleanTypeHandler;
import org.decentdb.mybatis.type.CodedEnum;
import org.decentdb.mybatis.type.EnumCodeTypeHandler;
import org.decentdb.mybatis.type.LocalDateTypeHandler;
import org.decentdb.mybatis.type.UuidTypeHandler;
import org.junit.jupiter.api.Test;

class RegistrationTest {

  enum Mood { HAPPY }

  enum Level implements CodedEnum {
    LOW;
    @Override public long code() { return 1; }
  }

  /** An application's own handler for Instant. */
  static final class MyInstantHandler extends BaseTypeHandler<Instant> {
    @Override
    public void setNonNullParameter(PreparedStatement ps, int i, Instant p, JdbcType t)
        throws SQLException {
      ps.setLong(i, p.getEpochSecond());
    }

    @Override
    public Instant getNullableResult(ResultSet rs, String c) throws SQLException {
      return Instant.ofEpochSecond(rs.getLong(c));
    }

    @Override
    public Instant getNullableResult(ResultSet rs, int c) throws SQLException {
      return Instant.ofEpochSecond(rs.getLong(c));
    }

    @Override
    public Instant getNullableResult(CallableStatement cs, int c) throws SQLException {
      return Instant.ofEpochSecond(cs.getLong(c));
    }
  }

  @Test
  void configureReplacesDefaultsButKeepsTheApplicationsHandlers() {
    Configuration cfg = new Configuration();
    TypeHandlerRegistry r = cfg.getTypeHandlerRegistry();
    r.register(Instant.class, new MyInstantHandler());
    DecentDB.configure(cfg);
    assertThat(r.getTypeHandler(Instant.class)).isInstanceOf(MyInstantHandler.class);
    assertThat(r.getTypeHandler(LocalDate.class)).isInstanceOf(LocalDateTypeHandler.class);
    assertThat(r.getTypeHandler(UUID.class)).isInstanceOf(UuidTypeHandler.class);
    assertThat(r.getTypeHandler(BigDecimal.class)).isInstanceOf(BigDecimalTypeHandler.class);
    assertThat(r.getTypeHandler(boolean.class)).isInstanceOf(BooleanTypeHandler.class);
    assertThat(r.getTypeHandler(Level.class)).isInstanceOf(EnumCodeTypeHandler.class);
    assertThat(r.getTypeHandler(Mood.class)).isInstanceOf(EnumTypeHandler.class);
    // Configuring twice changes nothing.
    DecentDB.configure(cfg);
    assertThat(r.getTypeHandler(LocalDate.class)).isInstanceOf(LocalDateTypeHandler.class);
  }

}
