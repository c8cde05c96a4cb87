#pragma once
// server.db schema step 4 (issue 16): what agents sent before the USB rule (a visitor's USB stick,
// a phone charging, their names and serial numbers) leaves the stored inventories and their
// history, by the same rule the ingest applies to what older agents still send
// (protocol::dropVisitorsDevices, docs/server.md).
#include "dps/storage/Database.h"

namespace dps::server {

// Rewrites each terminal's latest inventory without those devices (its hash with it), and deletes
// from inventory_changes:
// - each `usb` row whose vendor:product ids are no terminal's equipment in any stored inventory,
//   after the purge: its kind was never stored with it, so a device no inventory shows any more
//   cannot be told from a visitor's and goes (a card reader's and a printer's own history is kept
//   under card_reader and printer, from pcscd and CUPS);
// - each `storage` row that names removable media the terminal's latest inventory held.
void purgeVisitorsDevices(storage::Database& db);

} // namespace dps::server
