/*
 * Test helper: compiles a directory of generated sources (plus extra sources) with
 * javax.tools against the test class path, and loads the result with its XML mappers in one
 * class loader; builds a MyBatis SqlSessionFactory on a DecentDB file for it.
 */
package org.decentdb.generator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.apache.ibatis.datasource.unpooled.UnpooledDataSource;
import org.apache.ibatis.mapping.Environment;
import org.apache.ibatis.session.Configuration;
import org.apache.ibatis.session.SqlSessionFactory;
import org.apache.ibatis.session.SqlSessionFactoryBuilder;
import org.apache.ibatis.transaction.jdbc.JdbcTransactionFactory;
import org.decentdb.mybatis.DecentDB;

final class GeneratedSources {
  private GeneratedSources() {}

  /** Compiles every .java under sourceRoot plus extras into classes; fails with javac output. */
  static URLClassLoader compile(Path sourceRoot, Path classes, Path... extras)
      throws IOException {
    List<Path> sources = new ArrayList<>();
    try (Stream<Path> s = Files.walk(sourceRoot)) {
      s.filter(p -> p.toString().endsWith(".java")).sorted().forEach(sources::add);
    }
    sources.addAll(List.of(extras));
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    StringWriter diagnostics = new StringWriter();
    try (StandardJavaFileManager fm = javac.getStandardFileManager(null, null, null)) {
      List<String> options = List.of("-d", classes.toString(), "-classpath",
          System.getProperty("java.class.path"), "-Xlint:all", "-Werror");
      boolean ok = javac.getTask(diagnostics, fm, null, options, null,
          fm.getJavaFileObjectsFromPaths(sources)).call();
      assertThat(ok).as("generated sources compile without warnings:%n%s", diagnostics)
          .isTrue();
    }
    return new URLClassLoader(new URL[] {classes.toUri().toURL(), sourceRoot.toUri().toURL()},
        GeneratedSources.class.getClassLoader());
  }

  /** A session factory on the database with DecentDB's handlers and the generated mappers. */
  static SqlSessionFactory factory(ClassLoader loader, String basePackage, String url)
      throws Exception {
    return factory(loader, basePackage, "org.decentdb.jdbc.DecentDBDriver", url, null, true);
  }

  /** The same on any driver; decentdb: register DecentDB's handlers (DecentDB.configure). */
  static SqlSessionFactory factory(ClassLoader loader, String basePackage, String driver,
      String url, String user, boolean decentdb) throws Exception {
    UnpooledDataSource ds = new UnpooledDataSource(driver, url, user, null);
    Configuration cfg = new Configuration(new Environment("test",
        new JdbcTransactionFactory(), ds));
    if (decentdb) {
      DecentDB.configure(cfg);
    }
    ClassLoader previous = Thread.currentThread().getContextClassLoader();
    Thread.currentThread().setContextClassLoader(loader);
    try {
      Class<?> mappers = Class.forName(basePackage + ".mapper.Mappers", true, loader);
      mappers.getMethod("addTo", Configuration.class).invoke(null, cfg);
    } finally {
      Thread.currentThread().setContextClassLoader(previous);
    }
    return new SqlSessionFactoryBuilder().build(cfg);
  }
}
