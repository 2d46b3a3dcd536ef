#include "postgres_case_store.h"

#include <pqxx/pqxx>
#include <string>
#include <type_traits>

#include "minewatch/core/timestamp.h"
#include "store_detail.h"
#include "store_sql.h"
#include "test_hook.h"

namespace minewatch::store {
namespace {

// Serialises schema creation between processes opening a new database at once (CREATE TABLE IF NOT EXISTS
// alone can race in PostgreSQL). Any fixed number; "mwcs" in ASCII.
constexpr long long kSchemaLockKey = 0x6d776373;

CaseRecord read_case(const pqxx::row& row) {
  CaseRecord c;
  c.case_id = row[0].as<std::string>();
  c.site = row[1].as<std::string>();
  c.region = row[2].as<std::string>();
  c.meters = row[3].as<std::string>();
  c.kinds = row[4].as<std::string>();
  c.status = row[5].as<std::string>();
  c.probability = row[6].as<double>();
  c.mining_kw = row[7].as<double>();
  c.unbilled_kwh = row[8].as<double>();
  c.expected_value = row[9].as<double>();
  c.priority = row[10].as<double>();
  c.first_day = row[11].as<std::string>();
  c.last_day = row[12].as<std::string>();
  c.evidence_key = row[13].as<std::string>();
  c.evidence = row[14].as<std::string>();
  c.first_seen_scan = row[15].as<std::string>();
  c.last_seen_scan = row[16].as<std::string>();
  return c;
}

std::string text(std::string_view sql) {
  return std::string(sql);
}

class PostgresCaseStore final : public CaseStore {
 public:
  explicit PostgresCaseStore(const std::string& url) : db_(redacted_location(url)) {
    connection_ = guarded("connect", [&] { return std::make_unique<pqxx::connection>(url); });
    guarded("prepare", [&] {
      connection_->prepare("upsert_case", text(sql::kUpsertCase));
      return 0;
    });
    guarded("create schema", [&] {
      create_schema();
      return 0;
    });
  }

  void record_scan(const ScanRecord& scan, const std::vector<CaseRecord>& cases) override {
    std::string statement = "upsert scan " + scan.scan_id;
    guarded(statement, [&] {
      pqxx::work work(*connection_);
      work.exec_params0(text(sql::kUpsertScan), scan.scan_id, scan.started_at, scan.inputs, scan.period_from,
                        scan.period_to);
      std::size_t written = 0;
      for (const CaseRecord& c : cases) {
        statement = "upsert case " + c.case_id;
        work.exec_prepared0("upsert_case", c.case_id, c.site, c.region, c.meters, c.kinds, c.status,
                            c.probability, c.mining_kw, c.unbilled_kwh, c.expected_value, c.priority,
                            c.first_day, c.last_day, c.evidence_key, c.evidence, scan.scan_id);
        detail::case_row_written(++written);
      }
      statement = "COMMIT of scan " + scan.scan_id;
      work.commit();
      return 0;
    });
  }

  std::vector<CaseRecord> cases() override {
    return guarded("select cases", [&] {
      pqxx::read_transaction work(*connection_);
      std::vector<CaseRecord> out;
      for (const pqxx::row& row : work.exec(text(sql::kSelectCases))) out.push_back(read_case(row));
      return out;
    });
  }

  std::optional<CaseRecord> find_case(const std::string& case_id) override {
    return guarded("select case " + case_id, [&]() -> std::optional<CaseRecord> {
      pqxx::read_transaction work(*connection_);
      const pqxx::result rows = work.exec_params(text(sql::kSelectCase), case_id);
      if (rows.empty()) return std::nullopt;
      return read_case(rows[0]);
    });
  }

  void resolve(const std::string& case_id, Outcome outcome, const std::string& note) override {
    const bool known = guarded("resolve case " + case_id, [&] {
      pqxx::work work(*connection_);
      // FOR SHARE: the case cannot change under us between reading its evidence and recording the outcome.
      const pqxx::result rows = work.exec_params(text(sql::kCaseEvidence) + " FOR SHARE", case_id);
      if (rows.empty()) return false;
      work.exec_params0(text(sql::kInsertResolution), case_id, std::string(outcome_name(outcome)), note,
                        utc_now(), rows[0][0].as<std::string>(), rows[0][1].as<std::string>(),
                        rows[0][2].as<std::string>());
      work.commit();
      return true;
    });
    if (!known) detail::fail(db_, "resolve", "unknown case '" + case_id + "'");
  }

  std::vector<Resolution> resolutions() override {
    return guarded("select resolutions", [&] {
      pqxx::read_transaction work(*connection_);
      std::vector<Resolution> out;
      for (const pqxx::row& row : work.exec(text(sql::kSelectLatestResolutions)))
        out.push_back({row[0].as<std::string>(), detail::stored_outcome(row[1].as<std::string>(), db_),
                       row[2].as<std::string>(), row[3].as<std::string>(), row[4].as<std::string>(),
                       row[5].as<std::string>(), row[6].as<std::string>()});
      return out;
    });
  }

  std::vector<ScanRecord> scans() override {
    return guarded("select scans", [&] {
      pqxx::read_transaction work(*connection_);
      std::vector<ScanRecord> out;
      for (const pqxx::row& row : work.exec(text(sql::kSelectScans)))
        out.push_back({row[0].as<std::string>(), row[1].as<std::string>(), row[2].as<std::string>(),
                       row[3].as<std::string>(), row[4].as<std::string>()});
      return out;
    });
  }

 private:
  // Runs `body`, turning libpqxx's exceptions into the one StoreError naming the database and `statement`
  // (read when the exception is caught, so a body may name its current statement as it goes).
  template <class Body>
  std::invoke_result_t<Body&> guarded(const std::string& statement, Body&& body) {
    try {
      return body();
    } catch (const StoreError&) {
      throw;
    } catch (const std::exception& e) {  // pqxx::failure, usage_error, conversion_error, ...
      detail::fail(db_, statement, trimmed(e.what()));
    }
  }

  static std::string trimmed(std::string message) {
    while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
    return message;
  }

  void create_schema() {
    pqxx::work work(*connection_);
    work.exec_params("SELECT pg_advisory_xact_lock($1)", kSchemaLockKey);
    // CREATE ... IF NOT EXISTS of an existing table is a NOTICE, which libpq would print on every open.
    work.exec0("SET LOCAL client_min_messages = warning");
    work.exec0(text(sql::kCreateVersionTable));
    const pqxx::result version = work.exec(text(sql::kSelectVersion));
    if (version.empty()) {
      work.exec0(sql::create_tables("BIGSERIAL"));
      work.exec_params0(text(sql::kInsertVersion), sql::kSchemaVersion);
    } else if (version[0][0].as<int>() != sql::kSchemaVersion) {
      detail::fail(db_, "open",
                   "schema version " + version[0][0].as<std::string>() + ", this minewatch reads version " +
                       std::to_string(sql::kSchemaVersion));
    }
    work.commit();
  }

  std::string db_;  // the URL without its password, for messages
  std::unique_ptr<pqxx::connection> connection_;
};

}  // namespace

std::unique_ptr<CaseStore> open_postgres_store(const std::string& url) {
  return std::make_unique<PostgresCaseStore>(url);
}

}  // namespace minewatch::store
