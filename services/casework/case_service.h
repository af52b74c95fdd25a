#ifndef SENDCASE_SERVICES_CASEWORK_CASE_SERVICE_H_
#define SENDCASE_SERVICES_CASEWORK_CASE_SERVICE_H_

// CaseServiceImpl: the gRPC handlers. Each one authenticates, calls one
// engine method, records the call in the audit trail and maps the status to
// gRPC (grpc_status.h). No business logic lives here.

#include "sendcase/v1/case_service.grpc.pb.h"
#include "services/auth/authenticator.h"
#include "services/casework/alert_engine.h"
#include "services/casework/audit_log.h"
#include "services/casework/case_engine.h"
#include "services/casework/event_feed.h"
#include "services/casework/refusal_ledger.h"
#include "services/casework/register_views.h"
#include "services/casework/setting_engine.h"
#include "services/casework/stream_session.h"
#include "services/casework/support_engine.h"
#include "services/casework/view_engine.h"

namespace sendcase::casework {

// What the handlers call; all borrowed, and must outlive the service.
struct Engines {
  auth::Authenticator& authenticator;
  CaseEngine& engine;
  AlertEngine& alerts;
  ViewEngine& views;
  SettingEngine& settings;
  RegisterViews& registers;
  AuditLog& audit;
  EventFeed& feed;
  StreamRegistry& streams;
  RefusalLedger& refusals;
  SupportEngine& support;
};

class CaseServiceImpl final : public v1::CaseService::Service {
 public:
  explicit CaseServiceImpl(const Engines& engines) : e_(engines) {}

  grpc::Status CreatePupil(grpc::ServerContext* context,
                           const v1::CreatePupilRequest* request,
                           v1::Pupil* response) override;
  grpc::Status GetPupil(grpc::ServerContext* context,
                        const v1::GetPupilRequest* request,
                        v1::Pupil* response) override;
  grpc::Status ListPupils(grpc::ServerContext* context,
                          const v1::ListPupilsRequest* request,
                          v1::ListPupilsResponse* response) override;
  grpc::Status GetJourney(grpc::ServerContext* context,
                          const v1::GetJourneyRequest* request,
                          v1::Journey* response) override;
  grpc::Status ListJourneys(grpc::ServerContext* context,
                            const v1::ListJourneysRequest* request,
                            v1::ListJourneysResponse* response) override;
  grpc::Status RecordEvent(grpc::ServerContext* context,
                           const v1::RecordEventRequest* request,
                           v1::Journey* response) override;
  grpc::Status ListJourneyEvents(
      grpc::ServerContext* context, const v1::ListJourneyEventsRequest* request,
      v1::ListJourneyEventsResponse* response) override;
  grpc::Status ListTasks(grpc::ServerContext* context,
                         const v1::ListTasksRequest* request,
                         v1::ListTasksResponse* response) override;
  grpc::Status CompleteTask(grpc::ServerContext* context,
                            const v1::CompleteTaskRequest* request,
                            v1::Task* response) override;
  grpc::Status PreviewRules(grpc::ServerContext* context,
                            const v1::PreviewRulesRequest* request,
                            v1::PreviewRulesResponse* response) override;
  grpc::Status UpgradeJourneyRules(
      grpc::ServerContext* context,
      const v1::UpgradeJourneyRulesRequest* request,
      v1::UpgradeJourneyRulesResponse* response) override;
  grpc::Status UpdatePupil(grpc::ServerContext* context,
                           const v1::UpdatePupilRequest* request,
                           v1::Pupil* response) override;
  grpc::Status AssignCaseOfficer(grpc::ServerContext* context,
                                 const v1::AssignCaseOfficerRequest* request,
                                 v1::Journey* response) override;
  grpc::Status CreateContact(grpc::ServerContext* context,
                             const v1::CreateContactRequest* request,
                             v1::Contact* response) override;
  grpc::Status ListContacts(grpc::ServerContext* context,
                            const v1::ListContactsRequest* request,
                            v1::ListContactsResponse* response) override;
  grpc::Status DeleteContact(grpc::ServerContext* context,
                             const v1::DeleteContactRequest* request,
                             google::protobuf::Empty* response) override;
  grpc::Status ListAssessments(grpc::ServerContext* context,
                               const v1::ListAssessmentsRequest* request,
                               v1::ListAssessmentsResponse* response) override;
  grpc::Status GetTimelinessReport(
      grpc::ServerContext* context,
      const v1::GetTimelinessReportRequest* request,
      v1::TimelinessReport* response) override;
  grpc::Status GetSen2Return(grpc::ServerContext* context,
                             const v1::GetSen2ReturnRequest* request,
                             v1::Sen2Return* response) override;
  grpc::Status GetChronology(grpc::ServerContext* context,
                             const v1::GetChronologyRequest* request,
                             v1::Chronology* response) override;
  grpc::Status GetFamilyView(grpc::ServerContext* context,
                             const v1::GetFamilyViewRequest* request,
                             v1::FamilyView* response) override;
  grpc::Status CreateSetting(grpc::ServerContext* context,
                             const v1::CreateSettingRequest* request,
                             v1::Setting* response) override;
  grpc::Status ListSettings(grpc::ServerContext* context,
                            const v1::ListSettingsRequest* request,
                            v1::ListSettingsResponse* response) override;
  grpc::Status ListSenRegister(grpc::ServerContext* context,
                               const v1::ListSenRegisterRequest* request,
                               v1::ListSenRegisterResponse* response) override;
  grpc::Status ListReviewsDue(grpc::ServerContext* context,
                              const v1::ListReviewsDueRequest* request,
                              v1::ListReviewsDueResponse* response) override;
  grpc::Status ListCaseloads(grpc::ServerContext* context,
                             const v1::ListCaseloadsRequest* request,
                             v1::ListCaseloadsResponse* response) override;
  grpc::Status ListSettingSummaries(
      grpc::ServerContext* context,
      const v1::ListSettingSummariesRequest* request,
      v1::ListSettingSummariesResponse* response) override;
  grpc::Status ListAuditRecords(
      grpc::ServerContext* context, const v1::ListAuditRecordsRequest* request,
      v1::ListAuditRecordsResponse* response) override;
  // The graduated approach (support_engine.h).
  grpc::Status CreateAgencyReferral(
      grpc::ServerContext* context,
      const v1::CreateAgencyReferralRequest* request,
      v1::AgencyReferral* response) override;
  grpc::Status UpdateAgencyReferral(
      grpc::ServerContext* context,
      const v1::UpdateAgencyReferralRequest* request,
      v1::AgencyReferral* response) override;
  grpc::Status ImportSupportPlanHistory(
      grpc::ServerContext* context,
      const v1::ImportSupportPlanHistoryRequest* request,
      v1::ImportedPlanHistory* response) override;
  grpc::Status CreateIntervention(grpc::ServerContext* context,
                                  const v1::CreateInterventionRequest* request,
                                  v1::Intervention* response) override;
  grpc::Status ListInterventions(
      grpc::ServerContext* context, const v1::ListInterventionsRequest* request,
      v1::ListInterventionsResponse* response) override;
  grpc::Status CreateSupportPlan(grpc::ServerContext* context,
                                 const v1::CreateSupportPlanRequest* request,
                                 v1::SupportPlan* response) override;
  grpc::Status UpdateSupportPlan(grpc::ServerContext* context,
                                 const v1::UpdateSupportPlanRequest* request,
                                 v1::SupportPlan* response) override;
  grpc::Status AgreeSupportPlan(grpc::ServerContext* context,
                                const v1::AgreeSupportPlanRequest* request,
                                v1::SupportPlan* response) override;
  grpc::Status ReviewSupportPlan(
      grpc::ServerContext* context, const v1::ReviewSupportPlanRequest* request,
      v1::ReviewSupportPlanResponse* response) override;
  grpc::Status ListSupportPlans(
      grpc::ServerContext* context, const v1::ListSupportPlansRequest* request,
      v1::ListSupportPlansResponse* response) override;
  grpc::Status CreateInterventionPlace(
      grpc::ServerContext* context,
      const v1::CreateInterventionPlaceRequest* request,
      v1::InterventionPlace* response) override;
  grpc::Status UpdateInterventionPlace(
      grpc::ServerContext* context,
      const v1::UpdateInterventionPlaceRequest* request,
      v1::InterventionPlace* response) override;
  grpc::Status GetProvisionMap(grpc::ServerContext* context,
                               const v1::GetProvisionMapRequest* request,
                               v1::ProvisionMap* response) override;
  grpc::Status GetInterventionEffectiveness(
      grpc::ServerContext* context,
      const v1::GetInterventionEffectivenessRequest* request,
      v1::InterventionEffectiveness* response) override;
  grpc::Status WatchAlerts(grpc::ServerContext* context,
                           const v1::WatchAlertsRequest* request,
                           grpc::ServerWriter<v1::Alert>* writer) override;
  grpc::Status WatchEvents(
      grpc::ServerContext* context, const v1::WatchEventsRequest* request,
      grpc::ServerWriter<v1::WatchEventsResponse>* writer) override;

 private:
  // Authenticates, runs `call(principal)` and moves its value into
  // `response`; audits the call as `method`; maps any error. A call whose
  // audit record cannot be written fails (UNAVAILABLE) and returns nothing.
  template <typename Request, typename Response, typename Call>
  grpc::Status Handle(absl::string_view method, grpc::ServerContext* context,
                      const Request& request, Response* response, Call call);
  // A server stream: authenticates, authorises `m`, takes a place in the
  // stream registry (RESOURCE_EXHAUSTED beyond its limits), audits the start
  // and runs `run(session)`; an error that ends a running stream (e.g. its
  // token revoked) is audited too.
  template <typename Request, typename Run>
  grpc::Status Stream(absl::string_view method, auth::Method m,
                      grpc::ServerContext* context, const Request& request,
                      Run run);
  absl::StatusOr<auth::Principal> Authenticate(grpc::ServerContext* context);
  // Audits a call that could not be authenticated: refusals for want of a
  // credential through the RefusalLedger (counted per peer and minute),
  // anything else (the token store unavailable) as a record of its own.
  void AuditUnauthenticated(grpc::ServerContext* context,
                            absl::string_view method,
                            const google::protobuf::Message& request,
                            const absl::Status& outcome);
  absl::Status Audit(const auth::Principal* caller, absl::string_view method,
                     const google::protobuf::Message& request,
                     const google::protobuf::Message* response,
                     const absl::Status& outcome);

  Engines e_;
};

}  // namespace sendcase::casework

#endif  // SENDCASE_SERVICES_CASEWORK_CASE_SERVICE_H_
