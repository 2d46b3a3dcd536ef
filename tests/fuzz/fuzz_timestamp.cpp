// Fuzzes TimestampParser: never crashes, its date cache never changes an answer, and an accepted instant
// formats and reads back as itself.
#include <cstdint>
#include <string>

#include "fuzz_support.h"
#include "minewatch/core/timestamp.h"

using minewatch::ParsedTimestamp;
using minewatch::TimestampKind;
using minewatch::TimestampParser;
using minewatch::fuzz::check;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = minewatch::fuzz::as_text(data, size);
  static TimestampParser warm;  // carries its cache from input to input, as a worker's parser does
  TimestampParser fresh;
  ParsedTimestamp a;
  ParsedTimestamp b;
  const bool ok_warm = warm.parse(text, a);
  const bool ok_fresh = fresh.parse(text, b);
  check(ok_warm == ok_fresh, "a warm parser and a fresh one disagree on acceptance");
  if (!ok_fresh) return 0;
  check(a.seconds == b.seconds && a.kind == b.kind, "a warm parser and a fresh one disagree on the value");
  check(text.size() <= 10 || b.kind != TimestampKind::local_date, "a long text parsed as a date");

  // Years 1970..9999 print as "YYYY-MM-DDTHH:MM:SSZ", which must read back to the same second.
  constexpr std::int64_t kYear10000 = 253402300800;
  if (b.seconds >= 0 && b.seconds < kYear10000) {
    const std::string formatted = minewatch::format_utc(b.seconds);
    ParsedTimestamp c;
    check(fresh.parse(formatted, c), "format_utc wrote what the parser refuses");
    check(c.seconds == b.seconds && c.kind == TimestampKind::utc, "format_utc does not read back");
    if (b.kind == TimestampKind::local_date) {
      check(b.seconds % minewatch::kSecondsPerDay == 0, "a date that is not a midnight");
      check(minewatch::format_day(b.seconds / minewatch::kSecondsPerDay) == text,
            "format_day does not match");
    }
  }
  return 0;
}
