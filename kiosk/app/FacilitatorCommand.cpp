#include "kiosk/app/FacilitatorCommand.h"

#include "dps/storage/StorageError.h"
#include "kiosk/adapters/facilitator/FacilitatorDirectory.h"
#include "kiosk/adapters/store/KioskDatabase.h"
#include "kiosk/app/TerminalInput.h"

#include <cstdio>
#include <stdexcept>

namespace dps::kiosk {

int facilitatorCommand(const std::filesystem::path& database, const std::string& action, const std::string& name) {
    try {
        storage::Database db = openKioskDatabase(database);
        FacilitatorDirectory directory(db);
        if (action == "list") {
            const auto all = directory.list();
            if (all.empty()) std::printf("No facilitator yet: add one with dps-kiosk facilitator add NAME\n");
            for (const auto& f : all)
                std::printf("%s\t(added %s)\n", f.name.c_str(), f.createdAt.c_str());
            return 0;
        }
        if (name.empty()) {
            std::fprintf(stderr, "dps-kiosk facilitator %s: give the facilitator's name\n", action.c_str());
            return 2;
        }
        if (action == "remove") {
            if (!directory.remove(name)) {
                std::fprintf(stderr, "dps-kiosk facilitator remove: nobody is called %s\n", name.c_str());
                return 1;
            }
            std::printf("%s removed\n", name.c_str());
            return 0;
        }
        eid::PinEntry pin;
        const std::string prompt = "PIN for " + name + " (4 to 12 digits, not shown): ";
        if (!readNewPin(pin, prompt.c_str())) {
            std::fprintf(stderr, "dps-kiosk facilitator add: the two PINs differ; nothing was changed\n");
            return 1;
        }
        directory.add(name, pin.digits(), std::chrono::system_clock::now());
        std::printf("%s added\n", name.c_str());
        return 0;
    } catch (const std::invalid_argument& e) {
        std::fprintf(stderr, "dps-kiosk facilitator %s: %s; nothing was changed\n", action.c_str(), e.what());
        return 1;
    } catch (const storage::StorageError& e) {
        std::fprintf(stderr, "dps-kiosk facilitator: %s\n", e.what());
        return 1;
    }
}

} // namespace dps::kiosk
