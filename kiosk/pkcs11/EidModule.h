#pragma once
#include "kiosk/core/eid/CardSession.h"
#include "kiosk/core/eid/SmartCard.h"
#include "kiosk/pkcs11/Attributes.h"
#include "kiosk/pkcs11/CardObjects.h"

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace dps::kiosk::pkcs11 {

// The PKCS#11 module's state and rules (docs/eid-pkcs11.md): one slot per PC/SC reader, a token
// when a Belgian e-ID that can sign is in it, its authentication certificate and key, the login
// (the PIN through the caller or on the reader's pinpad) and signatures on the card, through
// the kiosk's CardSession. The C entry points (Entry.cpp) call it with one lock held, so it is
// used by one thread at a time. Nothing here logs or keeps a PIN, a digest or a signature.
class EidModule {
public:
    explicit EidModule(std::unique_ptr<eid::SmartCardService> service);
    EidModule(const EidModule&) = delete;
    EidModule& operator=(const EidModule&) = delete;
    ~EidModule(); // every card: LOG OFF and reset

    CK_RV slotList(bool tokenPresent, CK_SLOT_ID* list, CK_ULONG* count);
    CK_RV slotInfo(CK_SLOT_ID slot, CK_SLOT_INFO* info);
    CK_RV tokenInfo(CK_SLOT_ID slot, CK_TOKEN_INFO* info);
    CK_RV mechanismList(CK_SLOT_ID slot, CK_MECHANISM_TYPE* list, CK_ULONG* count);
    CK_RV mechanismInfo(CK_SLOT_ID slot, CK_MECHANISM_TYPE type, CK_MECHANISM_INFO* info);
    CK_RV openSession(CK_SLOT_ID slot, CK_FLAGS flags, CK_SESSION_HANDLE* session);
    CK_RV closeSession(CK_SESSION_HANDLE session);
    CK_RV closeAllSessions(CK_SLOT_ID slot);
    CK_RV sessionInfo(CK_SESSION_HANDLE session, CK_SESSION_INFO* info);
    CK_RV login(CK_SESSION_HANDLE session, CK_USER_TYPE user, const CK_UTF8CHAR* pin, CK_ULONG pinLength);
    CK_RV logout(CK_SESSION_HANDLE session);
    CK_RV attributeValue(CK_SESSION_HANDLE session, CK_OBJECT_HANDLE object, CK_ATTRIBUTE* attributes, CK_ULONG count);
    CK_RV findInit(CK_SESSION_HANDLE session, const CK_ATTRIBUTE* attributes, CK_ULONG count);
    CK_RV find(CK_SESSION_HANDLE session, CK_OBJECT_HANDLE* objects, CK_ULONG max, CK_ULONG* found);
    CK_RV findFinal(CK_SESSION_HANDLE session);
    CK_RV signInit(CK_SESSION_HANDLE session, const CK_MECHANISM* mechanism, CK_OBJECT_HANDLE key);
    CK_RV sign(CK_SESSION_HANDLE session, const CK_BYTE* data, CK_ULONG length, CK_BYTE* signature,
               CK_ULONG* signatureLength);

private:
    // A Belgian e-ID in a reader, open for as long as it stays there.
    struct Token {
        std::unique_ptr<eid::CardSession> card;
        CardObjects objects;
        bool loggedIn = false;
        bool pinpad = false;
        int triesLeft = 3; // as the card said when it was opened, or at the last login
        // The PIN the card last refused, as a salted SHA-256 (salt random per token), so that a
        // caller repeating a remembered wrong PIN does not block the card; empty after a right
        // one. Memory only, wiped with the token.
        Bytes refusedPin, salt;
        unsigned insertion = 0;
    };
    struct Slot {
        std::string reader;
        bool readerPresent = false;
        bool cardPresent = false;
        bool notUsable = false; // another card, applet 1.1, or no authentication certificate
        std::unique_ptr<Token> token;
    };
    struct Session {
        std::size_t slot = 0;
        CK_FLAGS flags = 0;
        std::optional<std::vector<CK_OBJECT_HANDLE>> found; // a search under way
        std::size_t foundNext = 0;
        std::optional<CK_MECHANISM_TYPE> signing; // C_SignInit done, C_Sign not yet
    };

    // Readers and cards as they are now; opens the card of a reader that has one, drops the
    // token of a card that left. Readers keep their slot id for the module's lifetime.
    void refresh();
    void refresh(Slot& slot);
    void dropToken(std::size_t slot);
    Slot* slotOf(CK_SLOT_ID id);
    // The session and its token; nullptr with rv set when the handle is unknown or its card left.
    Session* sessionOf(CK_SESSION_HANDLE handle, CK_RV& rv);
    Token& tokenOf(const Session& s) { return *slots_[s.slot].token; }
    // After a logout or a login that ended: a fresh connection (LOG OFF, reset, open again).
    void reopen(std::size_t slot);
    const TokenObject* visible(const Token& token, CK_OBJECT_HANDLE handle) const;

    std::unique_ptr<eid::SmartCardService> service_;
    std::vector<Slot> slots_;
    std::map<CK_SESSION_HANDLE, Session> sessions_;
    CK_SESSION_HANDLE nextSession_ = 1;
    unsigned insertions_ = 0;
};

} // namespace dps::kiosk::pkcs11
