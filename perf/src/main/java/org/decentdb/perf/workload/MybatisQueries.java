/*
 * The workloads through plain MyBatis: one SqlSessionFactory with default settings except
 * mapUnderscoreToCamelCase and a STATEMENT-scoped local cache (so repeated lookups really
 * reach the database), the default SIMPLE executor (it prepares a statement for every call)
 * over the benchmark's connection, and a BATCH-executor session for the batch insert;
 * optionally with decentdb-mybatis' fast row mapping in place of automapping.
 */
package org.decentdb.perf.workload;

import java.sql.Connection;
import java.util.List;
import org.apache.ibatis.mapping.Environment;
import org.apache.ibatis.session.Configuration;
import org.apache.ibatis.session.ExecutorType;
import org.apache.ibatis.session.LocalCacheScope;
import org.apache.ibatis.session.SqlSession;
import org.apache.ibatis.session.SqlSessionFactory;
import org.apache.ibatis.session.SqlSessionFactoryBuilder;
import org.apache.ibatis.transaction.jdbc.JdbcTransactionFactory;
import org.decentdb.mybatis.mapping.FastRowMapping;
import org.decentdb.perf.workload.Model.Album;
import org.decentdb.perf.workload.Model.Artist;
import org.decentdb.perf.workload.Model.Track;
import org.decentdb.perf.workload.Model.TrackDetail;

public final class MybatisQueries implements MusicQueries {

  private final Connection conn;
  private final SqlSession session;
  private final SqlSession batchSession;
  private final MusicMapper mapper;
  private final MusicMapper batchMapper;

  public MybatisQueries(Connection conn) {
    this(conn, false);
  }

  /**
   * With fastRowMapping, results map through decentdb-mybatis' FastRowMapping (precomputed
   * setters) instead of MyBatis' reflective automapping; nothing else changes.
   */
  public MybatisQueries(Connection conn, boolean fastRowMapping) {
    this.conn = conn;
    Configuration config = new Configuration(
        new Environment("perf", new JdbcTransactionFactory(), new NoDataSource()));
    config.setMapUnderscoreToCamelCase(true);
    config.setLocalCacheScope(LocalCacheScope.STATEMENT);
    config.setCacheEnabled(false);
    config.addMapper(MusicMapper.class);
    if (fastRowMapping) {
      FastRowMapping.enable(config, Track.class, Album.class, Artist.class, TrackDetail.class);
    }
    SqlSessionFactory factory = new SqlSessionFactoryBuilder().build(config);
    session = factory.openSession(conn);
    batchSession = factory.openSession(ExecutorType.BATCH, conn);
    mapper = session.getMapper(MusicMapper.class);
    batchMapper = batchSession.getMapper(MusicMapper.class);
  }

  @Override
  public Track trackById(long id) {
    return mapper.trackById(id);
  }

  @Override
  public List<Track> tracksOfAlbum(long albumId) {
    return mapper.tracksOfAlbum(albumId);
  }

  @Override
  public List<Album> albumsOfArtistSince(long artistId, int year) {
    return mapper.albumsOfArtistSince(artistId, year);
  }

  @Override
  public List<Track> tracksPage(int offset) {
    return mapper.tracksPage(offset);
  }

  @Override
  public List<Artist> artistsByNamePage(int offset) {
    return mapper.artistsByNamePage(offset);
  }

  @Override
  public long countAlbumsInYear(int year) {
    return mapper.countAlbumsInYear(year);
  }

  @Override
  public List<Track> searchTracks(String likePattern) {
    return mapper.searchTracks(likePattern);
  }

  @Override
  public List<Track> tracksAfter(long id) {
    return mapper.tracksAfter(id);
  }

  @Override
  public List<TrackDetail> trackDetailsOfAlbum(long albumId) {
    return mapper.trackDetailsOfAlbum(albumId);
  }

  @Override
  public void logPlay(long id, long trackId, long playedAt, int msPlayed) {
    mapper.logPlay(id, trackId, playedAt, msPlayed);
  }

  @Override
  public void logPlays(long firstId, int count) throws Exception {
    conn.setAutoCommit(false);
    try {
      for (int i = 0; i < count; i++) {
        long id = firstId + i;
        batchMapper.logPlay(id, Plays.track(id), Plays.playedAt(id), Plays.msPlayed(id));
      }
      batchSession.flushStatements();
      conn.commit();
    } finally {
      conn.setAutoCommit(true);
    }
  }

  @Override
  public void bumpPlayCount(long trackId) {
    if (mapper.bumpPlayCount(trackId) != 1) {
      throw new IllegalStateException("no track " + trackId);
    }
  }

  @Override
  public long maxPlayId() {
    Long max = mapper.maxPlayId();
    return max == null ? 0 : max;
  }

  @Override
  public void close() {
    batchSession.close();
    session.close();
  }

  /** Sessions here are always opened on an explicit connection; this is never asked. */
  private static final class NoDataSource extends org.apache.ibatis.datasource.unpooled.UnpooledDataSource {
  }
}
