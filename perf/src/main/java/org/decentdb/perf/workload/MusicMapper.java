/*
 * The workloads as a plain MyBatis annotation mapper (automapping with
 * mapUnderscoreToCamelCase), the way an application writes one; same SQL as MusicQueries.
 */
package org.decentdb.perf.workload;

import java.util.List;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;
import org.decentdb.perf.workload.Model.Album;
import org.decentdb.perf.workload.Model.Artist;
import org.decentdb.perf.workload.Model.Track;
import org.decentdb.perf.workload.Model.TrackDetail;

public interface MusicMapper {

  @Select("SELECT * FROM tracks WHERE id = #{id}")
  Track trackById(long id);

  @Select("SELECT * FROM tracks WHERE album_id = #{albumId} ORDER BY track_no")
  List<Track> tracksOfAlbum(long albumId);

  @Select("SELECT * FROM albums WHERE artist_id = #{artistId} AND release_year >= #{year}")
  List<Album> albumsOfArtistSince(@Param("artistId") long artistId, @Param("year") int year);

  @Select("SELECT * FROM tracks ORDER BY id LIMIT " + MusicQueries.PAGE + " OFFSET #{offset}")
  List<Track> tracksPage(int offset);

  @Select("SELECT * FROM artists ORDER BY name LIMIT " + MusicQueries.PAGE + " OFFSET #{offset}")
  List<Artist> artistsByNamePage(int offset);

  @Select("SELECT COUNT(*) FROM albums WHERE release_year = #{year}")
  long countAlbumsInYear(int year);

  @Select("SELECT id, title FROM tracks WHERE title LIKE #{pattern}")
  List<Track> searchTracks(String pattern);

  @Select("SELECT * FROM tracks WHERE id > #{id} ORDER BY id LIMIT " + MusicQueries.PAGE)
  List<Track> tracksAfter(long id);

  @Select("SELECT t.id AS track_id, t.title AS title, a.title AS album_title,"
      + " r.name AS artist_name FROM tracks t JOIN albums a ON a.id = t.album_id"
      + " JOIN artists r ON r.id = a.artist_id WHERE t.album_id = #{albumId}")
  List<TrackDetail> trackDetailsOfAlbum(long albumId);

  @Insert("INSERT INTO play_log (id, track_id, played_at, ms_played)"
      + " VALUES (#{id}, #{trackId}, #{playedAt}, #{msPlayed})")
  int logPlay(@Param("id") long id, @Param("trackId") long trackId,
      @Param("playedAt") long playedAt, @Param("msPlayed") int msPlayed);

  @Update("UPDATE tracks SET play_count = play_count + 1 WHERE id = #{id}")
  int bumpPlayCount(long id);

  @Select("SELECT MAX(id) FROM play_log")
  Long maxPlayId();
}
