// load_policy: the schema of docs/policy.md, and errors that name the file, the line and the key.
#include "minewatch/policy/policy.h"

#include <gtest/gtest.h>

#include "minewatch/core/error.h"
#include "minewatch/core/timestamp.h"
#include "support/temp_dir.h"

namespace minewatch::policy {
namespace {

using minewatch::testing::TempDir;

constexpr const char* kPolicy = R"(
[register]
file = "registry.csv"
individual_limit_kwh_per_month = 6000
capacity_tolerance = 0.1

[[register.entries]]
taxpayer_id = "7701"
meters = ["M9", "M10"]
capacity_kw = 3.5
from = 2025-02-01

[[regions]]
code = "RU-IRK"
tz = "Asia/Irkutsk"
ban = "seasonal"
season_from = "11-15"
season_to = "03-15"
valid_from = 2025-01-01
valid_to = 2025-04-06
source = "Decree 1869"

[[regions]]
code = "RU-IRK"
tz = "Asia/Irkutsk"
ban = "all_year"
valid_from = 2025-04-07
valid_to = 2031-03-15
districts = ["Irkutsky"]

[[ai_data_centres]]
site = "DC1"
region = "RU-MOW"
meters = ["M20"]

[[tariffs]]
class = "household"
price_per_kwh = 5.5
subsidised = true

[[tariffs]]
region = "RU-IRK"
class = "household"
price_per_kwh = 1.9
subsidised = true

[fines]
unregistered = 100000
)";

TEST(PolicyFileTest, ReadsEverySection) {
  TempDir dir;
  dir.write("registry.csv", "taxpayer_id,meter_id,capacity_kw,from,to\n7702,M1,10,2025-01-01,2025-06-30\n");
  const Policy p = load_policy(dir.write("policy.toml", kPolicy));
  ASSERT_EQ(p.regions.size(), 2u);
  EXPECT_EQ(p.regions[0].ban, BanKind::seasonal);
  EXPECT_EQ(p.regions[0].season.from, (MonthDay{11, 15}));
  EXPECT_EQ(p.regions[0].valid_to, *parse_iso_day("2025-04-06"));
  EXPECT_EQ(p.regions[1].districts, std::vector<std::string>{"Irkutsky"});
  ASSERT_EQ(p.registrations.size(), 3u);  // two inline meters + one from the CSV
  EXPECT_EQ(p.registrations[2].meter_id, "M1");
  EXPECT_EQ(p.registrations[2].to, *parse_iso_day("2025-06-30"));
  EXPECT_EQ(p.registrations[0].to, kOpenEnd);
  EXPECT_DOUBLE_EQ(p.capacity_tolerance, 0.1);
  ASSERT_EQ(p.ai_data_centres.size(), 1u);
  EXPECT_EQ(p.tariffs.size(), 2u);
  EXPECT_DOUBLE_EQ(p.fines.unregistered, 100000);
}

// Each bad policy and the place its error must name.
struct BadPolicy {
  const char* text;
  std::uint64_t line;
  const char* key;
};

class BadPolicyTest : public ::testing::TestWithParam<BadPolicy> {};

TEST_P(BadPolicyTest, ErrorNamesLineAndKey) {
  TempDir dir;
  const std::string path = dir.write("policy.toml", GetParam().text);
  try {
    load_policy(path);
    FAIL() << "no error for:\n" << GetParam().text;
  } catch (const InputError& e) {
    EXPECT_EQ(e.place().file, path);
    EXPECT_EQ(e.place().line, GetParam().line) << e.what();
    EXPECT_EQ(e.place().field, GetParam().key) << e.what();
  }
}

INSTANTIATE_TEST_SUITE_P(
    Policies, BadPolicyTest,
    ::testing::Values(
        BadPolicy{"[[regions]]\ncode = \"RU-DA\"\ntz = \"Europe/Moscow\"\nbann = \"all_year\"\n", 4,
                  "regions[0].bann"},
        BadPolicy{"[[regions]]\ncode = \"RU-DA\"\ntz = \"Europe/Moscow\"\nban = \"sometimes\"\n", 1,
                  "regions[0].ban"},
        BadPolicy{"[[regions]]\ncode = \"RU-DA\"\ntz = \"Mars/Olympus\"\n", 1, "regions[0].tz"},
        BadPolicy{"[[regions]]\ntz = \"Europe/Moscow\"\n", 1, "regions[0].code"},
        BadPolicy{"[[regions]]\ncode = \"RU-IRK\"\ntz = \"Asia/Irkutsk\"\nban = \"seasonal\"\nseason_from = "
                  "\"11-31\"\n"
                  "season_to = \"03-15\"\n",
                  1, "regions[0].season_from"},
        BadPolicy{"[[regions]]\ncode = \"RU-DA\"\ntz = \"Europe/Moscow\"\nban = \"all_year\"\nseason_from = "
                  "\"11-15\"\n",
                  1, "regions[0].season_from"},
        BadPolicy{"[[regions]]\ncode = \"RU-DA\"\ntz = \"Europe/Moscow\"\nvalid_from = \"2025-13-01\"\n", 1,
                  "regions[0].valid_from"},
        BadPolicy{"[[regions]]\ncode = \"RU-DA\"\ntz = \"Europe/Moscow\"\nvalid_from = 2026-01-01\n"
                  "valid_to = 2025-01-01\n",
                  1, "regions[0].valid_to"},
        BadPolicy{"[[regions]]\ncode = \"RU-DA\"\ntz = \"Europe/Moscow\"\nban = \"all_year\"\n\n"
                  "[[regions]]\ncode = \"RU-DA\"\ntz = \"Europe/Moscow\"\nban = \"none\"\nvalid_from = "
                  "2030-01-01\n",
                  6, "regions[1].valid_from"},
        BadPolicy{
            "[register]\n\n[[register.entries]]\ntaxpayer_id = \"1\"\nmeters = [\"M1\"]\ncapacity_kw = -2\n",
            3, "register.entries[0].capacity_kw"},
        BadPolicy{"[[tariffs]]\nclass = \"household\"\nprice_per_kwh = \"cheap\"\n", 3,
                  "tariffs[0].price_per_kwh"},
        BadPolicy{"[fines]\nunregistred = 5\n", 2, "fines.unregistred"},
        BadPolicy{"[[regions]]\ncode = \"RU-DA\"\ntz = \"Europe/Moscow\"\n[[regions]]\ncode = \"RU-DA\"\n"
                  "tz = \"Asia/Irkutsk\"\nvalid_from = 2030-01-01\n",
                  4, "regions[1].tz"},
        BadPolicy{"colour = \"red\"\n", 1, "colour"}));

TEST(PolicyFileTest, SyntaxErrorNamesTheLine) {
  TempDir dir;
  const std::string path = dir.write("policy.toml", "[[regions]]\ncode = \"RU-DA\n");
  try {
    load_policy(path);
    FAIL();
  } catch (const InputError& e) {
    EXPECT_EQ(e.place().line, 2u) << e.what();
  }
}

TEST(PolicyFileTest, RegisterCsvErrorsNameFileLineAndField) {
  TempDir dir;
  const std::string csv =
      dir.write("registry.csv", "taxpayer_id,meter_id,capacity_kw,from,to\n1,M1,5,2025-03-01,2025-02-01\n");
  const std::string path = dir.write("policy.toml", "[register]\nfile = \"registry.csv\"\n");
  try {
    load_policy(path);
    FAIL();
  } catch (const InputError& e) {
    EXPECT_EQ(e.place().file, csv);
    EXPECT_EQ(e.place().line, 2u);
    EXPECT_EQ(e.place().field, "to");
  }
}

}  // namespace
}  // namespace minewatch::policy
