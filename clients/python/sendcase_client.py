"""A small Python client for sendcase, on Debian's python3-grpcio.

Stubs are generated into build/python by the build (put it and this
folder on PYTHONPATH). What a trust's MIS bridge needs:

    client = Client("127.0.0.1:50051", token)
    pupil = client.create_pupil("B801200005001", "Ada", "Lovelace",
                                "2015-06-01", setting_urn="100001",
                                la_code="201")
    client.record_event(pupil.current_journey, "assessment_requested",
                        "2026-01-05")
    for message in client.watch_events(start_revision=1):
        print(message.revision, message.journey)
    [p.name for p in client.find_pupils(upn="B801200005001")]
    client.health()  # "SERVING"

watch_events resumes by itself after a dropped connection, from the last
revision it yielded + 1 (no gap, no duplicate), and raises
RevisionCompacted when the server no longer holds the start: list the
current state and watch again from now.
"""

import time

import grpc
from google.rpc import error_details_pb2, status_pb2
from google.type import date_pb2
from sendcase.v1 import case_service_pb2 as api
from sendcase.v1 import case_service_pb2_grpc
from sendcase_health.v1 import health_pb2, health_pb2_grpc

# Codes after which a watch is worth resuming (the server restarted, the
# network dropped, a proxy timed out). Anything else is raised: retrying a
# refusal or a server bug forever would hide it.
# A stream ends with these when the connection drops or the server restarts
# (gRPC cancels calls that reach a server in its shutdown grace period).
_RESUMABLE = (grpc.StatusCode.UNAVAILABLE, grpc.StatusCode.DEADLINE_EXCEEDED,
              grpc.StatusCode.CANCELLED)


class RevisionCompacted(Exception):
    """The requested revision is older than the server's event feed."""

    def __init__(self, message, compacted_revision):
        super().__init__(message)
        self.compacted_revision = compacted_revision


def _date(text):
    year, month, day = (int(part) for part in text.split("-"))
    return date_pb2.Date(year=year, month=month, day=day)


def _error_info(error):
    """The google.rpc.ErrorInfo in a gRPC error's details, or None."""
    for key, value in error.trailing_metadata() or ():
        if key == "grpc-status-details-bin":
            status = status_pb2.Status.FromString(value)
            for detail in status.details:
                info = error_details_pb2.ErrorInfo()
                if detail.Unpack(info):
                    return info
    return None


class Client:
    """CaseService over one channel, with the bearer token on every call."""

    def __init__(self, target, token, root_certificates=None, timeout=30):
        if root_certificates is None:
            self._channel = grpc.insecure_channel(target)
        else:
            credentials = grpc.ssl_channel_credentials(root_certificates)
            self._channel = grpc.secure_channel(target, credentials)
        self._stub = case_service_pb2_grpc.CaseServiceStub(self._channel)
        self._metadata = (("authorization", "Bearer " + token),)
        self._timeout = timeout

    def close(self):
        self._channel.close()

    def health(self, service=""):
        """The server's grpc.health.v1 status name, e.g. "SERVING" ("" is
        the whole server; "sendcase.v1.CaseService" the API)."""
        response = health_pb2_grpc.HealthStub(self._channel).Check(
            health_pb2.HealthCheckRequest(service=service),
            timeout=self._timeout)
        return health_pb2.HealthCheckResponse.ServingStatus.Name(
            response.status)

    def find_pupils(self, upn="", name_query=""):
        """Yields the pupils the token may see with this UPN (exact) and/or
        whose given or family name contains every word of name_query."""
        request = api.ListPupilsRequest(upn=upn, name_query=name_query,
                                        page_size=200)
        while True:
            page = self._stub.ListPupils(request, metadata=self._metadata,
                                         timeout=self._timeout)
            yield from page.pupils
            if not page.next_page_token:
                return
            request.page_token = page.next_page_token

    def create_pupil(self, upn, given_name, family_name, birth_date,
                     setting_urn, la_code, request_id="", upn_unknown=""):
        """Creates a pupil. A child with no UPN yet passes upn="" and the
        census reason, e.g. upn_unknown="UN1" (under 6, not yet assigned)."""
        request = api.CreatePupilRequest(request_id=request_id)
        pupil = request.pupil
        pupil.upn, pupil.given_name, pupil.family_name = (
            upn, given_name, family_name)
        if upn_unknown:
            reasons = pupil.DESCRIPTOR.fields_by_name["upn_unknown"].enum_type
            pupil.upn_unknown = reasons.values_by_name[upn_unknown].number
        pupil.birth_date.CopyFrom(_date(birth_date))
        pupil.setting_urn, pupil.local_authority_code = setting_urn, la_code
        return self._stub.CreatePupil(request, metadata=self._metadata,
                                      timeout=self._timeout)

    def record_event(self, journey, kind, event_date, request_id="",
                     **fields):
        """Records `kind` (e.g. "advice_requested") with its fields; dates
        as "YYYY-MM-DD"."""
        request = api.RecordEventRequest(journey=journey,
                                         request_id=request_id)
        request.event.event_date.CopyFrom(_date(event_date))
        body = getattr(request.event, kind)
        body.SetInParent()
        for name, value in fields.items():
            if isinstance(value, str) and len(value) == 10 and value[4] == "-":
                getattr(body, name).CopyFrom(_date(value))
            else:
                setattr(body, name, value)
        return self._stub.RecordEvent(request, metadata=self._metadata,
                                      timeout=self._timeout)

    def watch_events(self, start_revision=0, include_progress=False,
                     retry_delay=1.0, max_retry_delay=30.0, on_resume=None):
        """Yields WatchEventsResponse messages from start_revision (0: from
        now), resuming after a dropped stream or a server restart
        (UNAVAILABLE, DEADLINE_EXCEEDED, CANCELLED by the server; a
        shutting-down server's resume point is taken): it waits
        retry_delay seconds, doubling up to max_retry_delay (reset by a
        message), and calls on_resume(error, next_revision, delay) first
        if given. Progress
        marks advance the resume point; they are yielded only if
        include_progress."""
        next_revision = start_revision
        delay = retry_delay
        while True:
            request = api.WatchEventsRequest(start_revision=next_revision)
            try:
                for message in self._stub.WatchEvents(
                        request, metadata=self._metadata):
                    next_revision = message.revision + 1
                    delay = retry_delay
                    if include_progress or not message.progress:
                        yield message
                return
            except grpc.RpcError as error:
                if error.code() == grpc.StatusCode.OUT_OF_RANGE:
                    info = _error_info(error)
                    if info and info.reason == "REVISION_COMPACTED":
                        raise RevisionCompacted(
                            error.details(),
                            int(info.metadata["compacted_revision"])) from None
                if error.code() not in _RESUMABLE:
                    raise
                info = _error_info(error)
                if info is not None and info.reason == "SERVER_SHUTTING_DOWN":
                    # The server names where to resume: from "now" (0) it
                    # is the revision after the last one it had, so events
                    # committed while we wait are not skipped.
                    next_revision = max(
                        next_revision, int(info.metadata["start_revision"]))
                if on_resume is not None:
                    on_resume(error, next_revision, delay)
                time.sleep(delay)  # then resume where we were
                delay = min(delay * 2, max_retry_delay)
