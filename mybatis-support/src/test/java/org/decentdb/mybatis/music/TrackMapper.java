/* Music-library XML mapper (TrackMapper.xml): tracks by album, inserts for batches. */
package org.decentdb.mybatis.music;

import java.util.List;
import org.apache.ibatis.cursor.Cursor;

public interface TrackMapper {

  int insert(Track track);

  List<Track> findByAlbum(long albumId);

  Cursor<Track> scanAll();

  long count();

  long countByAlbum(long albumId);
}
