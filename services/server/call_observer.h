#ifndef SENDCASE_SERVICES_SERVER_CALL_OBSERVER_H_
#define SENDCASE_SERVICES_SERVER_CALL_OBSERVER_H_

// A gRPC server interceptor that sees every call (the JSON API's too: it
// calls the same server in process): counts it and times it in
// ServerMetrics, and logs one line when its status is sent (log.h):
//
//   sendcased: call method=sendcase.v1.CaseService/RecordEvent code=OK
//              ms=1.42 request_id=6f1c...
//
// The request id is the caller's x-request-id header, else the request's
// own request_id field (the idempotency key of a CaseService write), else one
// made here; a value that is not 1-64 of [A-Za-z0-9._:-] is logged as
// "(invalid)". Health checks log at debug level, calls that fail INTERNAL,
// UNKNOWN or DATA_LOSS at error, the rest at info. Nothing from a request's
// other fields is logged.

#include <grpcpp/support/server_interceptor.h>

#include "services/server/metrics.h"

namespace sendcase::server {

class CallObserverFactory
    : public grpc::experimental::ServerInterceptorFactoryInterface {
 public:
  explicit CallObserverFactory(ServerMetrics& metrics) : metrics_(metrics) {}
  grpc::experimental::Interceptor* CreateServerInterceptor(
      grpc::experimental::ServerRpcInfo* info) override;

 private:
  ServerMetrics& metrics_;
};

}  // namespace sendcase::server

#endif  // SENDCASE_SERVICES_SERVER_CALL_OBSERVER_H_
