#include "kiosk/core/eid/WebsiteLogin.h"

namespace dps::kiosk::eid {

WebsiteLogin websiteLogin(const CheckReport& report) {
    // A Kids-ID without the certificate is a card that works (it is not an error of the card).
    if (report.verdict == Outcome::AuthCertificateAbsentChild) return WebsiteLogin::NoCertificate;
    // A blocked PIN is the check's verdict (its last step fails), not a card that does not work.
    if (report.verdict == Outcome::PinBlocked) return WebsiteLogin::PinBlocked;
    if (!report.cardWorks()) return WebsiteLogin::CardDoesNotWork;
    // The module shows no token for an applet 1.1 card (docs/eid-pkcs11.md "Slots").
    if (report.applet == CardData::Applet::V11) return WebsiteLogin::AppletTooOld;
    if (!report.pinTestPossible()) return WebsiteLogin::PinBlocked;
    if (report.applet == CardData::Applet::V17) return WebsiteLogin::OnTls12Only;
    return WebsiteLogin::Possible;
}

} // namespace dps::kiosk::eid
