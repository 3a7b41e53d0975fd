/*
 * MyBatis on DecentDB, end to end: annotation and XML mappers over artists -> albums -> tracks,
 * the graph from one JOIN and through a lazy nested select, dynamic SQL, a databaseId-specific
 * statement, and keyset pagination forward and back. Usage: MusicLibrary [file]; run it with
 * mvn -q -pl examples exec:java -Dexamples.main=org.decentdb.examples.mybatis.MusicLibrary
 */
package org.decentdb.examples.mybatis;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import org.apache.ibatis.session.ExecutorType;
import org.apache.ibatis.session.SqlSession;
import org.decentdb.mybatis.pagination.Keyset;
import org.decentdb.mybatis.pagination.KeysetPage;
import org.decentdb.mybatis.pagination.KeysetRequest;

public final class MusicLibrary {

  private MusicLibrary() {}

  public static void main(String[] args) throws Exception {
    Path file = Path.of(args.length > 0 ? args[0] : "music.ddb");
    try (Library lib = new Library(file)) {
      long queen;
      long opera;
      try (SqlSession s = lib.factory.openSession(true)) {
        ArtistMapper artists = s.getMapper(ArtistMapper.class);
        AlbumMapper albums = s.getMapper(AlbumMapper.class);
        queen = artists.insert(new Artist("Queen", "GB"));
        long abba = artists.insert(new Artist("ABBA", "SE"));
        opera = albums.insert(new Album(queen, "A Night at the Opera", LocalDate.of(1975, 11, 21),
            new BigDecimal("9.99")));
        albums.insert(new Album(queen, "News of the World", LocalDate.of(1977, 10, 28),
            new BigDecimal("8.49")));
        albums.insert(new Album(abba, "Arrival", LocalDate.of(1976, 10, 11),
            new BigDecimal("7.99")));
        System.out.println("artists: " + artists.findAll());
        System.out.println("this mapper runs: " + albums.engine());
      }
      try (SqlSession s = lib.factory.openSession(ExecutorType.BATCH, false)) {
        TrackMapper tracks = s.getMapper(TrackMapper.class);
        String[] titles = {"Death on Two Legs", "Lazing on a Sunday Afternoon", "I'm in Love with My Car",
            "You're My Best Friend", "'39", "Sweet Lady", "Seaside Rendezvous",
            "The Prophet's Song", "Love of My Life", "Good Company", "Bohemian Rhapsody",
            "God Save the Queen"};
        int[] seconds = {223, 68, 185, 172, 210, 243, 135, 501, 219, 203, 355, 78};
        Track first = null;
        for (int i = 0; i < titles.length; i++) {
          Track t = new Track(opera, i + 1, titles[i], seconds[i] * 1000, Instant.now());
          tracks.insert(t);
          first = first == null ? t : first;
        }
        s.commit();
        System.out.println("inserted " + titles.length + " tracks in one batch; first id " + first.id);
      }
      try (SqlSession s = lib.factory.openSession()) {
        Album album = s.getMapper(AlbumMapper.class).findWithArtistAndTracks(opera);
        System.out.println("one JOIN: " + album + " by " + album.artist + ", "
            + album.tracks.size() + " tracks, first " + album.tracks.get(0));
        Artist artist = s.getMapper(ArtistMapper.class).findWithAlbums(queen);
        System.out.println("lazy nested select: " + artist + " -> " + artist.albums);
        System.out.println("albums under 9.00: "
            + s.getMapper(AlbumMapper.class).search(null, new BigDecimal("9.00")));
        System.out.println("albums matching 'World': "
            + s.getMapper(AlbumMapper.class).search("World", null));
      }
      // Keyset pagination: shortest tracks first, id as the tie-breaker; 5 per page.
      Keyset<Track> byDuration = Keyset.builder(Track.class)
          .asc("duration_ms", t -> t.durationMs).notNull()
          .tieBreaker("id", t -> t.id);
      try (SqlSession s = lib.factory.openSession()) {
        TrackMapper tracks = s.getMapper(TrackMapper.class);
        KeysetRequest<Track> request = byDuration.first(5);
        KeysetPage<Track> page = request.toPage(tracks.page(opera, request));
        int n = 1;
        while (true) {
          System.out.println("page " + n + ": " + page.items());
          if (!page.hasNext()) {
            break;
          }
          request = byDuration.page(page.nextCursor(), 5);
          page = request.toPage(tracks.page(opera, request));
          n++;
        }
        request = byDuration.page(page.previousCursor(), 5);
        page = request.toPage(tracks.page(opera, request));
        System.out.println("back to page " + (n - 1) + ": " + page.items());
        System.out.println("(the next-page cursor looks like " + page.nextCursor() + ")");
      }
    }
    System.out.println("done");
  }
}
