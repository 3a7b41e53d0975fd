/*
 * Test fixture: a music-library schema with a composite primary key, single and composite
 * foreign keys, unique and non-unique indexes (one composite), and every declared type the
 * generator maps (INTEGER, BIGINT, VARCHAR, TEXT, DATE, TIME, TIMESTAMP, BOOLEAN, DECIMAL,
 * UUID, DOUBLE PRECISION, REAL, BLOB).
 */
package org.decentdb.generator.cli;

final class MusicSchema {
  private MusicSchema() {}

  static final String[] DDL = {
    "CREATE TABLE artist (id INTEGER PRIMARY KEY, name VARCHAR(100) NOT NULL, country TEXT,"
        + " born DATE, active BOOLEAN NOT NULL, created_at TIMESTAMP NOT NULL)",
    "CREATE UNIQUE INDEX artist_name_uq ON artist (name)",
    "CREATE INDEX artist_country_ix ON artist (country)",
    "CREATE TABLE album (artist_id INTEGER NOT NULL REFERENCES artist (id),"
        + " album_no INTEGER NOT NULL, title TEXT NOT NULL, released DATE,"
        + " price DECIMAL(10,2), PRIMARY KEY (artist_id, album_no))",
    "CREATE INDEX album_title_ix ON album (title)",
    "CREATE TABLE track (id BIGINT PRIMARY KEY, artist_id INTEGER NOT NULL,"
        + " album_no INTEGER NOT NULL, title TEXT NOT NULL, duration_ms INTEGER NOT NULL,"
        + " uid UUID NOT NULL, starts_at TIME, rating DOUBLE PRECISION, gain REAL,"
        + " cover BLOB, FOREIGN KEY (artist_id, album_no) REFERENCES album (artist_id, album_no))",
    "CREATE INDEX track_album_ix ON track (artist_id, album_no)",
    "CREATE UNIQUE INDEX track_uid_uq ON track (uid)",
    "CREATE INDEX track_duration_ix ON track (duration_ms)",
  };
}
