// The rules of each practice exercise, without any UI.
#include "core/tutorial/exercise/ExerciseRun.h"

#include <cstring>
#include <gtest/gtest.h>

using namespace dps::kiosk;

namespace {
LocalText text(const char* en) { return LocalText(LocalText::Map{{"en", en}}); }
} // namespace

TEST(TypedText, ToleratesSpacesAndCaseButShowsTheFirstWrongLetter) {
    EXPECT_TRUE(compareTyped("  Hello   world ", "hello world", true).matches);
    EXPECT_FALSE(compareTyped("Hello world", "hello world", false).matches);
    const auto c = compareTyped("helko world", "hello world", true);
    EXPECT_FALSE(c.matches);
    EXPECT_EQ(c.firstDifference, 3U);
    EXPECT_EQ(compareTyped("hell", "hello", true).firstDifference, 4U);
    EXPECT_TRUE(compareTyped("hello!", "hello", true).tooLong);
}

TEST(TypedText, CountsLettersNotBytesAndFoldsAccentedCapitals) {
    EXPECT_TRUE(compareTyped("ÉTÉ", "été", true).matches);
    EXPECT_EQ(compareTyped("éta", "été", true).firstDifference, 2U);
    EXPECT_EQ(utf8Letters("Ça va"), 5U);
}

TEST(TypeTextRun, CountsFailuresUntilRight) {
    TypeTextRun run(TypeTextExercise{text("Good morning"), true}, "Good morning");
    run.typed() = "Good mornin";
    EXPECT_FALSE(run.check().matches);
    run.typed() = "good morning";
    EXPECT_TRUE(run.check().matches);
    EXPECT_TRUE(run.done());
    EXPECT_EQ(run.failures(), 1);
}

TEST(FormFields, CheckAsRealSitesDo) {
    EXPECT_EQ(checkDate("29/02/2024"), FieldError::None);
    EXPECT_EQ(checkDate("29/02/2023"), FieldError::Date);
    EXPECT_EQ(checkDate("2024-02-01"), FieldError::Date);
    EXPECT_EQ(checkDate("1/2/2024"), FieldError::Date);
    EXPECT_EQ(checkPostcode("1000"), FieldError::None);
    EXPECT_EQ(checkPostcode("0999"), FieldError::Postcode);
    EXPECT_EQ(checkPostcode("10000"), FieldError::Postcode);
    EXPECT_EQ(checkEmail("name@example.be"), FieldError::None);
    EXPECT_EQ(checkEmail("name@example"), FieldError::Email);
    EXPECT_EQ(checkEmail("na me@example.be"), FieldError::Email);
    EXPECT_EQ(checkEmail("@example.be"), FieldError::Email);
    EXPECT_EQ(checkPhone("+32 2 123 45 67"), FieldError::None);
    EXPECT_EQ(checkPhone("0470/12.34.56"), FieldError::None);
    EXPECT_EQ(checkPhone("12345"), FieldError::Phone);
    EXPECT_EQ(checkPhone("02 12a 45 67"), FieldError::Phone);
}

TEST(FormRun, ReportsEachFieldAndSucceedsWhenAllAreRight) {
    FormExercise form;
    form.fields = {FormField{text("Name"), FieldKind::Name, true, {}},
                   FormField{text("Born"), FieldKind::Date, true, {}},
                   FormField{text("Phone"), FieldKind::Phone, false, {}}};
    FormRun run(form);
    EXPECT_FALSE(run.submit());
    EXPECT_EQ(run.error(0), FieldError::Required);
    EXPECT_EQ(run.error(1), FieldError::Required);
    EXPECT_EQ(run.error(2), FieldError::None) << "an optional field may stay empty";
    run.value(0) = "Sam Peeters";
    run.value(1) = "31/04/1990";
    EXPECT_FALSE(run.submit());
    EXPECT_EQ(run.error(1), FieldError::Date);
    run.value(1) = "30/04/1990";
    EXPECT_TRUE(run.submit());
    EXPECT_EQ(run.failures(), 2);
}

TEST(PasswordAdvice, StrongMeansLongAndVariedOrAPassphrase) {
    EXPECT_FALSE(advisePassword("Short1!", 12).strong());
    EXPECT_FALSE(advisePassword("alllowercaseletters", 12).strong());
    EXPECT_TRUE(advisePassword("Tulip-Rain-42x", 12).strong());
    EXPECT_TRUE(advisePassword("blue horse eats green apples", 12).strong()) << "four words are strong too";
    EXPECT_FALSE(advisePassword("Password1234!", 12).strong()) << "a well-known password is never strong";
}

TEST(PasswordRun, WipeZeroesTheWholeBuffer) {
    PasswordRun run(PasswordExercise{12});
    std::strcpy(run.buffer(), "Secret-Tulip-99");
    EXPECT_TRUE(run.advice().strong());
    run.wipe();
    for (std::size_t i = 0; i < run.capacity(); ++i)
        ASSERT_EQ(run.buffer()[i], '\0') << "byte " << i;
    EXPECT_FALSE(run.advice().longEnough);
}

TEST(ChoiceRun, SingleChoiceIsDoneOnTheRightAnswerAndCountsWrongOnes) {
    ChoiceExercise e;
    e.answers = {ChoiceAnswer{text("a"), false, {}}, ChoiceAnswer{text("b"), true, {}}};
    ChoiceRun run(e);
    run.choose(0);
    EXPECT_FALSE(run.done());
    EXPECT_EQ(run.lastChosen(), 0U);
    run.choose(1);
    EXPECT_TRUE(run.done());
    EXPECT_EQ(run.failures(), 1);
}

TEST(ChoiceRun, SeveralRightAnswersAreFoundTapByTap) {
    ChoiceExercise e;
    e.multiple = true;
    e.answers = {ChoiceAnswer{text("a"), true, {}}, ChoiceAnswer{text("b"), false, {}},
                 ChoiceAnswer{text("c"), true, {}}};
    ChoiceRun run(e);
    EXPECT_EQ(run.toFind(), 2);
    run.choose(0);
    EXPECT_TRUE(run.selected(0));
    EXPECT_EQ(run.found(), 1);
    run.choose(1); // wrong: explained, counted, not marked
    EXPECT_FALSE(run.selected(1));
    EXPECT_TRUE(run.tried(1));
    EXPECT_EQ(run.lastChosen(), 1U);
    EXPECT_EQ(run.failures(), 1);
    EXPECT_FALSE(run.done());
    run.choose(0); // a right answer tapped again stays found
    EXPECT_EQ(run.found(), 1);
    run.choose(2);
    EXPECT_TRUE(run.done()) << "every right answer found: nothing else to press";
}

TEST(SpotScamRun, FindsEverySuspiciousPart) {
    SpotScamExercise e;
    e.parts = {ScamPart{text("Hello"), false, {}}, ScamPart{text("Pay now!"), true, {}},
               ScamPart{text("bpost-parcel.info"), true, {}}};
    SpotScamRun run(e);
    run.tap(0);
    EXPECT_EQ(run.failures(), 1);
    run.tap(1);
    EXPECT_EQ(run.found(), 1);
    run.tap(1);
    EXPECT_EQ(run.found(), 1) << "tapping twice counts once";
    run.tap(2);
    EXPECT_TRUE(run.done());
}

TEST(SpecialKeysRun, ExpectsTheKeysInOrder) {
    SpecialKeysRun run(SpecialKeysExercise{{Key::Enter, Key::Left}});
    EXPECT_FALSE(run.pressed(Key::Left));
    EXPECT_TRUE(run.pressed(Key::Enter));
    EXPECT_TRUE(run.pressed(Key::Left));
    EXPECT_TRUE(run.done());
    EXPECT_EQ(run.failures(), 1);
}

TEST(ClickTargetsRun, TargetsShrinkAndMove) {
    ClickTargetsRun run(ClickTargetsExercise{4, true});
    const float first = run.size(), x0 = run.x();
    run.hit();
    EXPECT_LT(run.size(), first);
    EXPECT_NE(run.x(), x0);
    run.hit();
    run.hit();
    EXPECT_FLOAT_EQ(run.size(), 0.75F);
    run.hit();
    EXPECT_TRUE(run.done());
}

TEST(DragDropRun, CanBeDoneWithoutAMouse) {
    DragDropRun drag(DragDropExercise{2, text("photo"), text("bin")});
    drag.putPicked(); // nothing picked yet: nothing moves
    EXPECT_FALSE(drag.placed(0));
    drag.pick(1);
    EXPECT_EQ(drag.picked(), 1);
    drag.putPicked();
    EXPECT_TRUE(drag.placed(1));
    EXPECT_FALSE(drag.picked());
    drag.pick(0);
    drag.putPicked();
    EXPECT_TRUE(drag.done());
}

TEST(DragDropAndScroll, DoneWhenEverythingIsInPlace) {
    DragDropRun drag(DragDropExercise{2, text("photo"), text("bin")});
    drag.dropped(0, true);
    drag.dropped(1, false);
    EXPECT_FALSE(drag.done());
    drag.dropped(1, true);
    EXPECT_TRUE(drag.done());
    ScrollRun scroll(ScrollExercise{text("Cherry"), 40});
    EXPECT_EQ(scroll.targetLine(), 30);
    scroll.clicked(3);
    scroll.clicked(30);
    EXPECT_TRUE(scroll.done());
    EXPECT_EQ(scroll.failures(), 1);
}
