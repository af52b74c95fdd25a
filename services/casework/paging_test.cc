#include "services/casework/paging.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/status_matchers.h"

namespace sendcase::casework {
namespace {

using ::sendcase::testing::StatusIs;

TEST(PagingTest, PageSizeDefaultsCoercesAndRejects) {
  EXPECT_EQ(ParsePage(0, "", "")->limit, kDefaultPageSize);
  EXPECT_EQ(ParsePage(7, "", "")->limit, 7);
  EXPECT_EQ(ParsePage(5000, "", "")->limit, kMaxPageSize);
  EXPECT_THAT(ParsePage(-1, "", ""),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       ::testing::HasSubstr("page_size")));
}

TEST(PagingTest, TokenRoundTripsAndIsOpaque) {
  const std::string token = NextPageToken(42, "parent=x");
  EXPECT_EQ(token.find("42"), std::string::npos);
  auto page = ParsePage(10, token, "parent=x");
  ASSERT_OK(page);
  EXPECT_EQ(page->after, 42);
  EXPECT_EQ(NextPageToken(std::nullopt, "x"), "");
}

TEST(PagingTest, TokenBoundToParameters) {
  const std::string token = NextPageToken(42, "parent=x");
  EXPECT_THAT(ParsePage(10, token, "parent=y"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       ::testing::HasSubstr("page_token")));
}

TEST(PagingTest, GarbageTokensRejected) {
  for (const char* t : {"!!!", "cDF8eHx5", "abc", "cDF8LTF8"}) {
    EXPECT_THAT(ParsePage(10, t, ""),
                StatusIs(absl::StatusCode::kInvalidArgument))
        << t;
  }
}

}  // namespace
}  // namespace sendcase::casework
