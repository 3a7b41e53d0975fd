/*
 * Keyset and offset pages from an annotation mapper and from its XML twin (SongMapper.xml),
 * with the request as @Param("page") or as the only parameter.
 */
package org.decentdb.mybatis.pagination;

import java.util.List;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;

public interface SongMapper {

  @Select("SELECT id, score, title FROM song WHERE ${page.where} ORDER BY ${page.orderBy}"
      + " LIMIT #{page.limit}")
  List<Song> page(@Param("page") KeysetRequest<Song> page);

  /** XML, with a filter beside the keyset predicate. */
  List<Song> pageXml(@Param("page") KeysetRequest<Song> page, @Param("minId") long minId);

  /** XML, the request as the only parameter. */
  List<Song> pageOnly(KeysetRequest<Song> page);

  @Select("SELECT id, score, title FROM song ORDER BY id LIMIT #{page.limit} OFFSET #{page.offset}")
  List<Song> offsetPage(OffsetPage page);
}
