#include "clients/case_client.h"

#include <grpc/support/time.h>

#include <fstream>
#include <sstream>

namespace sendcase::client {

template <typename Request, typename Response, typename Method>
absl::StatusOr<Response> CaseClient::Call(Method method,
                                          const Request& request) {
  grpc::ClientContext context;
  // A monotonic transport deadline, not domain time.
  context.set_deadline(
      gpr_time_add(gpr_now(GPR_CLOCK_MONOTONIC),
                   gpr_time_from_millis(timeout_.count(), GPR_TIMESPAN)));
  if (!token_.empty()) context.AddMetadata("authorization", "Bearer " + token_);
  Response response;
  const grpc::Status status = ((*stub_).*method)(&context, request, &response);
  if (!status.ok()) {
    return absl::Status(static_cast<absl::StatusCode>(status.error_code()),
                        status.error_message());
  }
  return response;
}

#define SENDCASE_CLIENT_METHOD(Name, Request, Response)                      \
  absl::StatusOr<v1::Response> CaseClient::Name(const v1::Request& r) {      \
    return Call<v1::Request, v1::Response>(&v1::CaseService::Stub::Name, r); \
  }

SENDCASE_CLIENT_METHOD(CreatePupil, CreatePupilRequest, Pupil)
SENDCASE_CLIENT_METHOD(GetPupil, GetPupilRequest, Pupil)
SENDCASE_CLIENT_METHOD(ListPupils, ListPupilsRequest, ListPupilsResponse)
SENDCASE_CLIENT_METHOD(GetJourney, GetJourneyRequest, Journey)
SENDCASE_CLIENT_METHOD(ListJourneys, ListJourneysRequest, ListJourneysResponse)
SENDCASE_CLIENT_METHOD(RecordEvent, RecordEventRequest, Journey)
SENDCASE_CLIENT_METHOD(ListJourneyEvents, ListJourneyEventsRequest,
                       ListJourneyEventsResponse)
SENDCASE_CLIENT_METHOD(ListTasks, ListTasksRequest, ListTasksResponse)
SENDCASE_CLIENT_METHOD(CompleteTask, CompleteTaskRequest, Task)
SENDCASE_CLIENT_METHOD(PreviewRules, PreviewRulesRequest, PreviewRulesResponse)
SENDCASE_CLIENT_METHOD(UpgradeJourneyRules, UpgradeJourneyRulesRequest,
                       UpgradeJourneyRulesResponse)
SENDCASE_CLIENT_METHOD(CreateContact, CreateContactRequest, Contact)
SENDCASE_CLIENT_METHOD(ListContacts, ListContactsRequest, ListContactsResponse)
SENDCASE_CLIENT_METHOD(ListAssessments, ListAssessmentsRequest,
                       ListAssessmentsResponse)
SENDCASE_CLIENT_METHOD(GetTimelinessReport, GetTimelinessReportRequest,
                       TimelinessReport)
SENDCASE_CLIENT_METHOD(GetSen2Return, GetSen2ReturnRequest, Sen2Return)
SENDCASE_CLIENT_METHOD(GetChronology, GetChronologyRequest, Chronology)
SENDCASE_CLIENT_METHOD(GetFamilyView, GetFamilyViewRequest, FamilyView)
SENDCASE_CLIENT_METHOD(CreateSetting, CreateSettingRequest, Setting)
SENDCASE_CLIENT_METHOD(ListSettings, ListSettingsRequest, ListSettingsResponse)
SENDCASE_CLIENT_METHOD(UpdatePupil, UpdatePupilRequest, Pupil)
SENDCASE_CLIENT_METHOD(AssignCaseOfficer, AssignCaseOfficerRequest, Journey)
SENDCASE_CLIENT_METHOD(ListSenRegister, ListSenRegisterRequest,
                       ListSenRegisterResponse)
SENDCASE_CLIENT_METHOD(ListReviewsDue, ListReviewsDueRequest,
                       ListReviewsDueResponse)
SENDCASE_CLIENT_METHOD(ListCaseloads, ListCaseloadsRequest,
                       ListCaseloadsResponse)
SENDCASE_CLIENT_METHOD(ListSettingSummaries, ListSettingSummariesRequest,
                       ListSettingSummariesResponse)
SENDCASE_CLIENT_METHOD(ListAuditRecords, ListAuditRecordsRequest,
                       ListAuditRecordsResponse)
SENDCASE_CLIENT_METHOD(CreateAgencyReferral, CreateAgencyReferralRequest,
                       AgencyReferral)
SENDCASE_CLIENT_METHOD(UpdateAgencyReferral, UpdateAgencyReferralRequest,
                       AgencyReferral)
SENDCASE_CLIENT_METHOD(ImportSupportPlanHistory,
                       ImportSupportPlanHistoryRequest, ImportedPlanHistory)
SENDCASE_CLIENT_METHOD(CreateIntervention, CreateInterventionRequest,
                       Intervention)
SENDCASE_CLIENT_METHOD(ListInterventions, ListInterventionsRequest,
                       ListInterventionsResponse)
SENDCASE_CLIENT_METHOD(CreateSupportPlan, CreateSupportPlanRequest, SupportPlan)
SENDCASE_CLIENT_METHOD(UpdateSupportPlan, UpdateSupportPlanRequest, SupportPlan)
SENDCASE_CLIENT_METHOD(AgreeSupportPlan, AgreeSupportPlanRequest, SupportPlan)
SENDCASE_CLIENT_METHOD(ReviewSupportPlan, ReviewSupportPlanRequest,
                       ReviewSupportPlanResponse)
SENDCASE_CLIENT_METHOD(ListSupportPlans, ListSupportPlansRequest,
                       ListSupportPlansResponse)
SENDCASE_CLIENT_METHOD(CreateInterventionPlace, CreateInterventionPlaceRequest,
                       InterventionPlace)
SENDCASE_CLIENT_METHOD(UpdateInterventionPlace, UpdateInterventionPlaceRequest,
                       InterventionPlace)
SENDCASE_CLIENT_METHOD(GetProvisionMap, GetProvisionMapRequest, ProvisionMap)
SENDCASE_CLIENT_METHOD(GetInterventionEffectiveness,
                       GetInterventionEffectivenessRequest,
                       InterventionEffectiveness)

absl::StatusOr<google::protobuf::Empty> CaseClient::DeleteContact(
    const v1::DeleteContactRequest& r) {
  return Call<v1::DeleteContactRequest, google::protobuf::Empty>(
      &v1::CaseService::Stub::DeleteContact, r);
}

absl::Status CaseClient::WatchAlerts(
    const v1::WatchAlertsRequest& r,
    const std::function<bool(const v1::Alert&)>& on_alert) {
  grpc::ClientContext context;
  if (!token_.empty()) context.AddMetadata("authorization", "Bearer " + token_);
  std::unique_ptr<grpc::ClientReader<v1::Alert>> reader =
      stub_->WatchAlerts(&context, r);
  v1::Alert alert;
  while (reader->Read(&alert)) {
    if (!on_alert(alert)) {
      context.TryCancel();
      reader->Finish().ok();  // the cancellation status is expected
      return absl::OkStatus();
    }
  }
  const grpc::Status status = reader->Finish();
  if (status.ok()) return absl::OkStatus();
  return absl::Status(static_cast<absl::StatusCode>(status.error_code()),
                      status.error_message());
}

#undef SENDCASE_CLIENT_METHOD

std::shared_ptr<grpc::Channel> Connect(const std::string& target) {
  return grpc::CreateChannel(target, grpc::InsecureChannelCredentials());
}

namespace {

absl::StatusOr<std::string> ReadFile(const std::string& path,
                                     const char* option) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return absl::InvalidArgumentError(
        absl::StrCat(option, ": cannot read ", path));
  }
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

absl::StatusOr<std::shared_ptr<grpc::Channel>> Connect(
    const std::string& target, const ChannelSecurity& security) {
  const bool tls =
      security.tls || !security.ca_file.empty() || !security.cert_file.empty();
  if (!tls) return Connect(target);
  if (security.cert_file.empty() != security.key_file.empty()) {
    return absl::InvalidArgumentError(
        "--tls-cert and --tls-key go together (a client certificate)");
  }
  grpc::SslCredentialsOptions ssl;
  if (!security.ca_file.empty()) {
    auto ca = ReadFile(security.ca_file, "--tls-ca");
    if (!ca.ok()) return ca.status();
    ssl.pem_root_certs = *ca;
  }
  if (!security.cert_file.empty()) {
    auto cert = ReadFile(security.cert_file, "--tls-cert");
    if (!cert.ok()) return cert.status();
    auto key = ReadFile(security.key_file, "--tls-key");
    if (!key.ok()) return key.status();
    ssl.pem_cert_chain = *cert;
    ssl.pem_private_key = *key;
  }
  return grpc::CreateChannel(target, grpc::SslCredentials(ssl));
}

}  // namespace sendcase::client
