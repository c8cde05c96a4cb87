#pragma once
// The two inventory sources that are services rather than files: pcsc-lite (which card readers
// pcscd sees, and whether it answers at all) and CUPS (the printers it knows).
#include "agent/core/inventory/Inventory.h"

#include <vector>

namespace dps::agent::inventory {

[[nodiscard]] CardReaders pcscCardReaders();
// Asked of cupsd over its local socket in IPP (core/inventory/Ipp); none when CUPS is not there,
// and an error when it is there but does not answer well.
[[nodiscard]] std::vector<Printer> cupsPrinters(std::vector<CollectorError>& errors);

// A device URI without the user and password it may carry ("ipp://user:pw@host/…" → "ipp://host/…").
[[nodiscard]] std::string withoutCredentials(const std::string& uri);

} // namespace dps::agent::inventory
