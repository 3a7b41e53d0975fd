/*
 * Table globs: * and ? match case-insensitively over the whole name, excludes win, and
 * include globs that match nothing are reported.
 */
package org.decentdb.generator.introspect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TableFilterTest {
  @Test
  void globsMatchWholeNamesCaseInsensitivelyAndExcludesWin() {
    TableFilter f = new TableFilter(List.of("art*", "t?ack"), List.of("*_old"));
    assertThat(f.accepts("artist")).isTrue();
    assertThat(f.accepts("ARTIST")).isTrue();
    assertThat(f.accepts("track")).isTrue();
    assertThat(f.accepts("tracks")).isFalse();
    assertThat(f.accepts("artist_old")).isFalse();
    assertThat(f.accepts("album")).isFalse();
    assertThat(f.accepts("a.rtist")).isFalse();
    assertThat(TableFilter.all().accepts("anything")).isTrue();
  }

  @Test
  void reportsIncludeGlobsMatchingNoTable() {
    TableFilter f = new TableFilter(List.of("art*", "play*"), List.of());
    assertThat(f.unmatchedIncludes(List.of("artist", "album"))).containsExactly("play*");
  }
}
