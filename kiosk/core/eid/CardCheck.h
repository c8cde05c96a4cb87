#pragma once
#include "kiosk/core/eid/CardData.h"
#include "kiosk/core/eid/Certificates.h"
#include "kiosk/core/eid/IdentityFacts.h"
#include "kiosk/core/eid/Outcome.h"
#include "kiosk/core/eid/SmartCard.h"

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace dps::kiosk::eid {

// The steps a visitor sees, in order; each becomes a check mark or a problem.
enum class CheckStep { Service, Reader, Card, BelgianEid, Applet, Validity, Certificates, PinTries };

struct StepResult {
    CheckStep step;
    Outcome outcome;
    bool ok;
};

// What the check found. Dates, document type, applet and tries only: nothing that names anyone.
struct CheckReport {
    std::vector<StepResult> steps;
    Outcome verdict = Outcome::CardValid; // the first problem, or the last good news
    std::string readerName;               // for facilitators
    bool pinpad = false;
    CardData::Applet applet = CardData::Applet::Unknown;
    std::optional<std::chrono::year_month_day> validUntil;
    std::optional<int> documentType;
    std::optional<int> pinTriesLeft;
    bool signingCertificate = false;
    // The first of the card's certificates to expire (authentication, signing).
    std::optional<std::chrono::year_month_day> certificatesValidUntil;
    [[nodiscard]] bool cardWorks() const;
    // Whether a PIN test may be offered: the card works and its PIN is not known to be blocked.
    [[nodiscard]] bool pinTestPossible() const;
};

struct CheckContext {
    std::chrono::sys_seconds now; // the system clock: validity, certificates, clock sanity
    const CertificateVerifier& certificates;
    std::string reader; // empty: the reader with a card in it, else the first one
};

// Runs the e-ID self-check against a smart-card service. Synchronous: the kiosk runs it on a
// worker thread. A communication glitch mid-way is retried once from the start.
CheckReport runCardCheck(SmartCardService& service, const CheckContext& context);

// Reads a whole transparent file of the selected EF, up to maxSize bytes: READ BINARY in 252-byte
// chunks (applet 1.7 manual 6.4, 1.8 manual 6.7); near the end the card answers 6C XX ("Le
// incorrect", XX bytes left) and the chunk is asked again with Le = XX; 6B 00 (offset past the
// end) or a short chunk ends the file. nullopt on a card error.
std::optional<Bytes> readFile(SmartCard& card, std::size_t maxSize = 8192);
// The same from offset out.size() on, appending to out, until out holds upTo bytes or the file
// ends. false on a card error.
bool readFileInto(SmartCard& card, Bytes& out, std::size_t upTo);

} // namespace dps::kiosk::eid
