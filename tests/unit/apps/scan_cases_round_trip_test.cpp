// The cases' round trip through the CLI: a scan records its cases in a new store, an inspector resolves one
// as a false alarm, the same scan again neither duplicates a case nor raises the resolved one.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdlib>
#include <string>

#include "minewatch/store/case_store.h"
#include "support/temp_dir.h"

namespace minewatch {
namespace {

using minewatch::testing::read_file;
using minewatch::testing::TempDir;

class ScanCasesRoundTrip : public ::testing::Test {
 protected:
  int run(const std::string& arguments) {
    const std::string command = std::string(MINEWATCH_BINARY) + " " + arguments + " >" + dir_.file("stdout") +
                                " 2>" + dir_.file("stderr");
    const int status = std::system(command.c_str());
    err_ = read_file(dir_.file("stderr"));
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }
  std::string scan(const std::string& out) {
    const std::string data = std::string(MINEWATCH_TEST_E2E_DATA_DIR);
    EXPECT_EQ(run("scan --readings " + data + "/readings.csv --meters " + data + "/meters.csv --policy " +
                  dir_.file("policy.toml") + " --db " + dir_.file("cases.db") + " --threads 1 -q -o " +
                  dir_.file(out)),
              0)
        << err_;
    return read_file(dir_.file(out) + "/cases.csv");
  }

  TempDir dir_;
  std::string err_;
};

TEST_F(ScanCasesRoundTrip, ResolvedFalseAlarmIsNotRaisedAgainAndNothingDuplicates) {
  dir_.write("policy.toml",
             "[[regions]]\ncode = \"RU-IRK\"\ntz = \"Asia/Irkutsk\"\nban = \"all_year\"\n\n"
             "[[regions]]\ncode = \"RU-KAM\"\ntz = \"Asia/Kamchatka\"\nban = \"all_year\"\n\n"
             "[[tariffs]]\nclass = \"household\"\nprice_per_kwh = 6.0\nsubsidised = true\n");
  const std::string first = scan("first");
  auto store = store::CaseStore::open(dir_.file("cases.db"));
  const auto cases = store->cases();
  ASSERT_EQ(cases.size(), 2u) << first;  // the two flat miners, each in a banned region
  EXPECT_EQ(store->scans().size(), 1u);
  const std::string resolved = cases[0].case_id;
  ASSERT_EQ(
      run("cases resolve --db " + dir_.file("cases.db") + " --case " + resolved + " --outcome not_found"), 0)
      << err_;

  const std::string second = scan("second");
  EXPECT_EQ(store->cases().size(), 2u);  // updated, not duplicated
  EXPECT_EQ(store->scans().size(), 1u);  // the same inputs: the same scan
  const auto line_of = [&](const std::string& text) {
    const auto at = text.find(resolved);
    return at == std::string::npos ? std::string() : text.substr(at, text.find('\n', at) - at);
  };
  EXPECT_NE(line_of(second).find(",suppressed,"), std::string::npos) << second;
  EXPECT_NE(line_of(first).find(",new,"), std::string::npos) << first;
  EXPECT_EQ(store->find_case(resolved)->status, "suppressed");
}

}  // namespace
}  // namespace minewatch
