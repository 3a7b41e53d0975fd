// Binder and planner without storage: a Schema built in memory, SELECTs parsed with the
// real parser, bound (plan/select_binder.h), planned (plan/planner.h) and printed
// (plan/explain.h). Covers result names, declared types, parameter-dependent LIMIT
// binding, greedy join order, LEFT joins kept in place, sort avoidance and the binder's
// errors with their SQLSTATEs and positions. Design: ENGINE.md §7.1, §9.1-§9.3, §9.7.
#include <memory>
#include <string>

#include "harness/test.h"
#include "plan/explain.h"
#include "plan/planner.h"
#include "plan/select_binder.h"
#include "sql/parser.h"

using namespace decentdb;

namespace {

ColumnDef Column(const char* name, const char* type, bool not_null = false) {
  ColumnDef c;
  c.name = name;
  Result<ColumnType> t = ResolveDeclaredType(type);
  if (t.ok()) c.type = t.value();
  c.not_null = not_null;
  return c;
}

std::shared_ptr<const Schema> MakeSchema() {
  std::shared_ptr<Schema> s(new Schema());
  TableDef users;
  users.id = 1;
  users.name = "Users";
  users.root = 10;
  users.rowid_alias = 0;
  users.columns = {Column("id", "INTEGER"), Column("email", "VARCHAR(200)", true), Column("age", "INT"),
                   Column("city", "TEXT")};
  users.columns[0].pk_ordinal = 1;
  s->AddTable(users);
  TableDef orders;
  orders.id = 2;
  orders.name = "orders";
  orders.root = 11;
  orders.rowid_alias = 0;
  orders.columns = {Column("id", "INTEGER"), Column("user_id", "INTEGER"), Column("total", "DECIMAL(10,2)"),
                    Column("placed", "TIMESTAMP")};
  s->AddTable(orders);
  IndexDef email;
  email.id = 3;
  email.name = "uq_users_email";
  email.table_id = 1;
  email.unique = true;
  email.origin = IndexOrigin::kUnique;
  email.columns = {{1, false}};
  email.root = 12;
  s->AddIndex(email);
  IndexDef age_city;
  age_city.id = 4;
  age_city.name = "ix_users_age_city";
  age_city.table_id = 1;
  age_city.columns = {{2, false}, {3, false}};
  age_city.root = 13;
  s->AddIndex(age_city);
  IndexDef fk;
  fk.id = 5;
  fk.name = "fk_orders_user_id_idx";
  fk.table_id = 2;
  fk.origin = IndexOrigin::kForeignKey;
  fk.columns = {{1, false}};
  fk.root = 14;
  s->AddIndex(fk);
  return s;
}

struct Planned {
  Status status;
  plan::PreparedSelect prepared;
  std::vector<std::string> lines;
};

void PlanSql(const std::string& sql, Planned* out) {
  Result<sql::ParsedStatement> parsed = sql::ParseStatement(sql);
  if (!parsed.ok()) {
    out->status = parsed.status();
    return;
  }
  out->prepared.schema = MakeSchema();
  plan::SelectBindOptions bo;
  bo.sql_text = sql;
  bo.param_count = parsed->param_count;
  plan::BoundSelect bound;
  out->status = plan::BindSelect(parsed->stmt->select, bo, &out->prepared, &bound);
  if (!out->status.ok()) return;
  out->status = plan::PlanSelect(&bound, *out->prepared.schema, plan::PlannerOptions());
  if (out->status.ok()) out->lines = plan::ExplainSelect(*out->prepared.plan);
}

std::string Lines(const std::vector<std::string>& v) {
  std::string s;
  for (const std::string& l : v) s += l + "\n";
  return s;
}

}  // namespace

TEST(SelectPlanner, ResultNamesAndDeclaredTypes) {
  Planned p;
  PlanSql("SELECT u.EMAIL, age + 1, upper(city) AS c, count(*), o.total FROM users u JOIN orders o "
          "ON o.user_id = u.id GROUP BY u.email, age, city, o.total",
          &p);
  ASSERT_OK(p.status);
  const plan::SelectPlan& sp = *p.prepared.plan;
  ASSERT_EQ(sp.outputs.size(), 5u);
  EXPECT_EQ(sp.outputs[0].name, "email");
  EXPECT_EQ(sp.outputs[1].name, "?column?");
  EXPECT_EQ(sp.outputs[2].name, "c");
  EXPECT_EQ(sp.outputs[3].name, "count");
  EXPECT_EQ(sp.outputs[4].name, "total");
  EXPECT_TRUE(sp.outputs[0].has_decltype);
  EXPECT_EQ(sp.outputs[0].decltype_, "VARCHAR(200)");
  EXPECT_FALSE(sp.outputs[1].has_decltype);
  EXPECT_EQ(sp.outputs[4].decltype_, "DECIMAL(10,2)");
}

TEST(SelectPlanner, LimitAndOffsetBinding) {
  Planned p;
  PlanSql("SELECT id FROM users LIMIT $2 OFFSET 3", &p);
  ASSERT_OK(p.status);
  EXPECT_TRUE(p.prepared.plan->limit.present);
  EXPECT_EQ(p.prepared.plan->limit.param, 1);
  EXPECT_EQ(p.prepared.plan->offset.value, 3);
  Planned all;
  PlanSql("SELECT id FROM users LIMIT ALL", &all);
  ASSERT_OK(all.status);
  EXPECT_FALSE(all.prepared.plan->limit.present);
}

TEST(SelectPlanner, AccessPathsAndJoinOrder) {
  Planned p;
  PlanSql("SELECT o.id FROM orders o JOIN users u ON u.id = o.user_id WHERE u.email = $1", &p);
  ASSERT_OK(p.status);
  EXPECT_EQ(Lines(p.lines),
            "Project [o.id]\n"
            "  NestedLoopJoin INNER\n"
            "    IndexSeek Users USING uq_users_email (email = $1) (index only)\n"
            "    IndexRange orders USING fk_orders_user_id_idx (u.id = user_id) (index only)\n");
  Planned r;
  PlanSql("SELECT email FROM users WHERE age = 30 AND city > 'M' AND city < $1 ORDER BY city DESC LIMIT 3", &r);
  ASSERT_OK(r.status);
  EXPECT_EQ(Lines(r.lines),
            "Project [email]\n"
            "  Limit 3\n"
            "    IndexRange Users USING ix_users_age_city (age = 30 AND city > 'M' AND city < $1) BACKWARD\n");
  Planned l;
  PlanSql("SELECT u.id FROM users u LEFT JOIN orders o ON o.user_id = u.id AND o.total > 5 WHERE u.age > 40", &l);
  ASSERT_OK(l.status);
  EXPECT_EQ(Lines(l.lines),
            "Project [u.id]\n"
            "  NestedLoopJoin LEFT\n"
            "    IndexRange Users USING ix_users_age_city (age > 40) (index only)\n"
            "    IndexRange orders USING fk_orders_user_id_idx (user_id = u.id) Filter (total > 5)\n");
}

TEST(SelectPlanner, BinderErrors) {
  struct Case {
    const char* sql;
    const char* state;
    const char* where;  // expected position text, or ""
  } cases[] = {
      {"SELECT * FROM nope", "42P01", "column 15"},
      {"SELECT id FROM users u, orders o", "42702", "column 8"},
      {"SELECT users.id FROM users u", "42P01", ""},
      {"SELECT u.nope FROM users u", "42703", ""},
      {"SELECT age FROM users GROUP BY city", "42803", ""},
      {"SELECT city FROM users ORDER BY 2", "42P10", ""},
      {"SELECT city FROM users GROUP BY 5", "42P10", ""},
      {"SELECT 1 FROM users WHERE sum(age) > 1", "42803", ""},
      {"SELECT * FROM (SELECT 1)", "42601", ""},
      {"SELECT 1 UNION SELECT 1, 2", "42601", ""},
      {"SELECT (SELECT nope FROM users)", "42703", ""},
  };
  for (const Case& c : cases) {
    Planned p;
    PlanSql(c.sql, &p);
    EXPECT_FALSE(p.status.ok());
    if (std::string(p.status.sqlstate()) != c.state)
      ddbtest::ReportFailure(__FILE__, __LINE__, std::string(c.sql) + " -> " + p.status.ToString());
    if (*c.where && p.status.message().find(c.where) == std::string::npos)
      ddbtest::ReportFailure(__FILE__, __LINE__, std::string(c.sql) + " -> " + p.status.ToString());
  }
}
