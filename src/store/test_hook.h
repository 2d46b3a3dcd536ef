// store layer (internal, for tests only): a hook called inside record_scan's open transaction after each
// case row, so a test can kill the writing process at a chosen row (raise(SIGKILL) in a forked child) and
// check what a crash in the middle of a scan leaves. Not part of the public interface; null in production.
#pragma once

#include <cstddef>

namespace minewatch::store::detail {

using CaseRowHook = void (*)(std::size_t rows_written);

void set_case_row_hook(CaseRowHook hook);
// Called by both back ends after each case row of record_scan, before the commit.
void case_row_written(std::size_t rows_written);

}  // namespace minewatch::store::detail
