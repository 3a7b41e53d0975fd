/*
 * Exit codes of decentdb-gen, for scripts. Listed in the top-level --help; stable across
 * versions.
 */
package org.decentdb.generator.cli;

public final class ExitCodes {
  public static final int OK = 0;
  /** --check found generated files that differ from the schema. */
  public static final int DRIFT = 1;
  /** Bad command line (picocli's own usage error code). */
  public static final int USAGE = 2;
  public static final int DATABASE = 3;
  public static final int NO_TABLES = 4;
  public static final int UNMAPPED_TYPE = 5;
  public static final int IO = 6;
  public static final int INTERNAL = 70;

  private ExitCodes() {}
}
