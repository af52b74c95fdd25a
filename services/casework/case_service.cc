#include "services/casework/case_service.h"

#include <cstdio>
#include <string>

#include "services/casework/grpc_status.h"

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

void CaseServiceImpl::Audit(const auth::Principal* caller,
                            absl::string_view method,
                            const google::protobuf::Message& request,
                            const google::protobuf::Message* response,
                            const absl::Status& outcome) {
  // The call's own effect is already committed; a lost audit row is
  // reported loudly (resource names only) rather than undoing it.
  absl::Status written =
      e_.audit.Record(caller, method, request, response, outcome);
  if (!written.ok()) {
    fprintf(stderr, "sendcased: audit record of %s lost: %s\n",
            std::string(method).c_str(), written.ToString().c_str());
  }
}

template <typename Request, typename Response, typename Call>
grpc::Status CaseServiceImpl::Handle(absl::string_view method,
                                     grpc::ServerContext* context,
                                     const Request& request, Response* response,
                                     Call call) {
  absl::StatusOr<auth::Principal> principal = Authenticate(context);
  if (!principal.ok()) {
    Audit(nullptr, method, request, nullptr, principal.status());
    return ToGrpcStatus(principal.status());
  }
  auto result = call(*principal);
  Audit(&*principal, method, request, result.ok() ? &*result : nullptr,
        result.status());
  if (!result.ok()) return ToGrpcStatus(result.status());
  *response = *std::move(result);
  return grpc::Status::OK;
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
SENDCASE_UNARY(GetChronology, GetChronologyRequest, v1::Chronology, views)
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

#undef SENDCASE_UNARY

grpc::Status CaseServiceImpl::WatchAlerts(
    grpc::ServerContext* context, const v1::WatchAlertsRequest* request,
    grpc::ServerWriter<v1::Alert>* writer) {
  absl::StatusOr<auth::Principal> principal = Authenticate(context);
  if (!principal.ok()) {
    Audit(nullptr, "WatchAlerts", *request, nullptr, principal.status());
    return ToGrpcStatus(principal.status());
  }
  // Audited when the watch starts; its end is the client's business.
  Audit(&*principal, "WatchAlerts", *request, nullptr,
        auth::AuthorizeMethod(*principal, auth::Method::kWatchAlerts));
  return ToGrpcStatus(e_.alerts.WatchAlerts(
      *principal, *request,
      [writer](const v1::Alert& alert) { return writer->Write(alert); },
      [context] { return context->IsCancelled(); }));
}

grpc::Status CaseServiceImpl::WatchEvents(
    grpc::ServerContext* context, const v1::WatchEventsRequest* request,
    grpc::ServerWriter<v1::WatchEventsResponse>* writer) {
  absl::StatusOr<auth::Principal> principal = Authenticate(context);
  if (!principal.ok()) {
    Audit(nullptr, "WatchEvents", *request, nullptr, principal.status());
    return ToGrpcStatus(principal.status());
  }
  // Audited when the watch starts, as WatchAlerts.
  Audit(&*principal, "WatchEvents", *request, nullptr,
        auth::AuthorizeMethod(*principal, auth::Method::kWatchEvents));
  return ToGrpcStatus(e_.feed.WatchEvents(
      *principal, *request,
      [writer](const v1::WatchEventsResponse& m) { return writer->Write(m); },
      [context] { return context->IsCancelled(); }));
}

}  // namespace sendcase::casework
