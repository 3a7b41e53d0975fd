/*
 * Connection configuration: parses a jdbc:decentdb: URL (path plus an optional query string)
 * merged with java.util.Properties, validates every option, and produces the engine's option
 * string (decentdb_open) plus the driver's own settings. Unknown options are an error listing
 * the known ones, because a silently ignored typo in "fsync" would be dangerous.
 */
package org.decentdb.jdbc.internal.config;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

public final class ConnectionConfig {

  public static final String URL_PREFIX = "jdbc:decentdb:";
  public static final String MEMORY = ":memory:";

  /** Options the driver knows, with a description for the error message and metadata. */
  public static final Map<String, String> KNOWN;

  static {
    Map<String, String> k = new LinkedHashMap<>();
    k.put("cache_size", "shared page cache: pages, or a size such as 64MB (default 32MB)");
    k.put("fsync", "on | off | normal (default on)");
    k.put("busy_timeout_ms", "how long a writer waits for the writer lock (default 5000)");
    k.put("read_only", "true | false (default false)");
    k.put("page_size", "4096 | 8192 | 16384, when the file is created (default 4096)");
    k.put("stmt_cache_size", "prepared statements cached per connection (default 64)");
    k.put("trace", "true | false: record per-statement timings (default false)");
    KNOWN = java.util.Collections.unmodifiableMap(k);
  }

  private final String path;
  private final Map<String, String> options; // normalized keys, validated values
  private final int statementCacheSize;
  private final boolean trace;
  private final boolean readOnly;

  private ConnectionConfig(String path, Map<String, String> options) {
    this.path = path;
    this.options = options;
    this.statementCacheSize = Integer.parseInt(options.getOrDefault("stmt_cache_size", "64"));
    this.trace = Boolean.parseBoolean(options.getOrDefault("trace", "false"));
    this.readOnly = Boolean.parseBoolean(options.getOrDefault("read_only", "false"));
  }

  public static boolean acceptsUrl(String url) {
    return url != null && url.regionMatches(true, 0, URL_PREFIX, 0, URL_PREFIX.length());
  }

  /**
   * Parses url and info (info wins over the query string).
   *
   * @throws SQLException (08001) for a malformed URL, an unknown option or a bad value
   */
  public static ConnectionConfig parse(String url, Properties info) throws SQLException {
    if (!acceptsUrl(url)) {
      throw new SQLException("not a DecentDB URL: " + url + " (expected " + URL_PREFIX
          + "<file path> or " + URL_PREFIX + MEMORY + ")", "08001");
    }
    String rest = url.substring(URL_PREFIX.length());
    String query = null;
    int q = rest.indexOf('?');
    if (q >= 0) {
      query = rest.substring(q + 1);
      rest = rest.substring(0, q);
    }
    if (rest.isEmpty()) {
      throw new SQLException("the URL names no database file: " + url, "08001");
    }
    Map<String, String> opts = new TreeMap<>();
    if (query != null && !query.isEmpty()) {
      for (String pair : query.split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        int eq = pair.indexOf('=');
        if (eq <= 0) {
          throw new SQLException("malformed option '" + pair + "' in URL " + url
              + " (expected key=value)", "08001");
        }
        put(opts, decode(pair.substring(0, eq)), decode(pair.substring(eq + 1)));
      }
    }
    if (info != null) {
      for (String key : info.stringPropertyNames()) {
        if (isIgnoredProperty(key)) {
          continue;
        }
        put(opts, key, info.getProperty(key));
      }
    }
    return new ConnectionConfig(rest, opts);
  }

  /** Standard JDBC properties tools send that have no meaning for an embedded file. */
  private static boolean isIgnoredProperty(String key) {
    String k = key.toLowerCase(Locale.ROOT);
    return k.equals("user") || k.equals("password");
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  private static void put(Map<String, String> opts, String rawKey, String rawValue)
      throws SQLException {
    String key = rawKey.trim().toLowerCase(Locale.ROOT);
    String value = rawValue == null ? "" : rawValue.trim();
    if (!KNOWN.containsKey(key)) {
      throw new SQLException("unknown connection option '" + rawKey + "'; known options: "
          + String.join(", ", KNOWN.keySet()), "08001");
    }
    opts.put(key, validate(key, value));
  }

  private static String validate(String key, String value) throws SQLException {
    String v = value.toLowerCase(Locale.ROOT);
    switch (key) {
      case "fsync":
        if (v.equals("on") || v.equals("off") || v.equals("normal")) {
          return v;
        }
        if (v.equals("true")) {
          return "on";
        }
        if (v.equals("false")) {
          return "off";
        }
        throw bad(key, value);
      case "read_only":
      case "trace":
        if (v.equals("true") || v.equals("false")) {
          return v;
        }
        throw bad(key, value);
      case "page_size":
        if (v.equals("4096") || v.equals("8192") || v.equals("16384")) {
          return v;
        }
        throw bad(key, value);
      case "busy_timeout_ms":
      case "stmt_cache_size":
        try {
          long n = Long.parseLong(v);
          if (n >= 0 && n <= Integer.MAX_VALUE) {
            return Long.toString(n);
          }
        } catch (NumberFormatException e) {
          // reported below
        }
        throw bad(key, value);
      case "cache_size":
        if (v.matches("[0-9]{1,12}(kb|mb|gb)?")) {
          return v.toUpperCase(Locale.ROOT);
        }
        throw bad(key, value);
      default:
        return value;
    }
  }

  private static SQLException bad(String key, String value) {
    return new SQLException("invalid value '" + value + "' for option " + key + ": expected "
        + KNOWN.get(key), "08001");
  }

  public String path() {
    return path;
  }

  public boolean isMemory() {
    return MEMORY.equals(path);
  }

  public int statementCacheSize() {
    return statementCacheSize;
  }

  public boolean trace() {
    return trace;
  }

  public boolean readOnly() {
    return readOnly;
  }

  /** The options as given (normalized), for DatabaseMetaData and diagnostics. */
  public Map<String, String> options() {
    return java.util.Collections.unmodifiableMap(options);
  }

  /** The decentdb_open option string: engine and connection keys only, ';'-separated. */
  public String engineOptions() {
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<String, String> e : options.entrySet()) {
      String k = e.getKey();
      if (k.equals("stmt_cache_size") || k.equals("trace")) {
        continue; // driver-side settings
      }
      if (sb.length() > 0) {
        sb.append(';');
      }
      sb.append(k).append('=').append(e.getValue());
    }
    return sb.toString();
  }
}
