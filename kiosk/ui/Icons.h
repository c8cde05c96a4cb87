#pragma once

// Font Awesome 4.7 code points (Debian's fonts-font-awesome), as UTF-8.
namespace dps::kiosk::icon {

inline constexpr const char* Play = "\uf04b";
inline constexpr const char* Check = "\uf00c";
inline constexpr const char* Learn = "\uf19d";   // graduation-cap
inline constexpr const char* IdCard = "\uf2c2";  // id-card
inline constexpr const char* SignOut = "\uf08b"; // sign-out
inline constexpr const char* Heart = "\uf004";
inline constexpr const char* Hand = "\uf25a"; // hand-pointer-o
inline constexpr const char* Globe = "\uf0ac";
inline constexpr const char* Home = "\uf015";
inline constexpr const char* Hourglass = "\uf252"; // hourglass-half

// Every icon above, so the font atlas holds only these glyphs.
inline constexpr const char* All[] = {Play, Check, Learn, IdCard, SignOut, Heart, Hand, Globe, Home, Hourglass};

} // namespace dps::kiosk::icon
