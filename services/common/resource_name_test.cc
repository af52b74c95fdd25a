#include "services/common/resource_name.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace sendcase {
namespace {

using ::testing::HasSubstr;

TEST(ResourceNameTest, RoundTripsEachKind) {
  auto pupil = ParsePupilName("pupils/abc123", "name");
  ASSERT_TRUE(pupil.ok());
  EXPECT_EQ(pupil->Format(), "pupils/abc123");

  auto journey = ParseJourneyName("pupils/p1/journeys/j-2", "journey");
  ASSERT_TRUE(journey.ok());
  EXPECT_EQ(journey->pupil, "p1");
  EXPECT_EQ(journey->journey, "j-2");
  EXPECT_EQ(journey->Parent().Format(), "pupils/p1");

  auto task = ParseTaskName("pupils/p1/journeys/j2/tasks/t3", "name");
  ASSERT_TRUE(task.ok());
  EXPECT_EQ(task->Format(), "pupils/p1/journeys/j2/tasks/t3");
  EXPECT_EQ(task->Parent().Format(), "pupils/p1/journeys/j2");
}

TEST(ResourceNameTest, RejectsMalformedNamesNamingTheField) {
  const char* bad[] = {"",
                       "pupils",
                       "pupils/",
                       "pupils/P1",
                       "pupils/p1/",
                       "students/p1",
                       "pupils/p1/journeys/j1",
                       "pupils/-p",
                       "pupils/p_1",
                       "pupils/p1/x"};
  for (const char* name : bad) {
    const auto parsed = ParsePupilName(name, "name");
    ASSERT_FALSE(parsed.ok()) << name;
    EXPECT_EQ(parsed.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_THAT(parsed.status().message(), HasSubstr("name")) << name;
  }
  EXPECT_EQ(ParseJourneyName("pupils/p1/tasks/j1", "journey").status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ParseTaskName("pupils/p1/journeys/j1", "name").status().code(),
            absl::StatusCode::kInvalidArgument);
}

TEST(ResourceNameTest, IdLengthIsBounded) {
  EXPECT_TRUE(IsValidResourceId(std::string(63, 'a')));
  EXPECT_FALSE(IsValidResourceId(std::string(64, 'a')));
}

TEST(ResourceNameTest, LongInputIsTruncatedInTheMessage) {
  const auto parsed = ParsePupilName(std::string(5000, 'x'), "name");
  ASSERT_EQ(parsed.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_LT(parsed.status().message().size(), 400u);
}

}  // namespace
}  // namespace sendcase
