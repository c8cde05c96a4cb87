#pragma once
#include <string>

namespace dps::kiosk::pkcs11 {

// The mark by which a free-use session's runner tells that the e-ID was used in the browser
// (its report's eid_used, the visit record's e-ID count; docs/eid-pkcs11.md "eid_used"): an
// empty file at the path the runner gives in DPS_EID_USED_MARK (on the session's tmpfs), made at
// the first login the card accepted. Nothing of the card or the PIN is in it: only that it exists.
// Without the variable (pkcs11-tool, a browser outside a session) the module leaves no mark.
class UseMark {
public:
    explicit UseMark(std::string path) : path_(std::move(path)) {}
    [[nodiscard]] static UseMark fromEnvironment();

    // Makes the file once per module load; a failure is not retried (a count is all it gives).
    // A link in its place is not followed, an existing file is left as it is.
    void leave();
    [[nodiscard]] bool left() const { return left_; }

private:
    std::string path_;
    bool left_ = false;
};

} // namespace dps::kiosk::pkcs11
