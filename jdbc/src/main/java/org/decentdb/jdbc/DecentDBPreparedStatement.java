/*
 * Named parameters on a prepared statement, reachable with
 * statement.unwrap(DecentDBPreparedStatement.class) when the SQL was written with ":name" or
 * "#{name}" markers. A name that appears several times is one parameter.
 */
package org.decentdb.jdbc;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

public interface DecentDBPreparedStatement extends PreparedStatement {

  /** The parameter names in order ($1 first); empty for '?' or '$N' statements. */
  List<String> parameterNames();

  /** Sets a named parameter; the value is bound exactly as setObject(int, Object) would. */
  void setObject(String name, Object value) throws SQLException;

  void setNull(String name) throws SQLException;

  void setLong(String name, long value) throws SQLException;

  void setString(String name, String value) throws SQLException;
}
