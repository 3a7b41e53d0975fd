/*
 * Process-wide cache of scanned SQL, keyed by the exact SQL text, so that a statement prepared
 * again (MyBatis' default executor prepares on every call) costs one hash lookup instead of a
 * scan. Bounded: past MAX_ENTRIES distinct texts the cache is emptied and refilled, which keeps
 * the hit path lock-free and the memory bounded when an application builds SQL dynamically.
 */
package org.decentdb.jdbc.internal.sql;

import java.sql.SQLException;
import java.util.concurrent.ConcurrentHashMap;

public final class SqlCache {

  static final int MAX_ENTRIES = 4096;

  private static final ConcurrentHashMap<String, ParsedSql> CACHE = new ConcurrentHashMap<>();

  private SqlCache() {}

  /** The scan of sql, from the cache when this text was seen before. */
  public static ParsedSql parse(String sql) throws SQLException {
    ParsedSql parsed = CACHE.get(sql);
    if (parsed == null) {
      parsed = PlaceholderScanner.scan(sql);
      if (CACHE.size() >= MAX_ENTRIES) {
        CACHE.clear();
      }
      CACHE.put(sql, parsed);
    }
    return parsed;
  }

  static int size() {
    return CACHE.size();
  }
}
