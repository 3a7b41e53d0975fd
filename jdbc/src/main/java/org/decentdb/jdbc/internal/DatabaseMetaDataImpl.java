/*
 * DatabaseMetaData: the product's capabilities (answers that tell the truth about the engine)
 * and the schema, read from the engine's system views (decentdb_tables, decentdb_columns,
 * decentdb_indexes, decentdb_index_columns, decentdb_foreign_keys; ENGINE.md §6.3) at the
 * connection's current snapshot and shaped into the standard JDBC result columns in Java.
 */
package org.decentdb.jdbc.internal;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.RowIdLifetime;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.decentdb.jdbc.internal.bridge.NativeDb;
import org.decentdb.jdbc.internal.type.SqlKind;

final class DatabaseMetaDataImpl implements DatabaseMetaData {

  static final String PRODUCT_NAME = "DecentDB";
  static final String DRIVER_NAME = "DecentDB JDBC";
  static final int DRIVER_MAJOR = 1;
  static final int DRIVER_MINOR = 0;

  private final ConnectionImpl conn;

  DatabaseMetaDataImpl(ConnectionImpl conn) {
    this.conn = conn;
  }

  // ---------------------------------------------------------------- helpers

  /** Rows of a system-view query, each as an Object[] of its columns. */
  private List<Object[]> rows(String sql, Object... params) throws SQLException {
    List<Object[]> out = new ArrayList<>();
    try (PreparedStatement ps = conn.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        ps.setObject(i + 1, params[i]);
      }
      collect(ps, out);
    }
    return out;
  }

  private static void collect(PreparedStatement ps, List<Object[]> out) throws SQLException {
    try (ResultSet rs = ps.executeQuery()) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        Object[] row = new Object[n];
        for (int i = 0; i < n; i++) {
          row[i] = rs.getObject(i + 1);
        }
        out.add(row);
      }
    }
  }

  /** JDBC name patterns: '%' any, '_' one, '\' escapes; null matches everything. */
  static Pattern pattern(String jdbcPattern) {
    if (jdbcPattern == null) {
      return null;
    }
    StringBuilder re = new StringBuilder();
    for (int i = 0; i < jdbcPattern.length(); i++) {
      char c = jdbcPattern.charAt(i);
      if (c == '\\' && i + 1 < jdbcPattern.length()) {
        re.append(Pattern.quote(String.valueOf(jdbcPattern.charAt(++i))));
      } else if (c == '%') {
        re.append(".*");
      } else if (c == '_') {
        re.append('.');
      } else {
        re.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(re.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE
        | Pattern.DOTALL);
  }

  static boolean matches(Pattern p, Object name) {
    return p == null || (name != null && p.matcher(name.toString()).matches());
  }

  private ResultSet result(String[] names, List<Object[]> rows) {
    RowsBuilder b = new RowsBuilder();
    for (Object[] r : rows) {
      for (Object v : r) {
        b.add(v);
      }
      b.endRow();
    }
    String[] types = new String[names.length];
    return b.build(conn, null, names, types);
  }

  private static long num(Object o) {
    return o == null ? 0 : ((Number) o).longValue();
  }

  private static boolean truth(Object o) {
    if (o instanceof Boolean) {
      return (Boolean) o;
    }
    return o != null && num(o) != 0;
  }

  private static final String[] TABLE_COLUMNS = {"TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME",
      "TABLE_TYPE", "REMARKS", "TYPE_CAT", "TYPE_SCHEM", "TYPE_NAME",
      "SELF_REFERENCING_COL_NAME", "REF_GENERATION"};

  // ---------------------------------------------------------------- schema

  @Override
  public ResultSet getTables(String catalog, String schemaPattern, String tableNamePattern,
      String[] types) throws SQLException {
    Pattern p = pattern(tableNamePattern);
    List<String> wanted = types == null ? null : Arrays.asList(types);
    List<Object[]> out = new ArrayList<>();
    for (Object[] r : rows("SELECT table_name, kind FROM decentdb_tables")) {
      String type = "view".equalsIgnoreCase(String.valueOf(r[1])) ? "VIEW" : "TABLE";
      if (matches(p, r[0]) && (wanted == null || wanted.contains(type))) {
        out.add(new Object[] {null, null, r[0], type, null, null, null, null, null, null});
      }
    }
    out.sort(Comparator.comparing((Object[] r) -> (String) r[3])
        .thenComparing(r -> (String) r[2]));
    return result(TABLE_COLUMNS, out);
  }

  @Override
  public ResultSet getColumns(String catalog, String schemaPattern, String tableNamePattern,
      String columnNamePattern) throws SQLException {
    Pattern tp = pattern(tableNamePattern);
    Pattern cp = pattern(columnNamePattern);
    List<Object[]> out = new ArrayList<>();
    // The engine narrows by table (tools and generators ask one table at a time); the
    // Java match below stays the exact JDBC pattern semantics.
    String select = "SELECT table_name, column_name, ordinal, declared_type, not_null,"
        + " default_sql, is_auto_increment, char_length, numeric_precision, numeric_scale"
        + " FROM decentdb_columns";
    List<Object[]> all = tableNamePattern == null || tableNamePattern.equals("%")
        ? rows(select)
        : rows(select + " WHERE table_name ILIKE ? ESCAPE '\\'", tableNamePattern);
    for (Object[] r : all) {
      if (!matches(tp, r[0]) || !matches(cp, r[1])) {
        continue;
      }
      String declared = (String) r[3];
      SqlKind kind = SqlKind.ofDeclared(declared);
      boolean notNull = truth(r[4]);
      Object size = r[7] != null ? r[7] : r[8] != null ? r[8]
          : kind.defaultPrecision == Integer.MAX_VALUE ? null : (long) kind.defaultPrecision;
      out.add(new Object[] {null, null, r[0], r[1], (long) kind.jdbcType, declared, size, null,
          r[9], kind == SqlKind.FLOAT64 || kind == SqlKind.INT64 ? 10L : null,
          notNull ? (long) columnNoNulls : (long) columnNullable, null, r[5], null, null,
          r[7], num(r[2]) + (num(r[2]) == 0 ? 1 : 0), notNull ? "NO" : "YES", null, null, null,
          null, truth(r[6]) ? "YES" : "NO", "NO"});
    }
    return result(new String[] {"TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "COLUMN_NAME",
        "DATA_TYPE", "TYPE_NAME", "COLUMN_SIZE", "BUFFER_LENGTH", "DECIMAL_DIGITS",
        "NUM_PREC_RADIX", "NULLABLE", "REMARKS", "COLUMN_DEF", "SQL_DATA_TYPE",
        "SQL_DATETIME_SUB", "CHAR_OCTET_LENGTH", "ORDINAL_POSITION", "IS_NULLABLE",
        "SCOPE_CATALOG", "SCOPE_SCHEMA", "SCOPE_TABLE", "SOURCE_DATA_TYPE", "IS_AUTOINCREMENT",
        "IS_GENERATEDCOLUMN"}, out);
  }

  @Override
  public ResultSet getPrimaryKeys(String catalog, String schema, String table)
      throws SQLException {
    List<Object[]> out = new ArrayList<>();
    for (Object[] r : rows("SELECT table_name, column_name, pk_ordinal FROM decentdb_columns"
        + " WHERE pk_ordinal > 0")) {
      if (table == null || table.equalsIgnoreCase(String.valueOf(r[0]))) {
        out.add(new Object[] {null, null, r[0], r[1], num(r[2]), "pk_" + String.valueOf(r[0])
            .toLowerCase(Locale.ROOT)});
      }
    }
    out.sort(Comparator.comparing((Object[] r) -> (String) r[3]));
    return result(new String[] {"TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "COLUMN_NAME",
        "KEY_SEQ", "PK_NAME"}, out);
  }

  @Override
  public ResultSet getIndexInfo(String catalog, String schema, String table, boolean unique,
      boolean approximate) throws SQLException {
    List<Object[]> idx = rows("SELECT index_name, table_name, is_unique FROM decentdb_indexes");
    List<Object[]> cols = rows("SELECT index_name, table_name, ordinal, column_name,"
        + " is_descending FROM decentdb_index_columns");
    List<Object[]> out = new ArrayList<>();
    for (Object[] i : idx) {
      boolean isUnique = truth(i[2]);
      if ((table != null && !table.equalsIgnoreCase(String.valueOf(i[1])))
          || (unique && !isUnique)) {
        continue;
      }
      for (Object[] c : cols) {
        if (String.valueOf(c[0]).equalsIgnoreCase(String.valueOf(i[0]))) {
          out.add(new Object[] {null, null, i[1], !isUnique, null, i[0],
              (long) tableIndexOther, num(c[2]) + (num(c[2]) == 0 ? 1 : 0), c[3],
              truth(c[4]) ? "D" : "A", null, null, null});
        }
      }
    }
    out.sort(Comparator.comparing((Object[] r) -> (Boolean) r[3])
        .thenComparing(r -> (String) r[5]).thenComparing(r -> (Long) r[7]));
    return result(new String[] {"TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "NON_UNIQUE",
        "INDEX_QUALIFIER", "INDEX_NAME", "TYPE", "ORDINAL_POSITION", "COLUMN_NAME",
        "ASC_OR_DESC", "CARDINALITY", "PAGES", "FILTER_CONDITION"}, out);
  }

  private static final String[] FK_COLUMNS = {"PKTABLE_CAT", "PKTABLE_SCHEM", "PKTABLE_NAME",
      "PKCOLUMN_NAME", "FKTABLE_CAT", "FKTABLE_SCHEM", "FKTABLE_NAME", "FKCOLUMN_NAME",
      "KEY_SEQ", "UPDATE_RULE", "DELETE_RULE", "FK_NAME", "PK_NAME", "DEFERRABILITY"};

  private static long rule(Object action) {
    String a = String.valueOf(action).toUpperCase(Locale.ROOT).replace('_', ' ');
    switch (a) {
      case "CASCADE": return importedKeyCascade;
      case "SET NULL": return importedKeySetNull;
      case "RESTRICT": return importedKeyRestrict;
      default: return importedKeyNoAction;
    }
  }

  private ResultSet foreignKeys(String parent, String child) throws SQLException {
    List<Object[]> out = new ArrayList<>();
    for (Object[] r : rows("SELECT constraint_name, child_table, child_column, ordinal,"
        + " parent_table, parent_column, on_delete, on_update FROM decentdb_foreign_keys")) {
      if ((parent != null && !parent.equalsIgnoreCase(String.valueOf(r[4])))
          || (child != null && !child.equalsIgnoreCase(String.valueOf(r[1])))) {
        continue;
      }
      out.add(new Object[] {null, null, r[4], r[5], null, null, r[1], r[2],
          num(r[3]) + (num(r[3]) == 0 ? 1 : 0), rule(r[7]), rule(r[6]), r[0], null,
          (long) importedKeyNotDeferrable});
    }
    return result(FK_COLUMNS, out);
  }

  @Override
  public ResultSet getImportedKeys(String catalog, String schema, String table)
      throws SQLException {
    return foreignKeys(null, table);
  }

  @Override
  public ResultSet getExportedKeys(String catalog, String schema, String table)
      throws SQLException {
    return foreignKeys(table, null);
  }

  @Override
  public ResultSet getCrossReference(String parentCatalog, String parentSchema,
      String parentTable, String foreignCatalog, String foreignSchema, String foreignTable)
      throws SQLException {
    return foreignKeys(parentTable, foreignTable);
  }

  @Override
  public ResultSet getTypeInfo() throws SQLException {
    Object[][] types = {
        {"BIGINT", Types.BIGINT, 19, true}, {"INTEGER", Types.BIGINT, 19, true},
        {"DOUBLE PRECISION", Types.DOUBLE, 17, true}, {"REAL", Types.DOUBLE, 17, true},
        {"TEXT", Types.VARCHAR, Integer.MAX_VALUE, false},
        {"VARCHAR", Types.VARCHAR, Integer.MAX_VALUE, false},
        {"BLOB", Types.VARBINARY, Integer.MAX_VALUE, false},
        {"BOOLEAN", Types.BOOLEAN, 1, false}, {"TIMESTAMP", Types.TIMESTAMP, 23, false},
        {"DATE", Types.DATE, 10, false}, {"TIME", Types.TIME, 12, false},
        {"DECIMAL", Types.DECIMAL, 38, true}, {"NUMERIC", Types.NUMERIC, 38, true},
        {"UUID", Types.OTHER, 36, false}};
    List<Object[]> out = new ArrayList<>();
    for (Object[] t : types) {
      boolean text = ((int) t[1]) == Types.VARCHAR;
      out.add(new Object[] {t[0], (long) (int) t[1], (long) (int) t[2], text ? "'" : null,
          text ? "'" : null, null, (long) typeNullable, text, (long) typeSearchable,
          !(Boolean) t[3], false, "BIGINT".equals(t[0]) || "INTEGER".equals(t[0]), t[0], 0L,
          "DECIMAL".equals(t[0]) || "NUMERIC".equals(t[0]) ? 38L : 0L, null, null, 10L});
    }
    out.sort(Comparator.comparing((Object[] r) -> (Long) r[1]));
    return result(new String[] {"TYPE_NAME", "DATA_TYPE", "PRECISION", "LITERAL_PREFIX",
        "LITERAL_SUFFIX", "CREATE_PARAMS", "NULLABLE", "CASE_SENSITIVE", "SEARCHABLE",
        "UNSIGNED_ATTRIBUTE", "FIXED_PREC_SCALE", "AUTO_INCREMENT", "LOCAL_TYPE_NAME",
        "MINIMUM_SCALE", "MAXIMUM_SCALE", "SQL_DATA_TYPE", "SQL_DATETIME_SUB", "NUM_PREC_RADIX"},
        out);
  }

  @Override
  public ResultSet getTableTypes() throws SQLException {
    return result(new String[] {"TABLE_TYPE"},
        List.of(new Object[] {"TABLE"}, new Object[] {"VIEW"}));
  }

  @Override
  public ResultSet getSchemas() throws SQLException {
    return result(new String[] {"TABLE_SCHEM", "TABLE_CATALOG"}, List.of());
  }

  @Override
  public ResultSet getSchemas(String catalog, String schemaPattern) throws SQLException {
    return getSchemas();
  }

  @Override
  public ResultSet getCatalogs() throws SQLException {
    return result(new String[] {"TABLE_CAT"}, List.of());
  }

  private ResultSet empty(String... names) {
    return result(names, List.of());
  }

  @Override
  public ResultSet getProcedures(String c, String s, String p) throws SQLException {
    return empty("PROCEDURE_CAT", "PROCEDURE_SCHEM", "PROCEDURE_NAME", "R1", "R2", "R3",
        "REMARKS", "PROCEDURE_TYPE", "SPECIFIC_NAME");
  }

  @Override
  public ResultSet getProcedureColumns(String c, String s, String p, String col)
      throws SQLException {
    return empty("PROCEDURE_CAT", "PROCEDURE_SCHEM", "PROCEDURE_NAME", "COLUMN_NAME",
        "COLUMN_TYPE", "DATA_TYPE", "TYPE_NAME", "PRECISION", "LENGTH", "SCALE", "RADIX",
        "NULLABLE", "REMARKS", "COLUMN_DEF", "SQL_DATA_TYPE", "SQL_DATETIME_SUB",
        "CHAR_OCTET_LENGTH", "ORDINAL_POSITION", "IS_NULLABLE", "SPECIFIC_NAME");
  }

  @Override
  public ResultSet getColumnPrivileges(String c, String s, String t, String col)
      throws SQLException {
    return empty("TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "COLUMN_NAME", "GRANTOR", "GRANTEE",
        "PRIVILEGE", "IS_GRANTABLE");
  }

  @Override
  public ResultSet getTablePrivileges(String c, String s, String t) throws SQLException {
    return empty("TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "GRANTOR", "GRANTEE", "PRIVILEGE",
        "IS_GRANTABLE");
  }

  @Override
  public ResultSet getBestRowIdentifier(String c, String s, String t, int scope,
      boolean nullable) throws SQLException {
    return empty("SCOPE", "COLUMN_NAME", "DATA_TYPE", "TYPE_NAME", "COLUMN_SIZE",
        "BUFFER_LENGTH", "DECIMAL_DIGITS", "PSEUDO_COLUMN");
  }

  @Override
  public ResultSet getVersionColumns(String c, String s, String t) throws SQLException {
    return empty("SCOPE", "COLUMN_NAME", "DATA_TYPE", "TYPE_NAME", "COLUMN_SIZE",
        "BUFFER_LENGTH", "DECIMAL_DIGITS", "PSEUDO_COLUMN");
  }

  @Override
  public ResultSet getUDTs(String c, String s, String t, int[] types) throws SQLException {
    return empty("TYPE_CAT", "TYPE_SCHEM", "TYPE_NAME", "CLASS_NAME", "DATA_TYPE", "REMARKS",
        "BASE_TYPE");
  }

  @Override
  public ResultSet getSuperTypes(String c, String s, String t) throws SQLException {
    return empty("TYPE_CAT", "TYPE_SCHEM", "TYPE_NAME", "SUPERTYPE_CAT", "SUPERTYPE_SCHEM",
        "SUPERTYPE_NAME");
  }

  @Override
  public ResultSet getSuperTables(String c, String s, String t) throws SQLException {
    return empty("TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "SUPERTABLE_NAME");
  }

  @Override
  public ResultSet getAttributes(String c, String s, String t, String a) throws SQLException {
    return empty("TYPE_CAT", "TYPE_SCHEM", "TYPE_NAME", "ATTR_NAME", "DATA_TYPE",
        "ATTR_TYPE_NAME", "ATTR_SIZE", "DECIMAL_DIGITS", "NUM_PREC_RADIX", "NULLABLE",
        "REMARKS", "ATTR_DEF", "SQL_DATA_TYPE", "SQL_DATETIME_SUB", "CHAR_OCTET_LENGTH",
        "ORDINAL_POSITION", "IS_NULLABLE", "SCOPE_CATALOG", "SCOPE_SCHEMA", "SCOPE_TABLE",
        "SOURCE_DATA_TYPE");
  }

  @Override
  public ResultSet getClientInfoProperties() throws SQLException {
    return empty("NAME", "MAX_LEN", "DEFAULT_VALUE", "DESCRIPTION");
  }

  @Override
  public ResultSet getFunctions(String c, String s, String f) throws SQLException {
    return empty("FUNCTION_CAT", "FUNCTION_SCHEM", "FUNCTION_NAME", "REMARKS", "FUNCTION_TYPE",
        "SPECIFIC_NAME");
  }

  @Override
  public ResultSet getFunctionColumns(String c, String s, String f, String col)
      throws SQLException {
    return empty("FUNCTION_CAT", "FUNCTION_SCHEM", "FUNCTION_NAME", "COLUMN_NAME",
        "COLUMN_TYPE", "DATA_TYPE", "TYPE_NAME", "PRECISION", "LENGTH", "SCALE", "RADIX",
        "NULLABLE", "REMARKS", "CHAR_OCTET_LENGTH", "ORDINAL_POSITION", "IS_NULLABLE",
        "SPECIFIC_NAME");
  }

  @Override
  public ResultSet getPseudoColumns(String c, String s, String t, String col)
      throws SQLException {
    return empty("TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "COLUMN_NAME", "DATA_TYPE",
        "COLUMN_SIZE", "DECIMAL_DIGITS", "NUM_PREC_RADIX", "COLUMN_USAGE", "REMARKS",
        "CHAR_OCTET_LENGTH", "IS_NULLABLE");
  }

  // ---------------------------------------------------------------- product facts

  @Override public String getDatabaseProductName() { return PRODUCT_NAME; }

  @Override
  public String getDatabaseProductVersion() throws SQLException {
    return NativeDb.version();
  }

  @Override
  public int getDatabaseMajorVersion() throws SQLException {
    return versionPart(0);
  }

  @Override
  public int getDatabaseMinorVersion() throws SQLException {
    return versionPart(1);
  }

  private static int versionPart(int i) throws SQLException {
    String[] parts = NativeDb.version().split("[.]");
    try {
      return i < parts.length ? Integer.parseInt(parts[i].replaceAll("[^0-9].*", "")) : 0;
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  @Override public String getDriverName() { return DRIVER_NAME; }
  @Override public String getDriverVersion() { return DRIVER_MAJOR + "." + DRIVER_MINOR + ".0"; }
  @Override public int getDriverMajorVersion() { return DRIVER_MAJOR; }
  @Override public int getDriverMinorVersion() { return DRIVER_MINOR; }
  @Override public int getJDBCMajorVersion() { return 4; }
  @Override public int getJDBCMinorVersion() { return 3; }
  @Override public String getURL() { return conn.url(); }
  @Override public String getUserName() { return ""; }
  @Override public Connection getConnection() { return conn; }

  @Override
  public boolean isReadOnly() throws SQLException {
    return conn.isReadOnly();
  }

  @Override public boolean allProceduresAreCallable() { return false; }
  @Override public boolean allTablesAreSelectable() { return true; }
  @Override public boolean nullsAreSortedHigh() { return true; } // NULLs last for ASC
  @Override public boolean nullsAreSortedLow() { return false; }
  @Override public boolean nullsAreSortedAtStart() { return false; }
  @Override public boolean nullsAreSortedAtEnd() { return false; }
  @Override public boolean usesLocalFiles() { return true; }
  @Override public boolean usesLocalFilePerTable() { return false; }
  // Identifiers compare case-insensitively and keep their spelling (ENGINE.md §7.1).
  @Override public boolean supportsMixedCaseIdentifiers() { return false; }
  @Override public boolean storesUpperCaseIdentifiers() { return false; }
  @Override public boolean storesLowerCaseIdentifiers() { return false; }
  @Override public boolean storesMixedCaseIdentifiers() { return true; }
  @Override public boolean supportsMixedCaseQuotedIdentifiers() { return false; }
  @Override public boolean storesUpperCaseQuotedIdentifiers() { return false; }
  @Override public boolean storesLowerCaseQuotedIdentifiers() { return false; }
  @Override public boolean storesMixedCaseQuotedIdentifiers() { return true; }
  @Override public String getIdentifierQuoteString() { return "\""; }

  @Override
  public String getSQLKeywords() {
    return "EXPLAIN,ILIKE,LIMIT,OFFSET,RETURNING,TRIGRAM,SAVEPOINT,RELEASE";
  }

  @Override
  public String getNumericFunctions() {
    return "ABS,CEIL,FLOOR,MOD,ROUND";
  }

  @Override
  public String getStringFunctions() {
    return "CONCAT,CONCAT_WS,LEFT,LENGTH,LOWER,LPAD,LTRIM,OCTET_LENGTH,POSITION,REPLACE,RIGHT,"
        + "RPAD,RTRIM,SUBSTRING,TRIM,UPPER";
  }

  @Override public String getSystemFunctions() { return "COALESCE,NULLIF"; }
  @Override public String getTimeDateFunctions() { return "CURRENT_DATE,CURRENT_TIMESTAMP,NOW"; }
  @Override public String getSearchStringEscape() { return "\\"; }
  @Override public String getExtraNameCharacters() { return "$"; }
  @Override public boolean supportsAlterTableWithAddColumn() { return false; }
  @Override public boolean supportsAlterTableWithDropColumn() { return false; }
  @Override public boolean supportsColumnAliasing() { return true; }
  @Override public boolean nullPlusNonNullIsNull() { return true; }
  @Override public boolean supportsConvert() { return false; }
  @Override public boolean supportsConvert(int fromType, int toType) { return false; }
  @Override public boolean supportsTableCorrelationNames() { return true; }
  @Override public boolean supportsDifferentTableCorrelationNames() { return false; }
  @Override public boolean supportsExpressionsInOrderBy() { return true; }
  @Override public boolean supportsOrderByUnrelated() { return true; }
  @Override public boolean supportsGroupBy() { return true; }
  @Override public boolean supportsGroupByUnrelated() { return true; }
  @Override public boolean supportsGroupByBeyondSelect() { return true; }
  @Override public boolean supportsLikeEscapeClause() { return true; }
  @Override public boolean supportsMultipleResultSets() { return false; }
  @Override public boolean supportsMultipleTransactions() { return true; }
  @Override public boolean supportsNonNullableColumns() { return true; }
  @Override public boolean supportsMinimumSQLGrammar() { return true; }
  @Override public boolean supportsCoreSQLGrammar() { return false; }
  @Override public boolean supportsExtendedSQLGrammar() { return false; }
  @Override public boolean supportsANSI92EntryLevelSQL() { return false; }
  @Override public boolean supportsANSI92IntermediateSQL() { return false; }
  @Override public boolean supportsANSI92FullSQL() { return false; }
  @Override public boolean supportsIntegrityEnhancementFacility() { return false; }
  @Override public boolean supportsOuterJoins() { return true; }
  @Override public boolean supportsFullOuterJoins() { return false; }
  @Override public boolean supportsLimitedOuterJoins() { return true; }
  @Override public String getSchemaTerm() { return "schema"; }
  @Override public String getProcedureTerm() { return "procedure"; }
  @Override public String getCatalogTerm() { return "catalog"; }
  @Override public boolean isCatalogAtStart() { return true; }
  @Override public String getCatalogSeparator() { return "."; }
  @Override public boolean supportsSchemasInDataManipulation() { return false; }
  @Override public boolean supportsSchemasInProcedureCalls() { return false; }
  @Override public boolean supportsSchemasInTableDefinitions() { return false; }
  @Override public boolean supportsSchemasInIndexDefinitions() { return false; }
  @Override public boolean supportsSchemasInPrivilegeDefinitions() { return false; }
  @Override public boolean supportsCatalogsInDataManipulation() { return false; }
  @Override public boolean supportsCatalogsInProcedureCalls() { return false; }
  @Override public boolean supportsCatalogsInTableDefinitions() { return false; }
  @Override public boolean supportsCatalogsInIndexDefinitions() { return false; }
  @Override public boolean supportsCatalogsInPrivilegeDefinitions() { return false; }
  @Override public boolean supportsPositionedDelete() { return false; }
  @Override public boolean supportsPositionedUpdate() { return false; }
  @Override public boolean supportsSelectForUpdate() { return true; }
  @Override public boolean supportsStoredProcedures() { return false; }
  @Override public boolean supportsSubqueriesInComparisons() { return false; }
  @Override public boolean supportsSubqueriesInExists() { return false; }
  @Override public boolean supportsSubqueriesInIns() { return false; }
  @Override public boolean supportsSubqueriesInQuantifieds() { return false; }
  @Override public boolean supportsCorrelatedSubqueries() { return false; }
  @Override public boolean supportsUnion() { return false; }
  @Override public boolean supportsUnionAll() { return false; }
  @Override public boolean supportsOpenCursorsAcrossCommit() { return false; }
  @Override public boolean supportsOpenCursorsAcrossRollback() { return false; }
  @Override public boolean supportsOpenStatementsAcrossCommit() { return true; }
  @Override public boolean supportsOpenStatementsAcrossRollback() { return true; }
  @Override public int getMaxBinaryLiteralLength() { return 0; }
  @Override public int getMaxCharLiteralLength() { return 0; }
  @Override public int getMaxColumnNameLength() { return 255; }
  @Override public int getMaxColumnsInGroupBy() { return 0; }
  @Override public int getMaxColumnsInIndex() { return 0; }
  @Override public int getMaxColumnsInOrderBy() { return 0; }
  @Override public int getMaxColumnsInSelect() { return 0; }
  @Override public int getMaxColumnsInTable() { return 1000; }
  @Override public int getMaxConnections() { return 0; }
  @Override public int getMaxCursorNameLength() { return 0; }
  @Override public int getMaxIndexLength() { return 0; }
  @Override public int getMaxSchemaNameLength() { return 0; }
  @Override public int getMaxProcedureNameLength() { return 0; }
  @Override public int getMaxCatalogNameLength() { return 0; }
  @Override public int getMaxRowSize() { return 0; }
  @Override public boolean doesMaxRowSizeIncludeBlobs() { return false; }
  @Override public int getMaxStatementLength() { return 16 << 20; }
  @Override public int getMaxStatements() { return 0; }
  @Override public int getMaxTableNameLength() { return 255; }
  @Override public int getMaxTablesInSelect() { return 64; }
  @Override public int getMaxUserNameLength() { return 0; }
  @Override public int getDefaultTransactionIsolation() { return Connection.TRANSACTION_REPEATABLE_READ; }
  @Override public boolean supportsTransactions() { return true; }

  @Override
  public boolean supportsTransactionIsolationLevel(int level) {
    return level == Connection.TRANSACTION_REPEATABLE_READ;
  }

  @Override public boolean supportsDataDefinitionAndDataManipulationTransactions() { return true; }
  @Override public boolean supportsDataManipulationTransactionsOnly() { return false; }
  @Override public boolean dataDefinitionCausesTransactionCommit() { return false; }
  @Override public boolean dataDefinitionIgnoredInTransactions() { return false; }

  @Override
  public boolean supportsResultSetType(int type) {
    return type == ResultSet.TYPE_FORWARD_ONLY;
  }

  @Override
  public boolean supportsResultSetConcurrency(int type, int concurrency) {
    return type == ResultSet.TYPE_FORWARD_ONLY && concurrency == ResultSet.CONCUR_READ_ONLY;
  }

  @Override public boolean ownUpdatesAreVisible(int type) { return false; }
  @Override public boolean ownDeletesAreVisible(int type) { return false; }
  @Override public boolean ownInsertsAreVisible(int type) { return false; }
  @Override public boolean othersUpdatesAreVisible(int type) { return false; }
  @Override public boolean othersDeletesAreVisible(int type) { return false; }
  @Override public boolean othersInsertsAreVisible(int type) { return false; }
  @Override public boolean updatesAreDetected(int type) { return false; }
  @Override public boolean deletesAreDetected(int type) { return false; }
  @Override public boolean insertsAreDetected(int type) { return false; }
  @Override public boolean supportsBatchUpdates() { return true; }
  @Override public boolean supportsSavepoints() { return false; }
  @Override public boolean supportsNamedParameters() { return false; }
  @Override public boolean supportsMultipleOpenResults() { return false; }
  @Override public boolean supportsGetGeneratedKeys() { return true; }

  @Override
  public boolean supportsResultSetHoldability(int holdability) {
    return holdability == ResultSet.CLOSE_CURSORS_AT_COMMIT;
  }

  @Override public int getResultSetHoldability() { return ResultSet.CLOSE_CURSORS_AT_COMMIT; }
  @Override public int getSQLStateType() { return sqlStateSQL; }
  @Override public boolean locatorsUpdateCopy() { return false; }
  @Override public boolean supportsStatementPooling() { return true; }
  @Override public RowIdLifetime getRowIdLifetime() { return RowIdLifetime.ROWID_UNSUPPORTED; }
  @Override public boolean supportsStoredFunctionsUsingCallSyntax() { return false; }
  @Override public boolean autoCommitFailureClosesAllResultSets() { return false; }
  @Override public boolean generatedKeyAlwaysReturned() { return false; }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    return Wrappers.unwrap(this, iface);
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) {
    return iface.isInstance(this);
  }
}
