#include "kiosk/app/AdminPinCommand.h"

#include "dps/storage/StorageError.h"
#include "kiosk/adapters/facilitator/AdminPin.h"
#include "kiosk/adapters/store/KioskDatabase.h"
#include "kiosk/app/TerminalInput.h"

#include <cstdio>
#include <stdexcept>

namespace dps::kiosk {

int adminPinCommand(const std::filesystem::path& database, const std::string& action) {
    try {
        storage::Database db = openKioskDatabase(database);
        AdminPin admin(db);
        if (action == "clear") {
            std::printf(admin.clear() ? "The administrator PIN is removed: no maintenance exit on this terminal\n"
                                      : "There was no administrator PIN\n");
            return 0;
        }
        eid::PinEntry pin;
        if (!readNewPin(pin, "Administrator PIN (6 to 12 digits, not shown): ")) {
            std::fprintf(stderr, "dps-kiosk admin-pin set: the two PINs differ; nothing was changed\n");
            return 1;
        }
        admin.set(pin.digits(), std::chrono::system_clock::now());
        std::printf("The administrator PIN is set\n");
        return 0;
    } catch (const std::invalid_argument& e) {
        std::fprintf(stderr, "dps-kiosk admin-pin %s: %s; nothing was changed\n", action.c_str(), e.what());
        return 1;
    } catch (const storage::StorageError& e) {
        std::fprintf(stderr, "dps-kiosk admin-pin: %s\n", e.what());
        return 1;
    }
}

} // namespace dps::kiosk
