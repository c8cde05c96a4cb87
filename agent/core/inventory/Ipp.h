#pragma once
// The little of IPP (RFC 8010, CUPS's CUPS-Get-Printers) the inventory needs to ask cupsd for its
// printers over its local socket. Written here rather than linking libcups, whose dependency
// chain alone would cost the agent 1.7 MB of its 15 MB (docs/performance.md); plain, no I/O.
#include "agent/core/inventory/Inventory.h"

#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace dps::agent::inventory {

// The request body: CUPS-Get-Printers asking for name, make and model, state and device URI.
[[nodiscard]] std::string cupsGetPrintersRequest();

// The HTTP/1.1 request that carries it to cupsd, and the body of cupsd's HTTP answer (plain or
// chunked), or why there is none: the agent speaks to cupsd's local socket itself, so that the
// inventory needs no HTTP library loaded at all.
[[nodiscard]] std::string httpPostIpp(const std::string& ippBody);
[[nodiscard]] std::variant<std::string, std::string> httpAnswerBody(std::string_view raw); // index 0: body, 1: why

// The printers of an answer, or why it could not be read (short, not IPP, an error status).
[[nodiscard]] std::variant<std::vector<Printer>, std::string> parseCupsGetPrinters(std::string_view answer);

} // namespace dps::agent::inventory
