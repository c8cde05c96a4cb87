// libFuzzer target: what the PKCS#11 module reads from outside. A certificate from the card
// (cardObjects, through OpenSSL) and a caller's attribute templates (SearchTemplate::copy,
// matches, fillTemplate): never a crash, a read or a write outside the caller's buffers (each
// buffer below is exactly as long as its ulValueLen says, so ASan sees an overrun), and the
// bounds held (more than kMaxAttributes attributes or a value over kMaxValue is refused).
// Input: byte 0 the number of template entries (0-40), each 4 bytes (attribute index, flags:
// bit 0 a NULL pValue, length big-endian in 2 bytes, at most 20000), then the certificate.
//   tests/fuzz/run-pkcs11-fuzz.sh [SECONDS]
#include "kiosk/pkcs11/Attributes.h"
#include "kiosk/pkcs11/CardObjects.h"

#include <array>
#include <cstdint>
#include <cstdlib>
#include <vector>

namespace {
constexpr std::array<CK_ATTRIBUTE_TYPE, 16> kTypes{
    CKA_CLASS,     CKA_TOKEN,    CKA_PRIVATE,          CKA_LABEL,    CKA_ID,      CKA_VALUE,
    CKA_SUBJECT,   CKA_ISSUER,   CKA_SERIAL_NUMBER,    CKA_KEY_TYPE, CKA_MODULUS, CKA_PUBLIC_EXPONENT,
    CKA_EC_PARAMS, CKA_EC_POINT, CKA_PRIVATE_EXPONENT, 0x80000001UL /* a vendor's */};
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace dps::kiosk::pkcs11;
    if (size < 1) return 0;
    const std::size_t n = data[0] % 41;
    std::size_t pos = 1;
    std::vector<std::vector<std::uint8_t>> buffers;
    buffers.reserve(n); // no reallocation: the template points into them
    std::vector<CK_ATTRIBUTE> wanted;
    for (std::size_t i = 0; i < n && pos + 4 <= size; ++i, pos += 4) {
        const CK_ATTRIBUTE_TYPE type = kTypes[data[pos] % kTypes.size()];
        const bool null = (data[pos + 1] & 1) != 0;
        const std::size_t length = (static_cast<std::size_t>(data[pos + 2]) << 8 | data[pos + 3]) % 20001;
        buffers.emplace_back(length, std::uint8_t{0x5A});
        wanted.push_back({type, null ? nullptr : buffers.back().data(), length});
    }
    const std::span<const std::uint8_t> certificate(data + pos, size - pos);
    const auto objects = cardObjects(certificate);

    CK_RV rv = CKR_OK;
    const auto search = SearchTemplate::copy(wanted.data(), wanted.size(), rv);
    if (search && wanted.size() > SearchTemplate::kMaxAttributes) std::abort();
    for (const auto& a : wanted) {
        if (search && a.ulValueLen > SearchTemplate::kMaxValue) std::abort();
    }
    if (!objects) return 0;
    if (objects->objects.size() != 3) std::abort();
    for (const auto& o : objects->objects) {
        if (search) (void)search->matches(o);
        std::vector<CK_ATTRIBUTE> asked = wanted;
        (void)fillTemplate(o, asked.data(), asked.size());
        for (std::size_t i = 0; i < asked.size(); ++i) {
            const bool given = asked[i].ulValueLen != CK_UNAVAILABLE_INFORMATION;
            if (given && wanted[i].pValue != nullptr && asked[i].ulValueLen > wanted[i].ulValueLen) std::abort();
        }
    }
    return 0;
}
