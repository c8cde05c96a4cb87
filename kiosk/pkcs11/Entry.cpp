// The PKCS#11 entry points of libdps-eid-pkcs11.so: C_GetFunctionList is the only exported symbol
// (the others would clash with another module's in the same process); each call takes the one
// lock and goes to EidModule. PKCS#11 2.40 (the header is Debian's p11-kit, <p11-kit/pkcs11.h>).
// No exception leaves the module.
#include "kiosk/adapters/eid/PcscService.h"
#include "kiosk/pkcs11/EidModule.h"
#include "kiosk/pkcs11/UseMark.h"

#include <cstring>
#include <mutex>
#include <new>

namespace {

using dps::kiosk::pkcs11::EidModule;
using dps::kiosk::pkcs11::UseMark;

std::mutex gLock;
EidModule* gModule = nullptr; // between C_Initialize and C_Finalize

// Read from the environment at the first login; left once per load of the library.
UseMark& useMark() {
    static UseMark mark = UseMark::fromEnvironment();
    return mark;
}

template <class F> CK_RV locked(F f) {
    try {
        const std::lock_guard lock(gLock);
        if (gModule == nullptr) return CKR_CRYPTOKI_NOT_INITIALIZED;
        return f(*gModule);
    } catch (const std::bad_alloc&) {
        return CKR_HOST_MEMORY;
    } catch (...) {
        return CKR_GENERAL_ERROR;
    }
}

template <std::size_t N> void text(unsigned char (&field)[N], const char* value) {
    std::memset(field, ' ', N);
    std::memcpy(field, value, std::min(N, std::strlen(value)));
}

CK_RV initialize(void* raw) {
    if (raw != nullptr) {
        const auto* args = static_cast<const CK_C_INITIALIZE_ARGS*>(raw);
        const bool some = args->CreateMutex || args->DestroyMutex || args->LockMutex || args->UnlockMutex;
        const bool all = args->CreateMutex && args->DestroyMutex && args->LockMutex && args->UnlockMutex;
        if (some && !all) return CKR_ARGUMENTS_BAD;
        // Only the caller's own lock functions would do, and the module has its own (std::mutex).
        if (all && (args->flags & CKF_OS_LOCKING_OK) == 0) return CKR_CANT_LOCK;
        // pReserved is left alone: NSS passes its module parameters there.
    }
    try {
        const std::lock_guard lock(gLock);
        if (gModule != nullptr) return CKR_CRYPTOKI_ALREADY_INITIALIZED;
        gModule = new EidModule(std::make_unique<dps::kiosk::eid::PcscService>());
        return CKR_OK;
    } catch (...) {
        return CKR_HOST_MEMORY;
    }
}

CK_RV finalize(void* reserved) {
    if (reserved != nullptr) return CKR_ARGUMENTS_BAD;
    const std::lock_guard lock(gLock);
    if (gModule == nullptr) return CKR_CRYPTOKI_NOT_INITIALIZED;
    delete gModule; // every card: LOG OFF and reset
    gModule = nullptr;
    return CKR_OK;
}

CK_RV getInfo(CK_INFO* info) {
    if (info == nullptr) return CKR_ARGUMENTS_BAD;
    return locked([&](EidModule&) {
        std::memset(info, 0, sizeof *info);
        info->cryptokiVersion = {CRYPTOKI_VERSION_MAJOR, CRYPTOKI_VERSION_MINOR};
        text(info->manufacturerID, "dps-kiosk");
        text(info->libraryDescription, "Belgian e-ID authentication");
        info->libraryVersion = {0, 1};
        return CKR_OK;
    });
}

CK_RV getFunctionList(CK_FUNCTION_LIST** list);

CK_RV getSlotList(CK_BBOOL present, CK_SLOT_ID* list, CK_ULONG* count) {
    return locked([&](EidModule& m) { return m.slotList(present != CK_FALSE, list, count); });
}
CK_RV getSlotInfo(CK_SLOT_ID slot, CK_SLOT_INFO* info) {
    return locked([&](EidModule& m) { return m.slotInfo(slot, info); });
}
CK_RV getTokenInfo(CK_SLOT_ID slot, CK_TOKEN_INFO* info) {
    return locked([&](EidModule& m) { return m.tokenInfo(slot, info); });
}
CK_RV getMechanismList(CK_SLOT_ID slot, CK_MECHANISM_TYPE* list, CK_ULONG* count) {
    return locked([&](EidModule& m) { return m.mechanismList(slot, list, count); });
}
CK_RV getMechanismInfo(CK_SLOT_ID slot, CK_MECHANISM_TYPE type, CK_MECHANISM_INFO* info) {
    return locked([&](EidModule& m) { return m.mechanismInfo(slot, type, info); });
}
CK_RV openSession(CK_SLOT_ID slot, CK_FLAGS flags, void* /*application*/, CK_NOTIFY /*notify*/,
                  CK_SESSION_HANDLE* session) {
    return locked([&](EidModule& m) { return m.openSession(slot, flags, session); });
}
CK_RV closeSession(CK_SESSION_HANDLE session) {
    return locked([&](EidModule& m) { return m.closeSession(session); });
}
CK_RV closeAllSessions(CK_SLOT_ID slot) {
    return locked([&](EidModule& m) { return m.closeAllSessions(slot); });
}
CK_RV getSessionInfo(CK_SESSION_HANDLE session, CK_SESSION_INFO* info) {
    return locked([&](EidModule& m) { return m.sessionInfo(session, info); });
}
CK_RV login(CK_SESSION_HANDLE session, CK_USER_TYPE user, CK_UTF8CHAR* pin, CK_ULONG length) {
    return locked([&](EidModule& m) {
        const CK_RV rv = m.login(session, user, pin, length);
        if (rv == CKR_OK) useMark().leave(); // the runner's eid_used
        return rv;
    });
}
CK_RV logout(CK_SESSION_HANDLE session) {
    return locked([&](EidModule& m) { return m.logout(session); });
}
CK_RV getAttributeValue(CK_SESSION_HANDLE session, CK_OBJECT_HANDLE object, CK_ATTRIBUTE* attributes, CK_ULONG count) {
    return locked([&](EidModule& m) { return m.attributeValue(session, object, attributes, count); });
}
CK_RV findObjectsInit(CK_SESSION_HANDLE session, CK_ATTRIBUTE* attributes, CK_ULONG count) {
    return locked([&](EidModule& m) { return m.findInit(session, attributes, count); });
}
CK_RV findObjects(CK_SESSION_HANDLE session, CK_OBJECT_HANDLE* objects, CK_ULONG max, CK_ULONG* found) {
    return locked([&](EidModule& m) { return m.find(session, objects, max, found); });
}
CK_RV findObjectsFinal(CK_SESSION_HANDLE session) {
    return locked([&](EidModule& m) { return m.findFinal(session); });
}
CK_RV signInit(CK_SESSION_HANDLE session, CK_MECHANISM* mechanism, CK_OBJECT_HANDLE key) {
    return locked([&](EidModule& m) { return m.signInit(session, mechanism, key); });
}
CK_RV sign(CK_SESSION_HANDLE session, CK_BYTE* data, CK_ULONG length, CK_BYTE* signature, CK_ULONG* signatureLength) {
    return locked([&](EidModule& m) { return m.sign(session, data, length, signature, signatureLength); });
}

// Everything else: a read-only token that only signs with one key.
template <class... A> CK_RV notSupported(A... /*args*/) { return CKR_FUNCTION_NOT_SUPPORTED; }

CK_FUNCTION_LIST makeList() {
    CK_FUNCTION_LIST l{};
    l.version = {CRYPTOKI_VERSION_MAJOR, CRYPTOKI_VERSION_MINOR};
    l.C_Initialize = initialize;
    l.C_Finalize = finalize;
    l.C_GetInfo = getInfo;
    l.C_GetFunctionList = getFunctionList;
    l.C_GetSlotList = getSlotList;
    l.C_GetSlotInfo = getSlotInfo;
    l.C_GetTokenInfo = getTokenInfo;
    l.C_GetMechanismList = getMechanismList;
    l.C_GetMechanismInfo = getMechanismInfo;
    l.C_InitToken = notSupported;
    l.C_InitPIN = notSupported;
    l.C_SetPIN = notSupported;
    l.C_OpenSession = openSession;
    l.C_CloseSession = closeSession;
    l.C_CloseAllSessions = closeAllSessions;
    l.C_GetSessionInfo = getSessionInfo;
    l.C_GetOperationState = notSupported;
    l.C_SetOperationState = notSupported;
    l.C_Login = login;
    l.C_Logout = logout;
    l.C_CreateObject = notSupported;
    l.C_CopyObject = notSupported;
    l.C_DestroyObject = notSupported;
    l.C_GetObjectSize = notSupported;
    l.C_GetAttributeValue = getAttributeValue;
    l.C_SetAttributeValue = notSupported;
    l.C_FindObjectsInit = findObjectsInit;
    l.C_FindObjects = findObjects;
    l.C_FindObjectsFinal = findObjectsFinal;
    l.C_EncryptInit = notSupported;
    l.C_Encrypt = notSupported;
    l.C_EncryptUpdate = notSupported;
    l.C_EncryptFinal = notSupported;
    l.C_DecryptInit = notSupported;
    l.C_Decrypt = notSupported;
    l.C_DecryptUpdate = notSupported;
    l.C_DecryptFinal = notSupported;
    l.C_DigestInit = notSupported;
    l.C_Digest = notSupported;
    l.C_DigestUpdate = notSupported;
    l.C_DigestKey = notSupported;
    l.C_DigestFinal = notSupported;
    l.C_SignInit = signInit;
    l.C_Sign = sign;
    l.C_SignUpdate = notSupported; // one-part only: the card signs one digest
    l.C_SignFinal = notSupported;
    l.C_SignRecoverInit = notSupported;
    l.C_SignRecover = notSupported;
    l.C_VerifyInit = notSupported;
    l.C_Verify = notSupported;
    l.C_VerifyUpdate = notSupported;
    l.C_VerifyFinal = notSupported;
    l.C_VerifyRecoverInit = notSupported;
    l.C_VerifyRecover = notSupported;
    l.C_DigestEncryptUpdate = notSupported;
    l.C_DecryptDigestUpdate = notSupported;
    l.C_SignEncryptUpdate = notSupported;
    l.C_DecryptVerifyUpdate = notSupported;
    l.C_GenerateKey = notSupported;
    l.C_GenerateKeyPair = notSupported;
    l.C_WrapKey = notSupported;
    l.C_UnwrapKey = notSupported;
    l.C_DeriveKey = notSupported;
    l.C_SeedRandom = notSupported;
    l.C_GenerateRandom = notSupported;
    l.C_GetFunctionStatus = notSupported;
    l.C_CancelFunction = notSupported;
    l.C_WaitForSlotEvent = notSupported; // callers poll C_GetSlotList / C_GetSlotInfo
    return l;
}

CK_FUNCTION_LIST gList = makeList();

CK_RV getFunctionList(CK_FUNCTION_LIST** list) {
    if (list == nullptr) return CKR_ARGUMENTS_BAD;
    *list = &gList;
    return CKR_OK;
}

} // namespace

extern "C" __attribute__((visibility("default"))) CK_RV C_GetFunctionList(CK_FUNCTION_LIST** list) {
    return getFunctionList(list);
}
