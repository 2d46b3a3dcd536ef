// CaseStore::open: which back end a location picks, and errors that name the database but never a password.
#include <gtest/gtest.h>

#include <string>

#include "minewatch/store/case_store.h"
#include "support/temp_dir.h"

namespace minewatch::store {
namespace {

std::string open_error(const std::string& location) {
  try {
    CaseStore::open(location);
  } catch (const StoreError& e) {
    return e.what();
  }
  return "opened";
}

TEST(CaseStoreOpen, AnUnopenableSqliteFileNamesItsPath) {
  minewatch::testing::TempDir dir;
  const std::string path = dir.file("no/such/dir/cases.db");
  const std::string error = open_error(path);
  EXPECT_NE(error.find(path), std::string::npos) << error;
  EXPECT_NE(error.find("open"), std::string::npos) << error;
}

TEST(CaseStoreOpen, AFileThatIsNotADatabaseIsAStoreError) {
  minewatch::testing::TempDir dir;
  const std::string path = dir.write("cases.db", std::string(8192, 'x'));
  const std::string error = open_error(path);
  EXPECT_NE(error.find("case store " + path), std::string::npos) << error;
}

TEST(CaseStoreOpen, PostgresUrlsGoToPostgresAndHideThePassword) {
  // Port 1 on loopback refuses at once: the URL was taken for PostgreSQL, not for a file name.
  for (const std::string scheme : {"postgresql://", "postgres://"}) {
    const std::string error = open_error(scheme + "inspector:s3cret@127.0.0.1:1/cases?password=other");
    EXPECT_NE(error.find("connect"), std::string::npos) << error;
    EXPECT_NE(error.find(scheme + "inspector:***@127.0.0.1:1/cases"), std::string::npos) << error;
    EXPECT_EQ(error.find("s3cret"), std::string::npos) << error;
    EXPECT_EQ(error.find("other"), std::string::npos) << error;
  }
}

TEST(CaseStoreOpen, AnEmptyLocationIsAStoreError) {
  EXPECT_NE(open_error("").find("empty location"), std::string::npos);
}

}  // namespace
}  // namespace minewatch::store
