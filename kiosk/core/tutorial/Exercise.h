#pragma once
#include "kiosk/core/tutorial/LocalText.h"

#include <string_view>
#include <variant>
#include <vector>

namespace dps::kiosk {

// The practice exercises a step can hold, with their authored parameters
// (docs/authoring-tutorials.md). Their rules live in exercise/*.h.
struct ClickTargetsExercise {
    int count = 5;
    bool shrink = true;
};
struct DoubleClickExercise {
    int count = 3;
};
struct DragDropExercise {
    int count = 3;
    LocalText item, target;
    // What the target is drawn as: folder, envelope or basket (kDropTargets).
    std::string targetPictogram = "folder";
};
struct ScrollExercise {
    LocalText find;
    int lines = 40;
};
struct TypeTextExercise {
    LocalText expected;
    bool ignoreCase = true;
};
enum class Key { Enter, Backspace, Shift, Tab, Space, Left, Right, Up, Down, Escape };
struct SpecialKeysExercise {
    std::vector<Key> keys;
};
struct ChoiceAnswer {
    LocalText text;
    bool correct = false;
    LocalText feedback;
};
struct ChoiceExercise {
    LocalText question;
    bool multiple = false;
    std::vector<ChoiceAnswer> answers;
};
enum class ScamKind { Email, Sms, Web };
struct ScamPart {
    LocalText text;
    bool suspicious = false;
    LocalText why;
};
struct SpotScamExercise {
    ScamKind kind = ScamKind::Email;
    LocalText from, subject;
    std::vector<ScamPart> parts;
};
enum class FieldKind { Text, Name, Date, Postcode, Email, Phone, Number };
struct FormField {
    LocalText label;
    FieldKind kind = FieldKind::Text;
    bool required = true;
    LocalText help;
};
struct FormExercise {
    LocalText title;
    std::vector<FormField> fields;
    LocalText submit;
};
struct PasswordExercise {
    int minLength = 12;
};

using Exercise =
    std::variant<ClickTargetsExercise, DoubleClickExercise, DragDropExercise, ScrollExercise, TypeTextExercise,
                 SpecialKeysExercise, ChoiceExercise, SpotScamExercise, FormExercise, PasswordExercise>;

// The names used in tutorial files, in the variant's order.
std::string_view exerciseTypeName(const Exercise& e);

} // namespace dps::kiosk
