// Tests for declared-type resolution (catalog/column_type.h): every name of the
// ENGINE.md §8.1 table, modifiers and their limits, whitespace normalization, rejected
// names, and the rowid-alias rule of §5.1.
#include "catalog/column_type.h"

#include <string>

#include "harness/test.h"

using namespace decentdb;

namespace {

struct Row {
  const char* text;
  ValueType cls;
  LogicalType logical;
};

ColumnType MustResolve(const char* text) {
  Result<ColumnType> r = ResolveDeclaredType(text);
  if (!r.ok()) {
    ddbtest::ReportFailure(__FILE__, __LINE__, std::string("resolve failed: ") + text + ": " +
                                                   r.status().ToString());
    throw ddbtest::AssertionFailed();
  }
  return r.value();
}

}  // namespace

TEST(ColumnType, ResolvesEveryNameOfTheTable) {
  const Row rows[] = {
      {"INTEGER", ValueType::kInt64, LogicalType::kNone},
      {"int", ValueType::kInt64, LogicalType::kNone},
      {"Int2", ValueType::kInt64, LogicalType::kNone},
      {"INT4", ValueType::kInt64, LogicalType::kNone},
      {"int8", ValueType::kInt64, LogicalType::kNone},
      {"BIGINT", ValueType::kInt64, LogicalType::kNone},
      {"smallint", ValueType::kInt64, LogicalType::kNone},
      {"TINYINT", ValueType::kInt64, LogicalType::kNone},
      {"INT64", ValueType::kInt64, LogicalType::kNone},
      {"serial", ValueType::kInt64, LogicalType::kNone},
      {"BIGSERIAL", ValueType::kInt64, LogicalType::kNone},
      {"REAL", ValueType::kFloat64, LogicalType::kNone},
      {"FLOAT4", ValueType::kFloat64, LogicalType::kNone},
      {"FLOAT", ValueType::kFloat64, LogicalType::kNone},
      {"FLOAT(24)", ValueType::kFloat64, LogicalType::kNone},
      {"FLOAT8", ValueType::kFloat64, LogicalType::kNone},
      {"DOUBLE", ValueType::kFloat64, LogicalType::kNone},
      {"double   precision", ValueType::kFloat64, LogicalType::kNone},
      {"FLOAT64", ValueType::kFloat64, LogicalType::kNone},
      {"TEXT", ValueType::kText, LogicalType::kNone},
      {"VARCHAR(40)", ValueType::kText, LogicalType::kNone},
      {"varchar", ValueType::kText, LogicalType::kNone},
      {"CHARACTER VARYING(10)", ValueType::kText, LogicalType::kNone},
      {"CHAR(3)", ValueType::kText, LogicalType::kNone},
      {"CHARACTER(3)", ValueType::kText, LogicalType::kNone},
      {"CLOB", ValueType::kText, LogicalType::kNone},
      {"JSON", ValueType::kText, LogicalType::kNone},
      {"jsonb", ValueType::kText, LogicalType::kNone},
      {"BLOB", ValueType::kBlob, LogicalType::kNone},
      {"BYTEA", ValueType::kBlob, LogicalType::kNone},
      {"BINARY(16)", ValueType::kBlob, LogicalType::kNone},
      {"VARBINARY(255)", ValueType::kBlob, LogicalType::kNone},
      {"BOOLEAN", ValueType::kBool, LogicalType::kNone},
      {"bool", ValueType::kBool, LogicalType::kNone},
      {"TIMESTAMP", ValueType::kInt64, LogicalType::kTimestamp},
      {"timestamp with time zone", ValueType::kInt64, LogicalType::kTimestamp},
      {"TIMESTAMP WITHOUT TIME ZONE", ValueType::kInt64, LogicalType::kTimestamp},
      {"TIMESTAMP(3) WITH TIME ZONE", ValueType::kInt64, LogicalType::kTimestamp},
      {"TIMESTAMPTZ", ValueType::kInt64, LogicalType::kTimestamp},
      {"DATETIME", ValueType::kInt64, LogicalType::kTimestamp},
      {"DATE", ValueType::kInt64, LogicalType::kDate},
      {"TIME", ValueType::kInt64, LogicalType::kTime},
      {"time without time zone", ValueType::kInt64, LogicalType::kTime},
      {"DECIMAL", ValueType::kText, LogicalType::kDecimal},
      {"NUMERIC(10,2)", ValueType::kText, LogicalType::kDecimal},
      {"UUID", ValueType::kBlob, LogicalType::kUuid},
  };
  for (const Row& r : rows) {
    ColumnType t = MustResolve(r.text);
    EXPECT_EQ(static_cast<int>(t.storage()), static_cast<int>(r.cls));
    EXPECT_EQ(static_cast<int>(t.logical()), static_cast<int>(r.logical));
    EXPECT_EQ(t.declared, std::string(r.text));
  }
}

TEST(ColumnType, RecordsModifiers) {
  ColumnType d = MustResolve("DECIMAL(10,2)");
  EXPECT_EQ(d.precision(), 10);
  EXPECT_EQ(d.scale(), 2);
  ColumnType d1 = MustResolve("numeric(5)");
  EXPECT_EQ(d1.precision(), 5);
  EXPECT_EQ(d1.scale(), 0);
  ColumnType d2 = MustResolve("NUMERIC");
  EXPECT_EQ(d2.precision(), -1);
  EXPECT_EQ(d2.scale(), -1);
  EXPECT_EQ(MustResolve("VARCHAR(40)").length, 40);
  EXPECT_EQ(MustResolve("TEXT").length, -1);
  EXPECT_EQ(MustResolve("INT(11)").length, 11);
}

TEST(ColumnType, NormalizesWhitespaceAndKeepsVerbatimText) {
  ColumnType t = MustResolve("  decimal ( 10 ,  2 ) ");
  EXPECT_EQ(t.normalized, std::string("decimal(10,2)"));
  EXPECT_EQ(t.declared, std::string("  decimal ( 10 ,  2 ) "));
  ColumnType ts = MustResolve("TIMESTAMP\t(3)\nWITH   TIME ZONE");
  EXPECT_EQ(ts.normalized, std::string("TIMESTAMP(3) WITH TIME ZONE"));
  EXPECT_EQ(MustResolve("double\tprecision").normalized, std::string("double precision"));
}

TEST(ColumnType, RejectsUnknownNamesAndBadModifiers) {
  const char* bad[] = {
      "", "   ", "STRING", "INTEGERS", "VARCHAR2(10)", "TIME WITH TIME ZONE", "DOUBLE DOUBLE",
      "INT UNSIGNED", "TEXT(10)", "DECIMAL(0)", "DECIMAL(39)", "DECIMAL(5,6)", "DECIMAL(5,-1)",
      "DECIMAL(1,2,3)", "VARCHAR(0)", "VARCHAR(-3)", "FLOAT(54)", "FLOAT(0)", "TIMESTAMP(7)",
      "UUID(16)", "BOOLEAN(1)", "DATE(1)", "VARCHAR(", "VARCHAR(10", "VARCHAR(a)", "(10)",
      "INT;", "TEXT WITH TIME ZONE", "VARCHAR(10)(20)",
  };
  for (const char* text : bad) {
    Result<ColumnType> r = ResolveDeclaredType(text);
    EXPECT_FALSE(r.ok());
    if (!r.ok()) {
      EXPECT_TRUE(r.status().Is(Code::kSql));
      std::string st = r.status().sqlstate();
      EXPECT_TRUE(st == "42704" || st == "22023");
    } else {
      ddbtest::ReportFailure(__FILE__, __LINE__, std::string("accepted: ") + text);
    }
  }
  EXPECT_EQ(std::string(ResolveDeclaredType("STRING").status().sqlstate()), std::string("42704"));
  EXPECT_EQ(std::string(ResolveDeclaredType("DECIMAL(39)").status().sqlstate()),
            std::string("22023"));
}

TEST(ColumnType, RowidAliasOnlyForPlainIntegers) {
  const char* yes[] = {"INTEGER", "INT", "BIGINT", "SMALLINT", "TINYINT", "INT8", "SERIAL",
                       "BIGSERIAL", "INT64", "int4", "INT(11)"};
  for (const char* t : yes) EXPECT_TRUE(IsRowidAliasEligible(MustResolve(t)));
  const char* no[] = {"TIMESTAMP", "DATE", "TIME", "TEXT", "REAL", "DECIMAL(10,0)", "UUID",
                      "BOOLEAN", "BLOB"};
  for (const char* t : no) EXPECT_FALSE(IsRowidAliasEligible(MustResolve(t)));
}

TEST(ColumnType, NamesStaticTypes) {
  EXPECT_EQ(SqlTypeName(SqlType::Of(ValueType::kInt64)), std::string("INT64"));
  EXPECT_EQ(SqlTypeName(SqlType::Logical(LogicalType::kDecimal, 10, 2)),
            std::string("DECIMAL(10,2)"));
  EXPECT_EQ(SqlTypeName(SqlType::Unknown()), std::string("unknown"));
  EXPECT_EQ(static_cast<int>(StorageClassOf(LogicalType::kUuid)), static_cast<int>(ValueType::kBlob));
}
