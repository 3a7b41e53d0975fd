/*
 * The driver's exception classes: one per standard JDBC class, each carrying the DecentDBError
 * details. Applications catch the JDBC types; DecentDBError exposes the native code, SQL and
 * redacted parameters.
 */
package org.decentdb.jdbc.internal.error;

import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLNonTransientException;
import java.sql.SQLSyntaxErrorException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransactionRollbackException;
import java.sql.SQLTransientException;
import org.decentdb.jdbc.DecentDBError;

final class Exceptions {

  private Exceptions() {}

  static SQLException create(ErrorMapper.Kind kind, String message, String state, int code,
      String sql, String params) {
    Details d = new Details(code, sql, params);
    switch (kind) {
      case INTEGRITY: return new Integrity(message, state, d);
      case SYNTAX: return new Syntax(message, state, d);
      case DATA: return new Data(message, state, d);
      case FEATURE_NOT_SUPPORTED: return new NotSupported(message, state, d);
      case ROLLBACK: return new Rollback(message, state, d);
      case TRANSIENT: return new Transient(message, state, d);
      case TIMEOUT: return new Timeout(message, state, d);
      case NON_TRANSIENT: return new NonTransient(message, state, d);
      case NON_TRANSIENT_CONNECTION: return new Connection(message, state, d);
      default: return new Generic(message, state, d);
    }
  }

  /** The details every driver exception carries. */
  static final class Details {
    final int code;
    final String sql;
    final String params;

    Details(int code, String sql, String params) {
      this.code = code;
      this.sql = sql;
      this.params = params;
    }
  }

  static final class Integrity extends SQLIntegrityConstraintViolationException
      implements DecentDBError {
    private final transient Details d;
    Integrity(String m, String s, Details d) { super(m, s, d.code); this.d = d; }
    @Override public int nativeCode() { return d.code; }
    @Override public String sql() { return d.sql; }
    @Override public String parameters() { return d.params; }
  }

  static final class Syntax extends SQLSyntaxErrorException implements DecentDBError {
    private final transient Details d;
    Syntax(String m, String s, Details d) { super(m, s, d.code); this.d = d; }
    @Override public int nativeCode() { return d.code; }
    @Override public String sql() { return d.sql; }
    @Override public String parameters() { return d.params; }
  }

  static final class Data extends SQLDataException implements DecentDBError {
    private final transient Details d;
    Data(String m, String s, Details d) { super(m, s, d.code); this.d = d; }
    @Override public int nativeCode() { return d.code; }
    @Override public String sql() { return d.sql; }
    @Override public String parameters() { return d.params; }
  }

  static final class NotSupported extends SQLFeatureNotSupportedException
      implements DecentDBError {
    private final transient Details d;
    NotSupported(String m, String s, Details d) { super(m, s, d.code); this.d = d; }
    @Override public int nativeCode() { return d.code; }
    @Override public String sql() { return d.sql; }
    @Override public String parameters() { return d.params; }
  }

  static final class Rollback extends SQLTransactionRollbackException implements DecentDBError {
    private final transient Details d;
    Rollback(String m, String s, Details d) { super(m, s, d.code); this.d = d; }
    @Override public int nativeCode() { return d.code; }
    @Override public String sql() { return d.sql; }
    @Override public String parameters() { return d.params; }
  }

  static final class Transient extends SQLTransientException implements DecentDBError {
    private final transient Details d;
    Transient(String m, String s, Details d) { super(m, s, d.code); this.d = d; }
    @Override public int nativeCode() { return d.code; }
    @Override public String sql() { return d.sql; }
    @Override public String parameters() { return d.params; }
  }

  static final class Timeout extends SQLTimeoutException implements DecentDBError {
    private final transient Details d;
    Timeout(String m, String s, Details d) { super(m, s, d.code); this.d = d; }
    @Override public int nativeCode() { return d.code; }
    @Override public String sql() { return d.sql; }
    @Override public String parameters() { return d.params; }
  }

  static final class NonTransient extends SQLNonTransientException implements DecentDBError {
    private final transient Details d;
    NonTransient(String m, String s, Details d) { super(m, s, d.code); this.d = d; }
    @Override public int nativeCode() { return d.code; }
    @Override public String sql() { return d.sql; }
    @Override public String parameters() { return d.params; }
  }

  static final class Connection extends SQLNonTransientConnectionException
      implements DecentDBError {
    private final transient Details d;
    Connection(String m, String s, Details d) { super(m, s, d.code); this.d = d; }
    @Override public int nativeCode() { return d.code; }
    @Override public String sql() { return d.sql; }
    @Override public String parameters() { return d.params; }
  }

  static final class Generic extends SQLException implements DecentDBError {
    private final transient Details d;
    Generic(String m, String s, Details d) { super(m, s, d.code); this.d = d; }
    @Override public int nativeCode() { return d.code; }
    @Override public String sql() { return d.sql; }
    @Override public String parameters() { return d.params; }
  }
}
