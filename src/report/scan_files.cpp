#include "minewatch/report/scan_files.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "minewatch/cases/case_builder.h"
#include "minewatch/core/error.h"
#include "minewatch/core/timestamp.h"
#include "minewatch/io/csv_fields.h"
#include "minewatch/io/csv_header.h"
#include "minewatch/io/csv_rows.h"
#include "minewatch/io/decompress.h"
#include "minewatch/io/line_splitter.h"

namespace minewatch::report {
namespace {

// "YYYY-MM-DD" to a day number; false for any other shape or a date that does not exist.
bool parse_iso_day(std::string_view text, std::int64_t& day) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
  int year = 0;
  unsigned month = 0, dom = 0;
  const char* s = text.data();
  if (std::from_chars(s, s + 4, year).ptr != s + 4) return false;
  if (std::from_chars(s + 5, s + 7, month).ptr != s + 7) return false;
  if (std::from_chars(s + 8, s + 10, dom).ptr != s + 10) return false;
  return days_from_date(year, month, dom, day);
}

// The columns of one file, found once by name, and typed access to a row's fields with errors that name
// file, line and column.
class CsvFile {
 public:
  CsvFile(const std::string& path, std::string_view expected)
      : path_(path), contents_(read_input(path)), lines_(contents_) {
    header_ = read_csv_header(lines_, path, true, expected);
  }

  std::size_t column(std::string_view name) {
    const std::size_t col = header_.require(name);
    needed_ = std::max(needed_, col + 1);
    return col;
  }

  bool next() {
    if (!next_csv_row(lines_, path_, line_, fields_, unquoted_)) return false;
    if (fields_.size() < needed_)
      throw InputError({path_, line_, header_.names[fields_.size()]}, "missing field");
    return true;
  }

  std::string_view text(std::size_t col) const { return trim(fields_[col]); }
  std::string required_text(std::size_t col) const {
    if (text(col).empty()) fail(col, "empty");
    return std::string(text(col));
  }
  std::optional<double> optional_number(std::size_t col) const {
    const std::string_view t = text(col);
    if (t.empty()) return std::nullopt;
    double value = 0;
    const auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), value);
    if (ec != std::errc() || end != t.data() + t.size() || !std::isfinite(value)) fail(col, "not a number");
    return value;
  }
  double number(std::size_t col) const {
    const auto value = optional_number(col);
    if (!value) fail(col, "empty (a number is needed)");
    return *value;
  }
  double probability(std::size_t col) const {
    const double p = number(col);
    if (p < 0 || p > 1) fail(col, "probability outside [0, 1]");
    return p;
  }
  double non_negative(std::size_t col) const {
    const double v = number(col);
    if (v < 0) fail(col, "negative");
    return v;
  }
  std::int64_t integer(std::size_t col) const {
    const std::string_view t = text(col);
    std::int64_t value = 0;
    const auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), value);
    if (t.empty() || ec != std::errc() || end != t.data() + t.size()) fail(col, "not an integer");
    return value;
  }
  // A day, or kNoDay when blank and `blank_ok`.
  std::int64_t day(std::size_t col, bool blank_ok) const {
    const std::string_view t = text(col);
    if (t.empty() && blank_ok) return kNoDay;
    std::int64_t d = 0;
    if (!parse_iso_day(t, d)) fail(col, "not a date (YYYY-MM-DD)");
    return d;
  }
  std::string one_of(std::size_t col, std::initializer_list<std::string_view> allowed) const {
    const std::string_view t = text(col);
    if (std::find(allowed.begin(), allowed.end(), t) == allowed.end()) {
      std::string list;
      for (std::string_view a : allowed) list += (list.empty() ? "" : "|") + std::string(a);
      fail(col, "must be " + list);
    }
    return std::string(t);
  }
  std::vector<std::string> list(std::size_t col) const {
    const auto items = split_semicolon_list(text(col));
    return {items.begin(), items.end()};
  }

  [[noreturn]] void fail(std::size_t col, std::string_view problem) const {
    throw InputError({path_, line_, header_.names[col]}, problem, text(col));
  }

 private:
  static std::string read_input(const std::string& path) {
    if (!std::filesystem::is_regular_file(path))
      throw InputError({path, 0, ""}, "missing file (written by `minewatch scan -o DIR`)");
    return read_whole_file(path);
  }

  std::string path_;
  std::string contents_;
  LineSplitter lines_;
  CsvHeader header_;
  std::size_t needed_ = 0;
  std::uint64_t line_ = 1;
  std::vector<std::string_view> fields_;
  std::string unquoted_;
};

}  // namespace

std::vector<FarmRow> read_farms_csv(const std::string& path) {
  CsvFile csv(path,
              "site,region,meters,probability,mining_kw,est_rigs,mining_start,mining_end,registered,"
              "registered_kw,new_in_period,violations");
  const std::size_t site = csv.column("site"), region = csv.column("region"), meters = csv.column("meters"),
                    prob = csv.column("probability"), kw = csv.column("mining_kw"),
                    rigs = csv.column("est_rigs"), start = csv.column("mining_start"),
                    end = csv.column("mining_end"), registered = csv.column("registered"),
                    registered_kw = csv.column("registered_kw"), is_new = csv.column("new_in_period"),
                    violations = csv.column("violations");
  std::vector<FarmRow> rows;
  while (csv.next()) {
    FarmRow r;
    r.site = csv.required_text(site);
    r.region = csv.required_text(region);
    r.meters = csv.list(meters);
    r.probability = csv.probability(prob);
    r.mining_kw = csv.non_negative(kw);
    r.est_rigs = csv.integer(rigs);
    r.mining_start = csv.day(start, true);
    r.mining_end = csv.day(end, true);
    r.registered = csv.one_of(registered, {"yes", "no", "partial"});
    r.registered_kw = csv.optional_number(registered_kw);
    r.new_in_period = csv.one_of(is_new, {"0", "1"}) == "1";
    r.violations = csv.list(violations);
    rows.push_back(std::move(r));
  }
  return rows;
}

std::vector<CaseRow> read_cases_csv(const std::string& path) {
  CsvFile csv(path,
              "rank,case_id,site,region,meters,kinds,status,probability,mining_kw,unbilled_kwh,"
              "expected_value,priority,first_day,last_day,evidence_key,evidence");
  const std::size_t rank = csv.column("rank"), id = csv.column("case_id"), site = csv.column("site"),
                    region = csv.column("region"), meters = csv.column("meters"), kinds = csv.column("kinds"),
                    status = csv.column("status"), prob = csv.column("probability"),
                    kw = csv.column("mining_kw"), unbilled = csv.column("unbilled_kwh"),
                    value = csv.column("expected_value"), priority = csv.column("priority"),
                    first = csv.column("first_day"), last = csv.column("last_day"),
                    key = csv.column("evidence_key"), evidence = csv.column("evidence");
  std::vector<CaseRow> rows;
  while (csv.next()) {
    CaseRow r;
    r.rank = csv.integer(rank);
    r.case_id = csv.required_text(id);
    r.site = std::string(csv.text(site));
    r.region = std::string(csv.text(region));
    r.meters = csv.list(meters);
    r.kinds = csv.list(kinds);
    for (const std::string& kind : r.kinds)
      if (std::find(kCaseKinds.begin(), kCaseKinds.end(), kind) == kCaseKinds.end())
        csv.fail(kinds, "unknown kind '" + kind + "'");
    r.status = csv.one_of(status, {"new", "open", "suppressed"});
    r.probability = csv.probability(prob);
    r.mining_kw = csv.optional_number(kw);
    r.unbilled_kwh = csv.optional_number(unbilled).value_or(0);
    r.expected_value = csv.number(value);
    r.priority = csv.number(priority);
    r.first_day = csv.day(first, true);
    r.last_day = csv.day(last, true);
    r.evidence_key = std::string(csv.text(key));
    r.evidence = std::string(csv.text(evidence));
    rows.push_back(std::move(r));
  }
  return rows;
}

std::vector<CaseLoad> read_case_loads_csv(const std::string& path) {
  CsvFile csv(path, "case_id,meter_id,day,kwh");
  const std::size_t id = csv.column("case_id"), meter = csv.column("meter_id"), day = csv.column("day"),
                    kwh = csv.column("kwh");
  std::vector<CaseLoad> rows;
  while (csv.next()) {
    CaseLoad r;
    r.case_id = csv.required_text(id);
    r.meter_id = csv.required_text(meter);
    r.day = csv.day(day, false);
    r.kwh = csv.optional_number(kwh);
    rows.push_back(std::move(r));
  }
  return rows;
}

std::optional<Period> read_summary_period(const std::string& path) {
  if (!std::filesystem::is_regular_file(path))
    throw InputError({path, 0, ""}, "missing file (written by `minewatch scan -o DIR`)");
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(read_whole_file(path));
  } catch (const nlohmann::json::parse_error& e) {
    throw InputError({path, 0, ""}, e.what());
  }
  if (!j.is_object()) throw InputError({path, 0, ""}, "not a JSON object");
  if (!j.contains("period")) return std::nullopt;
  Period period;
  for (const char* key : {"from", "to"}) {
    const nlohmann::json& p = j["period"];
    std::int64_t day = 0;
    if (!p.is_object() || !p.contains(key) || !p[key].is_string() ||
        !parse_iso_day(p[key].get<std::string>(), day))
      throw InputError({path, 0, std::string("period.") + key}, "missing or not a date (YYYY-MM-DD)",
                       p.is_object() && p.contains(key) ? p[key].dump() : std::string());
    (std::string_view(key) == "from" ? period.from : period.to) = day;
  }
  if (period.to < period.from) throw InputError({path, 0, "period.to"}, "before period.from");
  return period;
}

namespace {

// The span of every day the farms and cases name: the period when summary.json has none.
std::optional<Period> derive_period(const ScanFiles& scan) {
  std::int64_t lo = INT64_MAX, hi = INT64_MIN;
  const auto see = [&](std::int64_t day) {
    if (day == kNoDay) return;
    lo = std::min(lo, day);
    hi = std::max(hi, day);
  };
  for (const FarmRow& f : scan.farms) see(f.mining_start), see(f.mining_end);
  for (const CaseRow& c : scan.cases) see(c.first_day), see(c.last_day);
  for (const CaseLoad& l : scan.loads) see(l.day);
  if (lo > hi) return std::nullopt;
  return Period{lo, hi, true};
}

}  // namespace

ScanFiles read_scan_dir(const std::string& dir, bool with_cases) {
  const auto file = [&](const char* name) { return (std::filesystem::path(dir) / name).string(); };
  ScanFiles scan;
  scan.dir = dir;
  scan.period = read_summary_period(file("summary.json"));
  scan.farms = read_farms_csv(file("farms.csv"));
  if (with_cases) {
    scan.cases = read_cases_csv(file("cases.csv"));
    scan.loads = read_case_loads_csv(file("case_loads.csv"));
  }
  if (!scan.period) scan.period = derive_period(scan);
  return scan;
}

}  // namespace minewatch::report
