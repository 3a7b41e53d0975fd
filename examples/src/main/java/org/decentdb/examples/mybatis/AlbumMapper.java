/* XML mapper (AlbumMapper.xml): albums with artist and tracks from one JOIN, dynamic search. */
package org.decentdb.examples.mybatis;

import java.util.List;
import org.apache.ibatis.annotations.Param;

public interface AlbumMapper {

  long insert(Album album);

  Album findWithArtistAndTracks(long id);

  List<Album> findByArtist(long artistId);

  List<Album> search(@Param("title") String title, @Param("maxPrice") java.math.BigDecimal maxPrice);

  int updatePrice(@Param("id") long id, @Param("price") java.math.BigDecimal price);

  String engine();
}
