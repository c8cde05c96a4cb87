// Read-aloud really produces speech in each required language (espeak-ng, synthesised into
// memory: test machines have no speakers).
#include "kiosk/adapters/speech/EspeakSpeech.h"

#include <gtest/gtest.h>

using dps::kiosk::EspeakSpeech;

TEST(Speech, EachRequiredLanguageHasAVoiceThatSpeaks) {
    const std::pair<const char*, const char*> texts[] = {
        {"fr", "Mettez la flèche sur le cercle. Appuyez une fois sur le bouton de gauche."},
        {"nl", "Zet de pijl op de cirkel. Druk één keer op de linkerknop."},
        {"en", "Put the arrow on the circle. Press the left button once."},
    };
    for (const auto& [language, text] : texts) {
        const auto seconds = EspeakSpeech::secondsOfSpeech(text, language);
        ASSERT_TRUE(seconds) << language << " has no voice";
        // About a dozen words: between two and fifteen seconds of speech.
        EXPECT_GT(*seconds, 2.0) << language;
        EXPECT_LT(*seconds, 15.0) << language;
    }
}

TEST(Speech, LongerTextTakesLonger) {
    const auto one = EspeakSpeech::secondsOfSpeech("Bonjour.", "fr");
    const auto three =
        EspeakSpeech::secondsOfSpeech("Bonjour. Bienvenue à l’espace public numérique. À bientôt.", "fr");
    ASSERT_TRUE(one && three);
    EXPECT_GT(*three, *one * 2);
}

TEST(Speech, UnknownVoiceIsReportedNotGuessed) { EXPECT_FALSE(EspeakSpeech::secondsOfSpeech("Hello", "xx-none")); }
