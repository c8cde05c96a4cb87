#pragma once
#include <filesystem>
#include <string>

namespace dps::i18n {
class Catalog;
}

namespace dps::kiosk {

struct EidCheckOptions {
    bool json = false;
    std::string language = "en";
    std::string reader;             // empty: the reader with a card
    bool pinTest = false;           // then ask for the PIN (without echo) and test it
    std::filesystem::path rootsDir; // the Belgian roots
};

// `dps-kiosk eid-check [--json] [--language xx] [--reader NAME] [--pin-test]`: the e-ID
// self-check in a terminal, for facilitators and admins, with the same verdicts as the kiosk
// screen. Exit code 0 only when the card works (and, with --pin-test, the PIN was right).
int eidCheckCommand(const EidCheckOptions& options, const i18n::Catalog& catalog);

} // namespace dps::kiosk
