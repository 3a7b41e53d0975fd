/*
 * Tests for ErrorMapper and Redactor: each engine error class becomes the JDBC exception the
 * architecture names, with a non-null SQLState, the native code, the SQL and redacted values.
 */
package org.decentdb.jdbc.internal.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLNonTransientException;
import java.sql.SQLSyntaxErrorException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransactionRollbackException;
import java.sql.SQLTransientException;
import org.decentdb.jdbc.DecentDBError;
import org.junit.jupiter.api.Test;

class ErrorMapperTest {

  private static Throwable map(int code, String state) {
    return ErrorMapper.toException(code, state, "boom", "SELECT 1", new Object[] {1L}, false);
  }

  @Test
  void mapsEachErrorClassToItsJdbcType() {
    assertThat(map(-3, "23505")).isInstanceOf(SQLIntegrityConstraintViolationException.class);
    assertThat(map(-3, "23503")).isInstanceOf(SQLIntegrityConstraintViolationException.class);
    assertThat(map(-5, "42601")).isInstanceOf(SQLSyntaxErrorException.class);
    assertThat(map(-5, "42P01")).isInstanceOf(SQLSyntaxErrorException.class);
    assertThat(map(-5, "22012")).isInstanceOf(SQLDataException.class);
    assertThat(map(-5, "0A000")).isInstanceOf(SQLFeatureNotSupportedException.class);
    assertThat(map(-4, "40001")).isInstanceOf(SQLTransactionRollbackException.class);
    assertThat(map(-7, "55P03")).isInstanceOf(SQLTransientException.class)
        .isNotInstanceOf(SQLTimeoutException.class);
    assertThat(map(-4, "72000")).isInstanceOf(SQLTransientException.class);
    assertThat(map(-4, "25006")).isInstanceOf(SQLNonTransientException.class);
    assertThat(map(-2, "XX001")).isInstanceOf(SQLNonTransientException.class);
    assertThat(map(-8, "HY000")).isInstanceOf(SQLNonTransientException.class);
    assertThat((Throwable) ErrorMapper.toException(-4, "57014", "canceled", "x", null, true))
        .isInstanceOf(SQLTimeoutException.class);
    assertThat((Throwable) ErrorMapper.toException(-4, "57014", "canceled", "x", null, false))
        .isInstanceOf(SQLTransientException.class).isNotInstanceOf(SQLTimeoutException.class);
    assertThat(map(-1, "58030").getClass().getSuperclass()).isEqualTo(SQLException.class);
  }

  @Test
  void keepsSqlStateNativeCodeSqlAndParameters() {
    SQLException e = ErrorMapper.toException(-3, "23505", "duplicate key value in pk_t",
        "INSERT INTO t VALUES (?)", new Object[] {42L, "x".repeat(100), new byte[5000], null},
        false);
    assertThat(e.getSQLState()).isEqualTo("23505");
    assertThat(e.getErrorCode()).isEqualTo(-3);
    assertThat(e.getMessage()).startsWith("duplicate key value in pk_t [SQL: INSERT INTO t");
    DecentDBError d = (DecentDBError) e;
    assertThat(d.nativeCode()).isEqualTo(-3);
    assertThat(d.sql()).isEqualTo("INSERT INTO t VALUES (?)");
    assertThat(d.parameters()).contains("$1=42").contains("<5000 bytes>").contains("$4=NULL")
        .contains("…(100 chars)").doesNotContain("x".repeat(65));
  }

  @Test
  void sqlStateIsNeverNull() {
    assertThat(ErrorMapper.toException(-6, null, null, null, null, false).getSQLState())
        .isEqualTo("HY000");
    assertThat(ErrorMapper.toException(-6, "bad", "", null, null, false).getMessage())
        .isEqualTo("unknown engine error");
  }

  @Test
  void capsTheRenderingOfManyParameters() {
    Object[] many = new Object[10_000];
    java.util.Arrays.fill(many, "abcdefghij");
    String r = Redactor.render(many);
    assertThat(r.length()).isLessThan(Redactor.MAX_TOTAL + 200);
    assertThat(r).contains("more");
  }
}
