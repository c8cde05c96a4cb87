#pragma once

namespace dps::server {

// dps-server's command line: serve, terminal add/revoke/list, dps list/import.
int serverMain(int argc, char** argv);

} // namespace dps::server
