/*
 * A unified diff (as `diff -u` prints it, three lines of context) between two texts, for
 * --dry-run. Line-based longest-common-subsequence; generated files are small, so the
 * quadratic table is cheap.
 */
package org.decentdb.generator.cli;

import java.util.ArrayList;
import java.util.List;

final class UnifiedDiff {
  private static final int CONTEXT = 3;

  private UnifiedDiff() {}

  /** The diff of a file from `before` (null: absent) to `after`; empty when equal. */
  static String diff(String path, String before, String after) {
    List<String> a = before == null ? List.of() : lines(before);
    List<String> b = lines(after);
    if (a.equals(b)) {
      return "";
    }
    // ops: ' ' keep, '-' delete from a, '+' insert from b, in order
    int n = a.size();
    int m = b.size();
    int[][] lcs = new int[n + 1][m + 1];
    for (int i = n - 1; i >= 0; i--) {
      for (int j = m - 1; j >= 0; j--) {
        lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1
            : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
      }
    }
    List<char[]> ops = new ArrayList<>(); // {op, index}
    List<String> text = new ArrayList<>();
    int i = 0;
    int j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && a.get(i).equals(b.get(j))) {
        ops.add(new char[] {' '});
        text.add(a.get(i));
        i++;
        j++;
      } else if (i < n && (j >= m || lcs[i + 1][j] >= lcs[i][j + 1])) {
        ops.add(new char[] {'-'}); // deletions before insertions, as diff -u prints them
        text.add(a.get(i));
        i++;
      } else {
        ops.add(new char[] {'+'});
        text.add(b.get(j));
        j++;
      }
    }
    StringBuilder out = new StringBuilder();
    out.append("--- ").append(before == null ? "/dev/null" : "a/" + path).append('\n');
    out.append("+++ b/").append(path).append('\n');
    int k = 0;
    int total = ops.size();
    while (k < total) {
      if (ops.get(k)[0] == ' ') {
        k++;
        continue;
      }
      int start = Math.max(0, k - CONTEXT);
      int end = k;
      // extend the hunk while changes are within 2*CONTEXT of each other
      int last = k;
      while (end < total) {
        if (ops.get(end)[0] != ' ') {
          last = end;
        } else if (end - last > 2 * CONTEXT) {
          break;
        }
        end++;
      }
      end = Math.min(total, last + CONTEXT + 1);
      int aStart = 0;
      int bStart = 0;
      for (int q = 0; q < start; q++) {
        char op = ops.get(q)[0];
        if (op != '+') {
          aStart++;
        }
        if (op != '-') {
          bStart++;
        }
      }
      int aLen = 0;
      int bLen = 0;
      StringBuilder body = new StringBuilder();
      for (int q = start; q < end; q++) {
        char op = ops.get(q)[0];
        if (op != '+') {
          aLen++;
        }
        if (op != '-') {
          bLen++;
        }
        body.append(op).append(text.get(q)).append('\n');
      }
      out.append("@@ -").append(aLen == 0 ? aStart : aStart + 1).append(',').append(aLen)
          .append(" +").append(bLen == 0 ? bStart : bStart + 1).append(',').append(bLen)
          .append(" @@\n").append(body);
      k = end;
    }
    return out.toString();
  }

  /** The diff that deletes a whole file. */
  static String deletion(String path, String before) {
    List<String> a = lines(before);
    StringBuilder out = new StringBuilder("--- a/").append(path).append("\n+++ /dev/null\n");
    out.append("@@ -1,").append(a.size()).append(" +0,0 @@\n");
    a.forEach(l -> out.append('-').append(l).append('\n'));
    return out.toString();
  }

  private static List<String> lines(String s) {
    List<String> out = new ArrayList<>(List.of(s.split("\n", -1)));
    if (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) {
      out.remove(out.size() - 1);
    }
    return out;
  }
}
