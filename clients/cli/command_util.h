#ifndef SENDCASE_CLIENTS_CLI_COMMAND_UTIL_H_
#define SENDCASE_CLIENTS_CLI_COMMAND_UTIL_H_

// Helpers shared by the sendcasectl subcommands: error reporting, printing
// one response or a paged list (table or JSON), and the paging flags.

#include <cstdio>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "CLI/CLI.hpp"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "clients/case_client.h"
#include "clients/cli/commands.h"
#include "clients/cli/format.h"

namespace sendcase::client {

// Prints "sendcasectl: CODE: message" on stderr; returns exit code 1.
inline int Report(const absl::Status& status) {
  fprintf(stderr, "sendcasectl: %s: %s\n",
          absl::StatusCodeToString(status.code()).c_str(),
          std::string(status.message()).c_str());
  return 1;
}

// "--upn-unknown UN1": the census reason a child has no UPN ("" leaves it
// unset; the server checks which of UPN and reason a pupil needs).
inline absl::Status SetUpnUnknown(const std::string& code, v1::Pupil& pupil) {
  v1::UpnUnknownReason reason = v1::UPN_UNKNOWN_REASON_UNSPECIFIED;
  if (!code.empty() && (!v1::UpnUnknownReason_Parse(code, &reason) ||
                        reason == v1::UPN_UNKNOWN_REASON_UNSPECIFIED)) {
    return absl::InvalidArgumentError(
        absl::StrCat("--upn-unknown: ", code,
                     " is not a census reason (UN1, UN2, UN3, UN5, UN8, UN9, "
                     "UN10)"));
  }
  pupil.set_upn_unknown(reason);
  return absl::OkStatus();
}

// Prints one response as a table/text or JSON.
template <typename Message>
int Print(const GlobalOptions& o, const absl::StatusOr<Message>& result,
          const std::function<std::string(const Message&)>& text) {
  if (!result.ok()) return Report(result.status());
  fputs(o.json ? (ToJson(*result) + "\n").c_str() : text(*result).c_str(),
        stdout);
  return 0;
}

// Fetches one page, or every page with --all, and prints the items.
template <typename Request, typename Response, typename Item>
int List(const GlobalOptions& o, Request request, bool all,
         const std::function<absl::StatusOr<Response>(const Request&)>& call,
         const std::function<std::vector<Item>(const Response&)>& items,
         const std::function<std::string(const std::vector<Item>&)>& table) {
  std::vector<Item> collected;
  std::string next;
  do {
    auto response = call(request);
    if (!response.ok()) return Report(response.status());
    for (auto& item : items(*response)) {
      if (o.json) {
        printf("%s\n", ToJson(item).c_str());
      } else {
        collected.push_back(std::move(item));
      }
    }
    next = response->next_page_token();
    request.set_page_token(next);
  } while (all && !next.empty());
  if (!o.json) {
    fputs(table(collected).c_str(), stdout);
    if (!next.empty()) printf("next page: --page-token=%s\n", next.c_str());
  }
  return 0;
}

// Adds --page-size, --page-token and --all to a list command; returns the
// --all flag.
template <typename Request>
std::shared_ptr<bool> AddPaging(CLI::App* list,
                                const std::shared_ptr<Request>& req) {
  auto all = std::make_shared<bool>(false);
  list->add_option_function<int>(
      "--page-size", [req](const int& v) { req->set_page_size(v); });
  list->add_option("--page-token", *req->mutable_page_token());
  list->add_flag("--all", *all, "follow every page");
  return all;
}

template <typename T>
std::vector<T> ToVector(const google::protobuf::RepeatedPtrField<T>& f) {
  return std::vector<T>(f.begin(), f.end());
}

// Registers the subcommand groups (case_commands.cc, admin_commands.cc).
void AddCaseCommands(CLI::App& app, const GlobalOptions& o, int* rc,
                     std::function<CaseClient()> client);
void AddAdminCommands(CLI::App& app, const GlobalOptions& o, int* rc,
                      std::function<CaseClient()> client);
// roll/import_command.cc: `import roll`.
void AddImportCommands(CLI::App& app, const GlobalOptions& o, int* rc,
                       std::function<CaseClient()> client);
// support_commands.cc: interventions, plans, places and their reports
// (support_places_commands.cc: AddPlaceCommands). Call after
// AddAdminCommands (it adds to `reports`).
void AddSupportCommands(CLI::App& app, const GlobalOptions& o, int* rc,
                        std::function<CaseClient()> client);
// support_history_commands.cc: `plans list` (text, --json export, --html)
// and `plans import`; after AddSupportCommands' `plans`.
void AddPlanHistoryCommands(CLI::App& app, const GlobalOptions& o, int* rc,
                            std::function<CaseClient()> client);
void AddPlaceCommands(CLI::App& app, const GlobalOptions& o, int* rc,
                      std::function<CaseClient()> client);
void AddReferralCommands(CLI::App& app, const GlobalOptions& o, int* rc,
                         std::function<CaseClient()> client);
// `reports sen2` (report_commands.cc); called by AddAdminCommands.
void AddSen2Command(CLI::App& app, const GlobalOptions& o, int* rc,
                    std::function<CaseClient()> client);
// view_commands.cc; call after the two above (it adds to their groups).
void AddWorkViewCommands(CLI::App& app, const GlobalOptions& o, int* rc,
                         std::function<CaseClient()> client);

}  // namespace sendcase::client

#endif  // SENDCASE_CLIENTS_CLI_COMMAND_UTIL_H_
