/*
 * An enum whose constants carry a stable numeric code, stored as INT64 by EnumCodeTypeHandler
 * instead of the constant's name. Codes must be unique within the enum and must never change
 * once written; renaming or reordering constants is then safe.
 */
package org.decentdb.mybatis.type;

public interface CodedEnum {

  /** The code stored for this constant. */
  long code();
}
