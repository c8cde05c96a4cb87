#pragma once

namespace dps::kiosk {

// The whole dps-kiosk command line: parses, loads the configuration, and runs the kiosk or one
// of its commands. Returns the process exit code (0 ok, 1 runtime failure, 2 bad usage or config).
int kioskMain(int argc, char** argv);

} // namespace dps::kiosk
