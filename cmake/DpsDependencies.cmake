# Every library comes from a Debian 12 package (packaging/install-deps.sh installs them).
find_package(PkgConfig REQUIRED)

find_package(SQLite3 REQUIRED)
find_package(tomlplusplus 3 REQUIRED)
find_package(CLI11 2 REQUIRED)
find_package(fmt 9 REQUIRED)
find_package(yaml-cpp 0.7 REQUIRED)
find_package(Boost 1.74 REQUIRED COMPONENTS locale)
find_package(OpenSSL 3 REQUIRED)
find_package(SDL2 2.26 REQUIRED)
# Debian 12's SDL2_image CMake config carries unexpanded version macros: use its .pc file.
pkg_check_modules(SDL2_IMAGE REQUIRED IMPORTED_TARGET SDL2_image>=2.6)
pkg_check_modules(IMGUI REQUIRED IMPORTED_TARGET imgui)
pkg_check_modules(FREETYPE REQUIRED IMPORTED_TARGET freetype2)
pkg_check_modules(ESPEAK REQUIRED IMPORTED_TARGET espeak-ng)
pkg_check_modules(PCSC REQUIRED IMPORTED_TARGET libpcsclite)
pkg_check_modules(SODIUM REQUIRED IMPORTED_TARGET libsodium>=1.0.18)
# dps-server's HTTP(S): Debian builds cpp-httplib as a library with OpenSSL, zlib and brotli on; its
# .pc file carries the matching CPPHTTPLIB_*_SUPPORT definitions, which every user must share.
pkg_check_modules(HTTPLIB REQUIRED IMPORTED_TARGET cpp-httplib>=0.11)
find_package(ZLIB REQUIRED)
# The dashboard's templates (header-only, libkainjow-mustache-dev).
find_path(KAINJOW_MUSTACHE_DIR kainjow/mustache.hpp REQUIRED)
find_package(Threads REQUIRED)

# Debian's imgui.pc lists neither FreeType nor SDL2, though libimgui.a uses both.
add_library(dps_imgui INTERFACE)
target_link_libraries(dps_imgui INTERFACE PkgConfig::IMGUI PkgConfig::FREETYPE SDL2::SDL2)
target_include_directories(dps_imgui SYSTEM INTERFACE ${IMGUI_INCLUDE_DIRS})

# The SDL_Renderer backend ships only as source in libimgui-dev; it is compiled here as it is,
# with its own (quiet) warning flags, and never copied into the tree.
set(DPS_IMGUI_BACKENDS_DIR /usr/share/doc/libimgui-dev/examples/backends
    CACHE PATH "Where libimgui-dev ships the backend sources")
add_library(dps_imgui_sdlrenderer STATIC ${DPS_IMGUI_BACKENDS_DIR}/imgui_impl_sdlrenderer.cpp)
target_include_directories(dps_imgui_sdlrenderer SYSTEM PUBLIC ${IMGUI_INCLUDE_DIRS} ${IMGUI_INCLUDEDIR}/backends)
target_link_libraries(dps_imgui_sdlrenderer PUBLIC dps_imgui)
target_compile_options(dps_imgui_sdlrenderer PRIVATE -w)
