#pragma once
#include "kiosk/core/eid/Apdu.h"

#include <p11-kit/pkcs11.h>

#include <cstddef>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

namespace dps::kiosk::pkcs11 {

using eid::Bytes;

// One attribute of a token object, its value in the encoding PKCS#11 gives it (a CK_ULONG or a
// CK_BBOOL as the machine stores it, DER for names and keys), so that matching a search template
// is a comparison of bytes. Values are wiped when freed (they hold the certificate).
struct Attribute {
    CK_ATTRIBUTE_TYPE type = 0;
    Bytes value;
};

// An object of the token: the certificate, its public key or the private key on the card.
struct TokenObject {
    CK_OBJECT_HANDLE handle = 0;
    bool isPrivate = false; // visible only after a login (PKCS#11 2.40 4.4 CKA_PRIVATE)
    std::vector<Attribute> attributes;

    void add(CK_ATTRIBUTE_TYPE type, std::span<const std::uint8_t> value);
    void addUlong(CK_ATTRIBUTE_TYPE type, CK_ULONG value);
    void addBool(CK_ATTRIBUTE_TYPE type, bool value);
    void addText(CK_ATTRIBUTE_TYPE type, std::string_view text);
    [[nodiscard]] const Attribute* find(CK_ATTRIBUTE_TYPE type) const;
};

// A search template, copied from the caller at C_FindObjectsInit (the caller may free its own
// before C_FindObjects). It is caller data: at most kMaxAttributes attributes, each value at most
// kMaxValue bytes; nullopt (CKR_ARGUMENTS_BAD or CKR_ATTRIBUTE_VALUE_INVALID in rv) otherwise.
class SearchTemplate {
public:
    static constexpr std::size_t kMaxAttributes = 32;
    static constexpr std::size_t kMaxValue = 16 * 1024; // a certificate's DER, searched by value
    static std::optional<SearchTemplate> copy(const CK_ATTRIBUTE* attributes, CK_ULONG count, CK_RV& rv);
    // Every attribute of the template is the object's, with the same bytes (PKCS#11 2.40 5.7).
    [[nodiscard]] bool matches(const TokenObject& object) const;

private:
    std::vector<Attribute> wanted_;
};

// C_GetAttributeValue's rules (PKCS#11 2.40 5.7) for one object: each attribute of the caller's
// template gets its value, its length (pValue NULL), or CK_UNAVAILABLE_INFORMATION with
// CKR_ATTRIBUTE_SENSITIVE (a private key's secret parts), CKR_ATTRIBUTE_TYPE_INVALID (not an
// attribute of the object) or CKR_BUFFER_TOO_SMALL; every attribute is processed whatever the
// others give. count is caller data: more than kMaxQueried attributes is CKR_ARGUMENTS_BAD.
inline constexpr CK_ULONG kMaxQueried = 256;
CK_RV fillTemplate(const TokenObject& object, CK_ATTRIBUTE* attributes, CK_ULONG count);

} // namespace dps::kiosk::pkcs11
