// The call behind each row of the authorisation matrix (authz_world.h).
#include "tests/integration/authz_world.h"

namespace sendcase::authz_test {

using S = v1::CaseService::Stub;

std::vector<Case> AuthzMatrixTest::Cases() {
  auto count_pupils = [this](const auto& items) {
    int n = 0;
    for (const auto& item : items) n += Ours(item.name()) ? 1 : 0;
    return n;
  };
  std::vector<Case> cases = {
      {"CreatePupil", Kind::kResource, kWriters,
       [this](auto t, auto) {
         return Unary(&S::CreatePupil, t, PupilRequest());
       }},
      {"GetPupil", Kind::kResource, kReaders,
       [this](auto t, auto) {
         v1::GetPupilRequest r;
         r.set_name(p_.name());
         return Unary(&S::GetPupil, t, r);
       }},
      {"ListPupils", Kind::kList, kReaders,
       [this, count_pupils](auto t, auto) {
         return Unary<v1::ListPupilsRequest, v1::ListPupilsResponse>(
             &S::ListPupils, t, {},
             [&](const auto& r) { return count_pupils(r.pupils()); });
       }},
      {"UpdatePupil", Kind::kResource, kWriters,
       [this](auto t, auto) {
         v1::UpdatePupilRequest r;
         r.mutable_pupil()->set_name(p_.name());
         r.mutable_pupil()->set_given_name("Changed");
         r.mutable_update_mask()->add_paths("given_name");
         return Unary(&S::UpdatePupil, t, r);
       }},
      {"GetJourney", Kind::kResource, kReaders,
       [this](auto t, auto) {
         v1::GetJourneyRequest r;
         r.set_name(p_.current_journey());
         return Unary(&S::GetJourney, t, r);
       }},
      {"ListJourneys", Kind::kList, kReaders,
       [this, count_pupils](auto t, auto) {
         return Unary<v1::ListJourneysRequest, v1::ListJourneysResponse>(
             &S::ListJourneys, t, {},
             [&](const auto& r) { return count_pupils(r.journeys()); });
       }},
      {"RecordEvent", Kind::kResource, kWriters,
       [this](auto t, auto) {
         return Unary(&S::RecordEvent, t,
                      EventRequest(p_.current_journey(), "concern_raised"));
       }},
      {"AssignCaseOfficer",
       Kind::kResource,
       {"LA_CASE_OFFICER"},
       [this](auto t, auto) {
         v1::AssignCaseOfficerRequest r;
         r.set_journey(r_.current_journey());
         r.set_case_officer("ann");
         return Unary(&S::AssignCaseOfficer, t, r);
       }},
      {"ListJourneyEvents", Kind::kResource, kReaders,
       [this](auto t, auto) {
         v1::ListJourneyEventsRequest r;
         r.set_journey(q_.current_journey());
         return Unary(&S::ListJourneyEvents, t, r);
       }},
      {"ListTasks", Kind::kList, kReaders,
       [this, count_pupils](auto t, auto) {
         return Unary<v1::ListTasksRequest, v1::ListTasksResponse>(
             &S::ListTasks, t, {},
             [&](const auto& r) { return count_pupils(r.tasks()); });
       }},
      // Only the task's owner role (P's support review: SENCO) or ADMIN.
      {"CompleteTask",
       Kind::kResource,
       {"SENCO"},
       [this](auto t, auto) {
         v1::CompleteTaskRequest r;
         r.set_name(task_);
         return Unary(&S::CompleteTask, t, r);
       }},
      {"UpgradeJourneyRules",
       Kind::kUnscoped,
       {"LA_CASE_OFFICER"},
       [this](auto t, auto) {
         v1::UpgradeJourneyRulesRequest r;
         r.set_rule_set_version(rules_.version());
         r.set_validate_only(true);
         return Unary(&S::UpgradeJourneyRules, t, r);
       }},
      {"PreviewRules",
       Kind::kUnscoped,
       {"LA_CASE_OFFICER"},
       [this](auto t, auto) {
         v1::PreviewRulesRequest r;
         *r.mutable_rule_set() = rules_;
         return Unary(&S::PreviewRules, t, r);
       }},
      {"CreateContact", Kind::kResource, kWriters,
       [this](auto t, auto scope) {
         v1::CreateContactRequest r;
         // Staff name contacts for their own role (ADMIN for any).
         r.mutable_contact()->set_role(RoleOf(t, v1::SENCO));
         // The world's scope for this role: foreign callers must be refused.
         r.mutable_contact()->set_scope(scope);
         r.mutable_contact()->set_email(
             absl::StrCat("c", ++contacts_, "@example.org"));
         return Unary(&S::CreateContact, t, r);
       }},
      {"ListContacts", Kind::kList, kWriters,
       [this](auto t, auto scope) {
         // A contact in the world's scope for the role, made by ADMIN.
         v1::CreateContactRequest c;
         c.mutable_contact()->set_role(v1::SENCO);
         c.mutable_contact()->set_scope(scope);
         c.mutable_contact()->set_email("listed@example.org");
         v1::Contact out;
         grpc::Status made = stub_->CreateContact(Ctx(admin_).get(), c, &out);
         EXPECT_TRUE(made.ok() ||
                     made.error_code() == StatusCode::ALREADY_EXISTS);
         return Unary<v1::ListContactsRequest, v1::ListContactsResponse>(
             &S::ListContacts, t, {}, [scope](const auto& r) {
               int n = 0;
               for (const auto& c : r.contacts()) n += c.scope() == scope;
               return n;
             });
       }},
      {"DeleteContact", Kind::kResource, kWriters,
       [this](auto t, auto scope) {
         v1::CreateContactRequest c;
         c.mutable_contact()->set_role(RoleOf(t, v1::HEADTEACHER));
         c.mutable_contact()->set_scope(scope);
         c.mutable_contact()->set_email(
             absl::StrCat("d", ++contacts_, "@example.org"));
         v1::Contact out;
         EXPECT_TRUE(stub_->CreateContact(Ctx(admin_).get(), c, &out).ok());
         v1::DeleteContactRequest r;
         *r.mutable_contact() = c.contact();
         return Unary(&S::DeleteContact, t, r);
       }},
      {"ListAssessments", Kind::kList, kReaders,
       [this, count_pupils](auto t, auto) {
         return Unary<v1::ListAssessmentsRequest, v1::ListAssessmentsResponse>(
             &S::ListAssessments, t, {}, [&](const auto& r) {
               int n = 0;
               for (const auto& a : r.assessments()) n += Ours(a.pupil());
               return n;
             });
       }},
      {"GetTimelinessReport",
       Kind::kList,
       {"LA_CASE_OFFICER", "HEADTEACHER", "SENCO", "TRUST"},
       [this](auto t, auto) {
         v1::GetTimelinessReportRequest r;
         r.set_year(2026);
         return Unary<v1::GetTimelinessReportRequest, v1::TimelinessReport>(
             &S::GetTimelinessReport, t, r,
             [](const auto& report) { return report.plans_issued(); });
       }},
      // The LA's return: its own LA's officers (and ADMIN), nobody else.
      {"GetSen2Return",
       Kind::kResource,
       {"LA_CASE_OFFICER"},
       [this](auto t, auto) {
         v1::GetSen2ReturnRequest r;
         r.set_year(2026);
         r.set_local_authority_code("201");
         return Unary(&S::GetSen2Return, t, r);
       }},
      {"GetChronology", Kind::kResource, kReaders,
       [this](auto t, auto) {
         v1::GetChronologyRequest r;
         r.set_pupil(q_.name());
         return Unary(&S::GetChronology, t, r);
       }},
      // The family's one read: a PARENT scoped to P, and staff who read P.
      {"GetFamilyView", Kind::kResource, WithParent(kReaders),
       [this](auto t, auto) {
         v1::GetFamilyViewRequest r;
         r.set_pupil(p_.name());
         return Unary(&S::GetFamilyView, t, r);
       }},
      {"CreateSetting",
       Kind::kResource,
       {"LA_CASE_OFFICER"},
       [this](auto t, auto) {
         v1::CreateSettingRequest r;
         r.mutable_setting()->set_urn(absl::StrFormat("3%05d", ++settings_));
         r.mutable_setting()->set_display_name("New School");
         r.mutable_setting()->set_phase(v1::Setting::SECONDARY);
         r.mutable_setting()->set_local_authority_code("201");
         r.mutable_setting()->set_trust_id("oak");
         return Unary(&S::CreateSetting, t, r);
       }},
      {"ListSettings", Kind::kList, kReaders,
       [this](auto t, auto) {
         return Unary<v1::ListSettingsRequest, v1::ListSettingsResponse>(
             &S::ListSettings, t, {}, [](const auto& r) {
               int n = 0;
               for (const auto& s : r.settings()) n += s.urn() == "100001";
               return n;
             });
       }},
      {"ListSenRegister", Kind::kList, kReaders,
       [this](auto t, auto) {
         v1::ListSenRegisterRequest r;
         r.set_parent("settings/100001");
         return Unary<v1::ListSenRegisterRequest, v1::ListSenRegisterResponse>(
             &S::ListSenRegister, t, r,
             [&](const auto& resp) { return resp.entries_size(); });
       }},
      {"ListReviewsDue", Kind::kList, kReaders,
       [this](auto t, auto) {
         v1::ListReviewsDueRequest r;
         r.set_within_days(366);
         return Unary<v1::ListReviewsDueRequest, v1::ListReviewsDueResponse>(
             &S::ListReviewsDue, t, r,
             [](const auto& resp) { return resp.reviews_size(); });
       }},
      {"ListCaseloads",
       Kind::kList,
       {"LA_CASE_OFFICER"},
       [this](auto t, auto) {
         return Unary<v1::ListCaseloadsRequest, v1::ListCaseloadsResponse>(
             &S::ListCaseloads, t, {}, [](const auto& resp) {
               int n = 0;
               for (const auto& c : resp.caseloads()) {
                 n += c.open_assessments() + c.ehc_plans();
               }
               return n;
             });
       }},
      {"ListSettingSummaries",
       Kind::kList,
       {"LA_CASE_OFFICER", "HEADTEACHER", "SENCO", "TRUST", "AREA_SENCO"},
       [this](auto t, auto) {
         return Unary<v1::ListSettingSummariesRequest,
                      v1::ListSettingSummariesResponse>(
             &S::ListSettingSummaries, t, {}, [](const auto& resp) {
               int n = 0;
               for (const auto& s : resp.summaries()) n += s.pupils();
               return n;
             });
       }},
      {"ListAuditRecords",
       Kind::kUnscoped,
       {},
       [this](auto t, auto) {
         return Unary(&S::ListAuditRecords, t, v1::ListAuditRecordsRequest());
       }},
      {"WatchAlerts", Kind::kUnscoped, kReaders,
       [this](auto t, auto) {
         // A watch stays open: a short deadline ends an allowed one.
         auto ctx = Ctx(t);
         ctx->set_deadline(gpr_time_from_millis(100, GPR_TIMESPAN));
         auto reader = stub_->WatchAlerts(ctx.get(), {});
         v1::Alert alert;
         while (reader->Read(&alert)) {
         }
         Outcome o;
         o.status = reader->Finish();
         if (o.status.error_code() == StatusCode::DEADLINE_EXCEEDED) {
           o.status = grpc::Status::OK;  // it was serving
         }
         return o;
       }},
      {"WatchEvents", Kind::kList, kReaders,
       [this](auto t, auto) {
         // Replays the world's events from the start, then idles: a short
         // deadline ends it.
         auto ctx = Ctx(t);
         ctx->set_deadline(gpr_time_from_millis(100, GPR_TIMESPAN));
         v1::WatchEventsRequest r;
         r.set_start_revision(1);
         auto reader = stub_->WatchEvents(ctx.get(), r);
         v1::WatchEventsResponse m;
         Outcome o;
         int seen = 0;
         while (reader->Read(&m)) seen += !m.progress() && Ours(m.journey());
         o.status = reader->Finish();
         if (o.status.error_code() == StatusCode::DEADLINE_EXCEEDED) {
           o.status = grpc::Status::OK;  // it was serving
           o.visible = seen;
         }
         return o;
       }},
  };
  // The graduated approach's rows (authz_support_cases.cc).
  for (Case& c : SupportCases()) cases.push_back(std::move(c));
  return cases;
}

}  // namespace sendcase::authz_test
