/*
 * Tests of the generated Java API (org.decentdb.global.decentdb) against the real JNI
 * library: open and close a database file, report an unknown option and a failed statement
 * through the error functions, and survive NULL and closed handles without crashing.
 */
package org.decentdb.global;

import static org.assertj.core.api.Assertions.assertThat;
import static org.decentdb.global.decentdb.*;

import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.LongPointer;
import org.decentdb.decentdb_db;
import org.decentdb.decentdb_stmt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NativeApiTest {

    @TempDir
    Path dir;

    private static String str(BytePointer p) {
        return p == null || p.isNull() ? null : p.getString();
    }

    @Test
    void opensChecksAndClosesADatabaseFile() {
        Path file = dir.resolve("test.ddb");
        decentdb_db db = decentdb_open(file.toString(), "cache_size=4MB;busy_timeout_ms=100");
        assertThat(db).isNotNull();
        assertThat(db.isNull()).as(str(decentdb_last_error_message(null))).isFalse();
        assertThat(decentdb_last_error_code(db)).isEqualTo(DECENTDB_OK);
        assertThat(decentdb_integrity_check(db)).isEqualTo(DECENTDB_OK);
        try (LongPointer left = new LongPointer(1)) {
            assertThat(decentdb_checkpoint(db, DECENTDB_CHECKPOINT_TRUNCATE, left))
                    .isEqualTo(DECENTDB_OK);
        }
        assertThat(decentdb_in_transaction(db)).isZero();
        assertThat(decentdb_close(db)).isEqualTo(DECENTDB_OK);
        assertThat(Files.exists(file)).isTrue();

        decentdb_db again = decentdb_open(file.toString(), "create=false");
        assertThat(again.isNull()).as(str(decentdb_last_error_message(null))).isFalse();
        assertThat(decentdb_close(again)).isEqualTo(DECENTDB_OK);
    }

    @Test
    void reportsAnUnknownOptionWithoutOpening() {
        decentdb_db db = decentdb_open(dir.resolve("x.ddb").toString(), "no_such_option=1");
        assertThat(db == null || db.isNull()).isTrue();
        assertThat(decentdb_last_error_code(null)).isEqualTo(DECENTDB_ERR_MISUSE);
        assertThat(str(decentdb_last_error_message(null)))
                .contains("no_such_option")
                .contains("busy_timeout_ms");
    }

    @Test
    void badAndClosedHandlesAreMisuseNotCrashes() {
        assertThat(decentdb_close(null)).isEqualTo(DECENTDB_ERR_MISUSE);
        assertThat(decentdb_close(new decentdb_db())).isEqualTo(DECENTDB_ERR_MISUSE);
        assertThat(decentdb_step(new decentdb_stmt())).isEqualTo(DECENTDB_ERR_MISUSE);

        decentdb_db db = decentdb_open(":memory:", (String) null);
        assertThat(db.isNull()).isFalse();
        assertThat(decentdb_close(db)).isEqualTo(DECENTDB_OK);
        assertThat(decentdb_close(db)).isEqualTo(DECENTDB_ERR_MISUSE);
        assertThat(decentdb_integrity_check(db)).isEqualTo(DECENTDB_ERR_MISUSE);
        assertThat(decentdb_last_error_code(db)).isEqualTo(DECENTDB_ERR_MISUSE);
        assertThat(str(decentdb_last_error_message(db))).contains("closed");
    }

    @Test
    void reportsAFailedStatementWithAnSqlState() {
        decentdb_db db = decentdb_open(":memory:", (String) null);
        assertThat(db.isNull()).isFalse();
        decentdb_stmt stmt = new decentdb_stmt();
        // Not valid SQL in any version of the engine.
        assertThat(decentdb_prepare(db, "THIS IS NOT SQL", stmt)).isEqualTo(DECENTDB_ERR_SQL);
        assertThat(stmt.isNull()).isTrue();
        assertThat(decentdb_last_error_code(db)).isEqualTo(DECENTDB_ERR_SQL);
        assertThat(str(decentdb_last_error_sqlstate(db))).hasSize(5);
        assertThat(str(decentdb_last_error_message(db))).isNotEmpty();
        assertThat(decentdb_close(db)).isEqualTo(DECENTDB_OK);
    }

    @Test
    void reportsTheEngineVersion() {
        assertThat(str(decentdb_version())).matches("\\d+\\.\\d+\\.\\d+.*");
    }
}
