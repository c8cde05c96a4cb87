#include "server/services/TerminalAuth.h"

#include "server/store/Secrets.h"

namespace dps::server {

Result<Terminal> authenticate(TerminalStore& terminals, std::string_view authorization) {
    if (authorization.empty())
        return ApiError{
            401, "missing_credential", "this request needs Authorization: Bearer <token> (from enroll)", "", {}};
    constexpr std::string_view kScheme = "Bearer ";
    if (!authorization.starts_with(kScheme) || authorization.size() == kScheme.size() ||
        authorization.size() > kScheme.size() + 128)
        return ApiError{401, "bad_credential", "the Authorization header must be Bearer <token>", "", {}};
    const std::string hash = sha256Hex(authorization.substr(kScheme.size()));
    // Looked up by its hash: an index lookup on SHA-256 values tells a guesser nothing about the
    // token (finding a prefix of the hash is not finding the token); the comparison that decides
    // is the constant-time one below.
    const auto found = terminals.findByTokenHash(hash);
    if (!found || !constantTimeEqual(found->tokenHash, hash))
        return ApiError{
            401, "unknown_credential", "this token belongs to no terminal: enroll the terminal again", "", {}};
    if (found->revoked) return ApiError{403, "revoked", "this terminal was revoked on the server", "", {}};
    return found->terminal;
}

} // namespace dps::server
