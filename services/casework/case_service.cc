#include "services/casework/case_service.h"

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
  return authenticator_.Authenticate(authorization);
}

template <typename Response, typename Call>
grpc::Status CaseServiceImpl::Handle(grpc::ServerContext* context,
                                     Response* response, Call call) {
  absl::StatusOr<auth::Principal> principal = Authenticate(context);
  if (!principal.ok()) return ToGrpcStatus(principal.status());
  auto result = call(*principal);
  if (!result.ok()) return ToGrpcStatus(result.status());
  *response = *std::move(result);
  return grpc::Status::OK;
}

grpc::Status CaseServiceImpl::CreatePupil(grpc::ServerContext* context,
                                          const v1::CreatePupilRequest* request,
                                          v1::Pupil* response) {
  return Handle(context, response, [&](const auth::Principal& p) {
    return engine_.CreatePupil(p, *request);
  });
}

grpc::Status CaseServiceImpl::GetPupil(grpc::ServerContext* context,
                                       const v1::GetPupilRequest* request,
                                       v1::Pupil* response) {
  return Handle(context, response, [&](const auth::Principal& p) {
    return engine_.GetPupil(p, *request);
  });
}

grpc::Status CaseServiceImpl::ListPupils(grpc::ServerContext* context,
                                         const v1::ListPupilsRequest* request,
                                         v1::ListPupilsResponse* response) {
  return Handle(context, response, [&](const auth::Principal& p) {
    return engine_.ListPupils(p, *request);
  });
}

grpc::Status CaseServiceImpl::GetJourney(grpc::ServerContext* context,
                                         const v1::GetJourneyRequest* request,
                                         v1::Journey* response) {
  return Handle(context, response, [&](const auth::Principal& p) {
    return engine_.GetJourney(p, *request);
  });
}

grpc::Status CaseServiceImpl::ListJourneys(
    grpc::ServerContext* context, const v1::ListJourneysRequest* request,
    v1::ListJourneysResponse* response) {
  return Handle(context, response, [&](const auth::Principal& p) {
    return engine_.ListJourneys(p, *request);
  });
}

grpc::Status CaseServiceImpl::RecordEvent(grpc::ServerContext* context,
                                          const v1::RecordEventRequest* request,
                                          v1::Journey* response) {
  return Handle(context, response, [&](const auth::Principal& p) {
    return engine_.RecordEvent(p, *request);
  });
}

grpc::Status CaseServiceImpl::ListJourneyEvents(
    grpc::ServerContext* context, const v1::ListJourneyEventsRequest* request,
    v1::ListJourneyEventsResponse* response) {
  return Handle(context, response, [&](const auth::Principal& p) {
    return engine_.ListJourneyEvents(p, *request);
  });
}

grpc::Status CaseServiceImpl::ListTasks(grpc::ServerContext* context,
                                        const v1::ListTasksRequest* request,
                                        v1::ListTasksResponse* response) {
  return Handle(context, response, [&](const auth::Principal& p) {
    return engine_.ListTasks(p, *request);
  });
}

grpc::Status CaseServiceImpl::CompleteTask(
    grpc::ServerContext* context, const v1::CompleteTaskRequest* request,
    v1::Task* response) {
  return Handle(context, response, [&](const auth::Principal& p) {
    return engine_.CompleteTask(p, *request);
  });
}

grpc::Status CaseServiceImpl::PreviewRules(
    grpc::ServerContext* context, const v1::PreviewRulesRequest* request,
    v1::PreviewRulesResponse* response) {
  return Handle(context, response, [&](const auth::Principal& p) {
    return engine_.PreviewRules(p, *request);
  });
}

grpc::Status CaseServiceImpl::CreateContact(
    grpc::ServerContext* context, const v1::CreateContactRequest* request,
    v1::Contact* response) {
  return Handle(context, response, [&](const auth::Principal& p) {
    return alerts_.CreateContact(p, *request);
  });
}

grpc::Status CaseServiceImpl::ListContacts(
    grpc::ServerContext* context, const v1::ListContactsRequest* request,
    v1::ListContactsResponse* response) {
  return Handle(context, response, [&](const auth::Principal& p) {
    return alerts_.ListContacts(p, *request);
  });
}

grpc::Status CaseServiceImpl::DeleteContact(
    grpc::ServerContext* context, const v1::DeleteContactRequest* request,
    google::protobuf::Empty* response) {
  return Handle(context, response, [&](const auth::Principal& p) {
    return alerts_.DeleteContact(p, *request);
  });
}

grpc::Status CaseServiceImpl::WatchAlerts(
    grpc::ServerContext* context, const v1::WatchAlertsRequest* request,
    grpc::ServerWriter<v1::Alert>* writer) {
  absl::StatusOr<auth::Principal> principal = Authenticate(context);
  if (!principal.ok()) return ToGrpcStatus(principal.status());
  return ToGrpcStatus(alerts_.WatchAlerts(
      *principal, *request,
      [writer](const v1::Alert& alert) { return writer->Write(alert); },
      [context] { return context->IsCancelled(); }));
}

grpc::Status CaseServiceImpl::ListAssessments(
    grpc::ServerContext* context, const v1::ListAssessmentsRequest* request,
    v1::ListAssessmentsResponse* response) {
  return Handle(context, response, [&](const auth::Principal& p) {
    return views_.ListAssessments(p, *request);
  });
}

grpc::Status CaseServiceImpl::GetTimelinessReport(
    grpc::ServerContext* context, const v1::GetTimelinessReportRequest* request,
    v1::TimelinessReport* response) {
  return Handle(context, response, [&](const auth::Principal& p) {
    return views_.GetTimelinessReport(p, *request);
  });
}

grpc::Status CaseServiceImpl::GetChronology(
    grpc::ServerContext* context, const v1::GetChronologyRequest* request,
    v1::Chronology* response) {
  return Handle(context, response, [&](const auth::Principal& p) {
    return views_.GetChronology(p, *request);
  });
}

grpc::Status CaseServiceImpl::CreateSetting(
    grpc::ServerContext* context, const v1::CreateSettingRequest* request,
    v1::Setting* response) {
  return Handle(context, response, [&](const auth::Principal& p) {
    return settings_.CreateSetting(p, *request);
  });
}

grpc::Status CaseServiceImpl::ListSettings(
    grpc::ServerContext* context, const v1::ListSettingsRequest* request,
    v1::ListSettingsResponse* response) {
  return Handle(context, response, [&](const auth::Principal& p) {
    return settings_.ListSettings(p, *request);
  });
}

grpc::Status CaseServiceImpl::UpdatePupil(grpc::ServerContext* context,
                                          const v1::UpdatePupilRequest* request,
                                          v1::Pupil* response) {
  return Handle(context, response, [&](const auth::Principal& p) {
    return engine_.UpdatePupil(p, *request);
  });
}

grpc::Status CaseServiceImpl::AssignCaseOfficer(
    grpc::ServerContext* context, const v1::AssignCaseOfficerRequest* request,
    v1::Journey* response) {
  return Handle(context, response, [&](const auth::Principal& p) {
    return engine_.AssignCaseOfficer(p, *request);
  });
}

grpc::Status CaseServiceImpl::ListSenRegister(
    grpc::ServerContext* context, const v1::ListSenRegisterRequest* request,
    v1::ListSenRegisterResponse* response) {
  return Handle(context, response, [&](const auth::Principal& p) {
    return registers_.ListSenRegister(p, *request);
  });
}

grpc::Status CaseServiceImpl::ListReviewsDue(
    grpc::ServerContext* context, const v1::ListReviewsDueRequest* request,
    v1::ListReviewsDueResponse* response) {
  return Handle(context, response, [&](const auth::Principal& p) {
    return registers_.ListReviewsDue(p, *request);
  });
}

grpc::Status CaseServiceImpl::ListCaseloads(
    grpc::ServerContext* context, const v1::ListCaseloadsRequest* request,
    v1::ListCaseloadsResponse* response) {
  return Handle(context, response, [&](const auth::Principal& p) {
    return registers_.ListCaseloads(p, *request);
  });
}

grpc::Status CaseServiceImpl::ListSettingSummaries(
    grpc::ServerContext* context,
    const v1::ListSettingSummariesRequest* request,
    v1::ListSettingSummariesResponse* response) {
  return Handle(context, response, [&](const auth::Principal& p) {
    return registers_.ListSettingSummaries(p, *request);
  });
}

}  // namespace sendcase::casework
