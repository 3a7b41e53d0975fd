/* Music-library annotation mapper: artist CRUD without XML. */
package org.decentdb.mybatis.music;

import java.util.List;
import org.apache.ibatis.annotations.Delete;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Options;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

public interface ArtistMapper {

  @Insert("INSERT INTO artist (name, country, formed_on) VALUES (#{name}, #{country}, #{formedOn})")
  @Options(useGeneratedKeys = true, keyProperty = "id")
  int insert(Artist artist);

  @Insert("INSERT INTO artist (id, name, country, formed_on)"
      + " VALUES (#{id}, #{name}, #{country}, #{formedOn})")
  int insertWithId(Artist artist);

  @Select("SELECT id, name, country, formed_on FROM artist WHERE id = #{id}")
  Artist findById(long id);

  @Select("SELECT id, name, country, formed_on FROM artist ORDER BY name, id")
  List<Artist> findAll();

  @Update("UPDATE artist SET name = #{name}, country = #{country}, formed_on = #{formedOn}"
      + " WHERE id = #{id}")
  int update(Artist artist);

  @Delete("DELETE FROM artist WHERE id = #{id}")
  int delete(long id);

  @Select("SELECT count(*) FROM artist")
  long count();
}
