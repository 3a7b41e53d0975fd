/*
 * Annotation mapper: artist CRUD. The insert is DecentDB's INSERT ... RETURNING read as a
 * query (it returns the new id); the result map builds artists with their albums from one JOIN.
 */
package org.decentdb.examples.mybatis;

import java.util.List;
import org.apache.ibatis.annotations.Delete;
import org.apache.ibatis.annotations.Many;
import org.apache.ibatis.annotations.Options;
import org.apache.ibatis.annotations.Result;
import org.apache.ibatis.annotations.Results;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

public interface ArtistMapper {

  @Select("INSERT INTO artist (name, country) VALUES (#{name}, #{country}) RETURNING id")
  @Options(flushCache = Options.FlushCachePolicy.TRUE)
  long insert(Artist artist);

  @Select("SELECT id, name, country FROM artist WHERE id = #{id}")
  Artist findById(long id);

  @Select("SELECT id, name, country FROM artist ORDER BY name")
  List<Artist> findAll();

  /** Artists with their albums, lazily through AlbumMapper.findByArtist (a nested select). */
  @Select("SELECT id, name, country FROM artist WHERE id = #{id}")
  @Results(id = "artistWithAlbums", value = {
      @Result(property = "id", column = "id", id = true),
      @Result(property = "albums", column = "id", javaType = List.class,
          many = @Many(select = "org.decentdb.examples.mybatis.AlbumMapper.findByArtist"))})
  Artist findWithAlbums(long id);

  @Update("UPDATE artist SET name = #{name}, country = #{country} WHERE id = #{id}")
  int update(Artist artist);

  @Delete("DELETE FROM artist WHERE id = #{id}")
  int delete(long id);
}
