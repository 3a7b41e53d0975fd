/*
 * Table selection by comma-separated globs (* any run of characters, ? one character),
 * matched case-insensitively against the whole table name: --tables includes, --exclude
 * removes. An empty include list selects every table.
 */
package org.decentdb.generator.introspect;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

public final class TableFilter {
  private final List<String> includes;
  private final List<Pattern> includePatterns = new ArrayList<>();
  private final List<Pattern> excludePatterns = new ArrayList<>();

  public TableFilter(List<String> includes, List<String> excludes) {
    this.includes = List.copyOf(includes);
    for (String g : includes) {
      includePatterns.add(compile(g));
    }
    for (String g : excludes) {
      excludePatterns.add(compile(g));
    }
  }

  public static TableFilter all() {
    return new TableFilter(List.of(), List.of());
  }

  public List<String> includeGlobs() {
    return includes;
  }

  public boolean accepts(String table) {
    String name = table.toLowerCase(Locale.ROOT);
    boolean in = includePatterns.isEmpty()
        || includePatterns.stream().anyMatch(p -> p.matcher(name).matches());
    return in && excludePatterns.stream().noneMatch(p -> p.matcher(name).matches());
  }

  /** The include globs that match none of the given table names (to report as errors). */
  public List<String> unmatchedIncludes(List<String> tables) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < includes.size(); i++) {
      Pattern p = includePatterns.get(i);
      if (tables.stream().noneMatch(t -> p.matcher(t.toLowerCase(Locale.ROOT)).matches())) {
        out.add(includes.get(i));
      }
    }
    return out;
  }

  static Pattern compile(String glob) {
    StringBuilder re = new StringBuilder();
    for (char ch : glob.trim().toLowerCase(Locale.ROOT).toCharArray()) {
      switch (ch) {
        case '*' -> re.append(".*");
        case '?' -> re.append('.');
        default -> re.append(Pattern.quote(String.valueOf(ch)));
      }
    }
    return Pattern.compile(re.toString());
  }
}
