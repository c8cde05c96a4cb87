#include "kiosk/pkcs11/Attributes.h"

#include <algorithm>
#include <cstring>

namespace dps::kiosk::pkcs11 {
namespace {

// The secret parts of a private key: never given out (the card would not give them anyway; the
// module holds none). Asking is CKR_ATTRIBUTE_SENSITIVE, not "no such attribute".
bool isSecret(CK_ATTRIBUTE_TYPE type) {
    switch (type) {
    case CKA_VALUE:
    case CKA_PRIVATE_EXPONENT:
    case CKA_PRIME_1:
    case CKA_PRIME_2:
    case CKA_EXPONENT_1:
    case CKA_EXPONENT_2:
    case CKA_COEFFICIENT: return true;
    default: return false;
    }
}

template <class T> std::span<const std::uint8_t> bytesOf(const T& value) {
    return {reinterpret_cast<const std::uint8_t*>(&value), sizeof value};
}

} // namespace

void TokenObject::add(CK_ATTRIBUTE_TYPE type, std::span<const std::uint8_t> value) {
    attributes.push_back({type, Bytes(value.begin(), value.end())});
}

void TokenObject::addUlong(CK_ATTRIBUTE_TYPE type, CK_ULONG value) { add(type, bytesOf(value)); }

void TokenObject::addBool(CK_ATTRIBUTE_TYPE type, bool value) {
    const CK_BBOOL b = value ? CK_TRUE : CK_FALSE;
    add(type, bytesOf(b));
}

void TokenObject::addText(CK_ATTRIBUTE_TYPE type, std::string_view text) {
    add(type, {reinterpret_cast<const std::uint8_t*>(text.data()), text.size()});
}

const Attribute* TokenObject::find(CK_ATTRIBUTE_TYPE type) const {
    const auto it =
        std::find_if(attributes.begin(), attributes.end(), [&](const Attribute& a) { return a.type == type; });
    return it == attributes.end() ? nullptr : &*it;
}

std::optional<SearchTemplate> SearchTemplate::copy(const CK_ATTRIBUTE* attributes, CK_ULONG count, CK_RV& rv) {
    rv = CKR_ARGUMENTS_BAD;
    if (count > 0 && attributes == nullptr) return std::nullopt;
    if (count > kMaxAttributes) return std::nullopt;
    SearchTemplate t;
    for (CK_ULONG i = 0; i < count; ++i) {
        const CK_ATTRIBUTE& a = attributes[i];
        if (a.ulValueLen > kMaxValue) {
            rv = CKR_ATTRIBUTE_VALUE_INVALID;
            return std::nullopt;
        }
        if (a.ulValueLen > 0 && a.pValue == nullptr) return std::nullopt;
        const auto* p = static_cast<const std::uint8_t*>(a.pValue);
        t.wanted_.push_back({a.type, a.ulValueLen > 0 ? Bytes(p, p + a.ulValueLen) : Bytes{}});
    }
    rv = CKR_OK;
    return t;
}

bool SearchTemplate::matches(const TokenObject& object) const {
    return std::all_of(wanted_.begin(), wanted_.end(), [&](const Attribute& want) {
        const Attribute* has = object.find(want.type);
        return has != nullptr && has->value == want.value;
    });
}

CK_RV fillTemplate(const TokenObject& object, CK_ATTRIBUTE* attributes, CK_ULONG count) {
    if (count > 0 && attributes == nullptr) return CKR_ARGUMENTS_BAD;
    if (count > kMaxQueried) return CKR_ARGUMENTS_BAD;
    CK_RV rv = CKR_OK;
    for (CK_ULONG i = 0; i < count; ++i) {
        CK_ATTRIBUTE& a = attributes[i];
        if (object.isPrivate && isSecret(a.type)) {
            a.ulValueLen = CK_UNAVAILABLE_INFORMATION;
            rv = CKR_ATTRIBUTE_SENSITIVE;
            continue;
        }
        const Attribute* has = object.find(a.type);
        if (has == nullptr) {
            a.ulValueLen = CK_UNAVAILABLE_INFORMATION;
            rv = CKR_ATTRIBUTE_TYPE_INVALID;
            continue;
        }
        if (a.pValue == nullptr) {
            a.ulValueLen = has->value.size();
            continue;
        }
        if (a.ulValueLen < has->value.size()) {
            a.ulValueLen = CK_UNAVAILABLE_INFORMATION;
            rv = CKR_BUFFER_TOO_SMALL;
            continue;
        }
        if (!has->value.empty()) std::memcpy(a.pValue, has->value.data(), has->value.size());
        a.ulValueLen = has->value.size();
    }
    return rv;
}

} // namespace dps::kiosk::pkcs11
