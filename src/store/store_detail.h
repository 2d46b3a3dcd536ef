// store layer (internal): what both back ends share besides the SQL (store_sql.h).
#pragma once

#include <string>
#include <string_view>

#include "minewatch/store/case_store.h"

namespace minewatch::store::detail {

// "case store <db>: <statement>: <problem>", the one shape of every StoreError.
[[noreturn]] void fail(const std::string& db, std::string_view statement, std::string_view problem);

// An outcome read back from the store; a name this version does not know is a StoreError.
Outcome stored_outcome(std::string_view name, const std::string& db);

}  // namespace minewatch::store::detail
