#include "minewatch/store/case_store.h"

#include <algorithm>
#include <array>

#include "postgres_case_store.h"
#include "sqlite_case_store.h"
#include "store_detail.h"

namespace minewatch::store {
namespace {

constexpr std::array<std::string_view, 5> kOutcomeNames = {"confirmed", "not_found", "legal", "no_access",
                                                           "duplicate"};

bool is_postgres_url(std::string_view location) {
  return location.starts_with("postgresql://") || location.starts_with("postgres://");
}

}  // namespace

std::string_view outcome_name(Outcome outcome) {
  return kOutcomeNames.at(static_cast<std::size_t>(outcome));
}

std::optional<Outcome> parse_outcome(std::string_view name) {
  for (std::size_t i = 0; i < kOutcomeNames.size(); ++i)
    if (kOutcomeNames[i] == name) return static_cast<Outcome>(i);
  return std::nullopt;
}

bool is_false_alarm(Outcome outcome) {
  return outcome == Outcome::not_found || outcome == Outcome::legal;
}

std::unique_ptr<CaseStore> CaseStore::open(const std::string& location) {
  if (location.empty()) throw StoreError("case store: empty location (a SQLite file or a postgresql:// URL)");
  if (is_postgres_url(location)) return open_postgres_store(location);
  return open_sqlite_store(location);
}

std::string redacted_location(const std::string& location) {
  if (!is_postgres_url(location)) return location;
  std::string redacted = location;
  // user:password@ in the authority (no std::regex: GCC 12 warns inside it at -O1 with sanitizers).
  const std::size_t authority = redacted.find("://") + 3;
  const std::size_t authority_end = std::min(redacted.find_first_of("/?", authority), redacted.size());
  const std::size_t at = redacted.rfind('@', authority_end);
  if (at != std::string::npos && at >= authority) {
    const std::size_t colon = redacted.find(':', authority);
    if (colon < at) redacted.replace(colon + 1, at - colon - 1, "***");
  }
  // password=... among the query parameters.
  for (std::size_t key = redacted.find("password=", authority); key != std::string::npos;
       key = redacted.find("password=", key + 1)) {
    if (redacted[key - 1] != '?' && redacted[key - 1] != '&') continue;
    const std::size_t value = key + 9;
    const std::size_t end = std::min(redacted.find('&', value), redacted.size());
    redacted.replace(value, end - value, "***");
  }
  return redacted;
}

namespace detail {

void fail(const std::string& db, std::string_view statement, std::string_view problem) {
  throw StoreError("case store " + db + ": " + std::string(statement) + ": " + std::string(problem));
}

Outcome stored_outcome(std::string_view name, const std::string& db) {
  const auto outcome = parse_outcome(name);
  if (!outcome) fail(db, "read resolutions", "unknown outcome '" + std::string(name) + "'");
  return *outcome;
}

}  // namespace detail
}  // namespace minewatch::store
