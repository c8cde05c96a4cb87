#pragma once
// One CSV field as the dashboard's exports write it (RFC 4180): quoted when it holds a comma, a
// quote or a line break, its quotes doubled.
#include <string>
#include <string_view>

namespace dps::server {

void appendCsvField(std::string& out, std::string_view value);

} // namespace dps::server
