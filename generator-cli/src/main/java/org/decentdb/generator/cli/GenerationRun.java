/*
 * One generation: builds a MyBatis Generator configuration through its Java API (one context,
 * MyBatis3Simple runtime, our type resolver, comment generator and plugin, one table entry per
 * selected table), runs it in memory, and returns every file it produced as text keyed by its
 * path relative to the output directory, in sorted order. Nothing is written here.
 */
package org.decentdb.generator.cli;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.decentdb.generator.introspect.Schema;
import org.decentdb.generator.introspect.Table;
import org.decentdb.generator.plugins.DecentCommentGenerator;
import org.decentdb.generator.plugins.DecentDbPlugin;
import org.decentdb.generator.plugins.DecentTypeResolver;
import org.decentdb.generator.plugins.ExtraFiles;
import org.decentdb.generator.plugins.JavaTypeMapping;
import org.decentdb.generator.plugins.Naming;
import org.decentdb.generator.plugins.RunState;
import org.mybatis.generator.api.GeneratedJavaFile;
import org.mybatis.generator.api.GeneratedXmlFile;
import org.mybatis.generator.api.KnownRuntime;
import org.mybatis.generator.api.MyBatisGenerator;
import org.mybatis.generator.api.ProgressCallback;
import org.mybatis.generator.api.dom.DefaultJavaFormatter;
import org.mybatis.generator.api.dom.DefaultXmlFormatter;
import org.mybatis.generator.config.ClientGeneratorConfiguration;
import org.mybatis.generator.config.CommentGeneratorConfiguration;
import org.mybatis.generator.config.Configuration;
import org.mybatis.generator.config.Context;
import org.mybatis.generator.config.GeneratedKey;
import org.mybatis.generator.config.JDBCConnectionConfiguration;
import org.mybatis.generator.config.JavaTypeResolverConfiguration;
import org.mybatis.generator.config.ModelGeneratorConfiguration;
import org.mybatis.generator.config.ModelType;
import org.mybatis.generator.config.PluginConfiguration;
import org.mybatis.generator.config.SqlMapGeneratorConfiguration;
import org.mybatis.generator.config.TableConfiguration;

public final class GenerationRun {

  /** A produced file: path relative to --out (with '/'), its text, and who owns it. */
  public record Output(String path, String content, boolean userOwned) {}

  private final String url;
  private final String user;
  private final String password;
  private final Schema schema;
  private final JavaTypeMapping mapping;
  private final RunState.Options options;
  private final Connection connection;
  private final Consumer<String> progress;

  public GenerationRun(String url, String user, String password, Schema schema,
      JavaTypeMapping mapping, RunState.Options options, Connection connection,
      Consumer<String> progress) {
    this.url = url;
    this.user = user;
    this.password = password;
    this.schema = schema;
    this.mapping = mapping;
    this.options = options;
    this.connection = connection;
    this.progress = progress;
  }

  /** Runs MyBatis Generator and the plugin; returns files sorted by path plus warnings. */
  public Result run() throws Exception {
    String contextId = "decentdb-gen-" + System.identityHashCode(this) + "-" + System.nanoTime();
    RunState state = new RunState(schema, mapping, options, connection);
    RunState.register(contextId, state);
    try {
      Configuration config = new Configuration();
      config.addContext(context(contextId));
      ProgressCallback callback = new ProgressCallback() {
        @Override
        public void startTask(String taskName) {
          if (taskName.startsWith("Introspecting table ")) {
            progress.accept(taskName.substring("Introspecting table ".length()));
          }
        }
      };
      MyBatisGenerator generator = new MyBatisGenerator.Builder()
          .withConfiguration(config)
          .withProgressCallback(callback)
          .build();
      List<String> mbgWarnings;
      try {
        mbgWarnings = generator.generateOnly();
      } catch (org.mybatis.generator.exception.InvalidConfigurationException e) {
        throw new IllegalStateException("MyBatis Generator configuration: " + e.getExtraMessages(), e);
      }
      Map<String, Output> files = new TreeMap<>();
      DefaultJavaFormatter javaFormatter = new DefaultJavaFormatter();
      for (GeneratedJavaFile f : generator.getGeneratedJavaFiles()) {
        String path = f.getTargetPackage().replace('.', '/') + "/" + f.getFileName();
        files.put(path, new Output(path,
            endWithNewline(javaFormatter.getFormattedContent(f.getCompilationUnit())), false));
      }
      DefaultXmlFormatter xmlFormatter = new DefaultXmlFormatter();
      for (GeneratedXmlFile f : generator.getGeneratedXmlFiles()) {
        String path = f.getTargetPackage().replace('.', '/') + "/" + f.getFileName();
        files.put(path, new Output(path,
            endWithNewline(xmlFormatter.getFormattedContent(f.getDocument())), false));
      }
      for (ExtraFiles.File f : new ExtraFiles(state).files()) {
        files.put(f.path(), new Output(f.path(), f.content(), f.userOwned()));
      }
      List<String> warnings = new ArrayList<>(state.warnings());
      for (String w : mbgWarnings) {
        warnings.add(w);
      }
      return new Result(new ArrayList<>(files.values()), warnings);
    } finally {
      RunState.unregister(contextId);
    }
  }

  /** The files of a run in path order and the warnings it printed. */
  public record Result(List<Output> files, List<String> warnings) {}

  private Context context(String contextId) {
    Properties resolverProps = DecentTypeResolver.toProperties(mapping);
    Context.Builder b = new Context.Builder()
        .withId(contextId)
        .withTargetRuntime(KnownRuntime.MYBATIS3_SIMPLE.getAlias())
        .withDefaultModelType(ModelType.FLAT)
        .withJdbcConnectionConfiguration(new JDBCConnectionConfiguration.Builder()
            .withDriverClass(driverClassFor(url))
            .withConnectionURL(url)
            .withUserId(user)
            .withPassword(password)
            .build())
        .withJavaTypeResolverConfiguration(new JavaTypeResolverConfiguration.Builder()
            .withConfigurationType(DecentTypeResolver.class.getName())
            .withProperties(resolverProps)
            .build())
        .withCommentGeneratorConfiguration(new CommentGeneratorConfiguration.Builder()
            .withConfigurationType(DecentCommentGenerator.class.getName())
            .build())
        .withPluginConfiguration(new PluginConfiguration.Builder()
            .withConfigurationType(DecentDbPlugin.class.getName())
            .build())
        .withModelGeneratorConfiguration(new ModelGeneratorConfiguration.Builder()
            .withTargetPackage(options.modelPackage())
            .withTargetProject(".")
            .build())
        .withClientGeneratorConfiguration(new ClientGeneratorConfiguration.Builder()
            .withTargetPackage(options.mapperPackage())
            .withTargetProject(".")
            .withLegacyClientType(options.annotations()
                ? ClientGeneratorConfiguration.LegacyClientType.ANNOTATED_MAPPER
                : ClientGeneratorConfiguration.LegacyClientType.XML_MAPPER)
            .build());
    if (!options.annotations()) {
      b.withSqlMapGeneratorConfiguration(new SqlMapGeneratorConfiguration.Builder()
          .withTargetPackage(options.mapperPackage())
          .withTargetProject(".")
          .build());
    }
    for (Table t : schema.tables()) {
      TableConfiguration.Builder tb = new TableConfiguration.Builder()
          .withTableName(t.name())
          .withDomainObjectName(Naming.className(t.name()))
          .withMapperName(Naming.className(t.name()) + "BaseMapper")
          .withSelectByExampleStatementEnabled(false)
          .withDeleteByExampleStatementEnabled(false)
          .withCountByExampleStatementEnabled(false)
          .withUpdateByExampleStatementEnabled(false);
      // Records where possible: MyBatis cannot write a generated key back into an immutable
      // record, so a table whose key the engine assigns keeps a JavaBean.
      DecentDbPlugin.autoKey(t).ifPresentOrElse(
          col -> tb.withGeneratedKey(new GeneratedKey(col, "JDBC", false)).withModelType("flat"),
          () -> tb.withModelType(options.records() ? "record" : "flat"));
      b.withTableConfiguration(tb.build());
    }
    return b.build();
  }

  private static String endWithNewline(String s) {
    return s.endsWith("\n") ? s : s + "\n";
  }

  static String driverClassFor(String url) {
    if (url.startsWith("jdbc:postgresql:")) {
      return "org.postgresql.Driver";
    }
    return "org.decentdb.jdbc.DecentDBDriver";
  }
}
