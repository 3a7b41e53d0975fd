/*
 * One column as the database declares it: name, declared type text (e.g. DECIMAL(10,2)), the
 * JDBC type the driver reports, nullability and whether the engine assigns its value.
 * Read by SchemaReader from DatabaseMetaData.getColumns; immutable.
 */
package org.decentdb.generator.introspect;

public record Column(String name, String declaredType, int jdbcType, boolean nullable,
    boolean autoIncrement, int size, int scale) {

  /** The declared type without its size or precision: "DECIMAL(10,2)" gives "DECIMAL". */
  public String baseType() {
    int paren = declaredType.indexOf('(');
    String base = paren < 0 ? declaredType : declaredType.substring(0, paren);
    return base.trim().toUpperCase(java.util.Locale.ROOT);
  }
}
