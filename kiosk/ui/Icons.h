#pragma once
#include <string>

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
inline constexpr const char* Back = "\uf053";      // chevron-left
inline constexpr const char* Next = "\uf054";      // chevron-right
inline constexpr const char* Close = "\uf00d";     // times
inline constexpr const char* Bulb = "\uf0eb";      // lightbulb-o
inline constexpr const char* Speaker = "\uf028";   // volume-up
inline constexpr const char* Star = "\uf005";
inline constexpr const char* Folder = "\uf07b";
inline constexpr const char* FolderOpen = "\uf07c";
inline constexpr const char* Circle = "\uf111";
inline constexpr const char* Warning = "\uf071";
inline constexpr const char* Flag = "\uf024";
inline constexpr const char* Box = "\uf187"; // archive
inline constexpr const char* File = "\uf15b";
// Catalogue pictograms (docs/authoring-tutorials.md), by name.
inline constexpr const char* Mouse = "\uf245"; // mouse-pointer
inline constexpr const char* Keyboard = "\uf11c";
inline constexpr const char* Key = "\uf084";
inline constexpr const char* Shield = "\uf132";
inline constexpr const char* Bank = "\uf19c"; // university
inline constexpr const char* Envelope = "\uf0e0";
inline constexpr const char* Search = "\uf002";
inline constexpr const char* Form = "\uf15c";  // file-text
inline constexpr const char* Video = "\uf03d"; // video-camera
inline constexpr const char* Briefcase = "\uf0b1";
inline constexpr const char* Mobile = "\uf10b";
inline constexpr const char* Lock = "\uf023";
inline constexpr const char* Users = "\uf0c0";
inline constexpr const char* Contrast = "\uf042"; // adjust
inline constexpr const char* Refresh = "\uf021";
inline constexpr const char* Erase = "\uf060";     // arrow-left: the keypad's "erase the last digit"
inline constexpr const char* HandPaper = "\uf256"; // hand-paper-o: ask a facilitator
inline constexpr const char* Smile = "\uf118";     // smile-o
inline constexpr const char* Meh = "\uf11a";       // meh-o
inline constexpr const char* Frown = "\uf119";     // frown-o
inline constexpr const char* Clock = "\uf017";     // clock-o
inline constexpr const char* Cog = "\uf013";
inline constexpr const char* Wrench = "\uf0ad";
inline constexpr const char* Plus = "\uf067";
inline constexpr const char* Minus = "\uf068";
inline constexpr const char* Unlock = "\uf09c";
inline constexpr const char* CircleOpen = "\uf10c";  // circle-o: a choice not taken
inline constexpr const char* ChevronDown = "\uf078"; // more of the page below
inline constexpr const char* Info = "\uf05a";        // info-circle: a note that is neither right nor wrong
inline constexpr const char* PowerOff = "\uf011";    // power-off: the maintenance exit, not a visitor's way out
inline constexpr const char* Basket = "\uf291";      // shopping-basket: a drag-drop target
inline constexpr const char* Trash = "\uf1f8";       // trash: free use's "everything is erased"
inline constexpr const char* Print = "\uf02f";

// Every icon above, so the font atlas holds only these glyphs. Not reflowed by clang-format, so
// an icon added is one line added.
// clang-format off
inline constexpr const char* All[] = {
    Play,  Check, Learn,     IdCard, SignOut,  Heart,  Hand,     Globe,      Home,     Hourglass,
    Back,  Next,  Close,     Bulb,   Speaker,  Star,   Folder,   FolderOpen, Circle,   Warning,
    Flag,  Box,   File,      Mouse,  Keyboard, Key,    Shield,   Bank,       Envelope, Search,
    Form,  Video, Briefcase, Mobile, Lock,     Users,  Contrast, Refresh,    Erase,    HandPaper,
    Smile, Meh,   Frown,     Clock,  Cog,      Wrench, Plus,     Minus,      Unlock,   CircleOpen,
    PowerOff,
    Basket,
    ChevronDown,
    Info,
    Trash,
    Print,
};
// clang-format on

const char* pictogram(const std::string& name);

} // namespace dps::kiosk::icon
