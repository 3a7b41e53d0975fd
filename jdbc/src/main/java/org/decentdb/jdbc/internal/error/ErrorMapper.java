/*
 * The one table that maps an engine error (native code + SQLSTATE + message) to a standard JDBC
 * exception class, and decorates the message with the SQL and redacted parameters. Mapping:
 * ARCHITECTURE.md ("Errors") and STYLE.md §4; SQLSTATEs: ENGINE.md §10.
 */
package org.decentdb.jdbc.internal.error;

import java.sql.SQLException;

public final class ErrorMapper {

  public static final int ERR_IO = -1;
  public static final int ERR_CORRUPTION = -2;
  public static final int ERR_CONSTRAINT = -3;
  public static final int ERR_TRANSACTION = -4;
  public static final int ERR_SQL = -5;
  public static final int ERR_INTERNAL = -6;
  public static final int ERR_BUSY = -7;
  public static final int ERR_MISUSE = -8;

  private ErrorMapper() {}

  /** The exception kinds the driver raises; each is a standard JDBC class. */
  public enum Kind {
    INTEGRITY, SYNTAX, DATA, FEATURE_NOT_SUPPORTED, ROLLBACK, TRANSIENT, TIMEOUT,
    NON_TRANSIENT, NON_TRANSIENT_CONNECTION, GENERIC
  }

  /** Chooses the JDBC class for an engine error. */
  public static Kind kindOf(int nativeCode, String sqlState, boolean timedOut) {
    String state = sqlState == null || sqlState.length() != 5 ? "" : sqlState;
    if (state.equals("57014")) {
      return timedOut ? Kind.TIMEOUT : Kind.TRANSIENT;
    }
    if (state.equals("55P03") || nativeCode == ERR_BUSY || state.equals("72000")) {
      return Kind.TRANSIENT;
    }
    if (state.startsWith("40")) {
      return Kind.ROLLBACK;
    }
    if (state.startsWith("23") || nativeCode == ERR_CONSTRAINT) {
      return Kind.INTEGRITY;
    }
    if (state.equals("0A000")) {
      return Kind.FEATURE_NOT_SUPPORTED;
    }
    if (state.startsWith("22")) {
      return Kind.DATA;
    }
    if (state.startsWith("42")) {
      return Kind.SYNTAX;
    }
    if (state.startsWith("08")) {
      return Kind.NON_TRANSIENT_CONNECTION;
    }
    switch (nativeCode) {
      case ERR_SQL:
        return Kind.SYNTAX;
      case ERR_CORRUPTION:
      case ERR_MISUSE:
      case ERR_TRANSACTION:
        return Kind.NON_TRANSIENT;
      default:
        return Kind.GENERIC;
    }
  }

  /**
   * Builds the exception for an engine error.
   *
   * @param sql the SQL as the application wrote it, or null
   * @param params the parameter values in order, or null
   */
  public static SQLException toException(int nativeCode, String sqlState, String message,
      String sql, Object[] params, boolean timedOut) {
    String state = sqlState == null || sqlState.length() != 5 ? "HY000" : sqlState;
    String rendered = params == null ? null : Redactor.render(params);
    String full = describe(message, sql, rendered);
    Kind kind = kindOf(nativeCode, state, timedOut);
    return Exceptions.create(kind, full, state, nativeCode, sql, rendered);
  }

  /** An error the driver raises itself (no native code). */
  public static SQLException driverError(Kind kind, String message, String sqlState, String sql) {
    return Exceptions.create(kind, describe(message, sql, null), sqlState, 0, sql, null);
  }

  static String describe(String message, String sql, String params) {
    StringBuilder sb = new StringBuilder(message == null || message.isEmpty()
        ? "unknown engine error" : message);
    if (sql != null) {
      sb.append(" [SQL: ").append(Redactor.cut(sql, 2000));
      if (params != null) {
        sb.append("; parameters: ").append(params);
      }
      sb.append(']');
    }
    return sb.toString();
  }
}
