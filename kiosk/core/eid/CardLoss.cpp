#include "kiosk/core/eid/CardLoss.h"

#include <algorithm>
#include <chrono>

namespace dps::kiosk::eid {
namespace {

// Longer than a reader driver's presence poll (pcscd asks vpcd and most CCID readers every 400 ms).
constexpr std::chrono::milliseconds kPresencePoll{500};

} // namespace

Outcome outcomeOf(CardError e, Outcome otherwise) {
    switch (e) {
    case CardError::NoService: return Outcome::ServiceUnavailable;
    case CardError::NoReaders: return Outcome::ReaderMissing;
    case CardError::NoCard:
    case CardError::Removed: return Outcome::CardRemoved;
    case CardError::Unpowered: return Outcome::CardMute;
    case CardError::None:
    case CardError::CommError:
    case CardError::Other: break;
    }
    return otherwise;
}

Outcome explainLoss(SmartCardService& service, const std::string& reader, CardError error) {
    const Outcome o = outcomeOf(error, Outcome::CardReadError);
    if (o != Outcome::CardReadError) return o;
    for (int look = 0; look < 2; ++look) {
        CardError e = CardError::None;
        const auto readers = service.readers(e);
        if (e == CardError::NoService) return Outcome::ServiceUnavailable;
        const auto it =
            std::find_if(readers.begin(), readers.end(), [&](const ReaderInfo& r) { return r.name == reader; });
        if (it == readers.end()) return Outcome::ReaderMissing;
        if (!it->cardPresent) return Outcome::CardRemoved;
        if (look == 0) (void)service.waitForChange(kPresencePoll);
    }
    return Outcome::CardReadError;
}

} // namespace dps::kiosk::eid
