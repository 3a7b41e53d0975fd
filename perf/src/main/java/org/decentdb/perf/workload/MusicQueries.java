/*
 * The workloads of the perf lab as one interface, implemented once per API (plain JDBC,
 * MyBatis, the raw native API) with the same SQL, so a benchmark differs only in the layer
 * it goes through. Reads return the mapped rows; writes return nothing.
 */
package org.decentdb.perf.workload;

import java.util.List;
import org.decentdb.perf.workload.Model.Album;
import org.decentdb.perf.workload.Model.Artist;
import org.decentdb.perf.workload.Model.Track;
import org.decentdb.perf.workload.Model.TrackDetail;

public interface MusicQueries extends AutoCloseable {

  /** Page size of the paginated, sorted + paginated and keyset workloads. */
  int PAGE = 20;

  String PK = "SELECT * FROM tracks WHERE id = ?";
  String TRACKS_OF_ALBUM = "SELECT * FROM tracks WHERE album_id = ? ORDER BY track_no";
  String ALBUMS_OF_ARTIST_SINCE =
      "SELECT * FROM albums WHERE artist_id = ? AND release_year >= ?";
  String TRACKS_PAGE = "SELECT * FROM tracks ORDER BY id LIMIT " + PAGE + " OFFSET ?";
  String ARTISTS_BY_NAME_PAGE =
      "SELECT * FROM artists ORDER BY name LIMIT " + PAGE + " OFFSET ?";
  String COUNT_ALBUMS_IN_YEAR = "SELECT COUNT(*) FROM albums WHERE release_year = ?";
  String SEARCH_TRACKS = "SELECT id, title FROM tracks WHERE title LIKE ?";
  String TRACKS_AFTER = "SELECT * FROM tracks WHERE id > ? ORDER BY id LIMIT " + PAGE;
  String TRACK_DETAILS_OF_ALBUM = "SELECT t.id AS track_id, t.title AS title,"
      + " a.title AS album_title, r.name AS artist_name FROM tracks t"
      + " JOIN albums a ON a.id = t.album_id JOIN artists r ON r.id = a.artist_id"
      + " WHERE t.album_id = ?";
  String INSERT_PLAY =
      "INSERT INTO play_log (id, track_id, played_at, ms_played) VALUES (?, ?, ?, ?)";
  String BUMP_PLAY_COUNT = "UPDATE tracks SET play_count = play_count + 1 WHERE id = ?";
  String MAX_PLAY_ID = "SELECT MAX(id) FROM play_log";

  Track trackById(long id) throws Exception;

  List<Track> tracksOfAlbum(long albumId) throws Exception;

  List<Album> albumsOfArtistSince(long artistId, int year) throws Exception;

  List<Track> tracksPage(int offset) throws Exception;

  List<Artist> artistsByNamePage(int offset) throws Exception;

  long countAlbumsInYear(int year) throws Exception;

  List<Track> searchTracks(String likePattern) throws Exception;

  List<Track> tracksAfter(long id) throws Exception;

  List<TrackDetail> trackDetailsOfAlbum(long albumId) throws Exception;

  /** One durable single-row insert (autocommit). */
  void logPlay(long id, long trackId, long playedAt, int msPlayed) throws Exception;

  /** count rows with ids firstId.. in one batch and one transaction. */
  void logPlays(long firstId, int count) throws Exception;

  /** One durable update by primary key (autocommit). */
  void bumpPlayCount(long trackId) throws Exception;

  /** The largest play_log id, or 0. */
  long maxPlayId() throws Exception;

  @Override
  void close() throws Exception;
}
