/*
 * Bridge to one native connection (decentdb_db): the only class besides NativeStmt that calls
 * the generated JavaCPP API. Owns the handle and a lock that serializes native calls on it
 * (the engine allows one thread at a time per connection); turns native error codes into
 * SQLExceptions through ErrorMapper. SQL text crosses as UTF-8 bytes, never modified UTF-8.
 */
package org.decentdb.jdbc.internal.bridge;

import static org.decentdb.global.decentdb.*;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.concurrent.locks.ReentrantLock;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Loader;
import org.decentdb.decentdb_db;
import org.decentdb.decentdb_stmt;
import org.decentdb.jdbc.internal.error.ErrorMapper;

public final class NativeDb {

  private static volatile boolean loaded;

  private final decentdb_db db;
  private final ReentrantLock lock = new ReentrantLock();
  private volatile boolean closed;

  private NativeDb(decentdb_db db) {
    this.db = db;
  }

  /** Loads the JNI library once, with an error that says where it was looked for. */
  public static void ensureLoaded() throws SQLException {
    if (loaded) {
      return;
    }
    synchronized (NativeDb.class) {
      if (loaded) {
        return;
      }
      try {
        Loader.load(org.decentdb.global.decentdb.class);
        loaded = true;
      } catch (Throwable t) {
        String cache = System.getProperty("org.bytedeco.javacpp.cachedir",
            System.getProperty("user.home") + "/.javacpp/cache");
        throw new SQLException("could not load the DecentDB native library for platform "
            + Loader.getPlatform() + " (JavaCPP cache directory: " + cache + "; if that directory"
            + " is not writable or its file system does not allow executables, point the system"
            + " property org.bytedeco.javacpp.cachedir elsewhere): " + t, "08001", t);
      }
    }
  }

  /** Opens a connection; options is the decentdb_open option string. */
  public static NativeDb open(String path, String options) throws SQLException {
    ensureLoaded();
    decentdb_db handle;
    try (BytePointer p = utf8(path); BytePointer o = utf8(options)) {
      handle = decentdb_open(p, o);
    }
    if (handle == null || handle.isNull()) {
      throw ErrorMapper.toException(decentdb_last_error_code(null),
          string(decentdb_last_error_sqlstate(null)),
          "cannot open database " + path + ": " + string(decentdb_last_error_message(null)),
          null, null, false);
    }
    return new NativeDb(handle);
  }

  static BytePointer utf8(String s) {
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    BytePointer p = new BytePointer(bytes.length + 1L);
    p.put(bytes).put(bytes.length, (byte) 0);
    return p;
  }

  static String string(BytePointer p) {
    return p == null || p.isNull() ? "" : p.getString(StandardCharsets.UTF_8);
  }

  public ReentrantLock lock() {
    return lock;
  }

  public boolean isClosed() {
    return closed;
  }

  decentdb_db handle() {
    return db;
  }

  /** The error of the last failed call on this connection. REQUIRES: lock held. */
  SQLException lastError(String sql, Object[] params, boolean timedOut) {
    return ErrorMapper.toException(decentdb_last_error_code(db),
        string(decentdb_last_error_sqlstate(db)), string(decentdb_last_error_message(db)), sql,
        params, timedOut);
  }

  void checkOpen() throws SQLException {
    if (closed) {
      throw ErrorMapper.driverError(ErrorMapper.Kind.NON_TRANSIENT_CONNECTION,
          "the connection is closed", "08003", null);
    }
  }

  /** Compiles one statement (engine SQL with $N parameters). */
  public NativeStmt prepare(String engineSql, String originalSql) throws SQLException {
    lock.lock();
    try {
      checkOpen();
      decentdb_stmt stmt = new decentdb_stmt();
      int rc;
      try (BytePointer p = utf8(engineSql)) {
        rc = decentdb_prepare(db, p, stmt);
      }
      if (rc != DECENTDB_OK) {
        throw lastError(originalSql, null, false);
      }
      return new NativeStmt(this, stmt, engineSql, originalSql);
    } finally {
      lock.unlock();
    }
  }

  /** Runs a script of statements, discarding rows. */
  public void exec(String script) throws SQLException {
    lock.lock();
    try {
      checkOpen();
      int rc;
      try (BytePointer p = utf8(script)) {
        rc = decentdb_exec(db, p);
      }
      if (rc != DECENTDB_OK) {
        throw lastError(script, null, false);
      }
    } finally {
      lock.unlock();
    }
  }

  public long lastInsertRowid() throws SQLException {
    lock.lock();
    try {
      checkOpen();
      return decentdb_last_insert_rowid(db);
    } finally {
      lock.unlock();
    }
  }

  public boolean inTransaction() throws SQLException {
    lock.lock();
    try {
      checkOpen();
      return decentdb_in_transaction(db) == 1;
    } finally {
      lock.unlock();
    }
  }

  /** Switches the engine's read-only mode of this connection (refused inside a transaction). */
  public void setReadOnly(boolean readOnly) throws SQLException {
    lock.lock();
    try {
      checkOpen();
      if (decentdb_set_read_only(db, readOnly ? 1 : 0) != DECENTDB_OK) {
        throw lastError(null, null, false);
      }
    } finally {
      lock.unlock();
    }
  }

  /** Returns the WAL frames readers still needed. */
  public long checkpoint(int mode) throws SQLException {
    lock.lock();
    try {
      checkOpen();
      long[] left = new long[1];
      if (decentdb_checkpoint(db, mode, left) != DECENTDB_OK) {
        throw lastError(null, null, false);
      }
      return left[0];
    } finally {
      lock.unlock();
    }
  }

  /** "ok", or the problems the engine found. */
  public String integrityCheck() throws SQLException {
    lock.lock();
    try {
      checkOpen();
      int rc = decentdb_integrity_check(db);
      if (rc == DECENTDB_OK) {
        return "ok";
      }
      if (rc == DECENTDB_ERR_CORRUPTION) {
        return string(decentdb_last_error_message(db));
      }
      throw lastError(null, null, false);
    } finally {
      lock.unlock();
    }
  }

  /** Asks the running statement to stop. Callable from any thread, without the lock. */
  public void interrupt() {
    if (!closed) {
      decentdb_interrupt(db);
    }
  }

  /** Closes the connection; later calls fail with 08003. Idempotent. */
  public void close() throws SQLException {
    lock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      int rc = decentdb_close(db);
      if (rc != DECENTDB_OK) {
        throw ErrorMapper.driverError(ErrorMapper.Kind.GENERIC,
            "closing the connection failed (native code " + rc + ")", "HY000", null);
      }
    } finally {
      lock.unlock();
    }
  }

  public static String version() throws SQLException {
    ensureLoaded();
    return string(decentdb_version());
  }
}
