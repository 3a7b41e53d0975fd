/*
 * The type resolver's table: declared types to Java types and decentdb-mybatis handlers,
 * the TIMESTAMP and INTEGER options, overrides, and the names derived for Java.
 */
package org.decentdb.generator.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Types;
import java.util.Map;
import org.decentdb.generator.introspect.Column;
import org.junit.jupiter.api.Test;

class JavaTypeMappingTest {
  private static Column col(String declared) {
    return new Column("c", declared, Types.OTHER, true, false, 0, 0);
  }

  @Test
  void mapsEveryDeclaredTypeOfTheTypeMatrix() {
    JavaTypeMapping m = JavaTypeMapping.defaults();
    String h = "org.decentdb.mybatis.type.";
    assertThat(m.map(col("TIMESTAMP")).orElseThrow())
        .isEqualTo(new JavaTypeMapping.Mapped("java.time.Instant", "TIMESTAMP",
            h + "InstantTypeHandler"));
    assertThat(m.map(col("DATE")).orElseThrow().typeHandler()).isEqualTo(h + "LocalDateTypeHandler");
    assertThat(m.map(col("TIME")).orElseThrow().javaType()).isEqualTo("java.time.LocalTime");
    assertThat(m.map(col("UUID")).orElseThrow().typeHandler()).isEqualTo(h + "UuidTypeHandler");
    assertThat(m.map(col("DECIMAL(10,2)")).orElseThrow().javaType())
        .isEqualTo("java.math.BigDecimal");
    assertThat(m.map(col("numeric")).orElseThrow().javaType()).isEqualTo("java.math.BigDecimal");
    assertThat(m.map(col("BOOLEAN")).orElseThrow().typeHandler())
        .isEqualTo(h + "BooleanTypeHandler");
    assertThat(m.map(col("INTEGER")).orElseThrow().javaType()).isEqualTo("java.lang.Long");
    assertThat(m.map(col("BIGINT")).orElseThrow().javaType()).isEqualTo("java.lang.Long");
    assertThat(m.map(col("VARCHAR(40)")).orElseThrow().javaType()).isEqualTo("java.lang.String");
    assertThat(m.map(col("TEXT")).orElseThrow().typeHandler()).isNull();
    assertThat(m.map(col("BLOB")).orElseThrow().javaType()).isEqualTo("byte[]");
    assertThat(m.map(col("JSON"))).isEmpty();
  }

  @Test
  void optionsAndOverridesChangeTheJavaType() {
    JavaTypeMapping m = new JavaTypeMapping(JavaTypeMapping.TimestampType.LOCAL_DATE_TIME,
        JavaTypeMapping.IntegerType.INTEGER, Map.of("json", "java.lang.String"));
    assertThat(m.map(col("TIMESTAMP")).orElseThrow().typeHandler())
        .isEqualTo("org.decentdb.mybatis.type.LocalDateTimeTypeHandler");
    assertThat(m.map(col("INTEGER")).orElseThrow().javaType()).isEqualTo("java.lang.Integer");
    assertThat(m.map(col("BIGINT")).orElseThrow().javaType()).isEqualTo("java.lang.Long");
    assertThat(m.map(col("JSON")).orElseThrow().javaType()).isEqualTo("java.lang.String");
  }

  @Test
  void javaNamesFromSqlNames() {
    assertThat(Naming.className("music_track")).isEqualTo("MusicTrack");
    assertThat(Naming.property("created_at")).isEqualTo("createdAt");
    assertThat(Naming.property("CREATED_AT")).isEqualTo("createdAt");
    assertThat(Naming.property("class")).isEqualTo("classValue");
    assertThat(Naming.className("2fa")).isEqualTo("_2fa");
  }
}
