// store layer (internal): the SQL both back ends run. One text for both keeps the schema and the upsert rule
// identical; placeholders are PostgreSQL's $N, which the SQLite back end turns into SQLite's ?N (same index).
#pragma once

#include <string>
#include <string_view>

namespace minewatch::store::sql {

// The version this code reads and writes; a store of another version is refused, never misread.
inline constexpr int kSchemaVersion = 1;

inline constexpr std::string_view kCreateVersionTable =
    "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)";
inline constexpr std::string_view kSelectVersion = "SELECT version FROM schema_version";
inline constexpr std::string_view kInsertVersion = "INSERT INTO schema_version (version) VALUES ($1)";

// The tables of version 1. `id_column` is the back end's auto-increment key type: resolutions are ordered by
// it, since two outcomes may carry the same resolved_at second.
inline std::string create_tables(std::string_view id_column) {
  return std::string(
             "CREATE TABLE IF NOT EXISTS scans ("
             " scan_id TEXT PRIMARY KEY, started_at TEXT NOT NULL, inputs TEXT NOT NULL,"
             " period_from TEXT NOT NULL, period_to TEXT NOT NULL);"
             "CREATE TABLE IF NOT EXISTS cases ("
             " case_id TEXT PRIMARY KEY, site TEXT NOT NULL, region TEXT NOT NULL, meters TEXT NOT NULL,"
             " kinds TEXT NOT NULL, status TEXT NOT NULL, probability DOUBLE PRECISION NOT NULL,"
             " mining_kw DOUBLE PRECISION NOT NULL, unbilled_kwh DOUBLE PRECISION NOT NULL,"
             " expected_value DOUBLE PRECISION NOT NULL, priority DOUBLE PRECISION NOT NULL,"
             " first_day TEXT NOT NULL, last_day TEXT NOT NULL, evidence_key TEXT NOT NULL,"
             " evidence TEXT NOT NULL,"
             " first_seen_scan TEXT NOT NULL REFERENCES scans (scan_id),"
             " last_seen_scan TEXT NOT NULL REFERENCES scans (scan_id));"
             "CREATE INDEX IF NOT EXISTS cases_by_priority ON cases (priority DESC);"
             "CREATE TABLE IF NOT EXISTS resolutions ("
             " id ") +
         std::string(id_column) +
         " PRIMARY KEY, case_id TEXT NOT NULL REFERENCES cases (case_id), outcome TEXT NOT NULL,"
         " note TEXT NOT NULL, resolved_at TEXT NOT NULL, evidence_key TEXT NOT NULL, meters TEXT NOT NULL,"
         " kinds TEXT NOT NULL);"
         "CREATE INDEX IF NOT EXISTS resolutions_by_case ON resolutions (case_id, id);";
}

inline constexpr std::string_view kUpsertScan =
    "INSERT INTO scans (scan_id, started_at, inputs, period_from, period_to) VALUES ($1, $2, $3, $4, $5)"
    " ON CONFLICT (scan_id) DO UPDATE SET started_at = excluded.started_at, inputs = excluded.inputs,"
    " period_from = excluded.period_from, period_to = excluded.period_to";

// The upsert key is case_id; first_seen_scan is written on insert only, so a case keeps the scan that first
// raised it. Resolutions live in their own table and are never touched here.
inline constexpr std::string_view kUpsertCase =
    "INSERT INTO cases (case_id, site, region, meters, kinds, status, probability, mining_kw, unbilled_kwh,"
    " expected_value, priority, first_day, last_day, evidence_key, evidence, first_seen_scan, last_seen_scan)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $16)"
    " ON CONFLICT (case_id) DO UPDATE SET site = excluded.site, region = excluded.region,"
    " meters = excluded.meters, kinds = excluded.kinds, status = excluded.status,"
    " probability = excluded.probability, mining_kw = excluded.mining_kw,"
    " unbilled_kwh = excluded.unbilled_kwh, expected_value = excluded.expected_value,"
    " priority = excluded.priority, first_day = excluded.first_day, last_day = excluded.last_day,"
    " evidence_key = excluded.evidence_key, evidence = excluded.evidence,"
    " last_seen_scan = excluded.last_seen_scan";

// The CaseRecord columns in struct order; both back ends read rows of this shape.
#define MINEWATCH_CASE_COLUMNS                                                                          \
  "case_id, site, region, meters, kinds, status, probability, mining_kw, unbilled_kwh, expected_value," \
  " priority, first_day, last_day, evidence_key, evidence, first_seen_scan, last_seen_scan"

inline constexpr std::string_view kSelectCases =
    "SELECT " MINEWATCH_CASE_COLUMNS " FROM cases ORDER BY priority DESC, case_id";
inline constexpr std::string_view kSelectCase =
    "SELECT " MINEWATCH_CASE_COLUMNS " FROM cases WHERE case_id = $1";
#undef MINEWATCH_CASE_COLUMNS

inline constexpr std::string_view kCaseEvidence =
    "SELECT evidence_key, meters, kinds FROM cases WHERE case_id = $1";
inline constexpr std::string_view kInsertResolution =
    "INSERT INTO resolutions (case_id, outcome, note, resolved_at, evidence_key, meters, kinds)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7)";
// The latest outcome of each case: the one with the highest id.
inline constexpr std::string_view kSelectLatestResolutions =
    "SELECT r.case_id, r.outcome, r.note, r.resolved_at, r.evidence_key, r.meters, r.kinds FROM resolutions r"
    " WHERE r.id = (SELECT MAX(l.id) FROM resolutions l WHERE l.case_id = r.case_id) ORDER BY r.case_id";
inline constexpr std::string_view kSelectScans =
    "SELECT scan_id, started_at, inputs, period_from, period_to FROM scans ORDER BY started_at, scan_id";

}  // namespace minewatch::store::sql
