// The conformance suite, contacts (contact_store.h): an address for a role
// and scope once; removed once; listed in the order made, by page, within
// the caller's scopes; found for sign-in by address in any ASCII case when
// an ADMIN vouched for it. (The reminders a new contact is owed are in
// AlertConformance: they need pupils and tasks.)
#include "gmock/gmock.h"
#include "services/storage/conformance/store_conformance.h"

namespace sendcase::storage::conformance {
namespace {

using ::sendcase::testing::StatusIs;

v1::Contact Contact(v1::Role role, const std::string& scope,
                    const std::string& email) {
  v1::Contact c;
  c.set_role(role);
  c.set_scope(scope);
  c.set_email(email);
  return c;
}

std::vector<std::string> Emails(const Page<v1::Contact>& page) {
  std::vector<std::string> out;
  for (const auto& c : page.items) out.push_back(c.email());
  return out;
}

TEST_P(ContactConformance, PutOnceRemovedOnceListedWithinScopes) {
  const ContactScope school{ScopeKind::kSetting, "100001"};
  const ContactScope la{ScopeKind::kLocalAuthority, "201"};
  auto put = db_.contacts->PutContact(
      Contact(v1::SENCO, "setting:100001", "a@school.example"), school, true,
      kNow);
  ASSERT_OK(put);
  EXPECT_EQ(*put, 0);  // no reminder has fired: none owed
  EXPECT_THAT(db_.contacts->PutContact(
                  Contact(v1::SENCO, "setting:100001", "a@school.example"),
                  school, false, kNow),
              StatusIs(absl::StatusCode::kAlreadyExists));
  ASSERT_OK(db_.contacts->PutContact(
      Contact(v1::HEADTEACHER, "setting:100001", "a@school.example"), school,
      false, kNow));  // another role: another contact
  ASSERT_OK(db_.contacts->PutContact(
      Contact(v1::LA_CASE_OFFICER, "la:201", "team@la.example"), la, false,
      kNow));

  auto first = db_.contacts->ListContacts(true, {}, {0, 2});
  ASSERT_OK(first);
  EXPECT_EQ(Emails(*first),
            (std::vector<std::string>{"a@school.example", "a@school.example"}));
  EXPECT_EQ(first->items[0].role(), v1::SENCO);
  EXPECT_EQ(first->items[1].role(), v1::HEADTEACHER);
  EXPECT_FALSE(first->items[0].sign_in());
  ASSERT_TRUE(first->next_after.has_value());
  auto rest = db_.contacts->ListContacts(true, {}, {*first->next_after, 2});
  ASSERT_OK(rest);
  EXPECT_EQ(Emails(*rest), (std::vector<std::string>{"team@la.example"}));
  EXPECT_EQ(rest->items[0].scope(), "la:201");
  EXPECT_FALSE(rest->next_after.has_value());

  auto la_only = db_.contacts->ListContacts(false, {"la:201"}, {0, 10});
  ASSERT_OK(la_only);
  EXPECT_EQ(Emails(*la_only), (std::vector<std::string>{"team@la.example"}));
  auto none = db_.contacts->ListContacts(false, {}, {0, 10});
  ASSERT_OK(none);
  EXPECT_TRUE(none->items.empty());

  ASSERT_OK(db_.contacts->DeleteContact(
      Contact(v1::SENCO, "setting:100001", "a@school.example")));
  EXPECT_THAT(db_.contacts->DeleteContact(
                  Contact(v1::SENCO, "setting:100001", "a@school.example")),
              StatusIs(absl::StatusCode::kNotFound));
  auto left = db_.contacts->ListContacts(true, {}, {0, 10});
  ASSERT_OK(left);
  EXPECT_EQ(left->items.size(), 2u);
}

// Only contacts vouched for (sign_in) are found, by address in any ASCII
// case, in creation order, with the flag read back; listing shows it too.
TEST_P(ContactConformance, SignInContactsAreTheVouchedForOnesOfAnAddress) {
  v1::Contact senco;
  senco.set_role(v1::SENCO);
  senco.set_scope("setting:100001");
  senco.set_email("Ann.Senco@School.example");
  senco.set_sign_in(true);
  ASSERT_OK(
      db_.contacts
          ->PutContact(senco, {ScopeKind::kSetting, "100001"}, false, kNow)
          .status());
  v1::Contact head = senco;  // same address, not vouched for
  head.set_role(v1::HEADTEACHER);
  head.set_sign_in(false);
  ASSERT_OK(db_.contacts
                ->PutContact(head, {ScopeKind::kSetting, "100001"}, false, kNow)
                .status());
  v1::Contact la = senco;
  la.set_scope("la:201");
  ASSERT_OK(
      db_.contacts
          ->PutContact(la, {ScopeKind::kLocalAuthority, "201"}, false, kNow)
          .status());

  auto found = db_.contacts->SignInContacts("ann.senco@school.EXAMPLE");
  ASSERT_OK(found);
  ASSERT_EQ(found->size(), 2u);
  EXPECT_EQ((*found)[0].scope(), "setting:100001");
  EXPECT_EQ((*found)[0].role(), v1::SENCO);
  EXPECT_EQ((*found)[0].email(), "Ann.Senco@School.example");
  EXPECT_TRUE((*found)[0].sign_in());
  EXPECT_EQ((*found)[1].scope(), "la:201");
  auto nobody = db_.contacts->SignInContacts("ann.senco@school.example.org");
  ASSERT_OK(nobody);
  EXPECT_TRUE(nobody->empty());

  auto listed = db_.contacts->ListContacts(true, {}, {0, 10});
  ASSERT_OK(listed);
  ASSERT_EQ(listed->items.size(), 3u);
  EXPECT_TRUE(listed->items[0].sign_in());
  EXPECT_FALSE(listed->items[1].sign_in());
}

}  // namespace
}  // namespace sendcase::storage::conformance
