/*
 * Comments in generated code: a class comment naming the table a model serves (the file stamp
 * says the file is regenerated). Never a date or anything else that changes between runs over
 * an unchanged schema (output must be byte-identical).
 */
package org.decentdb.generator.plugins;

import java.util.Properties;
import java.util.Set;
import org.mybatis.generator.api.CommentGenerator;
import org.mybatis.generator.api.IntrospectedTable;
import org.mybatis.generator.api.dom.java.FullyQualifiedJavaType;
import org.mybatis.generator.api.dom.java.InnerClass;
import org.mybatis.generator.api.dom.java.InnerRecord;
import org.mybatis.generator.api.dom.java.TopLevelClass;

public final class DecentCommentGenerator implements CommentGenerator {

  @Override
  public void addConfigurationProperties(Properties properties) {}

  @Override
  public void addModelClassComment(TopLevelClass type, IntrospectedTable table) {
    type.addJavaDocLine("/** A row of table " + tableName(table) + ". */");
  }

  @Override
  public void addRecordAnnotation(InnerRecord record, IntrospectedTable table,
      Set<FullyQualifiedJavaType> imports) {
    record.addJavaDocLine("/** A row of table " + tableName(table) + ". */");
  }

  @Override
  public void addClassAnnotation(InnerClass type, IntrospectedTable table,
      Set<FullyQualifiedJavaType> imports) {}

  static String tableName(IntrospectedTable table) {
    return table.getFullyQualifiedTable().getIntrospectedTableName();
  }
}
