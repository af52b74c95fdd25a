#include "services/casework/paging.h"

#include "absl/strings/escaping.h"
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
  // A cursor long enough that its digits cannot turn up in random bytes by
  // chance (a two-digit one did, about one run in a hundred).
  const int64_t cursor = 987654321012345;
  const std::string token = NextPageToken(cursor, "parent=x");
  std::string bytes;
  ASSERT_TRUE(absl::WebSafeBase64Unescape(token, &bytes));
  EXPECT_EQ(token.find("987654321012345"), std::string::npos);
  EXPECT_EQ(bytes.find("987654321012345"), std::string::npos);
  auto page = ParsePage(10, token, "parent=x");
  ASSERT_OK(page);
  EXPECT_EQ(page->after, cursor);
  EXPECT_EQ(NextPageToken(std::nullopt, "x"), "");
}

// A token hides its cursor (a row number whose gaps would count other
// tenants' rows) and cannot be altered or forged.
TEST(PagingTest, TokensAreSealed) {
  const std::string token = NextPageToken(123457, "parent=x");
  std::string bytes;
  ASSERT_TRUE(absl::WebSafeBase64Unescape(token, &bytes));
  EXPECT_EQ(bytes.find("123457"), std::string::npos);
  EXPECT_EQ(bytes.find("p2|"), std::string::npos);
  // Sealed afresh each time: equal cursors do not give equal tokens.
  EXPECT_NE(NextPageToken(123457, "parent=x"), token);
  // Any change to any byte is refused.
  for (size_t i = 0; i < bytes.size(); ++i) {
    std::string altered = bytes;
    altered[i] ^= 0x01;
    EXPECT_THAT(ParsePage(10, absl::WebSafeBase64Escape(altered), "parent=x"),
                StatusIs(absl::StatusCode::kInvalidArgument))
        << "byte " << i;
  }
  // The old readable form (before sealing) is refused too.
  EXPECT_THAT(ParsePage(10, absl::WebSafeBase64Escape("p1|42|abc"), ""),
              StatusIs(absl::StatusCode::kInvalidArgument));
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
