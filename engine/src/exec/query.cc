// QueryPlan and QueryCursor: the session-facing wrapper that binds and plans once, then
// builds a cursor's operator tree once and re-opens it per execution with new parameters
// (ENGINE.md §9.6). Operator wiring: row source -> [aggregate -> HAVING] -> project ->
// [distinct] -> [sort | top-N] -> [limit]. Design: ENGINE.md §9.
#include "exec/query.h"

#include "exec/operators.h"
#include "exec/subquery.h"
#include "plan/explain.h"
#include "plan/planner.h"
#include "plan/select_binder.h"

namespace decentdb {
namespace exec {

QueryPlan::~QueryPlan() = default;

namespace {

Status Finish(const std::shared_ptr<const Schema>& schema, const PrepareOptions& options,
              plan::BoundSelect* bound) {
  plan::PlannerOptions po;
  po.force_table_scan = options.force_table_scan;
  return plan::PlanSelect(bound, *schema, po);
}

}  // namespace

Status QueryPlan::Prepare(const sql::SelectStmt* select, std::shared_ptr<const Schema> schema,
                          const PrepareOptions& options, std::unique_ptr<QueryPlan>* out) {
  std::unique_ptr<QueryPlan> q(new QueryPlan());
  q->prepared_.schema = schema;
  plan::SelectBindOptions bo;
  bo.sql_text = options.sql_text;
  bo.param_count = options.param_count;
  bo.folder = options.folder;
  bo.force_table_scan = options.force_table_scan;
  plan::BoundSelect bound;
  DDB_RETURN_IF_ERROR(plan::BindSelect(select, bo, &q->prepared_, &bound));
  DDB_RETURN_IF_ERROR(Finish(schema, options, &bound));
  *out = std::move(q);
  return Status::OK();
}

Status QueryPlan::PrepareTableScan(const sql::Ident& table, const sql::Ident* alias,
                                   const sql::Expr* where, std::shared_ptr<const Schema> schema,
                                   const PrepareOptions& options, std::unique_ptr<QueryPlan>* out) {
  std::unique_ptr<QueryPlan> q(new QueryPlan());
  q->prepared_.schema = schema;
  plan::SelectBindOptions bo;
  bo.sql_text = options.sql_text;
  bo.param_count = options.param_count;
  bo.folder = options.folder;
  bo.force_table_scan = options.force_table_scan;
  plan::BoundSelect bound;
  DDB_RETURN_IF_ERROR(plan::BindTableScan(table, alias, where, bo, &q->prepared_, &bound));
  DDB_RETURN_IF_ERROR(Finish(schema, options, &bound));
  *out = std::move(q);
  return Status::OK();
}

int QueryPlan::param_count() const { return prepared_.param_count; }
int QueryPlan::column_count() const {
  const plan::SelectPlan& p = *prepared_.plan;
  if (p.target_scan) return static_cast<int>(p.tables[0].table->columns.size());
  return static_cast<int>(p.outputs.size());
}
const std::string& QueryPlan::column_name(int i) const {
  const plan::SelectPlan& p = *prepared_.plan;
  if (p.target_scan) return p.tables[0].table->columns[i].name;
  return p.outputs[i].name;
}
const char* QueryPlan::column_decltype(int i) const {
  const plan::SelectPlan& p = *prepared_.plan;
  if (p.target_scan) {
    const ColumnType& t = p.tables[0].table->columns[i].type;
    return t.normalized.empty() ? t.declared.c_str() : t.normalized.c_str();
  }
  return p.outputs[i].has_decltype ? p.outputs[i].decltype_.c_str() : nullptr;
}
SqlType QueryPlan::column_type(int i) const {
  const plan::SelectPlan& p = *prepared_.plan;
  if (p.target_scan) return p.tables[0].table->columns[i].type.type;
  return p.outputs[i].type;
}
uint32_t QueryPlan::schema_cookie() const { return prepared_.schema->cookie(); }
const TableDef* QueryPlan::target_table() const {
  const plan::SelectPlan& p = *prepared_.plan;
  return p.target_scan ? p.tables[0].table : nullptr;
}

std::vector<std::string> QueryPlan::Explain(int indent) const {
  return plan::ExplainSelect(*prepared_.plan, indent);
}

ExecState::ExecState() = default;
ExecState::~ExecState() = default;

std::unique_ptr<QueryCursor> QueryPlan::NewCursor() const {
  return std::unique_ptr<QueryCursor>(new QueryCursor(this));
}

QueryCursor::QueryCursor(const QueryPlan* plan) : prepared_(&plan->prepared()) {}

QueryCursor::QueryCursor(const plan::PreparedSelect* prepared) : prepared_(prepared) {}

QueryCursor::~QueryCursor() { Close(); }

namespace {

std::unique_ptr<Operator> Build(ExecState* st) {
  const plan::SelectPlan& p = *st->plan;
  std::unique_ptr<Operator> op;
  if (p.target_scan) return NewJoinSource(st);
  const ValueRef* row = st->scan_row.data();
  if (p.aggregate) {
    if (p.fast_path != plan::FastPath::kNone) op = NewFastAggregate(st);
    else if (p.stream_aggregate) op = NewStreamAggregate(st, NewJoinSource(st));
    else op = NewAggregate(st, NewJoinSource(st));
    row = st->agg_row.data();
    if (p.having != nullptr) op = NewFilter(st, std::move(op), p.having, row);
  } else {
    op = NewJoinSource(st);
  }
  op = NewProject(st, std::move(op), row);
  for (const plan::WindowFunc& w : p.windows) op = NewWindow(st, std::move(op), &w);
  if (p.distinct) op = NewDistinct(st, std::move(op));
  if (p.sort_needed) op = NewSort(st, std::move(op));
  else if (!p.sort.empty()) op = NewSort(st, std::move(op), /*standby=*/true);
  if ((p.limit.present || p.offset.present)) op = NewLimit(st, std::move(op));
  return op;
}

}  // namespace

Status QueryCursor::Open(PageReader* reader, const ValueRef* params, int nparams, const ExecContext& ctx) {
  Close();
  if (!state_) {
    state_.reset(new ExecState());
    ExecState* st = state_.get();
    st->prepared = prepared_;
    st->plan = prepared_->plan.get();
    st->scan_row.assign(static_cast<size_t>(st->plan->scan_slots), ValueRef::Null());
    st->agg_row.assign(st->plan->group_keys.size() + st->plan->aggregates.size() + 1, ValueRef::Null());
    st->proj_row.assign(st->plan->outputs.size() + st->plan->hidden.size() + 1, ValueRef::Null());
    st->eval.scratch = &st->scratch;
    st->eval.Prepare(*prepared_->pool);
    if (prepared_->pool->subquery_count() > 0) {
      st->subqueries.reset(new SubqueryExec(st, prepared_->pool.get()));
      st->eval.subqueries = st->subqueries.get();
    }
    tree_ = Build(st);
    root_ = tree_.get();
  }
  ExecState* st = state_.get();
  st->reader = reader;
  // Field by field: a whole-struct copy would re-assign temp_dir's string every execution.
  st->ctx.interrupt = ctx.interrupt;
  st->ctx.now_ms = ctx.now_ms;
  st->ctx.max_memory = ctx.max_memory;
  st->ctx.sort_buffer_bytes = ctx.sort_buffer_bytes;
  if (st->ctx.temp_dir != ctx.temp_dir) st->ctx.temp_dir = ctx.temp_dir;
  st->ctx.outer = ctx.outer;
  st->ctx.outer_count = ctx.outer_count;
  st->ctx.trigram_threshold = ctx.trigram_threshold;
  st->ctx.trigram_strict = ctx.trigram_strict;
  st->eval.params = params;
  st->eval.param_count = nparams;
  st->eval.statement_time_ms = ctx.now_ms;
  st->eval.outer = ctx.outer;
  st->eval.outer_count = ctx.outer_count;
  if (st->subqueries) st->subqueries->BeginExecution();
  st->memory = 0;
  st->ticks = 0;
  st->until_poll = 1;
  st->order_broken = false;
  st->out = st->proj_row.data();
  for (ValueRef& v : st->scan_row) v = ValueRef::Null();
  Status s = root_->Open();
  if (!s.ok()) return s;
  open_ = true;
  return Status::OK();
}

Status QueryCursor::Next(bool* has_row) {
  *has_row = false;
  if (!open_) return Status::OK();
  Status s = root_->Next(has_row);
  if (!s.ok() || !*has_row) open_ = false;
  if (s.ok() && *has_row && prepared_->plan->target_scan) state_->out = state_->scan_row.data();
  return s;
}

ValueRef QueryCursor::Column(int i) const { return state_->out[i]; }

const ValueRef* QueryCursor::Row() const { return state_->out; }

int QueryCursor::column_count() const {
  const plan::SelectPlan& p = *prepared_->plan;
  if (p.target_scan) return static_cast<int>(p.tables[0].table->columns.size());
  return static_cast<int>(p.outputs.size());
}

int64_t QueryCursor::rowid() const { return state_->current_rowid; }

const ValueRef* QueryCursor::row() const { return state_->scan_row.data(); }

void QueryCursor::Close() { open_ = false; }

}  // namespace exec
}  // namespace decentdb
