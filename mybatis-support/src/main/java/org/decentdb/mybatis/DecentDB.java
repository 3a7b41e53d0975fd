/*
 * Entry point of the MyBatis support: one call registers the type handlers of
 * org.decentdb.mybatis.type on a Configuration (never replacing a handler the application set)
 * and sets the databaseId; databaseIdProvider() maps product names to databaseIds. Design:
 * README.md, section "MyBatis".
 */
package org.decentdb.mybatis;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.Properties;
import java.util.UUID;
import org.apache.ibatis.exceptions.PersistenceException;
import org.apache.ibatis.mapping.DatabaseIdProvider;
import org.apache.ibatis.mapping.Environment;
import org.apache.ibatis.mapping.VendorDatabaseIdProvider;
import org.apache.ibatis.session.Configuration;
import org.apache.ibatis.type.TypeHandler;
import org.apache.ibatis.type.TypeHandlerRegistry;
import org.decentdb.mybatis.type.BigDecimalTypeHandler;
import org.decentdb.mybatis.type.BooleanTypeHandler;
import org.decentdb.mybatis.type.CodedEnum;
import org.decentdb.mybatis.type.EnumCodeTypeHandler;
import org.decentdb.mybatis.type.InstantTypeHandler;
import org.decentdb.mybatis.type.LocalDateTimeTypeHandler;
import org.decentdb.mybatis.type.LocalDateTypeHandler;
import org.decentdb.mybatis.type.LocalTimeTypeHandler;
import org.decentdb.mybatis.type.OffsetDateTimeTypeHandler;
import org.decentdb.mybatis.type.UuidTypeHandler;

public final class DecentDB {

  /** The product name the driver reports (DatabaseMetaData.getDatabaseProductName()). */
  public static final String PRODUCT_NAME = "DecentDB";

  /** The databaseId of DecentDB statements in mappers: databaseId="decentdb". */
  public static final String DATABASE_ID = "decentdb";

  /** The package to name in XML: {@code <typeHandlers><package name="..."/></typeHandlers>}. */
  public static final String TYPE_HANDLER_PACKAGE = "org.decentdb.mybatis.type";

  private static final String MYBATIS_TYPE_PACKAGE = "org.apache.ibatis.type.";

  private DecentDB() {}

  /**
   * Registers the DecentDB type handlers and, when the configuration has an environment and no
   * databaseId yet, sets the databaseId from databaseIdProvider(). A Java type keeps its handler
   * when the application already registered one of its own (any handler outside MyBatis'
   * built-in package); MyBatis' defaults are replaced. Call it before adding mappers: MyBatis
   * resolves handlers and databaseIds when it parses a mapper.
   *
   * @return the configuration, for chaining
   */
  public static Configuration configure(Configuration configuration) {
    TypeHandlerRegistry registry = configuration.getTypeHandlerRegistry();
    registerUnlessSet(registry, Instant.class, new InstantTypeHandler());
    registerUnlessSet(registry, LocalDateTime.class, new LocalDateTimeTypeHandler());
    registerUnlessSet(registry, OffsetDateTime.class, new OffsetDateTimeTypeHandler());
    registerUnlessSet(registry, LocalDate.class, new LocalDateTypeHandler());
    registerUnlessSet(registry, LocalTime.class, new LocalTimeTypeHandler());
    registerUnlessSet(registry, UUID.class, new UuidTypeHandler());
    registerUnlessSet(registry, BigDecimal.class, new BigDecimalTypeHandler());
    registerUnlessSet(registry, Boolean.class, new BooleanTypeHandler());
    registerUnlessSet(registry, boolean.class, new BooleanTypeHandler());
    registerUnlessSet(registry, CodedEnum.class, codedEnumHandler());
    Environment env = configuration.getEnvironment();
    if (env != null && configuration.getDatabaseId() == null) {
      try {
        configuration.setDatabaseId(databaseIdProvider().getDatabaseId(env.getDataSource()));
      } catch (SQLException e) {
        throw new PersistenceException("cannot read the database product name", e);
      }
    }
    return configuration;
  }

  /**
   * A VendorDatabaseIdProvider mapping DecentDB to "decentdb" (and the usual peers to their
   * lower-case names), so one mapper can carry DecentDB statements beside portable ones. The
   * XML form is {@code <databaseIdProvider type="DB_VENDOR"><property name="DecentDB"
   * value="decentdb"/></databaseIdProvider>}.
   */
  public static DatabaseIdProvider databaseIdProvider() {
    Properties p = new Properties();
    p.setProperty(PRODUCT_NAME, DATABASE_ID);
    p.setProperty("H2", "h2");
    p.setProperty("SQLite", "sqlite");
    p.setProperty("HSQL Database Engine", "hsqldb");
    p.setProperty("PostgreSQL", "postgresql");
    p.setProperty("MySQL", "mysql");
    p.setProperty("DuckDB", "duckdb");
    VendorDatabaseIdProvider provider = new VendorDatabaseIdProvider();
    provider.setProperties(p);
    return provider;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static TypeHandler<CodedEnum> codedEnumHandler() {
    return (TypeHandler) new EnumCodeTypeHandler<>(CodedEnum.class);
  }

  private static <T> void registerUnlessSet(TypeHandlerRegistry registry, Class<T> type,
      TypeHandler<? extends T> handler) {
    TypeHandler<?> current = registry.getTypeHandler(type);
    if (current == null || current.getClass().getName().startsWith(MYBATIS_TYPE_PACKAGE)) {
      registry.register(type, handler);
    }
  }
}
