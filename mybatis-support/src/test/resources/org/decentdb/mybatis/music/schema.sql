CREATE TABLE artist (id INTEGER PRIMARY KEY, name TEXT NOT NULL, country TEXT, formed_on DATE);
CREATE TABLE album (id INTEGER PRIMARY KEY, artist_id INTEGER NOT NULL REFERENCES artist (id), title TEXT NOT NULL, released_on DATE, price DECIMAL(8,2));
CREATE TABLE track (id INTEGER PRIMARY KEY, album_id INTEGER NOT NULL REFERENCES album (id), track_no INTEGER NOT NULL, title TEXT NOT NULL, duration_ms INTEGER, explicit_lyrics BOOLEAN, created_at TIMESTAMP);
CREATE INDEX album_title ON album (title);
