/*
 * Tests for PlaceholderScanner and SqlCache: each parameter style, the places where markers
 * must not be rewritten (literals, identifiers, comments, casts, dollar quotes), and the
 * errors for mixed styles and malformed input.
 */
package org.decentdb.jdbc.internal.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.sql.SQLSyntaxErrorException;
import org.junit.jupiter.api.Test;

class PlaceholderScannerTest {

  private static ParsedSql scan(String sql) throws SQLException {
    return PlaceholderScanner.scan(sql);
  }

  @Test
  void rewritesJdbcMarkersInOrder() throws SQLException {
    ParsedSql p = scan("SELECT * FROM t WHERE a = ? AND b IN (?, ?)");
    assertThat(p.engineSql()).isEqualTo("SELECT * FROM t WHERE a = $1 AND b IN ($2, $3)");
    assertThat(p.style()).isEqualTo(ParsedSql.Style.JDBC);
    assertThat(p.parameterCount()).isEqualTo(3);
  }

  @Test
  void leavesMarkersInsideStringLiteralsAlone() throws SQLException {
    ParsedSql p = scan("SELECT '?', 'it''s ? :x $1', ? FROM t");
    assertThat(p.engineSql()).isEqualTo("SELECT '?', 'it''s ? :x $1', $1 FROM t");
    assertThat(p.parameterCount()).isEqualTo(1);
  }

  @Test
  void leavesMarkersInsideQuotedIdentifiersAndCommentsAlone() throws SQLException {
    ParsedSql p = scan("SELECT \"a?\"\"b\" -- what? :name\n FROM t /* ? $2 :x */ WHERE c = ?");
    assertThat(p.engineSql())
        .isEqualTo("SELECT \"a?\"\"b\" -- what? :name\n FROM t /* ? $2 :x */ WHERE c = $1");
    assertThat(p.parameterCount()).isEqualTo(1);
  }

  @Test
  void treatsDoubleColonAsCastNotNamedParameter() throws SQLException {
    ParsedSql p = scan("SELECT x::text, :val::int FROM t WHERE y = :val");
    assertThat(p.engineSql()).isEqualTo("SELECT x::text, $1::int FROM t WHERE y = $1");
    assertThat(p.style()).isEqualTo(ParsedSql.Style.NAMED);
    assertThat(p.parameterCount()).isEqualTo(1);
  }

  @Test
  void skipsDollarQuotedStrings() throws SQLException {
    ParsedSql p = scan("SELECT $$ ? $1 :x $$, $tag$ ?'$ $tag$, ?");
    assertThat(p.engineSql()).isEqualTo("SELECT $$ ? $1 :x $$, $tag$ ?'$ $tag$, $1");
  }

  @Test
  void namedParametersGetOneIndexPerDistinctName() throws SQLException {
    ParsedSql p = scan("UPDATE t SET a = :a, b = #{b} WHERE id = :id OR a = :a");
    assertThat(p.engineSql()).isEqualTo("UPDATE t SET a = $1, b = $2 WHERE id = $3 OR a = $1");
    assertThat(p.names()).containsExactly("a", "b", "id");
    assertThat(p.indexOf("id")).isEqualTo(3);
    assertThatThrownBy(() -> p.indexOf("nope")).isInstanceOf(SQLException.class)
        .hasMessageContaining("no parameter named 'nope'");
  }

  @Test
  void myBatisSpellingMayCarryOptions() throws SQLException {
    ParsedSql p = scan("INSERT INTO t VALUES (#{ id }, #{name,jdbcType=VARCHAR})");
    assertThat(p.engineSql()).isEqualTo("INSERT INTO t VALUES ($1, $2)");
    assertThat(p.names()).containsExactly("id", "name");
  }

  @Test
  void nativeParametersPassThroughAndCountTheHighest() throws SQLException {
    ParsedSql p = scan("SELECT * FROM t WHERE a = $2 OR b = $1 OR c = $2");
    assertThat(p.engineSql()).isSameAs("SELECT * FROM t WHERE a = $2 OR b = $1 OR c = $2");
    assertThat(p.style()).isEqualTo(ParsedSql.Style.NATIVE);
    assertThat(p.parameterCount()).isEqualTo(2);
  }

  @Test
  void sqlWithoutParametersIsReturnedAsIs() throws SQLException {
    String sql = "SELECT a$b, x FROM t WHERE s = 'a:b' AND n >= 3";
    ParsedSql p = scan(sql);
    assertThat(p.engineSql()).isSameAs(sql);
    assertThat(p.style()).isEqualTo(ParsedSql.Style.NONE);
    assertThat(p.parameterCount()).isZero();
  }

  @Test
  void rejectsMixedStyles() {
    assertThatThrownBy(() -> scan("SELECT ? , $1")).isInstanceOf(SQLSyntaxErrorException.class)
        .hasMessageContaining("mixed parameter styles")
        .hasMessageContaining("JDBC '?'").hasMessageContaining("native '$N'");
    assertThatThrownBy(() -> scan("SELECT :a, ?")).isInstanceOf(SQLSyntaxErrorException.class)
        .hasMessageContaining("mixed parameter styles");
    assertThatThrownBy(() -> scan("SELECT #{a}, $1")).isInstanceOf(SQLSyntaxErrorException.class);
  }

  @Test
  void rejectsUnterminatedConstructsWithPosition() {
    assertThatThrownBy(() -> scan("SELECT 'abc")).isInstanceOf(SQLSyntaxErrorException.class)
        .hasMessageContaining("unterminated string literal").hasMessageContaining("offset 7");
    assertThatThrownBy(() -> scan("SELECT \"abc")).hasMessageContaining("quoted identifier");
    assertThatThrownBy(() -> scan("SELECT 1 /* x")).hasMessageContaining("comment");
    assertThatThrownBy(() -> scan("SELECT #{a")).hasMessageContaining("unterminated #{");
    assertThatThrownBy(() -> scan("SELECT $$ x")).hasMessageContaining("dollar-quoted");
  }

  @Test
  void rejectsMalformedAndOutOfRangeNativeParameters() {
    assertThatThrownBy(() -> scan("SELECT $0")).hasMessageContaining("out of range");
    assertThatThrownBy(() -> scan("SELECT $65536")).hasMessageContaining("out of range");
    assertThatThrownBy(() -> scan("SELECT $99999999999999999999")).hasMessageContaining("out of range");
    assertThatThrownBy(() -> scan("SELECT $1abc")).hasMessageContaining("malformed parameter");
    assertThatThrownBy(() -> scan("SELECT #{1x}")).hasMessageContaining("malformed #{");
  }

  @Test
  void errorsCarryTheSyntaxErrorSqlState() {
    assertThatThrownBy(() -> scan("SELECT ?, :a"))
        .isInstanceOfSatisfying(SQLException.class,
            e -> assertThat(e.getSQLState()).isEqualTo("42601"));
  }

  @Test
  void markerAtEndAndAdjacentToOperators() throws SQLException {
    assertThat(scan("SELECT ?+?").engineSql()).isEqualTo("SELECT $1+$2");
    assertThat(scan("?").engineSql()).isEqualTo("$1");
    assertThat(scan("SELECT :a||:b").engineSql()).isEqualTo("SELECT $1||$2");
    assertThat(scan("SELECT a-?--?\n").engineSql()).isEqualTo("SELECT a-$1--?\n");
  }

  @Test
  void cacheReturnsTheSameScanForTheSameText() throws SQLException {
    ParsedSql a = SqlCache.parse("SELECT ? /* cache test */");
    ParsedSql b = SqlCache.parse(new String("SELECT ? /* cache test */"));
    assertThat(b).isSameAs(a);
  }

  @Test
  void cacheStaysBounded() throws SQLException {
    for (int i = 0; i < SqlCache.MAX_ENTRIES * 2 + 10; i++) {
      SqlCache.parse("SELECT " + i + ", ?");
    }
    assertThat(SqlCache.size()).isLessThanOrEqualTo(SqlCache.MAX_ENTRIES);
  }
}
