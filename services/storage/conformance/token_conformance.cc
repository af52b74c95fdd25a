// The conformance suite, tokens (token_store.h): found by hash (a token
// from before ids) or by id, never a token with an id by its hash alone;
// listed oldest first; revoked by id or every one of a subject, once.
#include "gmock/gmock.h"
#include "services/storage/conformance/store_conformance.h"

namespace sendcase::storage::conformance {
namespace {

using ::sendcase::testing::StatusIs;

TokenRecord Token(const std::string& id, const std::string& subject,
                  Instant created) {
  TokenRecord r;
  r.token_hash = "hash-" + id;
  r.token_id = id;
  r.salt = "00";
  r.subject = subject;
  r.role = "SENCO";
  r.scope = "setting:100001";
  r.create_time = created;
  return r;
}

TEST_P(TokenConformance, TokensAreFoundByHashOrId) {
  TokenRecord legacy;
  legacy.token_hash = "abc";
  legacy.subject = "alice";
  legacy.role = "ADMIN";
  legacy.scope = "*";
  legacy.create_time = kNow;
  ASSERT_OK(db_.tokens->PutToken(legacy));
  auto found = db_.tokens->FindToken("abc");
  ASSERT_OK(found);
  EXPECT_EQ(found->subject, "alice");
  EXPECT_EQ(found->token_id, "");
  EXPECT_THAT(db_.tokens->FindToken("abd"),
              StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(db_.tokens->PutToken(legacy),
              StatusIs(absl::StatusCode::kAlreadyExists));

  TokenRecord with_id = legacy;
  with_id.token_hash = "def";
  with_id.token_id = "id1";
  with_id.salt = "00";
  with_id.expire_time = kNow + std::chrono::hours(1);
  ASSERT_OK(db_.tokens->PutToken(with_id));
  auto by_id = db_.tokens->FindTokenById("id1");
  ASSERT_OK(by_id);
  EXPECT_EQ(by_id->token_hash, "def");
  EXPECT_EQ(by_id->expire_time, with_id.expire_time);
  EXPECT_FALSE(by_id->revoke_time.has_value());
  // A token with an id is never found by its hash alone.
  EXPECT_THAT(db_.tokens->FindToken("def"),
              StatusIs(absl::StatusCode::kNotFound));
  with_id.token_hash = "ghi";
  EXPECT_THAT(db_.tokens->PutToken(with_id),
              StatusIs(absl::StatusCode::kAlreadyExists));  // same id
}

TEST_P(TokenConformance, ListedOldestFirstAndRevokedOnce) {
  // Made out of order; two in the same second keep the order they were put.
  ASSERT_OK(
      db_.tokens->PutToken(Token("b", "bob", kNow + std::chrono::hours(1))));
  ASSERT_OK(db_.tokens->PutToken(Token("a1", "ann", kNow)));
  ASSERT_OK(db_.tokens->PutToken(Token("a2", "ann", kNow)));
  auto listed = db_.tokens->ListTokens();
  ASSERT_OK(listed);
  ASSERT_EQ(listed->size(), 3u);
  EXPECT_EQ((*listed)[0].token_id, "a1");
  EXPECT_EQ((*listed)[1].token_id, "a2");
  EXPECT_EQ((*listed)[2].token_id, "b");
  EXPECT_EQ((*listed)[2].create_time, kNow + std::chrono::hours(1));
  EXPECT_EQ((*listed)[0].salt, "00");
  EXPECT_FALSE((*listed)[0].expire_time.has_value());

  const Instant later = kNow + std::chrono::hours(2);
  auto one = db_.tokens->RevokeTokens("a1", "", later);
  ASSERT_OK(one);
  EXPECT_EQ(*one, 1);
  auto all_of_ann =
      db_.tokens->RevokeTokens("", "ann", later + std::chrono::hours(1));
  ASSERT_OK(all_of_ann);
  EXPECT_EQ(*all_of_ann, 1);  // a1 was revoked already and keeps its time
  auto a1 = db_.tokens->FindTokenById("a1");
  ASSERT_OK(a1);
  EXPECT_EQ(a1->revoke_time, later);
  auto a2 = db_.tokens->FindTokenById("a2");
  ASSERT_OK(a2);
  EXPECT_EQ(a2->revoke_time, later + std::chrono::hours(1));
  auto b = db_.tokens->FindTokenById("b");
  ASSERT_OK(b);
  EXPECT_FALSE(b->revoke_time.has_value());
  auto none = db_.tokens->RevokeTokens("nobody", "", later);
  ASSERT_OK(none);
  EXPECT_EQ(*none, 0);
}

}  // namespace
}  // namespace sendcase::storage::conformance
