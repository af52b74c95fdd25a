#ifndef SENDCASE_SERVICES_HTTP_ROUTE_TABLE_H_
#define SENDCASE_SERVICES_HTTP_ROUTE_TABLE_H_

// The JSON API's routes: each CaseService RPC as an HTTP verb and a path
// under /api/v1/, the way google.api.http and AIP-127 map them (GET on a
// resource name, POST to a collection, PATCH of a resource, POST with a
// custom verb such as `:recordEvent`). A template's `{field=pupils/*}`
// binds the request field (a dotted path for a nested one, e.g.
// `pupil.name`) to that many path segments. The two streams (WatchAlerts,
// WatchEvents) stay gRPC only. Pure data and matching: no I/O.

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/string_view.h"

namespace sendcase::http {

struct Route {
  const char* verb;    // GET, POST or PATCH
  const char* path;    // template, e.g. "/api/v1/{name=pupils/*}"
  const char* method;  // the CaseService RPC, e.g. "GetPupil"
};

// Every route, in match order (the first that matches wins).
const std::vector<Route>& Routes();

struct RouteMatch {
  const Route* route = nullptr;
  // (request field path, value) for each {field=...} of the template.
  std::vector<std::pair<std::string, std::string>> bindings;
};

// The route for `verb` and `path` (percent-decoded already, no query
// string), or nullopt. A `*` matches one segment that is not empty and has
// no ':'.
std::optional<RouteMatch> MatchRoute(absl::string_view verb,
                                     absl::string_view path);

// True if some route has this path with another verb (405 rather than 404).
bool PathHasOtherVerb(absl::string_view verb, absl::string_view path);

}  // namespace sendcase::http

#endif  // SENDCASE_SERVICES_HTTP_ROUTE_TABLE_H_
