/*
 * A failure the user can act on: carries the exit code and a message from the bundle. Main
 * prints it as one line on stderr and exits with the code; no stack trace.
 */
package org.decentdb.generator.cli;

final class CliException extends RuntimeException {
  private final int exitCode;

  CliException(int exitCode, String key, Object... args) {
    super(Messages.get(key, args));
    this.exitCode = exitCode;
  }

  int exitCode() {
    return exitCode;
  }
}
