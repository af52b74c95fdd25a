#include "services/casework/case_service.h"

#include <cstdio>
#include <string>

#include "absl/strings/str_cat.h"
#include "services/casework/grpc_status.h"
#include "services/common/cancellation.h"
#include "services/common/log_limit.h"
#include "services/storage/call_audit.h"

namespace sendcase::casework {

absl::StatusOr<auth::Principal> CaseServiceImpl::Authenticate(
    grpc::ServerContext* context) {
  const auto& metadata = context->client_metadata();
  const auto it = metadata.find("authorization");
  const std::string authorization =
      it == metadata.end() ? ""
                           : std::string(it->second.data(), it->second.size());
  return e_.authenticator.Authenticate(authorization);
}

absl::Status CaseServiceImpl::Audit(const auth::Principal* caller,
                                    absl::string_view method,
                                    const google::protobuf::Message& request,
                                    const google::protobuf::Message* response,
                                    const absl::Status& outcome) {
  absl::Status written =
      e_.audit.Record(caller, method, request, response, outcome);
  if (written.ok()) return written;
  // No call goes unaudited: the caller gets UNAVAILABLE instead of its
  // answer (a write already committed is replayed to a retry with the same
  // request_id). Resource names only in the log.
  LogLimited(absl::StrCat("audit record of ", method,
                          " not written: ", written.ToString()));
  return absl::UnavailableError(
      "the audit trail cannot be written; nothing is returned unaudited, "
      "retry later");
}

void CaseServiceImpl::AuditUnauthenticated(
    grpc::ServerContext* context, absl::string_view method,
    const google::protobuf::Message& request, const absl::Status& outcome) {
  absl::Status written =
      absl::IsUnauthenticated(outcome)
          ? e_.refusals.Refused(context->peer(), method,
                                ResourceOf(request, nullptr), outcome)
          : e_.audit.Record(nullptr, method, request, nullptr, outcome);
  if (!written.ok()) {
    LogLimited(absl::StrCat("audit record of a refused ", method,
                            " not written: ", written.ToString()));
  }
}

template <typename Request, typename Response, typename Call>
grpc::Status CaseServiceImpl::Handle(absl::string_view method,
                                     grpc::ServerContext* context,
                                     const Request& request, Response* response,
                                     Call call) {
  absl::StatusOr<auth::Principal> principal = Authenticate(context);
  if (!principal.ok()) {
    AuditUnauthenticated(context, method, request, principal.status());
    return ToGrpcStatus(principal.status());
  }
  // A view's query stops when its caller cancels or its deadline passes.
  // (Only reader connections heed it: writes are never interrupted.)
  CancellationScope scope([context] { return context->IsCancelled(); });
  // A write commits this row with itself (call_audit.h); otherwise, or if
  // the call failed after its write, the row is appended here.
  storage::CallAudit row(
      e_.audit.Row(&*principal, method, request, nullptr, absl::OkStatus()));
  auto result = call(*principal);
  if (!row.written() || !result.ok()) {
    absl::Status audited =
        Audit(&*principal, method, request, result.ok() ? &*result : nullptr,
              result.status());
    if (!audited.ok()) return ToGrpcStatus(audited);
  }
  if (!result.ok()) return ToGrpcStatus(result.status());
  *response = *std::move(result);
  return grpc::Status::OK;
}

template <typename Request, typename Run>
grpc::Status CaseServiceImpl::Stream(absl::string_view method, auth::Method m,
                                     grpc::ServerContext* context,
                                     const Request& request, Run run) {
  absl::StatusOr<auth::Principal> principal = Authenticate(context);
  if (!principal.ok()) {
    AuditUnauthenticated(context, method, request, principal.status());
    return ToGrpcStatus(principal.status());
  }
  const absl::Status allowed = auth::AuthorizeMethod(*principal, m);
  absl::StatusOr<std::unique_ptr<StreamSession>> session =
      allowed.ok()
          ? e_.streams.Open(*principal,
                            [this, context] { return Authenticate(context); })
          : allowed;
  const absl::Status audited =
      Audit(&*principal, method, request, nullptr, session.status());
  if (!audited.ok()) return ToGrpcStatus(audited);
  if (!session.ok()) return ToGrpcStatus(session.status());
  const absl::Status ended = run(**session);
  if (!ended.ok()) {
    // Audit() logs a row it could not write; the stream has ended anyway.
    Audit(&(*session)->principal(), method, request, nullptr, ended)
        .IgnoreError();
  }
  return ToGrpcStatus(ended);
}

// One unary handler: authenticate, call `engine.Method`, audit, map.
#define SENDCASE_UNARY(Method, Request, Response, engine)            \
  grpc::Status CaseServiceImpl::Method(grpc::ServerContext* context, \
                                       const v1::Request* request,   \
                                       Response* response) {         \
    return Handle(#Method, context, *request, response,              \
                  [&](const auth::Principal& p) {                    \
                    return e_.engine.Method(p, *request);            \
                  });                                                \
  }

SENDCASE_UNARY(CreatePupil, CreatePupilRequest, v1::Pupil, engine)
SENDCASE_UNARY(GetPupil, GetPupilRequest, v1::Pupil, engine)
SENDCASE_UNARY(ListPupils, ListPupilsRequest, v1::ListPupilsResponse, engine)
SENDCASE_UNARY(GetJourney, GetJourneyRequest, v1::Journey, engine)
SENDCASE_UNARY(ListJourneys, ListJourneysRequest, v1::ListJourneysResponse,
               engine)
SENDCASE_UNARY(RecordEvent, RecordEventRequest, v1::Journey, engine)
SENDCASE_UNARY(ListJourneyEvents, ListJourneyEventsRequest,
               v1::ListJourneyEventsResponse, engine)
SENDCASE_UNARY(ListTasks, ListTasksRequest, v1::ListTasksResponse, engine)
SENDCASE_UNARY(CompleteTask, CompleteTaskRequest, v1::Task, engine)
SENDCASE_UNARY(PreviewRules, PreviewRulesRequest, v1::PreviewRulesResponse,
               engine)
SENDCASE_UNARY(UpgradeJourneyRules, UpgradeJourneyRulesRequest,
               v1::UpgradeJourneyRulesResponse, engine)
SENDCASE_UNARY(UpdatePupil, UpdatePupilRequest, v1::Pupil, engine)
SENDCASE_UNARY(AssignCaseOfficer, AssignCaseOfficerRequest, v1::Journey, engine)
SENDCASE_UNARY(CreateContact, CreateContactRequest, v1::Contact, alerts)
SENDCASE_UNARY(ListContacts, ListContactsRequest, v1::ListContactsResponse,
               alerts)
SENDCASE_UNARY(DeleteContact, DeleteContactRequest, google::protobuf::Empty,
               alerts)
SENDCASE_UNARY(ListAssessments, ListAssessmentsRequest,
               v1::ListAssessmentsResponse, views)
SENDCASE_UNARY(GetTimelinessReport, GetTimelinessReportRequest,
               v1::TimelinessReport, views)
SENDCASE_UNARY(GetSen2Return, GetSen2ReturnRequest, v1::Sen2Return, views)
SENDCASE_UNARY(GetChronology, GetChronologyRequest, v1::Chronology, views)
SENDCASE_UNARY(GetFamilyView, GetFamilyViewRequest, v1::FamilyView, engine)
SENDCASE_UNARY(CreateSetting, CreateSettingRequest, v1::Setting, settings)
SENDCASE_UNARY(ListSettings, ListSettingsRequest, v1::ListSettingsResponse,
               settings)
SENDCASE_UNARY(ListSenRegister, ListSenRegisterRequest,
               v1::ListSenRegisterResponse, registers)
SENDCASE_UNARY(ListReviewsDue, ListReviewsDueRequest,
               v1::ListReviewsDueResponse, registers)
SENDCASE_UNARY(ListCaseloads, ListCaseloadsRequest, v1::ListCaseloadsResponse,
               registers)
SENDCASE_UNARY(ListSettingSummaries, ListSettingSummariesRequest,
               v1::ListSettingSummariesResponse, registers)
SENDCASE_UNARY(ListAuditRecords, ListAuditRecordsRequest,
               v1::ListAuditRecordsResponse, audit)
SENDCASE_UNARY(CreateIntervention, CreateInterventionRequest, v1::Intervention,
               support)
SENDCASE_UNARY(ListInterventions, ListInterventionsRequest,
               v1::ListInterventionsResponse, support)
SENDCASE_UNARY(CreateSupportPlan, CreateSupportPlanRequest, v1::SupportPlan,
               support)
SENDCASE_UNARY(UpdateSupportPlan, UpdateSupportPlanRequest, v1::SupportPlan,
               support)
SENDCASE_UNARY(AgreeSupportPlan, AgreeSupportPlanRequest, v1::SupportPlan,
               support)
SENDCASE_UNARY(ReviewSupportPlan, ReviewSupportPlanRequest,
               v1::ReviewSupportPlanResponse, support)
SENDCASE_UNARY(ListSupportPlans, ListSupportPlansRequest,
               v1::ListSupportPlansResponse, support)
SENDCASE_UNARY(CreateInterventionPlace, CreateInterventionPlaceRequest,
               v1::InterventionPlace, support)
SENDCASE_UNARY(UpdateInterventionPlace, UpdateInterventionPlaceRequest,
               v1::InterventionPlace, support)
SENDCASE_UNARY(GetProvisionMap, GetProvisionMapRequest, v1::ProvisionMap,
               support)
SENDCASE_UNARY(GetInterventionEffectiveness,
               GetInterventionEffectivenessRequest,
               v1::InterventionEffectiveness, support)
SENDCASE_UNARY(CreateAgencyReferral, CreateAgencyReferralRequest,
               v1::AgencyReferral, support)
SENDCASE_UNARY(UpdateAgencyReferral, UpdateAgencyReferralRequest,
               v1::AgencyReferral, support)
SENDCASE_UNARY(ImportSupportPlanHistory, ImportSupportPlanHistoryRequest,
               v1::ImportedPlanHistory, support)

#undef SENDCASE_UNARY

grpc::Status CaseServiceImpl::WatchAlerts(
    grpc::ServerContext* context, const v1::WatchAlertsRequest* request,
    grpc::ServerWriter<v1::Alert>* writer) {
  return Stream("WatchAlerts", auth::Method::kWatchAlerts, context, *request,
                [&](StreamSession& session) {
                  return e_.alerts.WatchAlerts(
                      session, *request,
                      [writer](const v1::Alert& a) { return writer->Write(a); },
                      [context] { return context->IsCancelled(); });
                });
}

grpc::Status CaseServiceImpl::WatchEvents(
    grpc::ServerContext* context, const v1::WatchEventsRequest* request,
    grpc::ServerWriter<v1::WatchEventsResponse>* writer) {
  return Stream("WatchEvents", auth::Method::kWatchEvents, context, *request,
                [&](StreamSession& session) {
                  return e_.feed.WatchEvents(
                      session, *request,
                      [writer](const v1::WatchEventsResponse& m) {
                        return writer->Write(m);
                      },
                      [context] { return context->IsCancelled(); });
                });
}

}  // namespace sendcase::casework
