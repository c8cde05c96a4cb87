#pragma once
// How figures read in the staff member's language: numbers with the language's digit grouping,
// hours, month names, and the label of every code the terminals send (purposes, audiences, e-ID
// outcomes…), marked for translation in dps-server's catalogue.
#include "server/core/SmallCells.h"
#include "server/dashboard/PageRenderer.h"

#include <cstdint>
#include <string>
#include <vector>

namespace dps::server {

std::string formatNumber(std::int64_t n, const std::string& language);
// Minutes as hours with one decimal ("1 234,5" in French).
std::string formatHours(std::int64_t minutes, const std::string& language);
// "2026-11" as "Nov 2026" / "nov. 2026" / "nov 2026".
std::string monthLabel(const PageRenderer& r, const std::string& month, const std::string& language);
// An ISO UTC instant as "2026-11-30 14:05 UTC"; "" stays "".
std::string instantLabel(const std::string& iso);

// The codes of a breakdown that a complete list must hold even at zero (small-cell protection
// needs the whole list, docs/dashboard.md), in display order.
const std::vector<std::string>& knownCodes(const std::string& group);
// The English label of a code of a group ("by_purpose", "job_search" → "Job search"); the code
// itself when unknown (a newer kiosk's code).
const char* codeLabel(const std::string& group, const std::string& code);

// A cell as the templates show it: its value (text and raw), "<k" (small) or a dash (hidden).
mustache::data shownCell(const ShownCell& cell, bool withheld, int k, const std::string& language);

// A period as a heading reads it: "2025" for a whole year, else "Jan 2026 – Oct 2026".
std::string periodLabel(const PageRenderer& r, const std::string& from, const std::string& to,
                        const std::string& language);

// One protected breakdown (server/app/dashboard/BreakdownTables.h) as the templates show it:
// every row with its label and its value, "<k" or hidden; withheld when nothing of it is shown;
// its period (from..to) in data-period, where the browser test and the adversary test read it.
mustache::data protectedBreakdown(const PageRenderer& r, const std::string& language, const std::string& group,
                                  const ProtectedBreakdown& shown, int k, const std::string& title,
                                  const std::string& from, const std::string& to);

} // namespace dps::server
