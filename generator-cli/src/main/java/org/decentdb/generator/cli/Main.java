/*
 * Entry point of decentdb-gen: the picocli command tree (inspect, generate), the version, and
 * the mapping of failures to exit codes (ExitCodes) with one-line messages from the bundle.
 */
package org.decentdb.generator.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "decentdb-gen", mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class, resourceBundle = Messages.BUNDLE,
    subcommands = {InspectCommand.class, GenerateCommand.class,
        CommandLine.HelpCommand.class})
public final class Main implements Runnable {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(),
        "Missing command: use inspect or generate (see --help).");
  }

  public static void main(String[] args) {
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs the CLI with the given streams and returns the exit code (used by the tests). */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine cl = new CommandLine(new Main());
    cl.setOut(out);
    cl.setErr(err);
    cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
      if (ex instanceof CliException ce) {
        err.println(Messages.get("error.prefix") + ce.getMessage());
        err.flush();
        return ce.exitCode();
      }
      err.println(Messages.get("error.prefix") + ex);
      ex.printStackTrace(err);
      err.flush();
      return ExitCodes.INTERNAL;
    });
    int code = cl.execute(args);
    out.flush();
    err.flush();
    return code;
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Main.class.getPackage().getImplementationVersion();
      return new String[] {"decentdb-gen " + (v == null ? "1.0.0-SNAPSHOT" : v)};
    }
  }
}
