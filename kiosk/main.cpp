#include "kiosk/adapters/eid/OpenSslCertificates.h"
#include "kiosk/app/KioskProgram.h"

#include <cstdio>

int main(int argc, char** argv) {
    // Before anything can touch OpenSSL: a card certificate's subject names its holder.
    if (!dps::kiosk::eid::wipeOpenSslMemoryOnFree()) std::fputs("dps-kiosk: OpenSSL memory is not wiped\n", stderr);
    return dps::kiosk::kioskMain(argc, argv);
}
