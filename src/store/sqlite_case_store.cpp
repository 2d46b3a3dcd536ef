#include "sqlite_case_store.h"

#include <string>

#include "minewatch/core/timestamp.h"
#include "sqlite_db.h"
#include "store_detail.h"
#include "store_sql.h"
#include "test_hook.h"

namespace minewatch::store {
namespace {

using detail::SqliteDb;
using detail::SqliteStatement;
using detail::SqliteTransaction;

CaseRecord read_case(const SqliteStatement& row) {
  CaseRecord c;
  c.case_id = row.text(0);
  c.site = row.text(1);
  c.region = row.text(2);
  c.meters = row.text(3);
  c.kinds = row.text(4);
  c.status = row.text(5);
  c.probability = row.real(6);
  c.mining_kw = row.real(7);
  c.unbilled_kwh = row.real(8);
  c.expected_value = row.real(9);
  c.priority = row.real(10);
  c.first_day = row.text(11);
  c.last_day = row.text(12);
  c.evidence_key = row.text(13);
  c.evidence = row.text(14);
  c.first_seen_scan = row.text(15);
  c.last_seen_scan = row.text(16);
  return c;
}

class SqliteCaseStore final : public CaseStore {
 public:
  explicit SqliteCaseStore(const std::string& path) : db_(path) { create_schema(); }

  void record_scan(const ScanRecord& scan, const std::vector<CaseRecord>& cases) override {
    SqliteTransaction transaction(db_);
    SqliteStatement(db_, sql::kUpsertScan, "upsert scan " + scan.scan_id)
        .bind(1, scan.scan_id)
        .bind(2, scan.started_at)
        .bind(3, scan.inputs)
        .bind(4, scan.period_from)
        .bind(5, scan.period_to)
        .run();
    SqliteStatement upsert(db_, sql::kUpsertCase, "upsert case");
    std::size_t written = 0;
    for (const CaseRecord& c : cases) {
      upsert.bind(1, c.case_id)
          .bind(2, c.site)
          .bind(3, c.region)
          .bind(4, c.meters)
          .bind(5, c.kinds)
          .bind(6, c.status)
          .bind(7, c.probability)
          .bind(8, c.mining_kw)
          .bind(9, c.unbilled_kwh)
          .bind(10, c.expected_value)
          .bind(11, c.priority)
          .bind(12, c.first_day)
          .bind(13, c.last_day)
          .bind(14, c.evidence_key)
          .bind(15, c.evidence)
          .bind(16, scan.scan_id);
      upsert.run();
      detail::case_row_written(++written);
    }
    transaction.commit();
  }

  std::vector<CaseRecord> cases() override {
    SqliteStatement select(db_, sql::kSelectCases, "select cases");
    std::vector<CaseRecord> out;
    while (select.step()) out.push_back(read_case(select));
    return out;
  }

  std::optional<CaseRecord> find_case(const std::string& case_id) override {
    SqliteStatement select(db_, sql::kSelectCase, "select case " + case_id);
    select.bind(1, case_id);
    if (!select.step()) return std::nullopt;
    return read_case(select);
  }

  void resolve(const std::string& case_id, Outcome outcome, const std::string& note) override {
    SqliteTransaction transaction(db_);
    SqliteStatement evidence(db_, sql::kCaseEvidence, "resolve case " + case_id);
    evidence.bind(1, case_id);
    if (!evidence.step()) detail::fail(db_.path(), "resolve", "unknown case '" + case_id + "'");
    SqliteStatement(db_, sql::kInsertResolution, "insert resolution of " + case_id)
        .bind(1, case_id)
        .bind(2, outcome_name(outcome))
        .bind(3, note)
        .bind(4, utc_now())
        .bind(5, evidence.text(0))
        .bind(6, evidence.text(1))
        .bind(7, evidence.text(2))
        .run();
    transaction.commit();
  }

  std::vector<Resolution> resolutions() override {
    SqliteStatement select(db_, sql::kSelectLatestResolutions, "select resolutions");
    std::vector<Resolution> out;
    while (select.step())
      out.push_back({select.text(0), detail::stored_outcome(select.text(1), db_.path()), select.text(2),
                     select.text(3), select.text(4), select.text(5), select.text(6)});
    return out;
  }

  std::vector<ScanRecord> scans() override {
    SqliteStatement select(db_, sql::kSelectScans, "select scans");
    std::vector<ScanRecord> out;
    while (select.step())
      out.push_back({select.text(0), select.text(1), select.text(2), select.text(3), select.text(4)});
    return out;
  }

 private:
  // Under the write lock, so two processes opening a new file at once cannot both create the schema.
  void create_schema() {
    SqliteTransaction transaction(db_);
    db_.exec(sql::kCreateVersionTable, "create schema_version");
    SqliteStatement select(db_, sql::kSelectVersion, "read schema_version");
    if (!select.step()) {
      db_.exec(sql::create_tables("INTEGER"), "create tables");
      SqliteStatement(db_, sql::kInsertVersion, "write schema_version")
          .bind(1, std::int64_t{sql::kSchemaVersion})
          .run();
    } else if (select.integer(0) != sql::kSchemaVersion) {
      detail::fail(db_.path(), "open",
                   "schema version " + std::to_string(select.integer(0)) + ", this minewatch reads version " +
                       std::to_string(sql::kSchemaVersion));
    }
    select.reset();
    transaction.commit();
  }

  SqliteDb db_;
};

}  // namespace

std::unique_ptr<CaseStore> open_sqlite_store(const std::string& path) {
  return std::make_unique<SqliteCaseStore>(path);
}

}  // namespace minewatch::store
