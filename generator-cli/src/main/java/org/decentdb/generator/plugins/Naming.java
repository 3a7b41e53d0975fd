/*
 * Java names from SQL names: snake_case or any separator to UpperCamel for classes and
 * lowerCamel for properties, with a suffix when a name would be a Java keyword.
 */
package org.decentdb.generator.plugins;

import java.util.Locale;
import java.util.Set;

public final class Naming {
  private static final Set<String> KEYWORDS = Set.of("abstract", "assert", "boolean", "break",
      "byte", "case", "catch", "char", "class", "const", "continue", "default", "do", "double",
      "else", "enum", "extends", "final", "finally", "float", "for", "goto", "if", "implements",
      "import", "instanceof", "int", "interface", "long", "native", "new", "package", "private",
      "protected", "public", "return", "short", "static", "strictfp", "super", "switch",
      "synchronized", "this", "throw", "throws", "transient", "try", "void", "volatile", "while",
      "record", "var", "yield", "true", "false", "null");

  private Naming() {}

  public static String className(String sqlName) {
    String camel = camel(sqlName);
    return Character.toUpperCase(camel.charAt(0)) + camel.substring(1);
  }

  public static String property(String sqlName) {
    String camel = camel(sqlName);
    String p = Character.toLowerCase(camel.charAt(0)) + camel.substring(1);
    return KEYWORDS.contains(p) ? p + "Value" : p;
  }

  private static String camel(String sqlName) {
    StringBuilder b = new StringBuilder();
    boolean upper = false;
    boolean allUpper = sqlName.equals(sqlName.toUpperCase(Locale.ROOT));
    for (char ch : sqlName.toCharArray()) {
      if (!Character.isLetterOrDigit(ch)) {
        upper = b.length() > 0;
        continue;
      }
      char c = allUpper ? Character.toLowerCase(ch) : ch;
      b.append(upper ? Character.toUpperCase(c) : c);
      upper = false;
    }
    if (b.length() == 0) {
      b.append("x");
    }
    if (Character.isDigit(b.charAt(0))) {
      b.insert(0, '_');
    }
    return b.toString();
  }
}
