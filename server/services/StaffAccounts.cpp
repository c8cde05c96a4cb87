#include "server/services/StaffAccounts.h"

#include "dps/core/Timestamp.h"
#include "server/services/PasswordHash.h"

#include <fmt/core.h>

namespace dps::server {
namespace {

constexpr std::size_t kMaxUsernameChars = 64;

bool usernameChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
           c == '@' || c == '-';
}

// Characters as people count them: UTF-8 continuation bytes are not characters of their own.
std::size_t utf8Chars(std::string_view text) {
    std::size_t n = 0;
    for (const char c : text)
        if ((static_cast<unsigned char>(c) & 0xc0) != 0x80) ++n;
    return n;
}

AdminError noSuchAccount(std::string_view username) {
    return AdminError(fmt::format("there is no staff account {} (dps-server user list shows them)", username));
}

} // namespace

std::optional<std::string> usernameProblem(std::string_view username) {
    if (username.empty() || username.size() > kMaxUsernameChars)
        return fmt::format("a username has 1 to {} characters", kMaxUsernameChars);
    for (const char c : username)
        if (!usernameChar(c)) return "a username has only letters A-Z, digits and . _ @ - (no spaces, no accents)";
    return std::nullopt;
}

std::optional<std::string> passwordProblem(std::string_view password) {
    const std::size_t chars = utf8Chars(password);
    if (chars < kMinPasswordChars)
        return fmt::format("a password has at least {} characters (this one has {}): a few words in a row make "
                           "a good one",
                           kMinPasswordChars, chars);
    if (chars > kMaxPasswordChars) return fmt::format("a password has at most {} characters", kMaxPasswordChars);
    return std::nullopt;
}

std::optional<std::string> languageProblem(std::string_view language) {
    if (language == "fr" || language == "nl" || language == "en") return std::nullopt;
    return fmt::format("the language must be fr, nl or en, not '{}'", language);
}

void StaffAccounts::checkNew(std::string_view username, std::string_view role, std::optional<std::int64_t> dpsId,
                             std::string_view language) {
    if (auto p = usernameProblem(username)) throw AdminError(*p);
    const auto parsed = parseRole(role);
    if (!parsed) throw AdminError(fmt::format("the role must be region (every DPS) or dps (one DPS), not '{}'", role));
    if (*parsed == Role::Region && dpsId)
        throw AdminError("a region account sees every DPS: leave --dps out (or use --role dps)");
    if (*parsed == Role::Dps && !dpsId)
        throw AdminError("a dps account needs --dps ID (dps-server dps list shows the ids)");
    if (auto p = languageProblem(language)) throw AdminError(*p);
    if (store_.accountExists(username)) throw AdminError(fmt::format("there is already a staff account {}", username));
    if (dpsId && !store_.dpsExists(*dpsId))
        throw AdminError(fmt::format("no DPS has id {}: see dps-server dps list", *dpsId));
}

StaffUser StaffAccounts::add(std::string_view username, std::string_view role, std::optional<std::int64_t> dpsId,
                             std::string_view password, std::string_view language) {
    checkNew(username, role, dpsId, language);
    if (auto p = passwordProblem(password)) throw AdminError(*p);
    // Hashed outside the database lock: it takes tens of milliseconds.
    const std::string hash = hashPassword(password);
    const std::string now = toIsoUtc(clock_.wall());
    // The store checks the name again as it adds: another command may have added it meanwhile.
    if (!store_.addAccount({std::string(username), *parseRole(role), dpsId, hash, std::string(language), now}))
        throw AdminError(fmt::format("there is already a staff account {}", username));
    for (auto& a : list())
        if (a.username == username) return a;
    throw AdminError(fmt::format("the staff account {} was added but cannot be read back", username));
}

void StaffAccounts::remove(std::string_view username) {
    if (!store_.removeAccount(username)) throw noSuchAccount(username);
}

void StaffAccounts::requireExists(std::string_view username) {
    if (!store_.accountExists(username)) throw noSuchAccount(username);
}

void StaffAccounts::setPassword(std::string_view username, std::string_view password) {
    requireExists(username);
    if (auto p = passwordProblem(password)) throw AdminError(*p);
    const std::string hash = hashPassword(password);
    const std::string now = toIsoUtc(clock_.wall());
    if (!store_.setPassword(username, hash, now)) throw noSuchAccount(username);
}

std::vector<StaffUser> StaffAccounts::list() { return store_.accounts(); }

} // namespace dps::server
