// Every state and every event kind has its plain-English sentence for the
// family view, written as a sentence and free of the API's names.
#include "services/casework/family_words.h"

#include "absl/strings/ascii.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/journey/state_machine.h"

namespace sendcase::casework {
namespace {

void ExpectPlainSentence(const std::string& text) {
  ASSERT_FALSE(text.empty());
  EXPECT_TRUE(absl::ascii_isupper(static_cast<unsigned char>(text.front())));
  EXPECT_EQ(text.back(), '.');
  EXPECT_EQ(text.find('_'), std::string::npos);  // no field or enum names
}

TEST(FamilyWordsTest, EveryStateHasASentence) {
  for (v1::Journey::State state : journey::AllStates()) {
    SCOPED_TRACE(journey::StateName(state));
    ExpectPlainSentence(FamilyStage(state));
  }
  EXPECT_EQ(FamilyStage(v1::Journey::STATE_UNSPECIFIED), "");
}

TEST(FamilyWordsTest, EveryEventKindHasASentence) {
  for (journey::EventKind kind : journey::AllEventKinds()) {
    SCOPED_TRACE(journey::EventKindName(kind));
    ExpectPlainSentence(FamilyEventText(kind));
  }
  EXPECT_EQ(FamilyEventText(v1::JourneyEvent::KIND_NOT_SET), "");
}

TEST(FamilyWordsTest, WhoIsSaidAsAFamilyWouldSayIt) {
  EXPECT_EQ(FamilyWho(v1::LA_CASE_OFFICER), "the council (your case officer)");
  EXPECT_EQ(FamilyWho(v1::SENCO), "your child's school (the SENCO)");
  EXPECT_EQ(FamilyWho(v1::PARENT), "you");
  EXPECT_EQ(FamilyWho(v1::ROLE_UNSPECIFIED), "the council");
}

}  // namespace
}  // namespace sendcase::casework
