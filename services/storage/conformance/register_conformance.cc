// The conformance suite, the register (setting_store.h, rule_set_store.h):
// settings listed in the order they were made, by page, as far as the
// caller sees; a trust's and an LA's early-years settings by URN; a URN
// once; a rule set version once, with the same rules.
#include "gmock/gmock.h"
#include "services/storage/conformance/store_conformance.h"

namespace sendcase::storage::conformance {
namespace {

using ::sendcase::testing::StatusIs;

v1::Setting MakeSetting(const std::string& urn, const std::string& la) {
  v1::Setting s;
  s.set_urn(urn);
  s.set_display_name("Setting " + urn);
  s.set_phase(v1::Setting::PRIMARY);
  s.set_local_authority_code(la);
  return s;
}

// The URNs of a page.
std::vector<std::string> Urns(const Page<v1::Setting>& page) {
  std::vector<std::string> out;
  for (const auto& s : page.items) out.push_back(s.urn());
  return out;
}

// A trust's reach is its settings; an Area SENCO's is its LA's early-years
// settings, whatever their trust, in URN order.
TEST_P(SettingConformance, TrustAndEarlyYearsSettingsAreResolvedByUrn) {
  struct Row {
    const char* urn;
    const char* la;
    v1::Setting::Phase phase;
    const char* trust;
  };
  for (const Row& r : {Row{"300002", "201", v1::Setting::EARLY_YEARS, "T1"},
                       Row{"100001", "201", v1::Setting::PRIMARY, "T1"},
                       Row{"300001", "201", v1::Setting::EARLY_YEARS, ""},
                       Row{"400001", "202", v1::Setting::EARLY_YEARS, "T1"}}) {
    v1::Setting s;
    s.set_urn(r.urn);
    s.set_display_name("Setting");
    s.set_phase(r.phase);
    s.set_local_authority_code(r.la);
    s.set_trust_id(r.trust);
    ASSERT_OK(db_.settings->PutSetting(s, kNow, std::nullopt));
  }
  auto early = db_.settings->EarlyYearsSettings("201");
  ASSERT_OK(early);
  EXPECT_EQ(*early, (std::vector<std::string>{"300001", "300002"}));
  auto none = db_.settings->EarlyYearsSettings("999");
  ASSERT_OK(none);
  EXPECT_TRUE(none->empty());
  auto trust = db_.settings->TrustSettings("T1");
  ASSERT_OK(trust);
  EXPECT_EQ(*trust, (std::vector<std::string>{"100001", "300002", "400001"}));
}

TEST_P(SettingConformance, ListedByPageInTheOrderMadeAsFarAsTheCallerSees) {
  for (const auto& [urn, la] :
       {std::pair{"100003", "201"}, std::pair{"100001", "202"},
        std::pair{"100002", "201"}}) {
    ASSERT_OK(
        db_.settings->PutSetting(MakeSetting(urn, la), kNow, std::nullopt));
  }
  auto first = db_.settings->ListSettings(Visibility::All(), {0, 2});
  ASSERT_OK(first);
  EXPECT_EQ(Urns(*first), (std::vector<std::string>{"100003", "100001"}));
  EXPECT_EQ(first->items[0].name(), "settings/100003");
  EXPECT_EQ(first->items[0].display_name(), "Setting 100003");
  EXPECT_EQ(first->items[0].phase(), v1::Setting::PRIMARY);
  EXPECT_EQ(first->items[1].local_authority_code(), "202");
  ASSERT_TRUE(first->next_after.has_value());
  auto second =
      db_.settings->ListSettings(Visibility::All(), {*first->next_after, 2});
  ASSERT_OK(second);
  EXPECT_EQ(Urns(*second), (std::vector<std::string>{"100002"}));
  EXPECT_FALSE(second->next_after.has_value());

  auto by_urn_or_la = db_.settings->ListSettings(
      Visibility{false, {"100001"}, {"201"}}, {0, 10});
  ASSERT_OK(by_urn_or_la);
  EXPECT_EQ(Urns(*by_urn_or_la),
            (std::vector<std::string>{"100003", "100001", "100002"}));
  auto one =
      db_.settings->ListSettings(Visibility{false, {"100001"}, {}}, {0, 10});
  ASSERT_OK(one);
  EXPECT_EQ(Urns(*one), (std::vector<std::string>{"100001"}));
  auto none = db_.settings->ListSettings(Visibility{}, {0, 10});  // no scope
  ASSERT_OK(none);
  EXPECT_TRUE(none->items.empty());
}

TEST_P(SettingConformance, AUrnIsMadeOnce) {
  ASSERT_OK(db_.settings->PutSetting(MakeSetting("100001", "201"), kNow,
                                     std::nullopt));
  EXPECT_THAT(db_.settings->PutSetting(MakeSetting("100001", "202"), kNow,
                                       std::nullopt),
              StatusIs(absl::StatusCode::kAlreadyExists,
                       ::testing::HasSubstr("settings/100001")));
  // With no pupil recorded there, the LA check lets it through.
  ASSERT_OK(db_.settings->PutSetting(MakeSetting("100002", "201"), kNow,
                                     std::string("201")));
  auto all = db_.settings->ListSettings(Visibility::All(), {0, 10});
  ASSERT_OK(all);
  EXPECT_EQ(Urns(*all), (std::vector<std::string>{"100001", "100002"}));
  EXPECT_EQ(all->items[0].local_authority_code(), "201");
}

TEST_P(RuleSetConformance, RuleSetVersionsAreImmutable) {
  ASSERT_OK(db_.rule_sets->PutRuleSet({"r1", "aaa", "def"}, kNow));
  ASSERT_OK(
      db_.rule_sets->PutRuleSet({"r1", "aaa", "def"}, kNow));  // same: no-op
  EXPECT_THAT(db_.rule_sets->PutRuleSet({"r1", "bbb", "changed"}, kNow),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       ::testing::HasSubstr("new version")));
  auto got = db_.rule_sets->GetRuleSet("r1");
  ASSERT_OK(got);
  EXPECT_EQ(got->definition, "def");
  EXPECT_THAT(db_.rule_sets->GetRuleSet("r2"),
              StatusIs(absl::StatusCode::kNotFound));
}

}  // namespace
}  // namespace sendcase::storage::conformance
