#include "kiosk/adapters/facilitator/FacilitatorDirectory.h"

#include "dps/core/Timestamp.h"
#include "dps/storage/StorageError.h"

#include <sodium.h>
#include <stdexcept>

namespace dps::kiosk {
namespace {

bool digitsOnly(std::string_view pin) {
    if (pin.size() < 4 || pin.size() > 12) return false;
    for (const char c : pin) {
        if (c < '0' || c > '9') return false;
    }
    return true;
}

} // namespace

FacilitatorDirectory::FacilitatorDirectory(storage::Database& db) : db_(db) {
    if (sodium_init() < 0) throw std::runtime_error("libsodium could not start");
}

std::string FacilitatorDirectory::hashPin(std::string_view pin) {
    if (sodium_init() < 0) throw std::runtime_error("libsodium could not start");
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str(out, pin.data(), pin.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
        throw std::runtime_error("not enough memory to hash the PIN");
    return out;
}

bool FacilitatorDirectory::verify(const std::string& hash, std::string_view pin) {
    return crypto_pwhash_str_verify(hash.c_str(), pin.data(), pin.size()) == 0;
}

void FacilitatorDirectory::add(std::string_view name, std::string_view pin, WallTime now) {
    if (name.empty() || name.size() > 60) throw std::invalid_argument("a facilitator's name has 1 to 60 characters");
    if (!digitsOnly(pin)) throw std::invalid_argument("a facilitator PIN has 4 to 12 digits");
    for (const auto& h : hashes()) {
        if (h.name == name) throw std::invalid_argument("there is already a facilitator called " + std::string(name));
        if (verify(h.hash, pin))
            throw std::invalid_argument(
                "another facilitator has this PIN: choose another one"); // a PIN names its owner
    }
    db_.prepare("INSERT INTO facilitators (name, pin_hash, created_at) VALUES (?1, ?2, ?3)")
        .bind(1, name)
        .bind(2, std::string_view(hashPin(pin)))
        .bind(3, std::string_view(toIsoUtc(now)))
        .run();
}

bool FacilitatorDirectory::remove(std::string_view name) {
    db_.prepare("DELETE FROM facilitators WHERE name = ?1").bind(1, name).run();
    return db_.changes() > 0;
}

std::vector<FacilitatorDirectory::Facilitator> FacilitatorDirectory::list() {
    std::vector<Facilitator> out;
    auto st = db_.prepare("SELECT name, created_at FROM facilitators ORDER BY name");
    while (st.step())
        out.push_back({st.text(0), st.text(1)});
    return out;
}

std::vector<FacilitatorDirectory::Hash> FacilitatorDirectory::hashes() {
    std::vector<Hash> out;
    auto st = db_.prepare("SELECT name, pin_hash FROM facilitators ORDER BY id");
    while (st.step())
        out.push_back({st.text(0), st.text(1)});
    return out;
}

std::optional<std::string> FacilitatorDirectory::whose(const std::vector<Hash>& hashes, std::string_view pin) {
    for (const auto& h : hashes) {
        if (verify(h.hash, pin)) return h.name;
    }
    return std::nullopt;
}

} // namespace dps::kiosk
