// Reads tutorial.yaml files with yaml-cpp and checks them against docs/authoring-tutorials.md.
// Every problem is collected with its line and column so an author fixes a file in one go.
#include "kiosk/adapters/content/TutorialLoader.h"

#include "dps/core/Suggest.h"
#include "kiosk/adapters/content/PngHeader.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <fmt/core.h>
#include <regex>
#include <set>

namespace dps::kiosk {

std::string ContentProblem::str() const {
    if (line == 0) return fmt::format("{}: {}", file.string(), message);
    return fmt::format("{}:{}:{}: {}", file.string(), line, column, message);
}

namespace {

using Keys = std::vector<std::string>;

const Keys kTutorialKeys{"id",        "version", "level",   "theme",   "minutes", "digcomp",
                         "pictogram", "title",   "summary", "learned", "next",    "steps"};
const Keys kStepKeys{"text", "image", "hint", "exercise"};
const Keys kDigComp{"1.1", "1.2", "1.3", "2.1", "2.2", "2.3", "2.4", "2.5", "2.6", "3.1", "3.2",
                    "3.3", "3.4", "4.1", "4.2", "4.3", "4.4", "5.1", "5.2", "5.3", "5.4"};
const Keys kKeys{"enter", "backspace", "shift", "tab", "space", "left", "right", "up", "down", "escape"};
const Keys kScamKinds{"email", "sms", "web"};
const Keys kFieldKinds{"text", "name", "date", "postcode", "email", "phone", "number"};
const Keys kExerciseTypes{"click-targets", "double-click", "drag-drop", "scroll", "type-text",
                          "special-keys",  "choice",       "spot-scam", "form",   "password"};

Keys fromArray(std::span<const char* const> items) { return {items.begin(), items.end()}; }

std::string list(const Keys& keys) {
    std::string s;
    for (const auto& k : keys)
        s += (s.empty() ? "" : ", ") + k;
    return s;
}

std::size_t utf8Length(const std::string& s) {
    return static_cast<std::size_t>(std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

class Reader {
public:
    Reader(std::filesystem::path file, const std::vector<std::string>& languages)
        : file_(std::move(file)), languages_(languages) {}

    std::vector<ContentProblem> problems;

    void problem(const YAML::Node& at, std::string message, bool blocking = true) {
        const YAML::Mark m = at.Mark();
        problems.push_back({file_, m.line + 1, m.column + 1, std::move(message), blocking});
    }
    void problemAt(const YAML::Mark& m, std::string message) {
        problems.push_back({file_, m.line + 1, m.column + 1, std::move(message), true});
    }
    [[nodiscard]] bool blocked() const {
        return std::any_of(problems.begin(), problems.end(), [](const ContentProblem& p) { return p.blocking; });
    }

    // Reports unknown and repeated keys of a map; false if the node is not a map at all.
    bool checkMap(const YAML::Node& node, const Keys& allowed, const std::string& what) {
        if (!node.IsMap()) {
            problem(node, fmt::format("{} must be a set of 'key: value' lines", what));
            return false;
        }
        std::set<std::string> seen;
        for (const auto& kv : node) {
            const std::string key = kv.first.Scalar();
            if (!seen.insert(key).second) problem(kv.first, fmt::format("'{}' appears twice", key));
            if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
                const auto best = closestMatch(key, allowed);
                problem(kv.first, best ? fmt::format("unknown key '{}' in {} (did you mean '{}'?)", key, what, *best)
                                       : fmt::format("unknown key '{}' in {}", key, what));
            }
        }
        return true;
    }

    // A required key's node; reports it when missing.
    std::optional<YAML::Node> required(const YAML::Node& map, const char* key, const std::string& what) {
        if (!map.IsMap()) return std::nullopt;
        const YAML::Node n = map[key];
        if (!n) {
            problem(map, fmt::format("{} has no '{}'", what, key));
            return std::nullopt;
        }
        return n;
    }

    int integer(const YAML::Node& map, const char* key, int min, int max, std::optional<int> fallback,
                const std::string& what) {
        const YAML::Node n = map.IsMap() ? map[key] : YAML::Node();
        if (!n) {
            if (fallback) return *fallback;
            problem(map, fmt::format("{} has no '{}'", what, key));
            return min;
        }
        int v = 0;
        if (!n.IsScalar() || !YAML::convert<int>::decode(n, v)) {
            problem(n, fmt::format("'{}' must be a whole number", key));
            return fallback.value_or(min);
        }
        if (v < min || v > max) {
            problem(n, fmt::format("'{}' = {} is out of range: it must be between {} and {}", key, v, min, max));
            return fallback.value_or(min);
        }
        return v;
    }

    bool boolean(const YAML::Node& map, const char* key, bool fallback) {
        const YAML::Node n = map[key];
        if (!n) return fallback;
        bool v = false;
        if (!n.IsScalar() || !YAML::convert<bool>::decode(n, v)) {
            problem(n, fmt::format("'{}' must be true or false", key));
            return fallback;
        }
        return v;
    }

    std::string word(const YAML::Node& n, const char* key, const Keys& allowed) {
        if (!n.IsScalar()) {
            problem(n, fmt::format("'{}' must be one of: {}", key, list(allowed)));
            return {};
        }
        const std::string v = n.Scalar();
        if (std::find(allowed.begin(), allowed.end(), v) == allowed.end()) {
            const auto best = closestMatch(v, allowed);
            problem(n, best ? fmt::format("'{}' is not a known {} (did you mean '{}'?)", v, key, *best)
                            : fmt::format("'{}' is not a known {}; use one of: {}", v, key, list(allowed)));
            return {};
        }
        return v;
    }

    LocalText text(const YAML::Node& map, const char* key, bool isRequired, const std::string& what,
                   std::size_t maxLength = 0) {
        const YAML::Node n = map.IsMap() ? map[key] : YAML::Node();
        if (!n) {
            if (isRequired) problem(map, fmt::format("{} has no '{}'", what, key));
            return {};
        }
        if (!n.IsMap()) {
            problem(n, fmt::format("'{}' must give one text per language, like 'fr: …' 'nl: …' 'en: …'", key));
            return {};
        }
        std::map<std::string, std::string, std::less<>> byLanguage;
        static const std::regex code("[a-z]{2,3}");
        for (const auto& kv : n) {
            const std::string lang = kv.first.Scalar();
            if (!std::regex_match(lang, code)) {
                problem(kv.first,
                        fmt::format("'{}' is not a language code (two or three small letters, like fr)", lang));
            } else if (!kv.second.IsScalar() || kv.second.Scalar().empty()) {
                problem(kv.second, fmt::format("the {} text of '{}' is empty", lang, key));
            } else {
                if (maxLength && utf8Length(kv.second.Scalar()) > maxLength) {
                    problem(kv.second,
                            fmt::format("the {} text of '{}' is longer than {} characters", lang, key, maxLength));
                }
                byLanguage[lang] = kv.second.Scalar();
            }
        }
        for (const auto& lang : languages_) {
            if (!byLanguage.count(lang)) problem(n, fmt::format("'{}' has no {} text", key, lang), false);
        }
        return LocalText(std::move(byLanguage));
    }

    template <class T, class F>
    std::vector<T> sequence(const YAML::Node& map, const char* key, std::size_t min, std::size_t max, F item) {
        const YAML::Node n = map[key];
        if (!n) {
            problem(map, fmt::format("'{}' is missing", key));
            return {};
        }
        if (!n.IsSequence()) {
            problem(n, fmt::format("'{}' must be a list (each item on a line starting with '- ')", key));
            return {};
        }
        if (n.size() < min || n.size() > max) {
            problem(n, fmt::format("'{}' must have between {} and {} items, not {}", key, min, max, n.size()));
        }
        std::vector<T> out;
        for (const auto& element : n)
            out.push_back(item(element));
        return out;
    }

private:
    std::filesystem::path file_;
    const std::vector<std::string>& languages_;
};

Exercise readExercise(Reader& r, const YAML::Node& n) {
    const std::string what = "the exercise";
    if (!n.IsMap()) {
        r.problem(n, "'exercise' must be a set of 'key: value' lines, starting with 'type'");
        return ClickTargetsExercise{};
    }
    const YAML::Node typeNode = n["type"];
    if (!typeNode) {
        r.problem(n, fmt::format("the exercise has no 'type' (one of: {})", list(kExerciseTypes)));
        return ClickTargetsExercise{};
    }
    const std::string type = r.word(typeNode, "exercise type", kExerciseTypes);
    auto keys = [&](Keys k) {
        k.insert(k.begin(), "type");
        r.checkMap(n, k, "a " + type + " exercise");
    };
    if (type == "click-targets") {
        keys({"count", "shrink"});
        return ClickTargetsExercise{r.integer(n, "count", 1, 20, 5, what), r.boolean(n, "shrink", true)};
    }
    if (type == "double-click") {
        keys({"count"});
        return DoubleClickExercise{r.integer(n, "count", 1, 10, 3, what)};
    }
    if (type == "drag-drop") {
        keys({"count", "item", "target", "target_pictogram"});
        DragDropExercise e{r.integer(n, "count", 1, 6, 3, what), r.text(n, "item", true, what),
                           r.text(n, "target", true, what)};
        if (const YAML::Node p = n["target_pictogram"])
            e.targetPictogram = r.word(p, "target_pictogram", fromArray(kDropTargets));
        return e;
    }
    if (type == "scroll") {
        keys({"find", "lines"});
        return ScrollExercise{r.text(n, "find", true, what), r.integer(n, "lines", 10, 200, 40, what)};
    }
    if (type == "type-text") {
        keys({"expected", "ignore_case"});
        return TypeTextExercise{r.text(n, "expected", true, what), r.boolean(n, "ignore_case", true)};
    }
    if (type == "special-keys") {
        keys({"keys"});
        SpecialKeysExercise e;
        e.keys = r.sequence<Key>(n, "keys", 1, 20, [&](const YAML::Node& k) {
            const std::string name = r.word(k, "key", kKeys);
            const auto it = std::find(kKeys.begin(), kKeys.end(), name);
            return it == kKeys.end() ? Key::Enter : static_cast<Key>(it - kKeys.begin());
        });
        return e;
    }
    if (type == "choice") {
        keys({"question", "multiple", "answers"});
        ChoiceExercise e;
        e.question = r.text(n, "question", true, what);
        e.multiple = r.boolean(n, "multiple", false);
        e.answers = r.sequence<ChoiceAnswer>(n, "answers", 2, 8, [&](const YAML::Node& a) {
            if (!r.checkMap(a, {"text", "correct", "feedback"}, "an answer")) return ChoiceAnswer{};
            return ChoiceAnswer{r.text(a, "text", true, "an answer"), r.boolean(a, "correct", false),
                                r.text(a, "feedback", false, "an answer")};
        });
        const auto right = std::count_if(e.answers.begin(), e.answers.end(), [](const auto& a) { return a.correct; });
        if (!e.answers.empty() && right == 0) r.problem(n["answers"], "no answer is marked 'correct: true'");
        if (!e.multiple && right > 1) {
            r.problem(n["answers"], "several answers are correct: add 'multiple: true' or keep one");
        }
        return e;
    }
    if (type == "spot-scam") {
        keys({"kind", "from", "subject", "parts"});
        SpotScamExercise e;
        if (const auto k = r.required(n, "kind", what)) {
            const std::string kind = r.word(*k, "kind", kScamKinds);
            e.kind = kind == "sms" ? ScamKind::Sms : kind == "web" ? ScamKind::Web : ScamKind::Email;
        }
        e.from = r.text(n, "from", true, what);
        e.subject = r.text(n, "subject", false, what);
        e.parts = r.sequence<ScamPart>(n, "parts", 2, 12, [&](const YAML::Node& p) {
            if (!r.checkMap(p, {"text", "suspicious", "why"}, "a part")) return ScamPart{};
            return ScamPart{r.text(p, "text", true, "a part"), r.boolean(p, "suspicious", false),
                            r.text(p, "why", false, "a part")};
        });
        if (!e.parts.empty() &&
            std::none_of(e.parts.begin(), e.parts.end(), [](const auto& p) { return p.suspicious; })) {
            r.problem(n["parts"], "no part is marked 'suspicious: true'");
        }
        return e;
    }
    if (type == "form") {
        keys({"title", "fields", "submit"});
        FormExercise e;
        e.title = r.text(n, "title", true, what);
        e.fields = r.sequence<FormField>(n, "fields", 1, 12, [&](const YAML::Node& f) {
            if (!r.checkMap(f, {"label", "kind", "required", "help"}, "a field")) return FormField{};
            FormField field;
            field.label = r.text(f, "label", true, "a field");
            if (const auto k = r.required(f, "kind", "a field")) {
                const std::string kind = r.word(*k, "field kind", kFieldKinds);
                const auto it = std::find(kFieldKinds.begin(), kFieldKinds.end(), kind);
                if (it != kFieldKinds.end()) field.kind = static_cast<FieldKind>(it - kFieldKinds.begin());
            }
            field.required = r.boolean(f, "required", true);
            field.help = r.text(f, "help", false, "a field");
            return field;
        });
        e.submit = r.text(n, "submit", true, what);
        return e;
    }
    if (type == "password") {
        keys({"min_length"});
        return PasswordExercise{r.integer(n, "min_length", 8, 64, 12, what)};
    }
    return ClickTargetsExercise{}; // unknown type, already reported
}

} // namespace

LoadedTutorial loadTutorial(const std::filesystem::path& folder, const std::vector<std::string>& requiredLanguages) {
    LoadedTutorial out;
    const auto file = folder / "tutorial.yaml";
    YAML::Node root;
    try {
        root = YAML::LoadFile(file.string());
    } catch (const YAML::BadFile&) {
        out.problems.push_back({file, 0, 0, "cannot read this file", true});
        return out;
    } catch (const YAML::ParserException& e) {
        out.problems.push_back({file, e.mark.line + 1, e.mark.column + 1, "YAML syntax: " + e.msg, true});
        return out;
    }
    Reader r(file, requiredLanguages);
    if (!root || !r.checkMap(root, kTutorialKeys, "a tutorial")) {
        out.problems = std::move(r.problems);
        if (out.problems.empty()) out.problems.push_back({file, 0, 0, "the file is empty", true});
        return out;
    }

    Tutorial t;
    t.folder = folder;
    const std::string what = "the tutorial";
    if (const auto id = r.required(root, "id", what)) {
        t.id = id->IsScalar() ? id->Scalar() : "";
        static const std::regex pattern("[a-z0-9]+(-[a-z0-9]+)*");
        if (!std::regex_match(t.id, pattern)) {
            r.problem(*id, "'id' must be small letters, digits and '-', like mouse-basics");
        } else if (t.id != folder.filename().string()) {
            r.problem(*id, fmt::format("'id' is '{}' but the folder is '{}': they must be the same", t.id,
                                       folder.filename().string()));
        }
    }
    t.version = r.integer(root, "version", 1, 1000, std::nullopt, what);
    t.level = r.integer(root, "level", 1, 4, std::nullopt, what);
    if (const auto n = r.required(root, "theme", what)) t.theme = r.word(*n, "theme", fromArray(kThemes));
    t.minutes = r.integer(root, "minutes", 1, 120, std::nullopt, what);
    if (root["digcomp"]) {
        t.digcomp = r.sequence<std::string>(
            root, "digcomp", 1, 10, [&](const YAML::Node& c) { return r.word(c, "DigComp 2.2 competence", kDigComp); });
    } else {
        r.problem(root, "the tutorial has no 'digcomp'");
    }
    if (const auto n = r.required(root, "pictogram", what))
        t.pictogram = r.word(*n, "pictogram", fromArray(kPictograms));
    t.title = r.text(root, "title", true, what, 60);
    t.summary = r.text(root, "summary", true, what);
    t.learned = r.text(root, "learned", true, what);
    if (const YAML::Node n = root["next"]) {
        t.next = n.IsScalar() ? n.Scalar() : "";
        out.nextLine = n.Mark().line + 1;
        out.nextColumn = n.Mark().column + 1;
    }
    t.steps = r.sequence<TutorialStep>(root, "steps", 1, 20, [&](const YAML::Node& s) {
        TutorialStep step;
        if (!r.checkMap(s, kStepKeys, "a step")) return step;
        step.text = r.text(s, "text", true, "a step");
        step.hint = r.text(s, "hint", false, "a step");
        if (const YAML::Node img = s["image"]) {
            step.image = img.IsScalar() ? img.Scalar() : "";
            if (step.image.empty() || step.image.find('/') != std::string::npos || step.image[0] == '.') {
                r.problem(img, "'image' must be the name of a PNG file in the tutorial's folder");
            } else if (const std::string why = checkPngFile(folder / step.image); !why.empty()) {
                r.problem(img, fmt::format("image '{}' {}", step.image, why));
            }
        }
        if (const YAML::Node ex = s["exercise"]) step.exercise = readExercise(r, ex);
        return step;
    });

    out.problems = std::move(r.problems);
    std::stable_sort(out.problems.begin(), out.problems.end(), [](const auto& a, const auto& b) {
        return std::tie(a.line, a.column) < std::tie(b.line, b.column);
    });
    const bool blocked =
        std::any_of(out.problems.begin(), out.problems.end(), [](const auto& p) { return p.blocking; });
    if (!blocked) out.tutorial = std::move(t);
    return out;
}

TutorialLibrary loadLibrary(const std::filesystem::path& dir, const std::vector<std::string>& requiredLanguages) {
    TutorialLibrary lib;
    std::error_code ec;
    std::vector<std::filesystem::path> folders;
    for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
        if (entry.is_directory() && entry.path().filename().string()[0] != '.') folders.push_back(entry.path());
    }
    if (ec) {
        lib.problems.push_back({dir, 0, 0, "cannot read the tutorials folder: " + ec.message(), true});
        return lib;
    }
    std::sort(folders.begin(), folders.end());
    std::vector<LoadedTutorial> loaded;
    for (const auto& folder : folders) {
        LoadedTutorial t = loadTutorial(folder, requiredLanguages);
        for (const auto& p : t.problems) {
            if (p.blocking) {
                lib.skipped.push_back(folder.filename().string() + ": " + p.str());
                break;
            }
        }
        lib.problems.insert(lib.problems.end(), t.problems.begin(), t.problems.end());
        loaded.push_back(std::move(t));
    }
    std::set<std::string> ids;
    for (const auto& t : loaded) {
        if (t.tutorial) ids.insert(t.tutorial->id);
    }
    for (auto& t : loaded) {
        if (!t.tutorial) continue;
        if (!t.tutorial->next.empty() && !ids.count(t.tutorial->next)) {
            lib.problems.push_back({t.tutorial->folder / "tutorial.yaml", t.nextLine, t.nextColumn,
                                    fmt::format("'next' names '{}', which is not a tutorial here", t.tutorial->next),
                                    false});
            t.tutorial->next.clear();
        }
        lib.tutorials.push_back(std::move(*t.tutorial));
    }
    return lib;
}

} // namespace dps::kiosk
