// Tests for the M1 scalar functions (exec/scalar_functions.cc) through parser, binder and
// evaluator: every function with ordinary, NULL, empty, non-ASCII and edge-case inputs.
#include <string>
#include <vector>

#include "exec/eval_test_util.h"
#include "harness/test.h"

using namespace decentdb;
using evaltest::Eval;

// s = 'héllo' (5 code points, 6 bytes); ns is NULL.

TEST(Functions, Length) {
  EXPECT_EQ(Eval("LENGTH(s)"), "INT64:5");
  EXPECT_EQ(Eval("CHAR_LENGTH(s)"), "INT64:5");
  EXPECT_EQ(Eval("character_length('')"), "INT64:0");
  EXPECT_EQ(Eval("OCTET_LENGTH(s)"), "INT64:6");
  EXPECT_EQ(Eval("LENGTH('\xF0\x9F\x98\x80x')"), "INT64:2");  // astral code point
  EXPECT_EQ(Eval("LENGTH(x)"), "INT64:2");
  EXPECT_EQ(Eval("OCTET_LENGTH(x)"), "INT64:2");
  EXPECT_EQ(Eval("LENGTH(ns)"), "NULL");
  EXPECT_EQ(Eval("OCTET_LENGTH(NULL)"), "NULL");
  EXPECT_EQ(Eval("LENGTH($1)", {ValueRef::Int64(12345)}), "INT64:5");
}

TEST(Functions, LowerUpper) {
  EXPECT_EQ(Eval("UPPER(s)"), "TEXT:H\xC3\x89LLO");
  EXPECT_EQ(Eval("LOWER('\xC3\x84pfel \xCE\xA3')"), "TEXT:\xC3\xA4pfel \xCF\x83");
  EXPECT_EQ(Eval("UPPER('stra\xC3\x9F" "e')"), "TEXT:STRA\xC3\x9F" "E");  // no 1:n mapping
  EXPECT_EQ(Eval("LOWER('ABC')"), "TEXT:abc");
  EXPECT_EQ(Eval("upper('')"), "TEXT:");
  EXPECT_EQ(Eval("UPPER(ns)"), "NULL");
}

TEST(Functions, Trim) {
  EXPECT_EQ(Eval("TRIM('  a b  ')"), "TEXT:a b");
  EXPECT_EQ(Eval("TRIM(BOTH FROM '  a  ')"), "TEXT:a");
  EXPECT_EQ(Eval("TRIM(LEADING FROM '  a  ')"), "TEXT:a  ");
  EXPECT_EQ(Eval("TRIM(TRAILING FROM '  a  ')"), "TEXT:  a");
  EXPECT_EQ(Eval("TRIM('xy' FROM 'xyxaxyy')"), "TEXT:a");
  EXPECT_EQ(Eval("TRIM(LEADING 'x' FROM 'xxaxx')"), "TEXT:axx");
  EXPECT_EQ(Eval("TRIM(BOTH '\xC3\xA9' FROM '\xC3\xA9" "a\xC3\xA9\xC3\xA9')"), "TEXT:a");
  EXPECT_EQ(Eval("LTRIM('  a  ')"), "TEXT:a  ");
  EXPECT_EQ(Eval("RTRIM('  a  ')"), "TEXT:  a");
  EXPECT_EQ(Eval("LTRIM('xxa', 'x')"), "TEXT:a");
  EXPECT_EQ(Eval("RTRIM('a\xE2\x82\xAC\xE2\x82\xAC', '\xE2\x82\xAC')"), "TEXT:a");
  EXPECT_EQ(Eval("BTRIM('  ')"), "TEXT:");
  EXPECT_EQ(Eval("TRIM('' FROM ' a ')"), "TEXT: a ");
  EXPECT_EQ(Eval("TRIM(ns)"), "NULL");
  EXPECT_EQ(Eval("TRIM(NULL FROM 'a')"), "NULL");
  EXPECT_EQ(Eval("LTRIM(i)"), "ERR 42883");
}

TEST(Functions, Substring) {
  EXPECT_EQ(Eval("SUBSTRING(s FROM 2 FOR 3)"), "TEXT:\xC3\xA9ll");
  EXPECT_EQ(Eval("SUBSTRING(s FROM 2)"), "TEXT:\xC3\xA9llo");
  EXPECT_EQ(Eval("SUBSTR(s, 2, 1)"), "TEXT:\xC3\xA9");
  EXPECT_EQ(Eval("SUBSTRING(s, 4)"), "TEXT:lo");
  EXPECT_EQ(Eval("SUBSTR(s, 0, 2)"), "TEXT:h");     // positions before 1 count
  EXPECT_EQ(Eval("SUBSTR(s, -5, 7)"), "TEXT:h");
  EXPECT_EQ(Eval("SUBSTR(s, 10)"), "TEXT:");
  EXPECT_EQ(Eval("SUBSTR(s, 2, 0)"), "TEXT:");
  EXPECT_EQ(Eval("SUBSTR(s, 2, -1)"), "ERR 22011");
  EXPECT_EQ(Eval("SUBSTR(s, 9223372036854775807, 9223372036854775807)"), "TEXT:");
  EXPECT_EQ(Eval("SUBSTR(s, -9223372036854775807, 9223372036854775807)"), "TEXT:");
  EXPECT_EQ(Eval("SUBSTR(ns, 1)"), "NULL");
  EXPECT_EQ(Eval("SUBSTR(s, NULL)"), "NULL");
  EXPECT_EQ(Eval("SUBSTR(s, 1, NULL)"), "NULL");
  EXPECT_EQ(Eval("SUBSTR(s, 'a')"), "ERR 42883");
  EXPECT_EQ(Eval("SUBSTR(s, $1)", {ValueRef::Text("3")}), "TEXT:llo");
}

TEST(Functions, ReplaceAndPosition) {
  EXPECT_EQ(Eval("REPLACE('abcabc', 'b', 'XY')"), "TEXT:aXYcaXYc");
  EXPECT_EQ(Eval("REPLACE('aaa', 'aa', 'b')"), "TEXT:ba");
  EXPECT_EQ(Eval("REPLACE(s, '\xC3\xA9', 'e')"), "TEXT:hello");
  EXPECT_EQ(Eval("REPLACE('abc', '', 'x')"), "TEXT:abc");
  EXPECT_EQ(Eval("REPLACE('abc', 'b', '')"), "TEXT:ac");
  EXPECT_EQ(Eval("REPLACE(ns, 'a', 'b')"), "NULL");
  EXPECT_EQ(Eval("REPLACE('a', NULL, 'b')"), "NULL");
  EXPECT_EQ(Eval("POSITION('l' IN s)"), "INT64:3");        // code points, not bytes
  EXPECT_EQ(Eval("STRPOS(s, 'lo')"), "INT64:4");
  EXPECT_EQ(Eval("INSTR(s, 'z')"), "INT64:0");
  EXPECT_EQ(Eval("STRPOS(s, '')"), "INT64:1");
  EXPECT_EQ(Eval("POSITION(NULL IN s)"), "NULL");
  EXPECT_EQ(Eval("STRPOS(ns, 'a')"), "NULL");
}

TEST(Functions, LeftRight) {
  EXPECT_EQ(Eval("LEFT(s, 2)"), "TEXT:h\xC3\xA9");
  EXPECT_EQ(Eval("RIGHT(s, 4)"), "TEXT:\xC3\xA9llo");
  EXPECT_EQ(Eval("LEFT(s, 0)"), "TEXT:");
  EXPECT_EQ(Eval("LEFT(s, 99)"), "TEXT:h\xC3\xA9llo");
  EXPECT_EQ(Eval("LEFT(s, -2)"), "TEXT:h\xC3\xA9l");   // all but the last 2
  EXPECT_EQ(Eval("RIGHT(s, -2)"), "TEXT:llo");         // all but the first 2
  EXPECT_EQ(Eval("RIGHT(s, -99)"), "TEXT:");
  EXPECT_EQ(Eval("LEFT(ns, 1)"), "NULL");
  EXPECT_EQ(Eval("RIGHT(s, NULL)"), "NULL");
}

TEST(Functions, Pad) {
  EXPECT_EQ(Eval("LPAD('7', 3, '0')"), "TEXT:007");
  EXPECT_EQ(Eval("RPAD('ab', 5, 'xy')"), "TEXT:abxyx");
  EXPECT_EQ(Eval("LPAD('ab', 5)"), "TEXT:   ab");
  EXPECT_EQ(Eval("LPAD(s, 7, '\xC3\xA9')"), "TEXT:\xC3\xA9\xC3\xA9h\xC3\xA9llo");
  EXPECT_EQ(Eval("LPAD(s, 2)"), "TEXT:h\xC3\xA9");     // truncates
  EXPECT_EQ(Eval("RPAD(s, 3, '')"), "TEXT:h\xC3\xA9l");
  EXPECT_EQ(Eval("RPAD('a', 3, '')"), "TEXT:a");
  EXPECT_EQ(Eval("LPAD('a', -1)"), "TEXT:");
  EXPECT_EQ(Eval("LPAD('a', 9223372036854775807)"), "ERR 54000");
  EXPECT_EQ(Eval("RPAD(ns, 3)"), "NULL");
  EXPECT_EQ(Eval("LPAD('a', 3, NULL)"), "NULL");
}

TEST(Functions, Concat) {
  EXPECT_EQ(Eval("CONCAT('a', NULL, 'b', 1, 2.5, TRUE)"), "TEXT:ab12.5true");
  EXPECT_EQ(Eval("CONCAT(NULL)"), "TEXT:");
  EXPECT_EQ(Eval("CONCAT(s, d)"), "TEXT:h\xC3\xA9llo2022-01-08");
  EXPECT_EQ(Eval("CONCAT('1','2','3','4','5','6','7','8','9','10')"), "TEXT:12345678910");
  EXPECT_EQ(Eval("CONCAT_WS(',', 'a', NULL, 'b', 3)"), "TEXT:a,b,3");
  EXPECT_EQ(Eval("CONCAT_WS(NULL, 'a', 'b')"), "NULL");
  EXPECT_EQ(Eval("CONCAT_WS('', 'a', 'b')"), "TEXT:ab");
  EXPECT_EQ(Eval("CONCAT_WS(', ', ns)"), "TEXT:");
  EXPECT_EQ(Eval("CONCAT()"), "ERR 42883");
}

TEST(Functions, Numeric) {
  EXPECT_EQ(Eval("ABS(-5)"), "INT64:5");
  EXPECT_EQ(Eval("ABS(-2.5)"), "FLOAT64:2.5");
  EXPECT_EQ(Eval("ABS(-9223372036854775808)"), "ERR 22003");
  EXPECT_EQ(Eval("ABS(-dec)"), "TEXT:12.50");
  EXPECT_EQ(Eval("ABS(n)"), "NULL");
  EXPECT_EQ(Eval("ABS(s)"), "ERR 42883");
  EXPECT_EQ(Eval("ROUND(2.5)"), "FLOAT64:3");
  EXPECT_EQ(Eval("ROUND(-2.5)"), "FLOAT64:-3");  // half away from zero
  EXPECT_EQ(Eval("ROUND(2.675, 2)"), "FLOAT64:2.68");
  EXPECT_EQ(Eval("ROUND(1234.5, -2)"), "FLOAT64:1200");
  EXPECT_EQ(Eval("ROUND(7)"), "INT64:7");
  EXPECT_EQ(Eval("ROUND(1250, -2)"), "INT64:1300");
  EXPECT_EQ(Eval("ROUND(-1250, -2)"), "INT64:-1300");
  EXPECT_EQ(Eval("ROUND(9223372036854775807, -1)"), "ERR 22003");
  EXPECT_EQ(Eval("ROUND(dec)"), "TEXT:13");
  EXPECT_EQ(Eval("ROUND(dec, 1)"), "TEXT:12.5");
  EXPECT_EQ(Eval("ROUND(dec, 5)"), "TEXT:12.50");
  EXPECT_EQ(Eval("ROUND(dec, -1)"), "TEXT:10");
  EXPECT_EQ(Eval("ROUND(CAST('NaN' AS DOUBLE))"), "FLOAT64:NaN");
  EXPECT_EQ(Eval("ROUND(n, 2)"), "NULL");
  EXPECT_EQ(Eval("ROUND(2.5, NULL)"), "NULL");
  EXPECT_EQ(Eval("CEIL(2.1)"), "FLOAT64:3");
  EXPECT_EQ(Eval("CEILING(-2.1)"), "FLOAT64:-2");
  EXPECT_EQ(Eval("FLOOR(-2.1)"), "FLOAT64:-3");
  EXPECT_EQ(Eval("FLOOR(5)"), "INT64:5");
  EXPECT_EQ(Eval("CEIL(dec)"), "TEXT:13");
  EXPECT_EQ(Eval("FLOOR(dec)"), "TEXT:12");
  EXPECT_EQ(Eval("FLOOR(-dec)"), "TEXT:-13");
  EXPECT_EQ(Eval("CEIL(-dec)"), "TEXT:-12");
  EXPECT_EQ(Eval("FLOOR(n)"), "NULL");
  EXPECT_EQ(Eval("MOD(7, 3)"), "INT64:1");
  EXPECT_EQ(Eval("MOD(-7, 3)"), "INT64:-1");
  EXPECT_EQ(Eval("MOD(7, 0)"), "ERR 22012");
  EXPECT_EQ(Eval("MOD(7.5, 2)"), "FLOAT64:1.5");
  EXPECT_EQ(Eval("MOD(dec, 5)"), "TEXT:2.50");
  EXPECT_EQ(Eval("MOD(n, 2)"), "NULL");
}

TEST(Functions, ClockAndUuid) {
  EXPECT_EQ(Eval("NOW()"), "INT64:1700000000123");
  EXPECT_EQ(Eval("CURRENT_TIMESTAMP"), "INT64:1700000000123");
  EXPECT_EQ(Eval("CURRENT_DATE"), "INT64:19675");
  EXPECT_EQ(Eval("CURRENT_TIME"), "INT64:80000123");
  EXPECT_EQ(Eval("CAST(CURRENT_TIMESTAMP AS TEXT)"), "TEXT:2023-11-14 22:13:20.123");
  EXPECT_EQ(Eval("CURRENT_DATE || ''"), "TEXT:2023-11-14");
  EXPECT_EQ(Eval("NOW() > ts - 1"), "ERR 42883");  // temporal arithmetic needs a CAST
  EXPECT_EQ(Eval("CAST(NOW() AS BIGINT) - CAST(ts AS BIGINT)"), "INT64:0");
  std::string u = Eval("gen_random_uuid()");
  ASSERT_EQ(u.size(), size_t{5 + 32});
  EXPECT_EQ(u[5 + 12], '4');                                   // version 4
  EXPECT_TRUE(std::string("89ab").find(u[5 + 16]) != std::string::npos);  // variant
  EXPECT_EQ(Eval("LENGTH(CAST(gen_random_uuid() AS TEXT))"), "INT64:36");
  EXPECT_EQ(Eval("gen_random_uuid() = gen_random_uuid()"), "BOOL:false");
  EXPECT_EQ(Eval("NOW(1)"), "ERR 42883");
}

TEST(Functions, UnknownAndMisused) {
  EXPECT_EQ(Eval("NO_SUCH_FN(1)"), "ERR 42883");
  EXPECT_EQ(Eval("LOWER()"), "ERR 42883");
  EXPECT_EQ(Eval("LOWER('a', 'b')"), "ERR 42883");
  EXPECT_EQ(Eval("LOWER(DISTINCT 'a')"), "ERR 42809");
  EXPECT_EQ(Eval("LOWER(*)"), "ERR 42883");
  EXPECT_EQ(Eval("\"lower\"('A')"), "TEXT:a");
}
