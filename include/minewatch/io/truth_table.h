// io layer: the ground truth of a grid (truth.csv, written by `minewatch simulate` and by the script that
// injects simulated farms into real data): what each meter really is, and for miners how big, since when and
// disguised how. docs/simulator.md documents the columns; docs/evaluation.md how `minewatch eval` uses them.
#pragma once

#include <cmath>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "minewatch/core/timestamp.h"

namespace minewatch {

struct TruthRow {
  std::string meter_id;
  std::string meter_class;  // household, ..., mining_home, ... (the `class` column)
  float mining_kw = NAN;    // blank: not a miner
  std::string rig_model;
  int rig_count = 0;  // 0: blank
  std::int64_t mining_start = kNoDay;
  std::int64_t mining_end = kNoDay;
  std::string disguise;
  std::vector<std::string> behaviour;  // the `;`-separated tags, in file order
  std::string region;
  std::string site_id;  // the meters of one site (a split farm, an AI data centre) share it; blank: none
  double true_kwh = NAN;
  double mining_kwh = 0;              // blank reads as 0: the rigs drew nothing in the window
  std::string theft_type;             // h1..h6 for thieves; blank: none
  std::int64_t theft_start = kNoDay;  // the local day the theft starts (may precede the window)
  std::string tamper;                 // cover_open / magnetic_field when the thief's meter logs it
  std::uint64_t line = 0;

  bool has_behaviour(std::string_view tag) const;
  // The evaluation's label: rigs on this meter that ran in the window.
  bool is_mining() const { return !std::isnan(mining_kw) && mining_kwh > 0; }
};

class TruthTable {
 public:
  // Loads truth.csv (plain, .gz or .zst). Columns are found by name in any order; meter_id, class, mining_kw
  // and mining_kwh are required, the others may be absent. Throws InputError naming file, line and field for
  // a missing column or field, an empty meter id or class, a duplicate meter, a bad number or date.
  static TruthTable load(const std::string& path);

  TruthTable() = default;
  TruthTable(const TruthTable& other);
  TruthTable& operator=(const TruthTable& other);
  TruthTable(TruthTable&&) noexcept = default;
  TruthTable& operator=(TruthTable&&) noexcept = default;

  const std::vector<TruthRow>& rows() const { return rows_; }  // in file order
  const TruthRow* find(std::string_view meter_id) const;
  std::size_t size() const { return rows_.size(); }

 private:
  void build_index();

  std::vector<TruthRow> rows_;
  std::unordered_map<std::string_view, std::size_t> index_;  // views into rows_[i].meter_id
};

}  // namespace minewatch
