#pragma once
#include <string>

namespace dps::i18n {
class Catalog;
}

namespace dps::kiosk {

// `dps-kiosk eid-check [--json] [--language xx]`: the e-ID self-check in a terminal, for
// facilitators and admins. Exit code 0 only when the card works.
int eidCheckCommand(bool json, const std::string& language, const i18n::Catalog& catalog);

} // namespace dps::kiosk
