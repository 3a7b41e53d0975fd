/*
 * One statement the plugin adds to a mapper, independent of the mapper style: its id (the
 * method name), the comment saying which table and index it serves, the SQL lines, how rows
 * map (a result map id, a result type, or nested annotations), and the interface method.
 * Rendered as an XML element (XML style) or as annotations on the method (annotation style).
 */
package org.decentdb.generator.plugins;

import java.util.List;
import org.mybatis.generator.api.dom.java.Method;

record Stmt(String id, String comment, List<String> sql, String resultMap, String resultType,
    Method method, List<String> annotationResults, String explainSql) {

  /** explainSql: the statement with ?-markers to check with EXPLAIN, or null to skip. */
  Stmt {
    sql = List.copyOf(sql);
    annotationResults = List.copyOf(annotationResults);
  }
}
