#include "services/common/upn.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace sendcase {
namespace {

using ::testing::HasSubstr;

struct UpnCase {
  const char* upn;
  bool valid;
  const char* why;
};

// Vectors from rules/REFERENCE.md §5.3, each worked by hand there, plus
// malformed ones.
const UpnCase kCases[] = {
    {"B801200005001", true, "python-stdnum example, sum 93 -> B"},
    {"A801200005001", false, "wrong check letter for the same digits"},
    {"P207000016049", true, "sum 266 -> P"},
    {"Q207000016049", false, "Juniper's wrong answer must fail"},
    {"X938612324001", true, "sum 204 -> X"},
    {"M80120000500A", true, "temporary, A = 0, sum 80 -> M"},
    {"Y20700001604Z", true, "temporary, Z = 22, sum 435 -> Y"},
    {"Y20700001604I", false, "I is not in the alphabet"},
    {"M8012000050A0", false, "letter only allowed in the last position"},
    {"B80120000500", false, "12 characters"},
    {"B8012000050011", false, "14 characters"},
    {"b801200005001", false, "lower-case check letter"},
};

TEST(UpnTest, ValidatesCheckLetterAndShape) {
  for (const UpnCase& c : kCases) {
    EXPECT_EQ(ValidateUpn(c.upn, "pupil.upn").ok(), c.valid)
        << c.upn << ": " << c.why;
  }
}

TEST(UpnTest, ErrorNamesFieldButNotTheNumber) {
  const absl::Status status = ValidateUpn("A801200005001", "pupil.upn");
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(status.message(), HasSubstr("pupil.upn"));
  EXPECT_THAT(status.message(), ::testing::Not(HasSubstr("801200005001")));
}

TEST(UpnTest, EmptyIsRequired) {
  EXPECT_THAT(ValidateUpn("", "pupil.upn").message(), HasSubstr("required"));
}

}  // namespace
}  // namespace sendcase
