#ifndef SENDCASE_SERVICES_HTTP_EVENT_KINDS_H_
#define SENDCASE_SERVICES_HTTP_EVENT_KINDS_H_

// GET /api/v1/eventKinds: the shape of every JourneyEvent kind, read from
// the proto descriptor, so that the web app's "record an event" form offers
// exactly the fields an event has and never drifts from the API:
//   {"eventKinds": [{"name": "sen_support_started",
//                    "jsonName": "senSupportStarted",
//                    "fields": [{"name": "review_date",
//                                "jsonName": "reviewDate",
//                                "type": "date"}]}, ...]}
// A field's type is "date" (google.type.Date), "string", "bool" or "enum"
// (with "values", the enum's names other than *_UNSPECIFIED). Kinds are in
// field-number order. Which kinds a journey allows now is
// Journey.allowed_events. No personal data: the same for every caller.

#include <string>

namespace sendcase::http {

// The JSON above; computed once.
const std::string& EventKindsJson();

}  // namespace sendcase::http

#endif  // SENDCASE_SERVICES_HTTP_EVENT_KINDS_H_
