# Warnings are errors in CI: every target of ours calls minewatch_set_warnings().
function(minewatch_set_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wconversion
                                           -Wno-sign-conversion -Wnon-virtual-dtor -Wold-style-cast
                                           -Woverloaded-virtual)
  # Not -Wnull-dereference: with GCC 12 at -O3 it fires inside libstdc++ headers (streambuf), not in our code.
  # -Wno-restrict: GCC 12 reports std::string insert/operator+ at -O3 as overlapping memcpy (GCC bug 105651).
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    target_compile_options(${target} PRIVATE -Wno-restrict)
  endif()
  if(MINEWATCH_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
