/*
 * Access to the message bundle (Messages.properties): the same bundle picocli reads for the
 * help texts; here formatted with java.text.MessageFormat for errors and progress lines.
 */
package org.decentdb.generator.cli;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;

final class Messages {
  static final String BUNDLE = "org.decentdb.generator.cli.Messages";
  private static final ResourceBundle MESSAGES = ResourceBundle.getBundle(BUNDLE, Locale.ROOT);

  private Messages() {}

  static String get(String key, Object... args) {
    String pattern = MESSAGES.getString(key);
    return args.length == 0 ? pattern : new MessageFormat(pattern, Locale.ROOT).format(args);
  }
}
