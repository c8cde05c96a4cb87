#pragma once
#include "kiosk/core/eid/Certificates.h"

#include <cstddef>
#include <filesystem>
#include <memory>

namespace dps::kiosk::eid {

// The certificate port over OpenSSL's libcrypto (3.0). The subject of a card certificate holds
// the holder's name and national number: nothing here reads, logs or prints a subject.
class OpenSslCertificates final : public CertificateVerifier {
public:
    // Loads every *.pem file of rootsDir (each may hold several certificates) as a trusted root.
    // Throws std::runtime_error naming rootsDir when it holds no root at all (missing, empty, no
    // *.pem), and naming the file when a *.pem cannot be read or holds something else.
    explicit OpenSslCertificates(const std::filesystem::path& rootsDir);
    OpenSslCertificates(const OpenSslCertificates&) = delete;
    OpenSslCertificates& operator=(const OpenSslCertificates&) = delete;
    ~OpenSslCertificates() override;

    [[nodiscard]] std::optional<CertificateDates> dates(std::span<const std::uint8_t> der) const override;
    // Trusted only when the chain OpenSSL builds runs leaf ← issuingCa ← a bundled root, with
    // issuingCa a CA. Dates are not looked at. Safe to call from several threads.
    [[nodiscard]] ChainVerdict verify(std::span<const std::uint8_t> leaf,
                                      std::span<const std::uint8_t> issuingCa) const override;

    // How many root certificates were loaded.
    [[nodiscard]] std::size_t rootCount() const { return rootCount_; }

private:
    struct Store;
    std::unique_ptr<Store> store_;
    std::size_t rootCount_ = 0;
};

// Makes OpenSSL zero every block it frees or moves (realloc), so a parsed certificate's subject
// does not linger in freed heap memory. OpenSSL accepts new memory functions only before its
// first allocation: call this first thing in main, before anything touches OpenSSL. Returns
// false when it is too late (OpenSSL already allocated) and nothing was installed. OpenSSL only
// locks its memory functions when its own allocator runs, so once these are in, a later call to
// CRYPTO_set_mem_functions (by this or any library) still succeeds: nothing else may make one.
bool wipeOpenSslMemoryOnFree();

} // namespace dps::kiosk::eid
