/*
 * Quick start on the native API: creates a database file, opens it, writes and reads a
 * table when the engine's SQL layer is present, runs a checkpoint and an integrity check,
 * closes, reopens the existing file and prints each step. Usage: NativeApiQuickStart [file].
 */
package org.decentdb.examples;

import static org.decentdb.global.decentdb.*;

import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.LongPointer;
import org.decentdb.decentdb_db;
import org.decentdb.decentdb_stmt;

public final class NativeApiQuickStart {

    private NativeApiQuickStart() {}

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args.length > 0 ? args[0] : "quickstart.ddb").toAbsolutePath();
        Files.createDirectories(file.getParent());
        Files.deleteIfExists(file);
        Files.deleteIfExists(Path.of(file + ".wal"));

        System.out.println("DecentDB engine " + str(decentdb_version()));

        decentdb_db db = decentdb_open(file.toString(), "cache_size=8MB");
        if (db == null || db.isNull()) {
            throw new IllegalStateException("open failed: " + str(decentdb_last_error_message(null)));
        }
        System.out.println("created and opened " + file);

        boolean wroteRows = writeAndReadBack(db);

        try (LongPointer framesLeft = new LongPointer(1)) {
            check(db, decentdb_checkpoint(db, DECENTDB_CHECKPOINT_TRUNCATE, framesLeft), "checkpoint");
            System.out.println("checkpoint: ok (" + framesLeft.get() + " WAL frames left)");
        }
        check(db, decentdb_integrity_check(db), "integrity check");
        System.out.println("integrity check: ok");
        check(db, decentdb_close(db), "close");
        System.out.println("closed; file size " + Files.size(file) + " bytes");

        decentdb_db again = decentdb_open(file.toString(), "create=false;read_only=true");
        if (again == null || again.isNull()) {
            throw new IllegalStateException("reopen failed: " + str(decentdb_last_error_message(null)));
        }
        check(again, decentdb_integrity_check(again), "integrity check after reopen");
        System.out.println("reopened the existing file read-only: integrity check ok");
        if (wroteRows) {
            System.out.println("rows read back after reopening:");
            printRows(again);
        }
        check(again, decentdb_close(again), "close");
        System.out.println("done");
    }

    // Creates a table, inserts two rows with parameters and reads them back; false when the
    // engine has no SQL layer yet (exec then reports SQLSTATE 0A000 and this step says so).
    private static boolean writeAndReadBack(decentdb_db db) {
        int rc = decentdb_exec(db, "CREATE TABLE greeting (id INTEGER PRIMARY KEY, text TEXT NOT NULL)");
        if (rc == DECENTDB_ERR_SQL && "0A000".equals(str(decentdb_last_error_sqlstate(db)))) {
            System.out.println("SQL: " + str(decentdb_last_error_message(db))
                    + " (this engine build has storage only; skipping the table)");
            return false;
        }
        check(db, rc, "create table");
        decentdb_stmt insert = new decentdb_stmt();
        check(db, decentdb_prepare(db, "INSERT INTO greeting (id, text) VALUES ($1, $2)", insert), "prepare");
        String[] texts = {"hello", "world"};
        for (int i = 0; i < texts.length; i++) {
            check(db, decentdb_reset(insert), "reset");
            check(db, decentdb_bind_int64(insert, 1, i + 1), "bind");
            check(db, decentdb_bind_text(insert, 2, texts[i], -1), "bind");
            check(db, decentdb_step(insert), "insert");
        }
        decentdb_finalize(insert);
        System.out.println("inserted " + texts.length + " rows; reading them back:");
        printRows(db);
        return true;
    }

    private static void printRows(decentdb_db db) {
        int rc;
        decentdb_stmt select = new decentdb_stmt();
        check(db, decentdb_prepare(db, "SELECT id, text FROM greeting ORDER BY id", select), "prepare");
        while ((rc = decentdb_step(select)) == DECENTDB_ROW) {
            System.out.println("  row: id=" + decentdb_column_int64(select, 0)
                    + " text=" + str(decentdb_column_text(select, 1, (int[]) null)));
        }
        check(db, rc, "select");
        decentdb_finalize(select);
    }

    private static void check(decentdb_db db, int rc, String what) {
        if (rc < 0) {
            throw new IllegalStateException(what + " failed: code " + rc + ", SQLSTATE "
                    + str(decentdb_last_error_sqlstate(db)) + ": " + str(decentdb_last_error_message(db)));
        }
    }

    private static String str(BytePointer p) {
        return p == null || p.isNull() ? "" : p.getString();
    }
}
