/* Keyset pagination test row: score has duplicates and NULLs, title has duplicates. */
package org.decentdb.mybatis.pagination;

public record Song(long id, Integer score, String title) {}
