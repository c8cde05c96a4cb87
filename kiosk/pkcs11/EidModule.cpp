#include "kiosk/pkcs11/EidModule.h"

#include "kiosk/core/eid/PinBlock.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <algorithm>
#include <cstring>
#include <string_view>

namespace dps::kiosk::pkcs11 {
namespace {

using eid::CardSession;
using eid::SignError;

// PKCS#11's text fields: blank-padded, not NUL-terminated.
template <std::size_t N> void text(unsigned char (&field)[N], std::string_view value) {
    std::memset(field, ' ', N);
    std::memcpy(field, value.data(), std::min(N, value.size()));
}

// The PIN's bounds: PinBlock takes 4 to 12 digits ([M1.7] 6.5, [M1.8] 6.9: 2L and BCD digits).
constexpr CK_ULONG kMinPin = 4, kMaxPin = 12;

CK_RV rvOf(SignError e) {
    switch (e) {
    case SignError::None: return CKR_OK;
    case SignError::WrongPin: return CKR_PIN_INCORRECT;
    case SignError::PinBlocked: return CKR_PIN_LOCKED;
    case SignError::PinNotVerified: return CKR_USER_NOT_LOGGED_IN;
    case SignError::PinEntryCancelled: return CKR_FUNCTION_CANCELED;
    case SignError::CardGone: return CKR_DEVICE_REMOVED;
    case SignError::WrongLength: return CKR_DATA_LEN_RANGE;
    case SignError::NotSupported: return CKR_MECHANISM_INVALID;
    case SignError::NoSuchKey:
    case SignError::ConditionsNotMet:
    case SignError::CardError: return CKR_DEVICE_ERROR;
    }
    return CKR_DEVICE_ERROR;
}

// The one mechanism of each key: the 1.8 applet's ECDSA "hash not specified" (algorithm 40) on
// the digest NSS computed, the 1.7 applet's PKCS#1 v1.5 over a DigestInfo the caller built
// (algorithm 01) (docs/eid-signing.md).
CK_MECHANISM_TYPE mechanismOf(const CardKey& key) { return key.type == CKK_EC ? CKM_ECDSA : CKM_RSA_PKCS; }

eid::Mechanism cardMechanismOf(CK_MECHANISM_TYPE m) {
    return m == CKM_ECDSA ? eid::Mechanism::Ecdsa : eid::Mechanism::RsaPkcs1;
}

// The salted digest of a PIN block (refusedPin); empty when OpenSSL fails, which disables the
// guard rather than the login.
Bytes pinDigest(const Bytes& salt, const eid::PinBlock& block) {
    Bytes out(EVP_MAX_MD_SIZE);
    unsigned int length = 0;
    EVP_MD_CTX* ctx = EVP_MD_CTX_new();
    const bool ok = ctx != nullptr && EVP_DigestInit_ex(ctx, EVP_sha256(), nullptr) == 1 &&
                    EVP_DigestUpdate(ctx, salt.data(), salt.size()) == 1 &&
                    EVP_DigestUpdate(ctx, block.bytes().data(), block.bytes().size()) == 1 &&
                    EVP_DigestFinal_ex(ctx, out.data(), &length) == 1;
    EVP_MD_CTX_free(ctx);
    out.resize(ok ? length : 0);
    return out;
}

} // namespace

EidModule::EidModule(std::unique_ptr<eid::SmartCardService> service) : service_(std::move(service)) {}

EidModule::~EidModule() {
    sessions_.clear();
    for (auto& s : slots_)
        s.token.reset();
}

void EidModule::refresh() {
    eid::CardError error = eid::CardError::None;
    const auto readers = service_->readers(error);
    for (auto& slot : slots_)
        slot.readerPresent = false;
    for (const auto& r : readers) {
        auto it = std::find_if(slots_.begin(), slots_.end(), [&](const Slot& s) { return s.reader == r.name; });
        if (it == slots_.end()) {
            slots_.push_back({});
            it = slots_.end() - 1;
            it->reader = r.name;
        }
        it->readerPresent = true;
        it->cardPresent = r.cardPresent && !r.mute;
    }
    for (std::size_t i = 0; i < slots_.size(); ++i) {
        Slot& slot = slots_[i];
        if (!slot.readerPresent || !slot.cardPresent) {
            dropToken(i);
            slot.notUsable = false; // the next card gets a fresh look
            continue;
        }
        refresh(slot);
    }
}

void EidModule::refresh(Slot& slot) {
    if (slot.token || slot.notUsable) return;
    SignError error = SignError::CardError;
    auto card = CardSession::open(*service_, slot.reader, error);
    if (!card) {
        // Not a Belgian e-ID, or an applet that cannot sign: not a token until it leaves. A
        // card that did not answer, or answered badly (a glitch), is tried again at the next look.
        if (error == SignError::NotSupported) slot.notUsable = true;
        return;
    }
    const auto certificate = card->certificate(eid::SigningKey::Authentication);
    auto objects = certificate ? cardObjects(*certificate) : std::nullopt;
    if (!objects) { // a young child's card without an authentication certificate
        slot.notUsable = true;
        return;
    }
    auto token = std::make_unique<Token>();
    token->pinpad = card->hasPinpad();
    token->triesLeft = card->pinTriesLeft().value_or(3);
    token->card = std::move(card);
    token->objects = std::move(*objects);
    token->insertion = ++insertions_;
    token->salt.resize(32);
    if (RAND_bytes(token->salt.data(), static_cast<int>(token->salt.size())) != 1) token->salt.clear();
    slot.token = std::move(token);
}

void EidModule::dropToken(std::size_t slot) {
    for (auto it = sessions_.begin(); it != sessions_.end();) {
        it = it->second.slot == slot ? sessions_.erase(it) : std::next(it);
    }
    slots_[slot].token.reset(); // CardSession: LOG OFF, and the connection closes with a reset
}

void EidModule::reopen(std::size_t slot) {
    Token& token = *slots_[slot].token;
    token.loggedIn = false;
    token.card.reset();
    SignError error = SignError::CardError;
    token.card = CardSession::open(*service_, slots_[slot].reader, error);
    if (!token.card) dropToken(slot);
    for (auto& [handle, s] : sessions_) {
        if (s.slot != slot) continue;
        s.signing.reset();
        s.found.reset();
    }
}

EidModule::Slot* EidModule::slotOf(CK_SLOT_ID id) {
    if (id >= slots_.size()) return nullptr;
    return &slots_[id];
}

EidModule::Session* EidModule::sessionOf(CK_SESSION_HANDLE handle, CK_RV& rv) {
    const auto it = sessions_.find(handle);
    if (it == sessions_.end() || !slots_[it->second.slot].token) {
        rv = CKR_SESSION_HANDLE_INVALID;
        return nullptr;
    }
    rv = CKR_OK;
    return &it->second;
}

const TokenObject* EidModule::visible(const Token& token, CK_OBJECT_HANDLE handle) const {
    const TokenObject* o = token.objects.find(handle);
    if (o == nullptr || (o->isPrivate && !token.loggedIn)) return nullptr;
    return o;
}

CK_RV EidModule::slotList(bool tokenPresent, CK_SLOT_ID* list, CK_ULONG* count) {
    if (count == nullptr) return CKR_ARGUMENTS_BAD;
    refresh();
    std::vector<CK_SLOT_ID> ids;
    for (std::size_t i = 0; i < slots_.size(); ++i) {
        if (slots_[i].readerPresent && (!tokenPresent || slots_[i].token)) ids.push_back(i);
    }
    if (list == nullptr) {
        *count = ids.size();
        return CKR_OK;
    }
    if (*count < ids.size()) {
        *count = ids.size();
        return CKR_BUFFER_TOO_SMALL;
    }
    std::copy(ids.begin(), ids.end(), list);
    *count = ids.size();
    return CKR_OK;
}

CK_RV EidModule::slotInfo(CK_SLOT_ID id, CK_SLOT_INFO* info) {
    if (info == nullptr) return CKR_ARGUMENTS_BAD;
    refresh();
    const Slot* slot = slotOf(id);
    if (slot == nullptr) return CKR_SLOT_ID_INVALID;
    std::memset(info, 0, sizeof *info);
    text(info->slotDescription, slot->reader);
    text(info->manufacturerID, "PC/SC");
    info->flags = CKF_REMOVABLE_DEVICE | CKF_HW_SLOT | (slot->token ? CKF_TOKEN_PRESENT : 0);
    return CKR_OK;
}

CK_RV EidModule::tokenInfo(CK_SLOT_ID id, CK_TOKEN_INFO* info) {
    if (info == nullptr) return CKR_ARGUMENTS_BAD;
    refresh();
    const Slot* slot = slotOf(id);
    if (slot == nullptr) return CKR_SLOT_ID_INVALID;
    if (!slot->token) return CKR_TOKEN_NOT_PRESENT;
    const Token& t = *slot->token;
    std::memset(info, 0, sizeof *info);
    // No card number, no name: the label is what a browser's PIN dialog shows. The serial is
    // this insertion's number, so a card put in again is a new token to NSS.
    text(info->label, "Belgian e-ID");
    text(info->manufacturerID, "dps-kiosk");
    text(info->model, t.card->appletVersion() == 0x17 ? "applet 1.7" : "applet 1.8");
    text(info->serialNumber, std::to_string(t.insertion));
    info->flags = CKF_TOKEN_INITIALIZED | CKF_USER_PIN_INITIALIZED | CKF_LOGIN_REQUIRED | CKF_WRITE_PROTECTED;
    if (t.pinpad) info->flags |= CKF_PROTECTED_AUTHENTICATION_PATH;
    if (t.triesLeft < 3) info->flags |= CKF_USER_PIN_COUNT_LOW;
    if (t.triesLeft == 1) info->flags |= CKF_USER_PIN_FINAL_TRY;
    if (t.triesLeft == 0) info->flags |= CKF_USER_PIN_LOCKED;
    info->ulMaxSessionCount = CK_EFFECTIVELY_INFINITE;
    info->ulMaxRwSessionCount = CK_EFFECTIVELY_INFINITE;
    info->ulSessionCount = CK_UNAVAILABLE_INFORMATION;
    info->ulRwSessionCount = CK_UNAVAILABLE_INFORMATION;
    info->ulMinPinLen = kMinPin;
    info->ulMaxPinLen = kMaxPin;
    for (CK_ULONG* memory : {&info->ulTotalPublicMemory, &info->ulFreePublicMemory, &info->ulTotalPrivateMemory,
                             &info->ulFreePrivateMemory})
        *memory = CK_UNAVAILABLE_INFORMATION;
    const auto applet = t.card->appletVersion();
    info->hardwareVersion = {static_cast<CK_BYTE>(applet >> 4), static_cast<CK_BYTE>(applet & 0x0F)};
    return CKR_OK;
}

CK_RV EidModule::mechanismList(CK_SLOT_ID id, CK_MECHANISM_TYPE* list, CK_ULONG* count) {
    if (count == nullptr) return CKR_ARGUMENTS_BAD;
    const Slot* slot = slotOf(id);
    if (slot == nullptr) return CKR_SLOT_ID_INVALID;
    if (!slot->token) return CKR_TOKEN_NOT_PRESENT;
    if (list == nullptr) {
        *count = 1;
        return CKR_OK;
    }
    if (*count < 1) {
        *count = 1;
        return CKR_BUFFER_TOO_SMALL;
    }
    list[0] = mechanismOf(slot->token->objects.key);
    *count = 1;
    return CKR_OK;
}

CK_RV EidModule::mechanismInfo(CK_SLOT_ID id, CK_MECHANISM_TYPE type, CK_MECHANISM_INFO* info) {
    if (info == nullptr) return CKR_ARGUMENTS_BAD;
    const Slot* slot = slotOf(id);
    if (slot == nullptr) return CKR_SLOT_ID_INVALID;
    if (!slot->token) return CKR_TOKEN_NOT_PRESENT;
    const CardKey& key = slot->token->objects.key;
    if (type != mechanismOf(key)) return CKR_MECHANISM_INVALID;
    info->ulMinKeySize = key.bits;
    info->ulMaxKeySize = key.bits;
    info->flags = CKF_HW | CKF_SIGN;
    if (key.type == CKK_EC) info->flags |= CKF_EC_F_P | CKF_EC_NAMEDCURVE | CKF_EC_UNCOMPRESS;
    return CKR_OK;
}

CK_RV EidModule::openSession(CK_SLOT_ID id, CK_FLAGS flags, CK_SESSION_HANDLE* session) {
    if (session == nullptr) return CKR_ARGUMENTS_BAD;
    if ((flags & CKF_SERIAL_SESSION) == 0) return CKR_SESSION_PARALLEL_NOT_SUPPORTED;
    refresh();
    const Slot* slot = slotOf(id);
    if (slot == nullptr) return CKR_SLOT_ID_INVALID;
    if (!slot->token) return CKR_TOKEN_NOT_PRESENT;
    if ((flags & CKF_RW_SESSION) != 0) return CKR_TOKEN_WRITE_PROTECTED;
    Session s;
    s.slot = id;
    s.flags = flags;
    *session = nextSession_++;
    sessions_.emplace(*session, std::move(s));
    return CKR_OK;
}

CK_RV EidModule::closeSession(CK_SESSION_HANDLE handle) {
    const auto it = sessions_.find(handle);
    if (it == sessions_.end()) return CKR_SESSION_HANDLE_INVALID;
    const std::size_t slot = it->second.slot;
    sessions_.erase(it);
    // The last session of a token closed: its user is logged out (PKCS#11 2.40 5.6 C_CloseSession).
    const bool last =
        std::none_of(sessions_.begin(), sessions_.end(), [&](const auto& s) { return s.second.slot == slot; });
    if (last && slots_[slot].token && slots_[slot].token->loggedIn) reopen(slot);
    return CKR_OK;
}

CK_RV EidModule::closeAllSessions(CK_SLOT_ID id) {
    const Slot* slot = slotOf(id);
    if (slot == nullptr) return CKR_SLOT_ID_INVALID;
    for (auto it = sessions_.begin(); it != sessions_.end();) {
        it = it->second.slot == id ? sessions_.erase(it) : std::next(it);
    }
    if (slot->token && slot->token->loggedIn) reopen(id);
    return CKR_OK;
}

CK_RV EidModule::sessionInfo(CK_SESSION_HANDLE handle, CK_SESSION_INFO* info) {
    if (info == nullptr) return CKR_ARGUMENTS_BAD;
    CK_RV rv = CKR_OK;
    const Session* s = sessionOf(handle, rv);
    if (s == nullptr) return rv;
    info->slotID = s->slot;
    info->state = tokenOf(*s).loggedIn ? CKS_RO_USER_FUNCTIONS : CKS_RO_PUBLIC_SESSION;
    info->flags = s->flags;
    info->ulDeviceError = 0;
    return CKR_OK;
}

CK_RV EidModule::login(CK_SESSION_HANDLE handle, CK_USER_TYPE user, const CK_UTF8CHAR* pin, CK_ULONG pinLength) {
    CK_RV rv = CKR_OK;
    Session* s = sessionOf(handle, rv);
    if (s == nullptr) return rv;
    if (user == CKU_CONTEXT_SPECIFIC) return CKR_OPERATION_NOT_INITIALIZED; // no key asks for it
    if (user != CKU_USER) return CKR_USER_TYPE_INVALID;                     // the card has no SO PIN
    Token& token = tokenOf(*s);
    if (token.loggedIn) return CKR_USER_ALREADY_LOGGED_IN;
    eid::SignResult result;
    if (pin == nullptr) {
        // A pinpad reader (CKF_PROTECTED_AUTHENTICATION_PATH): the PIN never reaches the computer.
        if (!token.pinpad) return CKR_ARGUMENTS_BAD;
        result = token.card->verifyPin({.onPinpad = true});
    } else {
        // Refused before anything is sent, so a PIN of the wrong form costs no try. The block is
        // made from the caller's buffer (no copy of the digits) and wiped when it goes.
        if (pinLength < kMinPin || pinLength > kMaxPin) return CKR_PIN_LEN_RANGE;
        const auto block = eid::PinBlock::fromDigits({reinterpret_cast<const char*>(pin), pinLength});
        if (!block) return CKR_PIN_INVALID;
        // The same PIN the card just refused: refused again here, without a try. NSS asks its
        // password callback again at each key lookup, and a caller that remembers the PIN
        // (tstclnt -w, a script) would otherwise spend all three tries on one typo.
        const Bytes digest = token.salt.empty() ? Bytes{} : pinDigest(token.salt, *block);
        if (!digest.empty() && digest.size() == token.refusedPin.size() &&
            CRYPTO_memcmp(digest.data(), token.refusedPin.data(), digest.size()) == 0)
            return CKR_PIN_INCORRECT;
        result = token.card->verifyPin({.typed = &*block});
        if (result.error == SignError::WrongPin) token.refusedPin = digest;
    }
    if (result.error == SignError::CardGone) {
        dropToken(s->slot);
        return CKR_DEVICE_REMOVED;
    }
    if (result.ok()) {
        token.triesLeft = 3;
        token.refusedPin.clear();
    }
    if (result.triesLeft) token.triesLeft = *result.triesLeft;
    if (result.error == SignError::PinBlocked) token.triesLeft = 0;
    token.loggedIn = result.ok();
    return rvOf(result.error);
}

CK_RV EidModule::logout(CK_SESSION_HANDLE handle) {
    CK_RV rv = CKR_OK;
    Session* s = sessionOf(handle, rv);
    if (s == nullptr) return rv;
    if (!tokenOf(*s).loggedIn) return CKR_USER_NOT_LOGGED_IN;
    reopen(s->slot); // LOG OFF and a reset: the card forgets the PIN
    return CKR_OK;
}

CK_RV EidModule::attributeValue(CK_SESSION_HANDLE handle, CK_OBJECT_HANDLE object, CK_ATTRIBUTE* attributes,
                                CK_ULONG count) {
    CK_RV rv = CKR_OK;
    const Session* s = sessionOf(handle, rv);
    if (s == nullptr) return rv;
    const TokenObject* o = visible(tokenOf(*s), object);
    if (o == nullptr) return CKR_OBJECT_HANDLE_INVALID;
    return fillTemplate(*o, attributes, count);
}

CK_RV EidModule::findInit(CK_SESSION_HANDLE handle, const CK_ATTRIBUTE* attributes, CK_ULONG count) {
    CK_RV rv = CKR_OK;
    Session* s = sessionOf(handle, rv);
    if (s == nullptr) return rv;
    if (s->found) return CKR_OPERATION_ACTIVE;
    const auto wanted = SearchTemplate::copy(attributes, count, rv);
    if (!wanted) return rv;
    const Token& token = tokenOf(*s);
    std::vector<CK_OBJECT_HANDLE> found;
    for (const auto& o : token.objects.objects) {
        if (visible(token, o.handle) != nullptr && wanted->matches(o)) found.push_back(o.handle);
    }
    s->found = std::move(found);
    s->foundNext = 0;
    return CKR_OK;
}

CK_RV EidModule::find(CK_SESSION_HANDLE handle, CK_OBJECT_HANDLE* objects, CK_ULONG max, CK_ULONG* found) {
    CK_RV rv = CKR_OK;
    Session* s = sessionOf(handle, rv);
    if (s == nullptr) return rv;
    if (objects == nullptr || found == nullptr) return CKR_ARGUMENTS_BAD;
    if (!s->found) return CKR_OPERATION_NOT_INITIALIZED;
    CK_ULONG n = 0;
    while (n < max && s->foundNext < s->found->size())
        objects[n++] = (*s->found)[s->foundNext++];
    *found = n;
    return CKR_OK;
}

CK_RV EidModule::findFinal(CK_SESSION_HANDLE handle) {
    CK_RV rv = CKR_OK;
    Session* s = sessionOf(handle, rv);
    if (s == nullptr) return rv;
    if (!s->found) return CKR_OPERATION_NOT_INITIALIZED;
    s->found.reset();
    return CKR_OK;
}

CK_RV EidModule::signInit(CK_SESSION_HANDLE handle, const CK_MECHANISM* mechanism, CK_OBJECT_HANDLE key) {
    CK_RV rv = CKR_OK;
    Session* s = sessionOf(handle, rv);
    if (s == nullptr) return rv;
    if (mechanism == nullptr) return CKR_ARGUMENTS_BAD;
    if (s->signing) return CKR_OPERATION_ACTIVE;
    const Token& token = tokenOf(*s);
    if (key == kPrivateKey && !token.loggedIn) return CKR_USER_NOT_LOGGED_IN;
    if (key != kPrivateKey) return visible(token, key) ? CKR_KEY_FUNCTION_NOT_PERMITTED : CKR_KEY_HANDLE_INVALID;
    if (mechanism->mechanism != mechanismOf(token.objects.key)) return CKR_MECHANISM_INVALID;
    if (mechanism->pParameter != nullptr || mechanism->ulParameterLen != 0) return CKR_MECHANISM_PARAM_INVALID;
    s->signing = mechanism->mechanism;
    return CKR_OK;
}

CK_RV EidModule::sign(CK_SESSION_HANDLE handle, const CK_BYTE* data, CK_ULONG length, CK_BYTE* signature,
                      CK_ULONG* signatureLength) {
    CK_RV rv = CKR_OK;
    Session* s = sessionOf(handle, rv);
    if (s == nullptr) return rv;
    if (!s->signing) return CKR_OPERATION_NOT_INITIALIZED;
    const eid::Mechanism m = cardMechanismOf(*s->signing);
    // Every outcome but a length query or a buffer too small ends the operation (PKCS#11 2.40 5.2).
    if (signatureLength == nullptr || (data == nullptr && length > 0)) {
        s->signing.reset();
        return CKR_ARGUMENTS_BAD;
    }
    if (!eid::digestLengthFits(m, length)) { // refused here: nothing reaches the card
        s->signing.reset();
        return CKR_DATA_LEN_RANGE;
    }
    const std::size_t size = tokenOf(*s).objects.key.signatureSize;
    if (signature == nullptr) {
        *signatureLength = size;
        return CKR_OK;
    }
    if (*signatureLength < size) {
        *signatureLength = size;
        return CKR_BUFFER_TOO_SMALL;
    }
    s->signing.reset();
    Token& token = tokenOf(*s);
    const eid::SignResult r = token.card->sign(eid::SigningKey::Authentication, m, {data, length});
    if (r.error == SignError::CardGone) {
        dropToken(s->slot);
        return CKR_DEVICE_REMOVED;
    }
    // The card forgot the PIN (a reset by another program, a wrong PIN elsewhere): log in again.
    if (r.error == SignError::PinNotVerified) token.loggedIn = false;
    if (!r.ok()) return rvOf(r.error);
    if (r.signature.size() != size) return CKR_DEVICE_ERROR;
    std::copy(r.signature.begin(), r.signature.end(), signature);
    *signatureLength = size;
    return CKR_OK;
}

} // namespace dps::kiosk::pkcs11
