/*
 * A deterministic dataset the cache can build into any engine: its cache key (which must
 * change whenever the generated rows or schema change), how to load it, and a cheap check
 * that a cached copy is complete.
 */
package org.decentdb.perf.data;

import java.sql.Connection;
import java.sql.SQLException;

public interface Dataset {

  /** Distinguishes scale and generator version, e.g. "music-quick-g1". */
  String key();

  /** Creates the schema and loads every row; the connection is in autocommit mode. */
  void load(Connection c, Engine engine) throws SQLException;

  /** True when c holds the complete dataset (checked before each use of a cached copy). */
  boolean isComplete(Connection c) throws SQLException;

  /**
   * Brings a complete cached copy up to what the engine now supports (e.g. an index kind
   * that did not exist when the copy was built). Called before each use of a cached copy.
   */
  default void refresh(Connection c, Engine engine) throws SQLException {
  }
}
