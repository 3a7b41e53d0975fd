/*
 * The workloads through the raw native API (DecentDB only): the same SQL with $N parameters,
 * one prepared statement each, rows decoded from the batch buffer into the same model beans.
 * This is the floor the JDBC and MyBatis layers are measured against.
 */
package org.decentdb.perf.workload;

import java.util.ArrayList;
import java.util.List;
import org.decentdb.perf.nativeapi.NativeClient;
import org.decentdb.perf.nativeapi.NativeClient.Stmt;
import org.decentdb.perf.nativeapi.NativeClient.Values;
import org.decentdb.perf.workload.Model.Album;
import org.decentdb.perf.workload.Model.Artist;
import org.decentdb.perf.workload.Model.Track;
import org.decentdb.perf.workload.Model.TrackDetail;

public final class NativeQueries implements MusicQueries {

  private final NativeClient client;
  private final Stmt pk;
  private final Stmt tracksOfAlbum;
  private final Stmt albumsOfArtistSince;
  private final Stmt tracksPage;
  private final Stmt artistsByNamePage;
  private final Stmt countAlbumsInYear;
  private final Stmt searchTracks;
  private final Stmt tracksAfter;
  private final Stmt trackDetails;
  private final Stmt insertPlay;
  private final Stmt bumpPlayCount;
  private final Stmt begin;
  private final Stmt commit;

  public NativeQueries(NativeClient client) {
    this.client = client;
    pk = prepare(PK);
    tracksOfAlbum = prepare(TRACKS_OF_ALBUM);
    albumsOfArtistSince = prepare(ALBUMS_OF_ARTIST_SINCE);
    tracksPage = prepare(TRACKS_PAGE);
    artistsByNamePage = prepare(ARTISTS_BY_NAME_PAGE);
    countAlbumsInYear = prepare(COUNT_ALBUMS_IN_YEAR);
    searchTracks = prepare(SEARCH_TRACKS);
    tracksAfter = prepare(TRACKS_AFTER);
    trackDetails = prepare(TRACK_DETAILS_OF_ALBUM);
    insertPlay = prepare(INSERT_PLAY);
    bumpPlayCount = prepare(BUMP_PLAY_COUNT);
    begin = client.prepare("BEGIN");
    commit = client.prepare("COMMIT");
  }

  /** Rewrites the n-th '?' to $n (the shared SQL has no '?' inside literals). */
  static String dollar(String sql) {
    StringBuilder b = new StringBuilder(sql.length() + 8);
    int n = 0;
    for (int i = 0; i < sql.length(); i++) {
      char c = sql.charAt(i);
      if (c == '?') {
        b.append('$').append(++n);
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  private Stmt prepare(String sql) {
    return client.prepare(dollar(sql));
  }

  private static Track track(Values v) {
    Track t = new Track();
    t.setId(v.nextLong());
    t.setAlbumId(v.nextLong());
    t.setTrackNo((int) v.nextLong());
    t.setTitle(v.nextString());
    t.setDurationMs((int) v.nextLong());
    t.setPlayCount(v.nextLong());
    return t;
  }

  private static List<Track> tracks(Stmt s) {
    List<Track> out = new ArrayList<>();
    s.query(v -> out.add(track(v)));
    return out;
  }

  @Override
  public Track trackById(long id) {
    Track[] out = new Track[1];
    pk.bind().set(id).query(v -> out[0] = track(v));
    return out[0];
  }

  @Override
  public List<Track> tracksOfAlbum(long albumId) {
    tracksOfAlbum.bind().set(albumId);
    return tracks(tracksOfAlbum);
  }

  @Override
  public List<Album> albumsOfArtistSince(long artistId, int year) {
    List<Album> out = new ArrayList<>();
    albumsOfArtistSince.bind().set(artistId).set(year).query(v -> {
      Album a = new Album();
      a.setId(v.nextLong());
      a.setArtistId(v.nextLong());
      a.setTitle(v.nextString());
      a.setReleaseYear((int) v.nextLong());
      a.setLabel(v.nextString());
      out.add(a);
    });
    return out;
  }

  @Override
  public List<Track> tracksPage(int offset) {
    tracksPage.bind().set(offset);
    return tracks(tracksPage);
  }

  @Override
  public List<Artist> artistsByNamePage(int offset) {
    List<Artist> out = new ArrayList<>();
    artistsByNamePage.bind().set(offset).query(v -> {
      Artist a = new Artist();
      a.setId(v.nextLong());
      a.setName(v.nextString());
      a.setCountry(v.nextString());
      a.setFormedYear((int) v.nextLong());
      out.add(a);
    });
    return out;
  }

  @Override
  public long countAlbumsInYear(int year) {
    long[] out = new long[1];
    countAlbumsInYear.bind().set(year).query(v -> out[0] = v.nextLong());
    return out[0];
  }

  @Override
  public List<Track> searchTracks(String likePattern) {
    List<Track> out = new ArrayList<>();
    searchTracks.bind().set(likePattern).query(v -> {
      Track t = new Track();
      t.setId(v.nextLong());
      t.setTitle(v.nextString());
      out.add(t);
    });
    return out;
  }

  @Override
  public List<Track> tracksAfter(long id) {
    tracksAfter.bind().set(id);
    return tracks(tracksAfter);
  }

  @Override
  public List<TrackDetail> trackDetailsOfAlbum(long albumId) {
    List<TrackDetail> out = new ArrayList<>();
    trackDetails.bind().set(albumId).query(v -> {
      TrackDetail d = new TrackDetail();
      d.setTrackId(v.nextLong());
      d.setTitle(v.nextString());
      d.setAlbumTitle(v.nextString());
      d.setArtistName(v.nextString());
      out.add(d);
    });
    return out;
  }

  @Override
  public void logPlay(long id, long trackId, long playedAt, int msPlayed) {
    insertPlay.bind().set(id).set(trackId).set(playedAt).set(msPlayed).execute();
  }

  @Override
  public void logPlays(long firstId, int count) {
    begin.bind().execute();
    insertPlay.bind();
    for (int i = 0; i < count; i++) {
      long id = firstId + i;
      if (i > 0) {
        insertPlay.next();
      }
      insertPlay.set(id).set(Plays.track(id)).set(Plays.playedAt(id)).set(Plays.msPlayed(id));
    }
    insertPlay.executeMany();
    commit.bind().execute();
  }

  @Override
  public void bumpPlayCount(long trackId) {
    if (bumpPlayCount.bind().set(trackId).execute() != 1) {
      throw new IllegalStateException("no track " + trackId);
    }
  }

  @Override
  public long maxPlayId() {
    long[] out = new long[1];
    try (Stmt s = client.prepare(MAX_PLAY_ID)) {
      s.bind().query(v -> out[0] = v.nextLong());
    }
    return out[0];
  }

  @Override
  public void close() {
    for (Stmt s : new Stmt[] {pk, tracksOfAlbum, albumsOfArtistSince, tracksPage,
        artistsByNamePage, countAlbumsInYear, searchTracks, tracksAfter, trackDetails,
        insertPlay, bumpPlayCount, begin, commit}) {
      s.close();
    }
    client.close();
  }
}
