#include "test_hook.h"

#include <atomic>

namespace minewatch::store::detail {
namespace {

std::atomic<CaseRowHook> hook{nullptr};

}  // namespace

void set_case_row_hook(CaseRowHook new_hook) {
  hook.store(new_hook);
}

void case_row_written(std::size_t rows_written) {
  if (const CaseRowHook h = hook.load(std::memory_order_relaxed)) h(rows_written);
}

}  // namespace minewatch::store::detail
