#include "kiosk/pkcs11/UseMark.h"

#include <cstdlib>
#include <fcntl.h>
#include <unistd.h>

namespace dps::kiosk::pkcs11 {

UseMark UseMark::fromEnvironment() {
    // secure_getenv: a setuid program loading the module is not told where to write.
    const char* path = ::secure_getenv("DPS_EID_USED_MARK");
    return UseMark(path != nullptr && path[0] == '/' ? path : "");
}

void UseMark::leave() {
    if (left_ || path_.empty()) return;
    left_ = true;
    const int fd = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, 0600);
    if (fd >= 0) ::close(fd);
}

} // namespace dps::kiosk::pkcs11
