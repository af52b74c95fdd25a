#include "services/http/listen_address.h"

#include <httplib.h>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"

namespace sendcase::http {

absl::StatusOr<ListenAddress> ParseListenAddress(const std::string& listen,
                                                 absl::string_view flag) {
  const size_t colon = listen.rfind(':');
  ListenAddress out;
  if (colon == std::string::npos ||
      !absl::SimpleAtoi(listen.substr(colon + 1), &out.port) || out.port < 0 ||
      out.port > 65535) {
    return absl::InvalidArgumentError(
        absl::StrCat(flag, ": HOST:PORT, not ", listen));
  }
  out.host = listen.substr(0, colon);
  return out;
}

absl::StatusOr<int> BindListener(httplib::Server& server,
                                 const ListenAddress& address,
                                 absl::string_view flag) {
  int port = -1;
  if (address.port == 0) {
    port = server.bind_to_any_port(address.host.c_str());
  } else if (server.bind_to_port(address.host.c_str(), address.port)) {
    port = address.port;
  }
  if (port <= 0) {
    return absl::UnavailableError(
        absl::StrCat(flag, ": cannot bind ", address.host, ":", address.port));
  }
  return port;
}

}  // namespace sendcase::http
