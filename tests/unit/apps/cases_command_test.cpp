// `minewatch cases resolve|list|labels` run as a process on a store filled through the C++ API (the CLI
// cannot create cases: scans do).
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "minewatch/io/theft_labels.h"
#include "minewatch/store/case_store.h"
#include "support/temp_dir.h"

namespace minewatch {
namespace {

using minewatch::testing::read_file;
using minewatch::testing::TempDir;

store::CaseRecord make_case(const std::string& id, const std::string& meters, double priority) {
  store::CaseRecord c;
  c.case_id = id;
  c.site = "site-" + id;
  c.region = "RU-IRK";
  c.meters = meters;
  c.kinds = "mining;unregistered";
  c.status = "new";
  c.priority = priority;
  c.first_day = "2024-01-01";
  c.last_day = "2024-03-01";
  c.evidence_key = "ek-" + id;
  c.evidence = "flat load, day and night";
  return c;
}

class CasesCommand : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = dir_.file("cases.db");
    store::CaseStore::open(db_)->record_scan(
        {"S1", "2024-03-02T00:00:00Z", "readings.csv", "2024-01-01", "2024-03-01"},
        {make_case("C1", "m1;m2", 9), make_case("C2", "m3", 5), make_case("C3", "m4", 1)});
  }

  // Runs minewatch with `arguments` (already shell-quoted); its exit status, stdout and stderr.
  int run(const std::string& arguments) {
    const std::string command = std::string(MINEWATCH_BINARY) + " " + arguments + " >" + dir_.file("stdout") +
                                " 2>" + dir_.file("stderr");
    const int status = std::system(command.c_str());
    out_ = read_file(dir_.file("stdout"));
    err_ = read_file(dir_.file("stderr"));
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }

  TempDir dir_;
  std::string db_;
  std::string out_;
  std::string err_;
};

TEST_F(CasesCommand, ResolveRecordsTheOutcome) {
  ASSERT_EQ(run("cases resolve --db " + db_ + " --case C2 --outcome legal --note 'registered farm'"), 0)
      << err_;
  EXPECT_NE(out_.find("C2: legal (a false alarm"), std::string::npos) << out_;
  const auto resolved = store::CaseStore::open(db_)->resolutions();
  ASSERT_EQ(resolved.size(), 1u);
  EXPECT_EQ(resolved[0].case_id, "C2");
  EXPECT_EQ(resolved[0].outcome, store::Outcome::legal);
  EXPECT_EQ(resolved[0].note, "registered farm");
}

TEST_F(CasesCommand, AnUnknownCaseOrOutcomeIsBadInput) {
  EXPECT_EQ(run("cases resolve --db " + db_ + " --case C9 --outcome confirmed"), 2);
  EXPECT_NE(err_.find("unknown case: 'C9'"), std::string::npos) << err_;
  EXPECT_EQ(run("cases resolve --db " + db_ + " --case C1 --outcome found"), 2);
  EXPECT_NE(err_.find("found not in {confirmed,not_found,legal,no_access,duplicate}"), std::string::npos)
      << err_;
  EXPECT_TRUE(store::CaseStore::open(db_)->resolutions().empty());
}

TEST_F(CasesCommand, AMissingStoreIsNotCreated) {
  const std::string missing = dir_.file("typo.db");
  EXPECT_EQ(run("cases list --db " + missing), 2);
  EXPECT_NE(err_.find("no case store here"), std::string::npos) << err_;
  EXPECT_FALSE(std::filesystem::exists(missing));
}

TEST_F(CasesCommand, ListPrintsEveryCaseWithItsLatestOutcome) {
  ASSERT_EQ(run("cases resolve --db " + db_ + " --case C3 --outcome no_access"), 0) << err_;
  ASSERT_EQ(run("cases resolve --db " + db_ + " --case C3 --outcome confirmed --note 'second visit, 2 rigs'"),
            0);
  ASSERT_EQ(run("cases list --db " + db_), 0) << err_;
  EXPECT_EQ(
      out_.substr(0, out_.find('\n')),
      "case_id,site,region,meters,kinds,status,probability,mining_kw,unbilled_kwh,expected_value,priority,"
      "first_day,last_day,evidence_key,evidence,first_seen_scan,last_seen_scan,outcome,resolved_at,note");
  EXPECT_NE(
      out_.find("\nC1,site-C1,RU-IRK,m1;m2,mining;unregistered,new,0,0,0,0,9,2024-01-01,2024-03-01,ek-C1,"
                "\"flat load, day and night\",S1,S1,,,\n"),
      std::string::npos)
      << out_;
  EXPECT_NE(out_.find(",S1,S1,confirmed,"), std::string::npos) << out_;
  EXPECT_NE(out_.find(",\"second visit, 2 rigs\"\n"), std::string::npos) << out_;

  ASSERT_EQ(run("cases list --db " + db_ + " --format json"), 0) << err_;
  const nlohmann::json cases = nlohmann::json::parse(out_);
  ASSERT_EQ(cases.size(), 3u);
  EXPECT_EQ(cases[0]["case_id"], "C1");
  EXPECT_TRUE(cases[0]["outcome"].is_null());
  EXPECT_EQ(cases[2]["case_id"], "C3");
  EXPECT_EQ(cases[2]["outcome"], "confirmed");
  EXPECT_EQ(cases[2]["note"], "second visit, 2 rigs");
  EXPECT_EQ(cases[2]["priority"], 1.0);
}

TEST_F(CasesCommand, MiningLabelsAreReadableByTheLabelsLoader) {
  ASSERT_EQ(run("cases resolve --db " + db_ + " --case C1 --outcome confirmed"), 0) << err_;
  ASSERT_EQ(run("cases resolve --db " + db_ + " --case C2 --outcome not_found"), 0) << err_;
  ASSERT_EQ(run("cases resolve --db " + db_ + " --case C3 --outcome duplicate"), 0) << err_;
  const std::string labels = dir_.file("out/labels.csv");
  ASSERT_EQ(run("cases labels --db " + db_ + " --target mining --out " + labels), 0) << err_;
  EXPECT_NE(out_.find("3 meters, 2 with mining found"), std::string::npos) << out_;
  EXPECT_EQ(read_file(labels),
            "meter_id,flag,theft_type\n"
            "m1,1,mining+unregistered\n"
            "m2,1,mining+unregistered\n"
            "m3,0,\n");
  const TheftLabels loaded = TheftLabels::load(labels);
  EXPECT_EQ(loaded.size(), 3u);
  EXPECT_TRUE(loaded.find("m2")->theft);
  EXPECT_FALSE(loaded.find("m3")->theft);
  EXPECT_FALSE(loaded.find("m4"));
}

}  // namespace
}  // namespace minewatch
