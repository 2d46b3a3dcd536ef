// CaseStore: one suite, the same assertions against both back ends (a SQLite file and a PostgreSQL
// database on a throw-away local server, support/postgres_server.h).
#include "minewatch/store/case_store.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cctype>
#include <string>
#include <vector>

#include "store/test_hook.h"
#include "support/postgres_server.h"
#include "support/temp_dir.h"

namespace minewatch::store {
namespace {

using minewatch::testing::PostgresServer;
using minewatch::testing::TempDir;

enum class Backend { sqlite, postgresql };

CaseRecord make_case(const std::string& id, double priority) {
  CaseRecord c;
  c.case_id = id;
  c.site = "site-" + id;
  c.region = "RU-IRK";
  c.meters = "m-" + id + ";m2-" + id;
  c.kinds = "mining;unregistered";
  c.status = "new";
  c.probability = 0.5;
  c.mining_kw = 12.5;
  c.unbilled_kwh = 3000;
  c.expected_value = 15000;
  c.priority = priority;
  c.first_day = "2024-01-01";
  c.last_day = "2024-03-01";
  c.evidence_key = "ek-" + id;
  c.evidence = "flat 12 kW day and night since 2024-01-01";
  return c;
}

ScanRecord make_scan(const std::string& id) {
  return {id, "2024-03-02T0" + std::to_string(id.size() % 10) + ":00:00Z", "readings.csv", "2024-01-01",
          "2024-03-01"};
}

std::vector<std::string> ids(const std::vector<CaseRecord>& cases) {
  std::vector<std::string> out;
  for (const CaseRecord& c : cases) out.push_back(c.case_id);
  return out;
}

// "2024-05-01T12:00:00Z" (no std::regex: GCC 12 warns inside it under the sanitizers).
bool is_utc_second(const std::string& text) {
  const std::string shape = "dddd-dd-ddTdd:dd:ddZ";
  if (text.size() != shape.size()) return false;
  for (std::size_t i = 0; i < shape.size(); ++i)
    if (shape[i] == 'd' ? !std::isdigit(static_cast<unsigned char>(text[i])) : text[i] != shape[i])
      return false;
  return true;
}

class CaseStoreTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    if (GetParam() == Backend::sqlite) {
      location_ = dir_.file("cases.db");
      return;
    }
    std::string why;
    server_ = PostgresServer::shared(why);
    if (server_ == nullptr) GTEST_SKIP() << why;
    database_ = server_->create_database();
    location_ = server_->url(database_);
  }

  std::unique_ptr<CaseStore> open() const { return CaseStore::open(location_); }

  // A direct change to the tables, behind the store's back (statements without single quotes).
  void execute(const std::string& statement) const {
    if (server_ != nullptr) return server_->psql(database_, statement);
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(location_.c_str(), &db), SQLITE_OK);
    EXPECT_EQ(sqlite3_exec(db, statement.c_str(), nullptr, nullptr, nullptr), SQLITE_OK)
        << sqlite3_errmsg(db);
    sqlite3_close(db);
  }

  TempDir dir_;
  PostgresServer* server_ = nullptr;
  std::string database_;
  std::string location_;
};

TEST_P(CaseStoreTest, OpeningCreatesTheSchemaAndReopeningKeepsTheData) {
  {
    const auto store = open();
    EXPECT_TRUE(store->cases().empty());
    EXPECT_TRUE(store->scans().empty());
    EXPECT_TRUE(store->resolutions().empty());
    store->record_scan(make_scan("S1"), {make_case("C1", 5)});
  }
  const auto store = open();
  ASSERT_EQ(store->scans().size(), 1u);
  EXPECT_EQ(store->scans()[0].scan_id, "S1");
  EXPECT_EQ(store->scans()[0].inputs, "readings.csv");
  EXPECT_EQ(ids(store->cases()), std::vector<std::string>{"C1"});
}

TEST_P(CaseStoreTest, ASchemaOfAnotherVersionIsRefused) {
  open();
  execute("UPDATE schema_version SET version = 2");
  try {
    open();
    FAIL() << "a version 2 store was opened";
  } catch (const StoreError& e) {
    EXPECT_NE(std::string(e.what()).find("schema version 2"), std::string::npos) << e.what();
  }
}

TEST_P(CaseStoreTest, EveryFieldIsStoredAsGiven) {
  const auto store = open();
  CaseRecord c = make_case("C1", 7.25);
  c.evidence = "quotes ' \" and, commas; ünïcödé";
  c.probability = 0.1234567890123457;  // no short decimal: PostgreSQL must get every digit
  c.unbilled_kwh = 1e-7 / 3;
  store->record_scan(make_scan("S1"), {c});
  const auto found = store->find_case("C1");
  ASSERT_TRUE(found);
  EXPECT_EQ(found->site, c.site);
  EXPECT_EQ(found->region, c.region);
  EXPECT_EQ(found->meters, c.meters);
  EXPECT_EQ(found->kinds, c.kinds);
  EXPECT_EQ(found->status, c.status);
  EXPECT_EQ(found->probability, c.probability);  // bit for bit
  EXPECT_DOUBLE_EQ(found->mining_kw, c.mining_kw);
  EXPECT_EQ(found->unbilled_kwh, c.unbilled_kwh);
  EXPECT_DOUBLE_EQ(found->expected_value, c.expected_value);
  EXPECT_DOUBLE_EQ(found->priority, c.priority);
  EXPECT_EQ(found->first_day, c.first_day);
  EXPECT_EQ(found->last_day, c.last_day);
  EXPECT_EQ(found->evidence_key, c.evidence_key);
  EXPECT_EQ(found->evidence, c.evidence);
  EXPECT_EQ(found->first_seen_scan, "S1");
  EXPECT_EQ(found->last_seen_scan, "S1");
  EXPECT_FALSE(store->find_case("C2"));
}

TEST_P(CaseStoreTest, RecordingAScanTwiceUpdatesAndNeverDuplicates) {
  const auto store = open();
  const std::vector<CaseRecord> cases = {make_case("C1", 1), make_case("C2", 2)};
  store->record_scan(make_scan("S1"), cases);
  store->record_scan(make_scan("S1"), cases);
  EXPECT_EQ(store->cases().size(), 2u);
  EXPECT_EQ(store->scans().size(), 1u);
  store->record_scan(make_scan("S2"), cases);
  EXPECT_EQ(store->cases().size(), 2u);
  EXPECT_EQ(store->scans().size(), 2u);
  for (const CaseRecord& c : store->cases()) {
    EXPECT_EQ(c.first_seen_scan, "S1") << c.case_id;
    EXPECT_EQ(c.last_seen_scan, "S2") << c.case_id;
  }
}

TEST_P(CaseStoreTest, ALaterScanUpdatesChangedFieldsAndAddsNewCases) {
  const auto store = open();
  store->record_scan(make_scan("S1"), {make_case("C1", 1)});
  CaseRecord changed = make_case("C1", 9);
  changed.status = "open";
  changed.mining_kw = 40;
  changed.last_day = "2024-04-01";
  changed.evidence_key = "ek-new";
  changed.meters = "m-C1";
  store->record_scan(make_scan("S2"), {changed, make_case("C3", 3)});
  const auto found = store->find_case("C1");
  ASSERT_TRUE(found);
  EXPECT_EQ(found->status, "open");
  EXPECT_DOUBLE_EQ(found->mining_kw, 40);
  EXPECT_DOUBLE_EQ(found->priority, 9);
  EXPECT_EQ(found->last_day, "2024-04-01");
  EXPECT_EQ(found->evidence_key, "ek-new");
  EXPECT_EQ(found->meters, "m-C1");
  EXPECT_EQ(found->first_seen_scan, "S1");
  EXPECT_EQ(found->last_seen_scan, "S2");
  ASSERT_TRUE(store->find_case("C3"));
  EXPECT_EQ(store->find_case("C3")->first_seen_scan, "S2");
}

TEST_P(CaseStoreTest, CasesComeHighestPriorityFirst) {
  const auto store = open();
  store->record_scan(make_scan("S1"),
                     {make_case("C1", 2), make_case("C2", 30), make_case("C3", 0.5), make_case("C4", 7)});
  EXPECT_EQ(ids(store->cases()), (std::vector<std::string>{"C2", "C4", "C1", "C3"}));
}

TEST_P(CaseStoreTest, TheLatestResolutionCountsAndOutlivesLaterScans) {
  const auto store = open();
  store->record_scan(make_scan("S1"), {make_case("C1", 1), make_case("C2", 2)});
  store->resolve("C1", Outcome::no_access, "gate locked");
  store->resolve("C1", Outcome::confirmed, "three rigs in the garage");
  std::vector<Resolution> resolved = store->resolutions();
  ASSERT_EQ(resolved.size(), 1u);
  EXPECT_EQ(resolved[0].case_id, "C1");
  EXPECT_EQ(resolved[0].outcome, Outcome::confirmed);
  EXPECT_EQ(resolved[0].note, "three rigs in the garage");
  EXPECT_EQ(resolved[0].evidence_key, "ek-C1");
  EXPECT_EQ(resolved[0].meters, "m-C1;m2-C1");
  EXPECT_EQ(resolved[0].kinds, "mining;unregistered");
  EXPECT_TRUE(is_utc_second(resolved[0].resolved_at)) << resolved[0].resolved_at;

  // A later scan with new evidence updates the case, not what the inspector saw.
  CaseRecord again = make_case("C1", 1);
  again.evidence_key = "ek-C1-new";
  store->record_scan(make_scan("S2"), {again});
  resolved = open()->resolutions();
  ASSERT_EQ(resolved.size(), 1u);
  EXPECT_EQ(resolved[0].outcome, Outcome::confirmed);
  EXPECT_EQ(resolved[0].evidence_key, "ek-C1");
  EXPECT_EQ(store->find_case("C1")->evidence_key, "ek-C1-new");

  store->resolve("C2", Outcome::legal, "");
  resolved = store->resolutions();
  ASSERT_EQ(resolved.size(), 2u);
  EXPECT_EQ(resolved[1].case_id, "C2");
  EXPECT_EQ(resolved[1].outcome, Outcome::legal);
}

TEST_P(CaseStoreTest, ResolvingAnUnknownCaseIsAStoreError) {
  const auto store = open();
  store->record_scan(make_scan("S1"), {make_case("C1", 1)});
  try {
    store->resolve("C-nope", Outcome::confirmed, "");
    FAIL() << "resolved a case that does not exist";
  } catch (const StoreError& e) {
    EXPECT_NE(std::string(e.what()).find("unknown case 'C-nope'"), std::string::npos) << e.what();
  }
  EXPECT_TRUE(store->resolutions().empty());
}

// The child writes a scan of many cases and is killed (SIGKILL: no destructor, no rollback of its own)
// after `kKilledAfter` rows, inside the open transaction.
constexpr std::size_t kKilledAfter = 1500;

TEST_P(CaseStoreTest, AScanKilledWhileWritingLeavesNothingOfItself) {
  {
    const auto store = open();
    store->record_scan(make_scan("S1"), {make_case("C1", 1), make_case("C2", 2)});
    store->resolve("C1", Outcome::not_found, "nothing there");
  }
  std::vector<CaseRecord> many = {make_case("C1", 100)};  // an update of a stored case, written first
  for (int i = 0; i < 2000; ++i) many.push_back(make_case("K" + std::to_string(i), i));

  const pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    detail::set_case_row_hook([](std::size_t rows) {
      if (rows == kKilledAfter) ::raise(SIGKILL);
    });
    try {
      CaseStore::open(location_)->record_scan(make_scan("S-killed"), many);
    } catch (...) {
    }
    ::_exit(3);  // not killed: the parent's check below fails
  }
  int status = 0;
  ASSERT_EQ(::waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL) << "child status " << status;

  const auto store = open();
  EXPECT_EQ(store->scans().size(), 1u);
  EXPECT_EQ(ids(store->cases()), (std::vector<std::string>{"C2", "C1"}));
  EXPECT_DOUBLE_EQ(store->find_case("C1")->priority, 1);
  EXPECT_EQ(store->find_case("C1")->last_seen_scan, "S1");
  ASSERT_EQ(store->resolutions().size(), 1u);
  EXPECT_EQ(store->resolutions()[0].outcome, Outcome::not_found);

  store->record_scan(make_scan("S3"), many);
  EXPECT_EQ(store->cases().size(), many.size() + 1);
  EXPECT_EQ(store->find_case("C1")->first_seen_scan, "S1");
  EXPECT_EQ(store->find_case("C1")->last_seen_scan, "S3");
}

std::string backend_name(const ::testing::TestParamInfo<Backend>& param) {
  return param.param == Backend::sqlite ? "SQLite" : "PostgreSQL";
}

INSTANTIATE_TEST_SUITE_P(Backends, CaseStoreTest, ::testing::Values(Backend::sqlite, Backend::postgresql),
                         backend_name);

}  // namespace
}  // namespace minewatch::store
