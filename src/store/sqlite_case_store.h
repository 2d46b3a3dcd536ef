// store layer (internal): the SQLite back end of CaseStore, a single file (the default).
#pragma once

#include <memory>
#include <string>

#include "minewatch/store/case_store.h"

namespace minewatch::store {

// Opens or creates the file and its schema (store_sql.h); throws StoreError.
std::unique_ptr<CaseStore> open_sqlite_store(const std::string& path);

}  // namespace minewatch::store
