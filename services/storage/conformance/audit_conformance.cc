// The conformance suite, the audit trail (audit_store.h, call_audit.h):
// rows newest first, by page, by subject or by resource and what lies
// below it; and a write's audit row commits with the write, exactly when
// it does (here, through the settings register).
#include "gmock/gmock.h"
#include "services/common/proto_time.h"
#include "services/storage/call_audit.h"
#include "services/storage/conformance/store_conformance.h"

namespace sendcase::storage::conformance {
namespace {

using ::sendcase::testing::StatusIs;

v1::AuditRecord Row(const std::string& subject, const std::string& method,
                    const std::string& resource) {
  v1::AuditRecord r;
  *r.mutable_time() = ToTimestamp(kNow);
  r.set_subject(subject);
  r.set_role("SENCO");
  r.set_scope("setting:100001");
  r.set_method(method);
  r.set_resource(resource);
  r.set_outcome("OK");
  r.set_peer("ipv4:127.0.0.1:5000");
  return r;
}

std::vector<std::string> Resources(const Page<v1::AuditRecord>& page) {
  std::vector<std::string> out;
  for (const auto& r : page.items) out.push_back(r.resource());
  return out;
}

TEST_P(AuditConformance, RowsNewestFirstByPageSubjectAndResource) {
  ASSERT_OK(db_.audit->AppendAudit(Row("ann", "GetPupil", "pupils/a")));
  ASSERT_OK(
      db_.audit->AppendAudit(Row("bob", "GetJourney", "pupils/a/journeys/j")));
  ASSERT_OK(db_.audit->AppendAudit(Row("ann", "GetPupil", "pupils/ab")));
  v1::AuditRecord counted = Row("", "GetPupil", "");
  counted.set_outcome("UNAUTHENTICATED");
  counted.set_calls(7);  // refusals of one peer and minute, counted
  ASSERT_OK(db_.audit->AppendAudit(counted));

  auto first = db_.audit->ListAudit({}, {0, 3});
  ASSERT_OK(first);
  EXPECT_EQ(Resources(*first),
            (std::vector<std::string>{"", "pupils/ab", "pupils/a/journeys/j"}));
  EXPECT_EQ(first->items[0].calls(), 7);
  EXPECT_EQ(first->items[0].outcome(), "UNAUTHENTICATED");
  EXPECT_EQ(first->items[1].calls(), 1);
  EXPECT_EQ(first->items[1].peer(), "ipv4:127.0.0.1:5000");
  EXPECT_EQ(FromTimestamp(first->items[1].time()), kNow);
  EXPECT_GT(first->items[0].id(), first->items[1].id());
  ASSERT_TRUE(first->next_after.has_value());
  auto rest = db_.audit->ListAudit({}, {*first->next_after, 3});
  ASSERT_OK(rest);
  EXPECT_EQ(Resources(*rest), (std::vector<std::string>{"pupils/a"}));
  EXPECT_FALSE(rest->next_after.has_value());

  auto ann = db_.audit->ListAudit({"ann", ""}, {0, 10});
  ASSERT_OK(ann);
  EXPECT_EQ(Resources(*ann),
            (std::vector<std::string>{"pupils/ab", "pupils/a"}));
  auto below = db_.audit->ListAudit({"", "pupils/a"}, {0, 10});
  ASSERT_OK(below);
  EXPECT_EQ(Resources(*below),
            (std::vector<std::string>{"pupils/a/journeys/j", "pupils/a"}));
}

TEST_P(AuditConformance, AWritesRowCommitsWithItAndOnlyIfItDoes) {
  v1::Setting s;
  s.set_urn("100001");
  s.set_display_name("School");
  s.set_phase(v1::Setting::PRIMARY);
  s.set_local_authority_code("201");
  {
    CallAudit call(Row("officer", "CreateSetting", ""));
    ASSERT_OK(db_.settings->PutSetting(s, kNow, std::nullopt));
    EXPECT_TRUE(call.written());
    EXPECT_EQ(CallAudit::Unwritten(), nullptr);
  }
  {
    CallAudit call(Row("officer", "CreateSetting", ""));
    EXPECT_THAT(db_.settings->PutSetting(s, kNow, std::nullopt),
                StatusIs(absl::StatusCode::kAlreadyExists));
    EXPECT_FALSE(call.written());  // the edge appends it with the outcome
  }
  auto rows = db_.audit->ListAudit({}, {0, 10});
  ASSERT_OK(rows);
  ASSERT_EQ(rows->items.size(), 1u);
  EXPECT_EQ(rows->items[0].method(), "CreateSetting");
  EXPECT_EQ(rows->items[0].resource(), "settings/100001");  // what it made
  EXPECT_EQ(rows->items[0].subject(), "officer");
}

}  // namespace
}  // namespace sendcase::storage::conformance
