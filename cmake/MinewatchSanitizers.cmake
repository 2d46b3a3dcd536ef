# One switch for the ASan+UBSan build that CI runs the tests under.
if(MINEWATCH_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
  add_link_options(-fsanitize=address,undefined)
endif()

# The fuzz flavour (clang only): the library is instrumented for coverage, ASan and UBSan; fuzz targets
# link libFuzzer's main (tests/fuzz/CMakeLists.txt).
if(MINEWATCH_FUZZ)
  add_compile_options(-fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer)
  add_link_options(-fsanitize=address,undefined)
endif()
