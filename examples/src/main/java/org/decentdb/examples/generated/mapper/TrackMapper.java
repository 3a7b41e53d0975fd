package org.decentdb.examples.generated.mapper;

import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;

/**
 * Your mapper for table track. It inherits the generated statements of TrackBaseMapper;
 * add your own methods here. decentdb-gen creates this file once and never touches it again.
 */
@Mapper
public interface TrackMapper extends TrackBaseMapper {

  /** A hand-written statement beside the generated ones (survives regeneration). */
  @Select("SELECT COUNT(*) FROM track WHERE duration_ms > #{ms}")
  long countLongerThan(@Param("ms") long ms);
}
