#pragma once
// server.db schema steps 4 and 5 (issue 16): what agents sent before the rule of visitors' devices
// (a visitor's USB stick, a phone charging or sharing its connection, their names, serial numbers
// and network addresses) leaves the stored inventories and their history, by the same rule the
// ingest applies to what older agents still send (protocol::dropVisitorsDevices, docs/server.md).
#include "dps/storage/Database.h"

namespace dps::server {

// Step 4. Rewrites each terminal's latest inventory without those devices (its hash with it), and
// deletes from inventory_changes:
// - each `usb` row whose vendor:product ids are no terminal's equipment in any stored inventory,
//   after the purge: its kind was never stored with it, so a device no inventory shows any more
//   cannot be told from a visitor's and goes (a card reader's and a printer's own history is kept
//   under card_reader and printer, from pcscd and CUPS);
// - each `storage` row that names removable media the terminal's latest inventory held.
void purgeVisitorsDevices(storage::Database& db);

// Step 5. The same rewriting (it now also takes out network interfaces named as on USB: a phone
// sharing its connection, a USB Ethernet or Wi-Fi dongle), and deletes each `network` row whose
// address is in no stored inventory after the purge: the history keeps only the address, which
// cannot say whether it was a phone's (the computer's own history stays under `computer`).
void purgeVisitorsNetworks(storage::Database& db);

} // namespace dps::server
