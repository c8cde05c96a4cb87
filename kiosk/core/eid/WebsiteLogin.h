#pragma once
#include "kiosk/core/eid/CardCheck.h"

namespace dps::kiosk::eid {

// Whether a checked card can log in to a website in this terminal's browser, through the e-ID
// module of the free-use session (docs/eid-pkcs11.md "Which cards the terminal cannot use"), and
// if not, why, so that the e-ID screen can say it plainly.
enum class WebsiteLogin {
    Possible,
    OnTls12Only,    // applet 1.7 (RSA, PKCS#1 v1.5 only): a site that demands TLS 1.3 refuses it
    NoCertificate,  // a young child's Kids-ID: no authentication certificate
    AppletTooOld,   // applet 1.1: the module does not use it (no published manual; all expired)
    PinBlocked,     // until the municipality unblocks it with the PUK
    CardDoesNotWork // the check's verdict says why already
};

WebsiteLogin websiteLogin(const CheckReport& report);

// The card can be offered for a website login (with or without a word about TLS 1.3).
inline bool canLogIn(WebsiteLogin w) { return w == WebsiteLogin::Possible || w == WebsiteLogin::OnTls12Only; }

} // namespace dps::kiosk::eid
