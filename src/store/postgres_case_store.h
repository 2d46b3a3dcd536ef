// store layer (internal): the PostgreSQL back end of CaseStore (libpqxx), for a store shared by many hosts.
#pragma once

#include <memory>
#include <string>

#include "minewatch/store/case_store.h"

namespace minewatch::store {

// Connects to `url` ("postgresql://user@host:port/db") and creates the schema when missing (store_sql.h);
// throws StoreError.
std::unique_ptr<CaseStore> open_postgres_store(const std::string& url);

}  // namespace minewatch::store
