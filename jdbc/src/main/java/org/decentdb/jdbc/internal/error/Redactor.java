/*
 * Renders parameter values for error messages and traces without leaking large or binary
 * data: text past 64 characters is cut (with its full length noted), byte arrays appear as
 * their size, and the whole rendering is capped at 1,000 characters.
 */
package org.decentdb.jdbc.internal.error;

public final class Redactor {

  static final int MAX_TEXT = 64;
  static final int MAX_TOTAL = 1000;

  private Redactor() {}

  public static String render(Object[] params) {
    StringBuilder sb = new StringBuilder("(");
    for (int i = 0; i < params.length; i++) {
      if (i > 0) {
        sb.append(", ");
      }
      if (sb.length() > MAX_TOTAL) {
        sb.append("… ").append(params.length - i).append(" more");
        break;
      }
      sb.append('$').append(i + 1).append('=').append(one(params[i]));
    }
    return sb.append(')').toString();
  }

  static String one(Object v) {
    if (v == null) {
      return "NULL";
    }
    if (v instanceof byte[]) {
      return "<" + ((byte[]) v).length + " bytes>";
    }
    if (v instanceof CharSequence) {
      String s = v.toString();
      return "'" + cut(s, MAX_TEXT) + "'";
    }
    return cut(String.valueOf(v), MAX_TEXT);
  }

  static String cut(String s, int max) {
    if (s.length() <= max) {
      return s;
    }
    return s.substring(0, max) + "…(" + s.length() + " chars)";
  }
}
