/* Annotation mapper over the "typed" table: every column through the registered handlers. */
package org.decentdb.mybatis.type;

import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Select;

public interface TypedMapper {

  String COLUMNS = "id, instant, local_date_time, offset_date_time, local_date, local_time, uuid,"
      + " amount, flag, mood, level";

  @Insert("INSERT INTO typed (" + COLUMNS + ") VALUES (#{id}, #{instant}, #{localDateTime},"
      + " #{offsetDateTime}, #{localDate}, #{localTime}, #{uuid}, #{amount}, #{flag}, #{mood},"
      + " #{level})")
  int insert(Typed row);

  @Select("SELECT " + COLUMNS + " FROM typed WHERE id = #{id}")
  Typed find(long id);

  /** Per mapping: the CodedEnum stored by name instead of by code. */
  @Insert("INSERT INTO typed (id, mood) VALUES (#{id},"
      + " #{level,typeHandler=org.apache.ibatis.type.EnumTypeHandler})")
  int insertLevelByName(Typed row);

  @Select("SELECT id FROM typed WHERE instant = #{instant} AND uuid = #{uuid} AND level = #{level}")
  Long findByValues(Typed probe);
}
