/*
 * Annotation mapper: tracks inserted in batches (generated keys per row), one by id, and keyset
 * pages whose WHERE and ORDER BY come from the KeysetRequest passed as "page".
 */
package org.decentdb.examples.mybatis;

import java.util.List;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Options;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.decentdb.mybatis.pagination.KeysetRequest;

public interface TrackMapper {

  @Insert("INSERT INTO track (album_id, track_no, title, duration_ms, added_at)"
      + " VALUES (#{albumId}, #{trackNo}, #{title}, #{durationMs}, #{addedAt})")
  @Options(useGeneratedKeys = true, keyProperty = "id")
  int insert(Track track);

  @Select("SELECT id, album_id, track_no, title, duration_ms, added_at FROM track WHERE id = #{id}")
  Track findById(long id);

  @Select("SELECT id, album_id, track_no, title, duration_ms, added_at FROM track"
      + " WHERE album_id = #{albumId} AND ${page.where} ORDER BY ${page.orderBy}"
      + " LIMIT #{page.limit}")
  List<Track> page(@Param("albumId") long albumId, @Param("page") KeysetRequest<Track> page);

  @Select("SELECT count(*) FROM track")
  long count();
}
