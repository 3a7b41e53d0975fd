/*
 * Placeholder scanner: rewrites the parameter markers a Java caller writes (JDBC "?", named
 * ":name" or "#{name}", native "$N") into the engine's only form, $1..$N, in one pass over the
 * SQL text. String literals, dollar-quoted strings, quoted identifiers, comments and "::" casts
 * are copied untouched. A statement that mixes styles is rejected. Design: ARCHITECTURE.md,
 * "Decisions that hold across the code / Parameters".
 */
package org.decentdb.jdbc.internal.sql;

import java.sql.SQLException;
import java.sql.SQLSyntaxErrorException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

public final class PlaceholderScanner {

  /** The SQLState of every error this scanner raises (syntax error class). */
  public static final String SQLSTATE = "42601";

  private static final int MAX_PARAMETERS = 65535;

  private PlaceholderScanner() {}

  /**
   * Rewrites sql. Never returns null.
   *
   * @throws SQLSyntaxErrorException on mixed styles, an unterminated literal, identifier or
   *     comment, a malformed marker, or more than 65,535 parameters
   */
  public static ParsedSql scan(String sql) throws SQLException {
    return new Scan(sql).run();
  }

  /** One scan's state; kept out of the static method to keep each step small. */
  private static final class Scan {
    private final String sql;
    private final int n;
    private final StringBuilder out;
    private ParsedSql.Style style = ParsedSql.Style.NONE;
    private int jdbcCount;
    private int maxNative;
    private final Map<String, Integer> named = new LinkedHashMap<>();
    private int pos;
    private boolean rewritten;

    Scan(String sql) {
      this.sql = sql;
      this.n = sql.length();
      this.out = new StringBuilder(n + 16);
    }

    ParsedSql run() throws SQLException {
      int copiedUpTo = 0;
      while (pos < n) {
        char c = sql.charAt(pos);
        int start = pos;
        String replacement = null;
        switch (c) {
          case '\'':
            pos = skipQuoted(pos, '\'', "string literal");
            continue;
          case '"':
            pos = skipQuoted(pos, '"', "quoted identifier");
            continue;
          case '-':
            if (at(pos + 1) == '-') {
              pos = skipLineComment(pos);
            } else {
              pos++;
            }
            continue;
          case '/':
            if (at(pos + 1) == '*') {
              pos = skipBlockComment(pos);
            } else {
              pos++;
            }
            continue;
          case ':':
            if (at(pos + 1) == ':') {
              pos += 2; // a cast, never a parameter
              continue;
            }
            if (isIdentStart(at(pos + 1))) {
              int end = identEnd(pos + 1);
              String name = sql.substring(pos + 1, end);
              pos = end;
              replacement = namedIndex(name, start);
            } else {
              pos++;
              continue;
            }
            break;
          case '#':
            if (at(pos + 1) == '{') {
              int close = sql.indexOf('}', pos + 2);
              if (close < 0) {
                throw error("unterminated #{...} parameter", start);
              }
              String inner = sql.substring(pos + 2, close);
              int comma = inner.indexOf(',');
              String name = (comma < 0 ? inner : inner.substring(0, comma)).trim();
              if (name.isEmpty() || !isIdentifier(name)) {
                throw error("malformed #{...} parameter '" + sql.substring(start, close + 1) + "'",
                    start);
              }
              pos = close + 1;
              replacement = namedIndex(name, start);
            } else {
              pos++;
              continue;
            }
            break;
          case '?':
            pos++;
            use(ParsedSql.Style.JDBC, start);
            if (++jdbcCount > MAX_PARAMETERS) {
              throw error("more than " + MAX_PARAMETERS + " parameters", start);
            }
            replacement = "$" + jdbcCount;
            break;
          case '$':
            if (isDigit(at(pos + 1))) {
              pos = nativeParameter(pos);
              continue; // copied as written
            }
            if (at(pos + 1) == '$' || isIdentStart(at(pos + 1))) {
              int skipped = skipDollarQuoted(pos);
              if (skipped > pos) {
                pos = skipped;
                continue;
              }
            }
            pos++;
            continue;
          default:
            if (isIdentPart(c)) {
              pos = identEnd(pos); // a '$' or '?' inside a word belongs to the word
            } else {
              pos++;
            }
            continue;
        }
        out.append(sql, copiedUpTo, start).append(replacement);
        copiedUpTo = pos;
        rewritten = true;
      }
      String text = rewritten ? out.append(sql, copiedUpTo, n).toString() : sql;
      return build(text);
    }

    private ParsedSql build(String text) {
      switch (style) {
        case JDBC:
          return new ParsedSql(sql, text, style, jdbcCount, null);
        case NATIVE:
          return new ParsedSql(sql, text, style, maxNative, null);
        case NAMED:
          List<String> names = new ArrayList<>(named.keySet());
          return new ParsedSql(sql, text, style, names.size(), names.toArray(new String[0]));
        default:
          return new ParsedSql(sql, text, style, 0, null);
      }
    }

    private String namedIndex(String name, int start) throws SQLException {
      use(ParsedSql.Style.NAMED, start);
      Integer index = named.get(name);
      if (index == null) {
        if (named.size() >= MAX_PARAMETERS) {
          throw error("more than " + MAX_PARAMETERS + " parameters", start);
        }
        index = named.size() + 1;
        named.put(name, index);
      }
      return "$" + index;
    }

    private int nativeParameter(int start) throws SQLException {
      int end = start + 1;
      while (isDigit(at(end))) {
        end++;
      }
      if (isIdentPart(at(end))) {
        throw error("malformed parameter '" + sql.substring(start, identEnd(end)) + "'", start);
      }
      use(ParsedSql.Style.NATIVE, start);
      long value;
      try {
        value = end - start - 1 > 6 ? Long.MAX_VALUE : Long.parseLong(sql.substring(start + 1, end));
      } catch (NumberFormatException e) {
        value = Long.MAX_VALUE;
      }
      if (value < 1 || value > MAX_PARAMETERS) {
        throw error("parameter " + sql.substring(start, end) + " is out of range $1..$"
            + MAX_PARAMETERS, start);
      }
      maxNative = Math.max(maxNative, (int) value);
      return end;
    }

    private void use(ParsedSql.Style s, int at) throws SQLException {
      if (style == ParsedSql.Style.NONE) {
        style = s;
      } else if (style != s) {
        throw error("mixed parameter styles: " + style.description + " and " + s.description
            + " in one statement; use one style", at);
      }
    }

    private int skipQuoted(int from, char quote, String what) throws SQLException {
      int i = from + 1;
      while (i < n) {
        if (sql.charAt(i) == quote) {
          if (at(i + 1) == quote) {
            i += 2; // doubled quote is an escaped quote
            continue;
          }
          return i + 1;
        }
        i++;
      }
      throw error("unterminated " + what, from);
    }

    private int skipLineComment(int from) {
      int nl = sql.indexOf('\n', from);
      return nl < 0 ? n : nl + 1;
    }

    private int skipBlockComment(int from) throws SQLException {
      int end = sql.indexOf("*/", from + 2);
      if (end < 0) {
        throw error("unterminated /* comment", from);
      }
      return end + 2;
    }

    /** Returns the end of a $tag$...$tag$ string starting at from, or from if there is none. */
    private int skipDollarQuoted(int from) throws SQLException {
      int tagEnd = from + 1;
      while (tagEnd < n && sql.charAt(tagEnd) != '$') {
        if (!isIdentPart(sql.charAt(tagEnd))) {
          return from;
        }
        tagEnd++;
      }
      if (tagEnd >= n) {
        return from;
      }
      String tag = sql.substring(from, tagEnd + 1);
      int close = sql.indexOf(tag, tagEnd + 1);
      if (close < 0) {
        throw error("unterminated dollar-quoted string " + tag, from);
      }
      return close + tag.length();
    }

    private int identEnd(int from) {
      int i = from;
      while (i < n && isIdentPart(sql.charAt(i))) {
        i++;
      }
      return i;
    }

    private char at(int i) {
      return i < n ? sql.charAt(i) : '\0';
    }

    private SQLSyntaxErrorException error(String message, int offset) {
      return new SQLSyntaxErrorException(message + " (at offset " + offset + ")", SQLSTATE);
    }
  }

  static boolean isIdentifier(String s) {
    if (!isIdentStart(s.charAt(0))) {
      return false;
    }
    for (int i = 1; i < s.length(); i++) {
      if (!isIdentPart(s.charAt(i)) && s.charAt(i) != '.') {
        return false;
      }
    }
    return true;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isIdentStart(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c > 0x7f;
  }

  private static boolean isIdentPart(char c) {
    return isIdentStart(c) || isDigit(c) || c == '$';
  }
}
