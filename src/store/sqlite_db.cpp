#include "sqlite_db.h"

#include <sqlite3.h>

#include "store_detail.h"

namespace minewatch::store::detail {
namespace {

// Another process (a scan while an inspector resolves a case) may hold the write lock for a while.
constexpr int kBusyTimeoutMs = 30'000;

// PostgreSQL's $N placeholders as SQLite's ?N: the same index, so one SQL text serves both back ends.
std::string sqlite_placeholders(std::string_view sql) {
  std::string out(sql);
  for (std::size_t i = 0; i + 1 < out.size(); ++i)
    if (out[i] == '$' && out[i + 1] >= '0' && out[i + 1] <= '9') out[i] = '?';
  return out;
}

}  // namespace

SqliteDb::SqliteDb(std::string path) : path_(std::move(path)) {
  const int rc = sqlite3_open_v2(path_.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
  if (rc != SQLITE_OK) {
    const std::string problem = db_ != nullptr ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
    sqlite3_close(db_);
    db_ = nullptr;
    detail::fail(path_, "open", problem);
  }
  try {
    sqlite3_extended_result_codes(db_, 1);
    if (sqlite3_busy_timeout(db_, kBusyTimeoutMs) != SQLITE_OK) fail("busy timeout");
    // WAL: readers (cases list) never block the writer. synchronous=FULL: a committed scan survives a power
    // cut too, not only a crash of the process; a scan commits once, so the extra fsync costs little.
    // journal_mode is the first statement that reads the file: a file that is not a database fails here.
    exec("PRAGMA journal_mode = WAL", "PRAGMA journal_mode");
    exec("PRAGMA synchronous = FULL", "PRAGMA synchronous");
    exec("PRAGMA foreign_keys = ON", "PRAGMA foreign_keys");
  } catch (...) {
    sqlite3_close(db_);  // a constructor that throws runs no destructor
    throw;
  }
}

SqliteDb::~SqliteDb() {
  sqlite3_close(db_);
}

void SqliteDb::exec(std::string_view sql, std::string_view what) {
  char* message = nullptr;
  const std::string text(sql);
  if (sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
    const std::string problem = message != nullptr ? message : sqlite3_errmsg(db_);
    sqlite3_free(message);
    detail::fail(path_, what, problem);
  }
}

void SqliteDb::fail(std::string_view what) const {
  detail::fail(path_, what, sqlite3_errmsg(db_));
}

SqliteStatement::SqliteStatement(SqliteDb& db, std::string_view sql, std::string_view what)
    : db_(db), what_(what) {
  const std::string text = sqlite_placeholders(sql);
  if (sqlite3_prepare_v2(db_.handle(), text.c_str(), static_cast<int>(text.size()), &stmt_, nullptr) !=
      SQLITE_OK)
    db_.fail(what_);
}

SqliteStatement::~SqliteStatement() {
  sqlite3_finalize(stmt_);
}

SqliteStatement& SqliteStatement::bind(int index, std::string_view text) {
  if (sqlite3_bind_text(stmt_, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT) !=
      SQLITE_OK)
    db_.fail(what_);
  return *this;
}

SqliteStatement& SqliteStatement::bind(int index, double value) {
  if (sqlite3_bind_double(stmt_, index, value) != SQLITE_OK) db_.fail(what_);
  return *this;
}

SqliteStatement& SqliteStatement::bind(int index, std::int64_t value) {
  if (sqlite3_bind_int64(stmt_, index, value) != SQLITE_OK) db_.fail(what_);
  return *this;
}

bool SqliteStatement::step() {
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  db_.fail(what_);
}

void SqliteStatement::run() {
  while (step()) {
  }
  reset();
}

void SqliteStatement::reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

std::string SqliteStatement::text(int column) const {
  const unsigned char* value = sqlite3_column_text(stmt_, column);
  if (value == nullptr) return {};
  return std::string(reinterpret_cast<const char*>(value),
                     static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column)));
}

double SqliteStatement::real(int column) const {
  return sqlite3_column_double(stmt_, column);
}

std::int64_t SqliteStatement::integer(int column) const {
  return sqlite3_column_int64(stmt_, column);
}

SqliteTransaction::SqliteTransaction(SqliteDb& db) : db_(db) {
  db_.exec("BEGIN IMMEDIATE", "BEGIN IMMEDIATE");
}

SqliteTransaction::~SqliteTransaction() {
  // An exception is already on its way; a failed rollback cannot say more than it does.
  if (open_) sqlite3_exec(db_.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
}

void SqliteTransaction::commit() {
  db_.exec("COMMIT", "COMMIT");
  open_ = false;
}

}  // namespace minewatch::store::detail
