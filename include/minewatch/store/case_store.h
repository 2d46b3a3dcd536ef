// store layer: where inspection cases live between scans. One interface, two back ends chosen by the
// location: a file path (SQLite, the default) or a "postgresql://..." URL (PostgreSQL through libpqxx). Both
// keep the same schema (docs/cases.md) and the same guarantees:
//  - a scan's cases are written in one transaction: after a crash either all of them are visible or none;
//  - a case is keyed by its case_id, so re-running a scan over the same data updates, never duplicates;
//  - an inspector's outcome stays with the case and its evidence_key, so the next scan can tell a resolved
//    false alarm raised again on the same evidence from one raised on new evidence.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace minewatch::store {

// One inspection case as the store keeps it (cases/case_builder.h makes them; docs/formats.md has the
// meaning of every field, the same as the columns of cases.csv).
struct CaseRecord {
  std::string case_id;        // stable for the same site and kind of evidence: "C" + 16 hex digits
  std::string site;           // the site's key: a subscriber, taxpayer or transformer group
  std::string region;         // ISO 3166-2:RU code
  std::string meters;         // ';'-joined meter ids
  std::string kinds;          // ';'-joined: mining, unregistered, over_capacity, banned_region, ...
  std::string status;         // as written by the scan: new, open, suppressed (see cases/case_builder.h)
  double probability = 0;     // that an inspection finds something actionable
  double mining_kw = 0;       // estimated rigs' power, 0 when no mining
  double unbilled_kwh = 0;    // energy taken without paying (theft, tampering, a tap) or at the wrong rate
  double expected_value = 0;  // RUB: unbilled kWh x tariff + fines
  double priority = 0;        // probability x expected_value
  std::string first_day;      // YYYY-MM-DD: the evidence's first day
  std::string last_day;       // YYYY-MM-DD: its last day
  std::string evidence_key;   // hash of what raised the case; changes when the evidence does
  std::string evidence;       // plain words an inspector can check
  // Kept by the store, ignored by record_scan: the scan that first raised the case and the latest one.
  std::string first_seen_scan;
  std::string last_seen_scan;
};

// What an inspection found. `legal` = mining found but lawful (registered, in capacity, allowed region).
enum class Outcome { confirmed, not_found, legal, no_access, duplicate };
std::string_view outcome_name(Outcome outcome);
std::optional<Outcome> parse_outcome(std::string_view name);
// A false alarm: the evidence raised no actionable finding; the same evidence is not raised again.
// not_found and legal are false alarms (nothing there, or mining that is lawful: inspecting the same evidence
// again would find the same). confirmed is not; no_access and duplicate are not either: they say nothing
// about the evidence, so the case stays eligible to be raised again.
bool is_false_alarm(Outcome outcome);

struct Resolution {
  std::string case_id;
  Outcome outcome = Outcome::confirmed;
  std::string note;
  std::string resolved_at;   // UTC ISO 8601, set by the store
  std::string evidence_key;  // the case's evidence when it was resolved
  std::string meters;        // the case's meters when it was resolved (labels for retraining)
  std::string kinds;         // the case's kinds when it was resolved
};

struct ScanRecord {
  std::string scan_id;      // the scan's identity: a hash of its inputs (the same inputs, the same id)
  std::string started_at;   // UTC ISO 8601
  std::string inputs;       // free text: the files read
  std::string period_from;  // YYYY-MM-DD
  std::string period_to;
};

// The location as messages show it: a PostgreSQL URL without its password, a SQLite path as given.
std::string redacted_location(const std::string& location);

// Thrown for an unreachable database, a schema of another version, an unknown case.
class StoreError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class CaseStore {
 public:
  virtual ~CaseStore() = default;

  // Opens (creating the schema when missing) the store at `location`: "postgresql://..." or
  // "postgres://..." is PostgreSQL, anything else a SQLite file path.
  static std::unique_ptr<CaseStore> open(const std::string& location);

  // Records one scan and upserts its cases in one transaction (all or nothing). A case already stored keeps
  // its first_seen scan and its resolution; every other field takes the new values.
  virtual void record_scan(const ScanRecord& scan, const std::vector<CaseRecord>& cases) = 0;

  // Every stored case, highest priority first.
  virtual std::vector<CaseRecord> cases() = 0;
  virtual std::optional<CaseRecord> find_case(const std::string& case_id) = 0;

  // Records an inspection outcome (the latest one counts). Throws StoreError for an unknown case id.
  virtual void resolve(const std::string& case_id, Outcome outcome, const std::string& note) = 0;
  // The latest outcome of every resolved case.
  virtual std::vector<Resolution> resolutions() = 0;

  virtual std::vector<ScanRecord> scans() = 0;
};

}  // namespace minewatch::store
