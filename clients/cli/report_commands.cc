// sendcasectl reports sen2: the LA's SEN2 return, written to a file, and its
// validation report on stdout (what to fix before loading it into COLLECT).
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <map>

#include "absl/strings/str_cat.h"
#include "clients/cli/command_util.h"

namespace sendcase::client {
namespace {

// The return names children with their ethnicity and postcode: the file is
// readable by its owner only (0600), also when it existed before.
absl::Status WritePrivateFile(const std::string& path,
                              const std::string& text) {
  const int fd =
      ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  bool ok = fd >= 0 && ::fchmod(fd, 0600) == 0;
  for (size_t done = 0; ok && done < text.size();) {
    const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    ok = n > 0;
    if (ok) done += static_cast<size_t>(n);
  }
  if (fd >= 0 && ::close(fd) != 0) ok = false;
  if (!ok) {
    return absl::UnavailableError(absl::StrCat("--out: could not write ", path,
                                               ": ", std::strerror(errno)));
  }
  return absl::OkStatus();
}

std::string Sen2ReportText(const v1::Sen2Return& r, const std::string& file) {
  int errors = 0;
  int warnings = 0;
  for (const auto& i : r.issues()) {
    (i.severity() == v1::Sen2Issue::ERROR ? errors : warnings)++;
  }
  std::string out = absl::StrCat(
      "SEN2 ", r.year(), " for LA ", r.local_authority_code(),
      " (reference date ", FormatDate(r.reference_date()), "): ", r.persons(),
      " person(s), ", r.requests(), " request(s), written to ", file, "\n",
      errors, " error(s) to fix before loading, ", warnings,
      " warning(s) to check\n");
  // Grouped by whom they are about, in the order found.
  std::vector<std::string> order;
  std::map<std::string, std::vector<const v1::Sen2Issue*>> by;
  for (const auto& i : r.issues()) {
    if (by[i.resource()].empty()) order.push_back(i.resource());
    by[i.resource()].push_back(&i);
  }
  for (const std::string& resource : order) {
    absl::StrAppend(&out, "\n", resource, "\n");
    for (const v1::Sen2Issue* i : by[resource]) {
      absl::StrAppend(
          &out, "  ",
          i->severity() == v1::Sen2Issue::ERROR ? "ERROR  " : "WARNING", " ",
          i->item(), ": ", i->message(), "\n");
    }
  }
  return out;
}

}  // namespace

void AddSen2Command(CLI::App& app, const GlobalOptions& o, int* rc,
                    std::function<CaseClient()> client) {
  auto* sen2 = app.get_subcommand("reports")->add_subcommand(
      "sen2",
      "The LA's SEN2 return for a collection year: the XML to a file, and "
      "what to fix first");
  auto req = std::make_shared<v1::GetSen2ReturnRequest>();
  auto out = std::make_shared<std::string>();
  sen2->add_option_function<int>(
          "--year", [req](const int& y) { req->set_year(y); },
          "collection year (2026: the return of January 2026)")
      ->required();
  sen2->add_option("--la-code", *req->mutable_local_authority_code(),
                   "the LA (default: your token's, if it is one LA)");
  sen2->add_option("--reference-date", *req->mutable_reference_date(),
                   "census day, YYYY-MM-DD (default: the third Thursday of "
                   "January)");
  sen2->add_option("--out", *out,
                   "where to write the XML (default sen2_YEAR_LA.xml)");
  sen2->callback([=, &o] {
    absl::StatusOr<v1::Sen2Return> got = client().GetSen2Return(*req);
    if (!got.ok()) {
      *rc = Report(got.status());
      return;
    }
    const std::string file =
        out->empty() ? absl::StrCat("sen2_", got->year(), "_",
                                    got->local_authority_code(), ".xml")
                     : *out;
    if (absl::Status written = WritePrivateFile(file, got->xml());
        !written.ok()) {
      *rc = Report(written);
      return;
    }
    if (o.json) {
      v1::Sen2Return report = *got;
      report.clear_xml();  // in the file, not the terminal
      printf("%s\n", ToJson(report).c_str());
    } else {
      fputs(Sen2ReportText(*got, file).c_str(), stdout);
    }
    *rc = 0;
  });
}

}  // namespace sendcase::client
