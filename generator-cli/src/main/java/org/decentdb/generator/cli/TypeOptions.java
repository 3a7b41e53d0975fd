/*
 * Type-resolution options shared by inspect and generate: TIMESTAMP as Instant or
 * LocalDateTime, INTEGER as Long or Integer, and --type overrides for declared types.
 */
package org.decentdb.generator.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import org.decentdb.generator.plugins.JavaTypeMapping;
import picocli.CommandLine.Option;

final class TypeOptions {
  @Option(names = "--timestamp", paramLabel = "instant|local-date-time",
      descriptionKey = "timestamp")
  String timestamp = "instant";

  @Option(names = "--integer", paramLabel = "long|int", descriptionKey = "integer")
  String integer = "long";

  @Option(names = "--type", paramLabel = "NAME=java.Type", descriptionKey = "type")
  Map<String, String> overrides = new LinkedHashMap<>();

  JavaTypeMapping mapping() {
    for (Map.Entry<String, String> e : overrides.entrySet()) {
      if (e.getKey().isBlank() || e.getValue().isBlank()) {
        throw new CliException(ExitCodes.USAGE, "error.badType", e.getKey() + "=" + e.getValue());
      }
    }
    JavaTypeMapping.TimestampType ts = switch (timestamp) {
      case "instant" -> JavaTypeMapping.TimestampType.INSTANT;
      case "local-date-time" -> JavaTypeMapping.TimestampType.LOCAL_DATE_TIME;
      default -> throw new CliException(ExitCodes.USAGE, "error.badOption", "--timestamp", timestamp,
          "instant, local-date-time");
    };
    JavaTypeMapping.IntegerType it = switch (integer) {
      case "long" -> JavaTypeMapping.IntegerType.LONG;
      case "int" -> JavaTypeMapping.IntegerType.INTEGER;
      default -> throw new CliException(ExitCodes.USAGE, "error.badOption", "--integer", integer,
          "long, int");
    };
    return new JavaTypeMapping(ts, it, overrides);
  }
}
