package org.decentdb.examples.generated.mapper;

import org.apache.ibatis.annotations.Mapper;

/**
 * Your mapper for table album. It inherits the generated statements of AlbumBaseMapper;
 * add your own methods here. decentdb-gen creates this file once and never touches it again.
 */
@Mapper
public interface AlbumMapper extends AlbumBaseMapper {
}
