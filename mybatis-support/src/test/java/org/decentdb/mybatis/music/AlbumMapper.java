/* Music-library XML mapper (AlbumMapper.xml): albums with artist and tracks, dynamic search. */
package org.decentdb.mybatis.music;

import java.util.List;
import org.apache.ibatis.annotations.Param;

public interface AlbumMapper {

  int insert(Album album);

  int insertWithId(Album album);

  int insertAll(@Param("albums") List<Album> albums);

  Album findById(long id);

  Album findWithArtistAndTracks(long id);

  Album findLazy(long id);

  List<Album> search(@Param("title") String title, @Param("artistIds") List<Long> artistIds,
      @Param("releasedAfter") java.time.LocalDate releasedAfter);

  int update(Album album);

  int delete(long id);

  String engineName();
}
