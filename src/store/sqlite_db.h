// store layer (internal): a thin RAII face on the sqlite3 C API. Every failure is a StoreError naming the
// database and the statement.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace minewatch::store::detail {

class SqliteDb {
 public:
  // Opens or creates the file; WAL journal, a busy timeout (another process may be writing), foreign keys on.
  explicit SqliteDb(std::string path);
  ~SqliteDb();
  SqliteDb(const SqliteDb&) = delete;
  SqliteDb& operator=(const SqliteDb&) = delete;

  // Runs statements without parameters or results (schema, BEGIN, COMMIT); `what` names them in errors.
  void exec(std::string_view sql, std::string_view what);
  [[noreturn]] void fail(std::string_view what) const;  // with sqlite3_errmsg
  const std::string& path() const { return path_; }
  sqlite3* handle() { return db_; }

 private:
  std::string path_;
  sqlite3* db_ = nullptr;
};

// A prepared statement; `sql` uses $N placeholders (store_sql.h), bound by index from 1.
class SqliteStatement {
 public:
  SqliteStatement(SqliteDb& db, std::string_view sql, std::string_view what);
  ~SqliteStatement();
  SqliteStatement(const SqliteStatement&) = delete;
  SqliteStatement& operator=(const SqliteStatement&) = delete;

  SqliteStatement& bind(int index, std::string_view text);
  SqliteStatement& bind(int index, double value);
  SqliteStatement& bind(int index, std::int64_t value);
  // Steps once: true when a row is ready to read, false when done.
  bool step();
  // Runs a statement that returns no rows, then resets it for the next binding.
  void run();
  void reset();

  std::string text(int column) const;
  double real(int column) const;
  std::int64_t integer(int column) const;

 private:
  SqliteDb& db_;
  std::string what_;
  sqlite3_stmt* stmt_ = nullptr;
};

// BEGIN IMMEDIATE (the write lock is taken at once, so a busy database waits at the start, never half-way);
// rolled back on destruction unless committed.
class SqliteTransaction {
 public:
  explicit SqliteTransaction(SqliteDb& db);
  ~SqliteTransaction();
  SqliteTransaction(const SqliteTransaction&) = delete;
  SqliteTransaction& operator=(const SqliteTransaction&) = delete;
  void commit();

 private:
  SqliteDb& db_;
  bool open_ = true;
};

}  // namespace minewatch::store::detail
