# Warnings for the project's own targets; third-party sources get their own flags.
add_library(dps_warnings INTERFACE)
target_compile_options(dps_warnings INTERFACE -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor
                                              -Wold-style-cast -Wcast-align -Woverloaded-virtual)
if(DPS_WERROR)
  target_compile_options(dps_warnings INTERFACE -Werror)
endif()
