package org.decentdb.examples.generated.mapper;

import org.apache.ibatis.annotations.Mapper;

/**
 * Your mapper for table artist. It inherits the generated statements of ArtistBaseMapper;
 * add your own methods here. decentdb-gen creates this file once and never touches it again.
 */
@Mapper
public interface ArtistMapper extends ArtistBaseMapper {
}
