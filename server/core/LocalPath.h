#pragma once
// Where the dashboard may send a browser back to after a login or a language switch (`next`,
// `back`): a plain path of this site, never another origin. Browsers are forgiving with what a
// Location header holds: they drop tabs and line breaks anywhere in it and spaces and control
// characters around it, and read a backslash as a slash (the WHATWG URL standard), so that
// "/\t/evil.example/" becomes "//evil.example/", another site. Only what no browser rewrites is
// taken: a '/' not followed by '/' or '\', then visible ASCII only (no space, no control
// character, no backslash, nothing beyond ASCII: a path with them is written %XX by the pages).
#include <string>
#include <string_view>

namespace dps::server {

[[nodiscard]] bool isPlainLocalPath(std::string_view path);
// path when it is a plain local path, else "/" (the overview).
[[nodiscard]] std::string localPathOrHome(std::string_view path);

} // namespace dps::server
