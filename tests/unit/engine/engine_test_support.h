// tests: a DaySink that records every closed day, and timestamp helpers for the engine tests.
#pragma once

#include <gtest/gtest.h>

#include <string_view>
#include <utility>
#include <vector>

#include "minewatch/core/timestamp.h"
#include "minewatch/engine/day_record.h"

namespace minewatch::testing {

class RecordingSink final : public DaySink {
 public:
  void on_day(MeterIndex meter, const DayRecord& day) override { days.emplace_back(meter, day); }
  std::vector<std::pair<MeterIndex, DayRecord>> days;
};

inline ParsedTimestamp ts(std::string_view text) {
  TimestampParser parser;
  ParsedTimestamp out;
  EXPECT_TRUE(parser.parse(text, out)) << text;
  return out;
}

inline std::int64_t utc(std::string_view text) {
  const ParsedTimestamp out = ts(text);
  EXPECT_EQ(out.kind, TimestampKind::utc) << text;
  return out.seconds;
}

inline ParsedTimestamp at(std::int64_t utc_seconds) {
  return {utc_seconds, TimestampKind::utc};
}

inline std::int64_t day_number(std::string_view date) {
  return ts(date).seconds / kSecondsPerDay;
}

}  // namespace minewatch::testing
