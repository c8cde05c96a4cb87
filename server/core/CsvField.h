#pragma once
// One CSV field as every export of the dashboard writes it (RFC 4180): quoted when it holds a
// comma, a quote or a line break, its quotes doubled. Text that starts like a spreadsheet formula
// (= + - @, a tab or a carriage return: OWASP's "CSV injection" list) gets a leading apostrophe,
// so that a DPS, municipality or model name sent by a terminal or typed into a DPS list is shown
// by Excel or LibreOffice as the text it is and never run. Numbers are written by the exports
// themselves, not through here, so a negative count is never touched.
#include <string>
#include <string_view>

namespace dps::server {

void appendCsvField(std::string& out, std::string_view value);

} // namespace dps::server
