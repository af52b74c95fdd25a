#ifndef SENDCASE_CLIENTS_CASE_CLIENT_H_
#define SENDCASE_CLIENTS_CASE_CLIENT_H_

// CaseClient: a typed wrapper over the sendcase.v1.CaseService stub. Adds
// the bearer token and a per-call deadline, and returns absl::StatusOr with
// the server's canonical code and message. Thread-safe (the stub is).

#include <grpcpp/grpcpp.h>

#include <chrono>
#include <functional>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "sendcase/v1/case_service.grpc.pb.h"

namespace sendcase::client {

class CaseClient {
 public:
  CaseClient(std::shared_ptr<grpc::Channel> channel, std::string token,
             std::chrono::milliseconds timeout = std::chrono::seconds(30))
      : stub_(v1::CaseService::NewStub(std::move(channel))),
        token_(std::move(token)),
        timeout_(timeout) {}

  absl::StatusOr<v1::Pupil> CreatePupil(const v1::CreatePupilRequest& r);
  absl::StatusOr<v1::Pupil> GetPupil(const v1::GetPupilRequest& r);
  absl::StatusOr<v1::ListPupilsResponse> ListPupils(
      const v1::ListPupilsRequest& r);
  absl::StatusOr<v1::Journey> GetJourney(const v1::GetJourneyRequest& r);
  absl::StatusOr<v1::ListJourneysResponse> ListJourneys(
      const v1::ListJourneysRequest& r);
  absl::StatusOr<v1::Journey> RecordEvent(const v1::RecordEventRequest& r);
  absl::StatusOr<v1::ListJourneyEventsResponse> ListJourneyEvents(
      const v1::ListJourneyEventsRequest& r);
  absl::StatusOr<v1::ListTasksResponse> ListTasks(
      const v1::ListTasksRequest& r);
  absl::StatusOr<v1::Task> CompleteTask(const v1::CompleteTaskRequest& r);
  absl::StatusOr<v1::PreviewRulesResponse> PreviewRules(
      const v1::PreviewRulesRequest& r);
  absl::StatusOr<v1::UpgradeJourneyRulesResponse> UpgradeJourneyRules(
      const v1::UpgradeJourneyRulesRequest& r);
  absl::StatusOr<v1::Contact> CreateContact(const v1::CreateContactRequest& r);
  absl::StatusOr<v1::ListContactsResponse> ListContacts(
      const v1::ListContactsRequest& r);
  absl::StatusOr<google::protobuf::Empty> DeleteContact(
      const v1::DeleteContactRequest& r);
  absl::StatusOr<v1::ListAssessmentsResponse> ListAssessments(
      const v1::ListAssessmentsRequest& r);
  absl::StatusOr<v1::TimelinessReport> GetTimelinessReport(
      const v1::GetTimelinessReportRequest& r);
  absl::StatusOr<v1::Sen2Return> GetSen2Return(
      const v1::GetSen2ReturnRequest& r);
  absl::StatusOr<v1::Chronology> GetChronology(
      const v1::GetChronologyRequest& r);
  absl::StatusOr<v1::FamilyView> GetFamilyView(
      const v1::GetFamilyViewRequest& r);
  absl::StatusOr<v1::Setting> CreateSetting(const v1::CreateSettingRequest& r);
  absl::StatusOr<v1::ListSettingsResponse> ListSettings(
      const v1::ListSettingsRequest& r);
  absl::StatusOr<v1::Pupil> UpdatePupil(const v1::UpdatePupilRequest& r);
  absl::StatusOr<v1::Journey> AssignCaseOfficer(
      const v1::AssignCaseOfficerRequest& r);
  absl::StatusOr<v1::ListSenRegisterResponse> ListSenRegister(
      const v1::ListSenRegisterRequest& r);
  absl::StatusOr<v1::ListReviewsDueResponse> ListReviewsDue(
      const v1::ListReviewsDueRequest& r);
  absl::StatusOr<v1::ListCaseloadsResponse> ListCaseloads(
      const v1::ListCaseloadsRequest& r);
  absl::StatusOr<v1::ListSettingSummariesResponse> ListSettingSummaries(
      const v1::ListSettingSummariesRequest& r);
  absl::StatusOr<v1::ListAuditRecordsResponse> ListAuditRecords(
      const v1::ListAuditRecordsRequest& r);
  // The graduated approach (support.proto).
  absl::StatusOr<v1::AgencyReferral> CreateAgencyReferral(
      const v1::CreateAgencyReferralRequest& r);
  absl::StatusOr<v1::AgencyReferral> UpdateAgencyReferral(
      const v1::UpdateAgencyReferralRequest& r);
  absl::StatusOr<v1::ImportedPlanHistory> ImportSupportPlanHistory(
      const v1::ImportSupportPlanHistoryRequest& r);
  absl::StatusOr<v1::Intervention> CreateIntervention(
      const v1::CreateInterventionRequest& r);
  absl::StatusOr<v1::ListInterventionsResponse> ListInterventions(
      const v1::ListInterventionsRequest& r);
  absl::StatusOr<v1::SupportPlan> CreateSupportPlan(
      const v1::CreateSupportPlanRequest& r);
  absl::StatusOr<v1::SupportPlan> UpdateSupportPlan(
      const v1::UpdateSupportPlanRequest& r);
  absl::StatusOr<v1::SupportPlan> AgreeSupportPlan(
      const v1::AgreeSupportPlanRequest& r);
  absl::StatusOr<v1::ReviewSupportPlanResponse> ReviewSupportPlan(
      const v1::ReviewSupportPlanRequest& r);
  absl::StatusOr<v1::ListSupportPlansResponse> ListSupportPlans(
      const v1::ListSupportPlansRequest& r);
  absl::StatusOr<v1::InterventionPlace> CreateInterventionPlace(
      const v1::CreateInterventionPlaceRequest& r);
  absl::StatusOr<v1::InterventionPlace> UpdateInterventionPlace(
      const v1::UpdateInterventionPlaceRequest& r);
  absl::StatusOr<v1::ProvisionMap> GetProvisionMap(
      const v1::GetProvisionMapRequest& r);
  absl::StatusOr<v1::InterventionEffectiveness> GetInterventionEffectiveness(
      const v1::GetInterventionEffectivenessRequest& r);

  // Streams alerts to `on_alert` until it returns false (then OK) or the
  // stream fails. No deadline: a watch is meant to stay open.
  absl::Status WatchAlerts(
      const v1::WatchAlertsRequest& r,
      const std::function<bool(const v1::Alert&)>& on_alert);

 private:
  template <typename Request, typename Response, typename Method>
  absl::StatusOr<Response> Call(Method method, const Request& request);

  std::unique_ptr<v1::CaseService::Stub> stub_;
  std::string token_;
  std::chrono::milliseconds timeout_;
};

// How to reach the server: plaintext, or TLS verified against `ca_file`
// (the system roots when empty), optionally with a client certificate for
// mTLS. Files are PEM.
struct ChannelSecurity {
  bool tls = false;
  std::string ca_file;
  std::string cert_file;
  std::string key_file;
};

// The plaintext channel for "host:port".
std::shared_ptr<grpc::Channel> Connect(const std::string& target);
// InvalidArgument naming the option when a file cannot be read.
absl::StatusOr<std::shared_ptr<grpc::Channel>> Connect(
    const std::string& target, const ChannelSecurity& security);

}  // namespace sendcase::client

#endif  // SENDCASE_CLIENTS_CASE_CLIENT_H_
