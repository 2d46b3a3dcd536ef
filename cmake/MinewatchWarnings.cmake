# Warnings are errors in CI: every target of ours calls minewatch_set_warnings().
function(minewatch_set_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wconversion
                                           -Wno-sign-conversion -Wnon-virtual-dtor -Wold-style-cast
                                           -Woverloaded-virtual)
  # Not -Wnull-dereference: with GCC 12 at -O3 it fires inside libstdc++ headers (streambuf), not in our code.
  if(MINEWATCH_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
