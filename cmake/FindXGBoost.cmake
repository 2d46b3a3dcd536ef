# Finds the XGBoost C API (Debian 12: libxgboost-dev 1.7, which ships no CMake config).
# Defines the imported target XGBoost::XGBoost. Its include directory is a SYSTEM one, so warnings from
# xgboost's headers never fail our -Werror build.
find_path(XGBoost_INCLUDE_DIR NAMES xgboost/c_api.h)
find_library(XGBoost_LIBRARY NAMES xgboost)

include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(XGBoost
  REQUIRED_VARS XGBoost_LIBRARY XGBoost_INCLUDE_DIR
  REASON_FAILURE_MESSAGE "the learn layer needs the XGBoost C API: apt-get install libxgboost-dev \
(or pass -DXGBoost_INCLUDE_DIR=... -DXGBoost_LIBRARY=...)")

if(XGBoost_FOUND AND NOT TARGET XGBoost::XGBoost)
  add_library(XGBoost::XGBoost UNKNOWN IMPORTED)
  set_target_properties(XGBoost::XGBoost PROPERTIES
    IMPORTED_LOCATION "${XGBoost_LIBRARY}"
    INTERFACE_SYSTEM_INCLUDE_DIRECTORIES "${XGBoost_INCLUDE_DIR}"
    INTERFACE_INCLUDE_DIRECTORIES "${XGBoost_INCLUDE_DIR}")
endif()
mark_as_advanced(XGBoost_INCLUDE_DIR XGBoost_LIBRARY)
