#include "absl/strings/str_split.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/auth/authenticator.h"
#include "services/auth/authorizer.h"
#include "services/auth/tokens.h"
#include "services/common/sha256.h"
#include "services/storage/sqlite/sqlite_store.h"
#include "tests/testing/fake_clock.h"
#include "tests/testing/status_matchers.h"

namespace sendcase::auth {
namespace {

using ::sendcase::testing::StatusIs;
using ::testing::HasSubstr;
using ::testing::Not;

class TokenTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto store = storage::SqliteStore::Open(":memory:");
    ASSERT_OK(store);
    store_ = *std::move(store);
  }
  testing::FakeClock clock_{
      testing::FakeClock::NoonUtc(Day(date::year{2026} / 11 / 25))};
  std::unique_ptr<storage::SqliteStore> store_;
};

TEST_F(TokenTest, IssuedTokenAuthenticatesAndOnlyItsHashIsStored) {
  auto token = IssueToken(*store_, clock_, "alice", "SENCO", "setting:100001");
  ASSERT_OK(token);
  auto stmt =
      store_->DatabaseForTesting().Prepare("SELECT token_hash FROM tokens");
  ASSERT_OK(stmt);
  ASSERT_TRUE(*stmt->Step());
  // sc1.ID.SECRET; the stored hash is salted, so neither the token nor the
  // secret's plain hash appears.
  std::vector<std::string> parts = absl::StrSplit(*token, '.');
  ASSERT_EQ(parts.size(), 3u);
  EXPECT_NE(stmt->ColumnText(0), Sha256Hex(parts[2]));
  EXPECT_NE(stmt->ColumnText(0), Sha256Hex(*token));
  EXPECT_THAT(stmt->ColumnText(0), Not(HasSubstr(*token)));

  TokenAuthenticator authn(*store_, clock_);
  auto principal = authn.Authenticate("Bearer " + *token);
  ASSERT_OK(principal);
  EXPECT_EQ(principal->subject, "alice");
  EXPECT_EQ(principal->role, v1::SENCO);
  EXPECT_FALSE(principal->admin);
  EXPECT_EQ(principal->scope.kind, Scope::Kind::kSetting);
  EXPECT_EQ(principal->scope.id, "100001");
}

TEST_F(TokenTest, TrustScopeResolvesThroughTheSettingsRegister) {
  v1::Setting s;
  s.set_urn("100002");
  s.set_display_name("Oak Academy");
  s.set_phase(v1::Setting::PRIMARY);
  s.set_local_authority_code("201");
  s.set_trust_id("T1");
  ASSERT_OK(store_->PutSetting(s, clock_.Now(), std::nullopt));
  s.set_urn("100003");
  s.set_trust_id("T2");
  ASSERT_OK(store_->PutSetting(s, clock_.Now(), std::nullopt));
  auto token = IssueToken(*store_, clock_, "trust-lead", "TRUST", "trust:T1");
  ASSERT_OK(token);
  TokenAuthenticator authn(*store_, clock_, store_.get());
  auto principal = authn.Authenticate("Bearer " + *token);
  ASSERT_OK(principal);
  EXPECT_EQ(principal->setting_urns, std::vector<std::string>{"100002"});
}

TEST_F(TokenTest, TokensAreUnique) {
  auto a = IssueToken(*store_, clock_, "a", "ADMIN", "*");
  auto b = IssueToken(*store_, clock_, "a", "ADMIN", "*");
  ASSERT_OK(a);
  ASSERT_OK(b);
  EXPECT_NE(*a, *b);
  EXPECT_GE(a->size(), 40u);
}

TEST_F(TokenTest, BadCredentialsAreUnauthenticated) {
  TokenAuthenticator authn(*store_, clock_);
  for (const char* header :
       {"", "Bearer ", "Basic abc", "Bearer nope", "sc_token-without-scheme"}) {
    EXPECT_THAT(authn.Authenticate(header),
                StatusIs(absl::StatusCode::kUnauthenticated))
        << header;
  }
}

TEST_F(TokenTest, ExpiredTokensAreRefusedFromTheirExpiryOn) {
  auto issued = IssueToken(*store_, clock_, "temp", "SENCO", "setting:100001",
                           std::chrono::hours(24));
  ASSERT_OK(issued);
  ASSERT_TRUE(issued->expire_time.has_value());
  EXPECT_EQ(*issued->expire_time, clock_.Now() + std::chrono::hours(24));
  TokenAuthenticator authn(*store_, clock_);
  const std::string header = "Bearer " + issued->token;
  clock_.Advance(std::chrono::hours(24) - std::chrono::seconds(1));
  ASSERT_OK(authn.Authenticate(header));
  clock_.Advance(std::chrono::seconds(1));
  EXPECT_THAT(
      authn.Authenticate(header),
      StatusIs(absl::StatusCode::kUnauthenticated, HasSubstr("expired")));
  EXPECT_THAT(
      IssueToken(*store_, clock_, "a", "SENCO", "*", std::chrono::seconds(0)),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("ttl")));
}

TEST_F(TokenTest, RevocationByIdOrSubjectTakesEffectAtOnce) {
  auto one = IssueToken(*store_, clock_, "bob", "SENCO", "setting:100001",
                        std::nullopt);
  auto two = IssueToken(*store_, clock_, "bob", "SENCO", "setting:100001",
                        std::nullopt);
  auto other = IssueToken(*store_, clock_, "eve", "SENCO", "setting:100001",
                          std::nullopt);
  ASSERT_OK(one);
  ASSERT_OK(two);
  ASSERT_OK(other);
  TokenAuthenticator authn(*store_, clock_);
  EXPECT_THAT(store_->RevokeTokens(one->token_id, "", clock_.Now()),
              testing::IsOkAndHolds(1));
  EXPECT_THAT(authn.Authenticate("Bearer " + one->token),
              StatusIs(absl::StatusCode::kUnauthenticated));
  ASSERT_OK(authn.Authenticate("Bearer " + two->token));
  EXPECT_THAT(store_->RevokeTokens("", "bob", clock_.Now()),
              testing::IsOkAndHolds(1));  // `one` was already revoked
  EXPECT_THAT(authn.Authenticate("Bearer " + two->token),
              StatusIs(absl::StatusCode::kUnauthenticated));
  ASSERT_OK(authn.Authenticate("Bearer " + other->token));
  auto tokens = store_->ListTokens();
  ASSERT_OK(tokens);
  ASSERT_EQ(tokens->size(), 3u);
  EXPECT_TRUE((*tokens)[0].revoke_time.has_value());
  EXPECT_FALSE((*tokens)[2].revoke_time.has_value());
}

TEST_F(TokenTest, AlteredSecretOrIdIsRefused) {
  auto issued = IssueToken(*store_, clock_, "amy", "ADMIN", "*", std::nullopt);
  ASSERT_OK(issued);
  TokenAuthenticator authn(*store_, clock_);
  std::string token = issued->token;
  token.back() = token.back() == 'A' ? 'B' : 'A';
  EXPECT_THAT(authn.Authenticate("Bearer " + token),
              StatusIs(absl::StatusCode::kUnauthenticated));
  token = issued->token;
  token[5] = token[5] == 'A' ? 'B' : 'A';  // inside the id
  EXPECT_THAT(authn.Authenticate("Bearer " + token),
              StatusIs(absl::StatusCode::kUnauthenticated));
  EXPECT_THAT(authn.Authenticate("Bearer " + issued->token + "x"),
              StatusIs(absl::StatusCode::kUnauthenticated));
}

TEST_F(TokenTest, TokensFromBeforeIdsStillWorkAndCanBeRevoked) {
  // Stored as migration 0006 found them: SHA-256 of the whole token.
  const std::string legacy = "sc_an-old-style-token-of-forty-three-chars-x";
  storage::TokenRecord record;
  record.token_hash = Sha256Hex(legacy);
  record.subject = "old";
  record.role = "LA_CASE_OFFICER";
  record.scope = "la:201";
  record.create_time = clock_.Now();
  ASSERT_OK(store_->PutToken(record));
  TokenAuthenticator authn(*store_, clock_);
  auto principal = authn.Authenticate("Bearer " + legacy);
  ASSERT_OK(principal);
  EXPECT_EQ(principal->subject, "old");
  EXPECT_THAT(store_->RevokeTokens("", "old", clock_.Now()),
              testing::IsOkAndHolds(1));
  EXPECT_THAT(authn.Authenticate("Bearer " + legacy),
              StatusIs(absl::StatusCode::kUnauthenticated));
}

TEST_F(TokenTest, IssueRejectsBadRoleScopeAndSubject) {
  EXPECT_THAT(IssueToken(*store_, clock_, "a", "KING", "*"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("role")));
  EXPECT_THAT(IssueToken(*store_, clock_, "a", "ROLE_UNSPECIFIED", "*"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("role")));
  EXPECT_THAT(IssueToken(*store_, clock_, "a", "SENCO", "school:1"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("scope")));
  EXPECT_THAT(IssueToken(*store_, clock_, "a", "SENCO", "setting:"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("scope")));
  EXPECT_THAT(
      IssueToken(*store_, clock_, "", "SENCO", "*"),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("subject")));
  EXPECT_THAT(
      IssueToken(*store_, clock_, "a b", "SENCO", "*"),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("subject")));
}

Principal Make(bool admin, v1::Role role, const std::string& scope) {
  Principal p;
  p.subject = "s";
  p.admin = admin;
  p.role = role;
  p.scope = *Scope::Parse(scope);
  return p;
}

TEST(AuthorizerTest, AdminMayCallEveryMethod) {
  const Principal admin = Make(true, v1::ROLE_UNSPECIFIED, "*");
  for (int m = 0; m <= static_cast<int>(kLastMethod); ++m) {
    EXPECT_OK(AuthorizeMethod(admin, static_cast<Method>(m)));
    EXPECT_FALSE(MethodName(static_cast<Method>(m)).empty());
    // Every Method has its own row (a missing one would be "(no policy)",
    // callable by ADMIN only).
    EXPECT_NE(MethodName(static_cast<Method>(m)), "(no policy)") << m;
  }
}

TEST(AuthorizerTest, RoleTable) {
  const Principal senco = Make(false, v1::SENCO, "setting:1");
  const Principal teacher = Make(false, v1::CLASS_TEACHER, "setting:1");
  const Principal parent = Make(false, v1::PARENT, "pupil:p1");
  EXPECT_OK(AuthorizeMethod(senco, Method::kRecordEvent));
  EXPECT_OK(AuthorizeMethod(teacher, Method::kGetPupil));
  EXPECT_THAT(AuthorizeMethod(teacher, Method::kRecordEvent),
              StatusIs(absl::StatusCode::kPermissionDenied,
                       HasSubstr("CLASS_TEACHER may not call RecordEvent")));
  EXPECT_THAT(AuthorizeMethod(parent, Method::kListPupils),
              StatusIs(absl::StatusCode::kPermissionDenied));
}

TEST(AuthorizerTest, ScopesCoverTheirOwnPupilsOnly) {
  EXPECT_OK(CheckPupilAccess(Make(false, v1::SENCO, "setting:100001"), "100001",
                             "201", "pupils/p"));
  EXPECT_THAT(
      CheckPupilAccess(Make(false, v1::SENCO, "setting:100001"), "100002",
                       "201", "pupils/p"),
      StatusIs(absl::StatusCode::kPermissionDenied, HasSubstr("pupils/p")));
  EXPECT_OK(CheckPupilAccess(Make(false, v1::LA_CASE_OFFICER, "la:201"),
                             "100002", "201", "pupils/p"));
  EXPECT_THAT(CheckPupilAccess(Make(false, v1::LA_CASE_OFFICER, "la:202"),
                               "100002", "201", "pupils/p"),
              StatusIs(absl::StatusCode::kPermissionDenied));
  // A trust scope covers the settings resolved for it, and nothing else.
  Principal trust = Make(false, v1::TRUST, "trust:T1");
  EXPECT_THAT(CheckPupilAccess(trust, "100002", "201", "pupils/p"),
              StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_TRUE(VisibilityFor(trust).setting_urns.empty());
  EXPECT_FALSE(VisibilityFor(trust).all);
  trust.setting_urns = {"100002", "100003"};
  EXPECT_OK(CheckPupilAccess(trust, "100002", "201", "pupils/p"));
  EXPECT_THAT(CheckPupilAccess(trust, "100001", "201", "pupils/p"),
              StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_EQ(VisibilityFor(trust).setting_urns, trust.setting_urns);
  EXPECT_OK(CheckScopeWithin(trust, "setting:100003"));
  EXPECT_OK(CheckScopeWithin(trust, "trust:T1"));
  EXPECT_THAT(CheckScopeWithin(trust, "setting:100001"),
              StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_TRUE(VisibilityFor(Make(true, v1::ROLE_UNSPECIFIED, "*")).all);
}

// A family's scope is its own child: that pupil and what lies under it,
// nothing whose id merely begins the same, and no list.
TEST(AuthorizerTest, PupilScopeCoversOneChild) {
  const Principal parent = Make(false, v1::PARENT, "pupil:p1");
  EXPECT_EQ(parent.scope.ToString(), "pupil:p1");
  EXPECT_OK(CheckPupilAccess(parent, "100001", "201", "pupils/p1"));
  EXPECT_OK(CheckPupilAccess(parent, "100001", "201", "pupils/p1/journeys/j"));
  for (const char* other : {"pupils/p2", "pupils/p10", "pupils/p1x/journeys/j",
                            "pupils/", "pupils/p"}) {
    EXPECT_THAT(CheckPupilAccess(parent, "100001", "201", other),
                StatusIs(absl::StatusCode::kPermissionDenied))
        << other;
  }
  const storage::Visibility v = VisibilityFor(parent);
  EXPECT_FALSE(v.all);
  EXPECT_TRUE(v.setting_urns.empty());
  EXPECT_TRUE(v.local_authority_codes.empty());
  EXPECT_OK(AuthorizeMethod(parent, Method::kGetFamilyView));
  for (Method m :
       {Method::kGetPupil, Method::kGetJourney, Method::kGetChronology,
        Method::kListPupils, Method::kListSupportPlans, Method::kWatchEvents}) {
    EXPECT_THAT(AuthorizeMethod(parent, m),
                StatusIs(absl::StatusCode::kPermissionDenied))
        << MethodName(m);
  }
  EXPECT_THAT(CheckScopeWithin(parent, "setting:100001"),
              StatusIs(absl::StatusCode::kPermissionDenied));
}

// A PARENT's scope is one child and only a PARENT's is, when a token is
// issued and when an older one is used.
TEST_F(TokenTest, ParentTokensAreScopedToOneChild) {
  EXPECT_OK(IssueToken(*store_, clock_, "mum", "PARENT", "pupil:p1"));
  EXPECT_THAT(
      IssueToken(*store_, clock_, "mum", "PARENT", "setting:100001"),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("pupil:ID")));
  EXPECT_THAT(IssueToken(*store_, clock_, "mum", "SENCO", "pupil:p1"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("PARENT's scope only")));
  EXPECT_THAT(IssueToken(*store_, clock_, "mum", "ADMIN", "pupil:p1"),
              StatusIs(absl::StatusCode::kInvalidArgument));
  // Ids are lower-case letters, digits and '-': no token for a child that
  // cannot exist.
  for (const char* scope : {"pupil:P1", "pupil:a_b"}) {
    EXPECT_THAT(IssueToken(*store_, clock_, "mum", "PARENT", scope),
                StatusIs(absl::StatusCode::kInvalidArgument,
                         HasSubstr("the part after pupils/")))
        << scope;
  }
  // Stored before the rule: a PARENT token over a whole setting.
  storage::TokenRecord record;
  record.token_hash = Sha256Hex("sc_an-old-parent-token-over-a-whole-settingx");
  record.subject = "old-parent";
  record.role = "PARENT";
  record.scope = "setting:100001";
  record.create_time = clock_.Now();
  ASSERT_OK(store_->PutToken(record));
  TokenAuthenticator authn(*store_, clock_);
  EXPECT_THAT(
      authn.Authenticate("Bearer sc_an-old-parent-token-over-a-whole-settingx"),
      StatusIs(absl::StatusCode::kUnauthenticated, HasSubstr("issue a new")));
}

TEST(AuthorizerTest, ContactScopes) {
  EXPECT_OK(CheckScopeWithin(Make(false, v1::SENCO, "setting:1"), "setting:1"));
  EXPECT_THAT(
      CheckScopeWithin(Make(false, v1::SENCO, "setting:1"), "setting:2"),
      StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_THAT(CheckScopeWithin(Make(false, v1::SENCO, "setting:1"), "*"),
              StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_OK(CheckScopeWithin(Make(true, v1::ROLE_UNSPECIFIED, "*"), "la:201"));
  bool all = true;
  EXPECT_EQ(ContactScopesFor(Make(false, v1::LA_CASE_OFFICER, "la:201"), &all),
            std::vector<std::string>{"la:201"});
  EXPECT_FALSE(all);
}

}  // namespace
}  // namespace sendcase::auth
