/*
 * The workloads through plain JDBC as a careful application writes it: one PreparedStatement
 * per query, prepared once and reused, columns read by index into the model beans. Writes run
 * in autocommit mode (one durable commit each); the batch is one transaction.
 */
package org.decentdb.perf.workload;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.decentdb.perf.workload.Model.Album;
import org.decentdb.perf.workload.Model.Artist;
import org.decentdb.perf.workload.Model.Track;
import org.decentdb.perf.workload.Model.TrackDetail;

public final class JdbcQueries implements MusicQueries {

  private final Connection conn;
  private final PreparedStatement pk;
  private final PreparedStatement tracksOfAlbum;
  private final PreparedStatement albumsOfArtistSince;
  private final PreparedStatement tracksPage;
  private final PreparedStatement artistsByNamePage;
  private final PreparedStatement countAlbumsInYear;
  private final PreparedStatement searchTracks;
  private final PreparedStatement tracksAfter;
  private final PreparedStatement trackDetails;
  private final PreparedStatement insertPlay;
  private final PreparedStatement bumpPlayCount;

  public JdbcQueries(Connection conn) throws SQLException {
    this.conn = conn;
    pk = conn.prepareStatement(PK);
    tracksOfAlbum = conn.prepareStatement(TRACKS_OF_ALBUM);
    albumsOfArtistSince = conn.prepareStatement(ALBUMS_OF_ARTIST_SINCE);
    tracksPage = conn.prepareStatement(TRACKS_PAGE);
    artistsByNamePage = conn.prepareStatement(ARTISTS_BY_NAME_PAGE);
    countAlbumsInYear = conn.prepareStatement(COUNT_ALBUMS_IN_YEAR);
    searchTracks = conn.prepareStatement(SEARCH_TRACKS);
    tracksAfter = conn.prepareStatement(TRACKS_AFTER);
    trackDetails = conn.prepareStatement(TRACK_DETAILS_OF_ALBUM);
    insertPlay = conn.prepareStatement(INSERT_PLAY);
    bumpPlayCount = conn.prepareStatement(BUMP_PLAY_COUNT);
  }

  private static Track track(ResultSet rs) throws SQLException {
    Track t = new Track();
    t.setId(rs.getLong(1));
    t.setAlbumId(rs.getLong(2));
    t.setTrackNo(rs.getInt(3));
    t.setTitle(rs.getString(4));
    t.setDurationMs(rs.getInt(5));
    t.setPlayCount(rs.getLong(6));
    return t;
  }

  private static List<Track> tracks(PreparedStatement ps) throws SQLException {
    List<Track> out = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(track(rs));
      }
    }
    return out;
  }

  @Override
  public Track trackById(long id) throws SQLException {
    pk.setLong(1, id);
    try (ResultSet rs = pk.executeQuery()) {
      return rs.next() ? track(rs) : null;
    }
  }

  @Override
  public List<Track> tracksOfAlbum(long albumId) throws SQLException {
    tracksOfAlbum.setLong(1, albumId);
    return tracks(tracksOfAlbum);
  }

  @Override
  public List<Album> albumsOfArtistSince(long artistId, int year) throws SQLException {
    albumsOfArtistSince.setLong(1, artistId);
    albumsOfArtistSince.setInt(2, year);
    List<Album> out = new ArrayList<>();
    try (ResultSet rs = albumsOfArtistSince.executeQuery()) {
      while (rs.next()) {
        Album a = new Album();
        a.setId(rs.getLong(1));
        a.setArtistId(rs.getLong(2));
        a.setTitle(rs.getString(3));
        a.setReleaseYear(rs.getInt(4));
        a.setLabel(rs.getString(5));
        out.add(a);
      }
    }
    return out;
  }

  @Override
  public List<Track> tracksPage(int offset) throws SQLException {
    tracksPage.setInt(1, offset);
    return tracks(tracksPage);
  }

  @Override
  public List<Artist> artistsByNamePage(int offset) throws SQLException {
    artistsByNamePage.setInt(1, offset);
    List<Artist> out = new ArrayList<>();
    try (ResultSet rs = artistsByNamePage.executeQuery()) {
      while (rs.next()) {
        Artist a = new Artist();
        a.setId(rs.getLong(1));
        a.setName(rs.getString(2));
        a.setCountry(rs.getString(3));
        a.setFormedYear(rs.getInt(4));
        out.add(a);
      }
    }
    return out;
  }

  @Override
  public long countAlbumsInYear(int year) throws SQLException {
    countAlbumsInYear.setInt(1, year);
    try (ResultSet rs = countAlbumsInYear.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Override
  public List<Track> searchTracks(String likePattern) throws SQLException {
    searchTracks.setString(1, likePattern);
    List<Track> out = new ArrayList<>();
    try (ResultSet rs = searchTracks.executeQuery()) {
      while (rs.next()) {
        Track t = new Track();
        t.setId(rs.getLong(1));
        t.setTitle(rs.getString(2));
        out.add(t);
      }
    }
    return out;
  }

  @Override
  public List<Track> tracksAfter(long id) throws SQLException {
    tracksAfter.setLong(1, id);
    return tracks(tracksAfter);
  }

  @Override
  public List<TrackDetail> trackDetailsOfAlbum(long albumId) throws SQLException {
    trackDetails.setLong(1, albumId);
    List<TrackDetail> out = new ArrayList<>();
    try (ResultSet rs = trackDetails.executeQuery()) {
      while (rs.next()) {
        TrackDetail d = new TrackDetail();
        d.setTrackId(rs.getLong(1));
        d.setTitle(rs.getString(2));
        d.setAlbumTitle(rs.getString(3));
        d.setArtistName(rs.getString(4));
        out.add(d);
      }
    }
    return out;
  }

  @Override
  public void logPlay(long id, long trackId, long playedAt, int msPlayed) throws SQLException {
    insertPlay.setLong(1, id);
    insertPlay.setLong(2, trackId);
    insertPlay.setLong(3, playedAt);
    insertPlay.setInt(4, msPlayed);
    insertPlay.executeUpdate();
  }

  @Override
  public void logPlays(long firstId, int count) throws SQLException {
    conn.setAutoCommit(false);
    try {
      for (int i = 0; i < count; i++) {
        long id = firstId + i;
        insertPlay.setLong(1, id);
        insertPlay.setLong(2, Plays.track(id));
        insertPlay.setLong(3, Plays.playedAt(id));
        insertPlay.setInt(4, Plays.msPlayed(id));
        insertPlay.addBatch();
      }
      insertPlay.executeBatch();
      conn.commit();
    } finally {
      conn.setAutoCommit(true);
    }
  }

  @Override
  public void bumpPlayCount(long trackId) throws SQLException {
    bumpPlayCount.setLong(1, trackId);
    if (bumpPlayCount.executeUpdate() != 1) {
      throw new IllegalStateException("no track " + trackId);
    }
  }

  @Override
  public long maxPlayId() throws SQLException {
    try (PreparedStatement ps = conn.prepareStatement(MAX_PLAY_ID);
        ResultSet rs = ps.executeQuery()) {
      return rs.next() ? rs.getLong(1) : 0;
    }
  }

  @Override
  public void close() throws SQLException {
    conn.close();
  }
}
