#ifndef SENDCASE_SERVICES_HTTP_STATIC_FILES_H_
#define SENDCASE_SERVICES_HTTP_STATIC_FILES_H_

// The web app's files (--web_root), read into memory once at start-up so
// that no request ever touches the file system: a path that is not one of
// them cannot be served, whatever it spells. Only the kinds a page needs
// (.html .js .mjs .css .svg .png .ico .json) are loaded, each with its
// Content-Type; anything else in the folder is left out. The folder holds
// a few hundred KiB (the app and GOV.UK Frontend's compiled files).

#include <map>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace sendcase::http {

struct StaticFile {
  std::string content_type;
  std::string body;
};

class StaticFiles {
 public:
  // Reads every file of a served kind under `root`, recursively, up to
  // 16 MiB in all. NotFound if `root` is not a folder or has no index.html;
  // ResourceExhausted past the limit.
  static absl::StatusOr<StaticFiles> Load(const std::string& root);

  // The file at URL `path` ("/app.js", "/govuk/govuk-frontend.min.js"),
  // or nullptr. "/" is index.html.
  const StaticFile* Find(absl::string_view path) const;
  // The page for a path of the app's own (e.g. "/pupils/P1"): index.html,
  // where the app's router takes over.
  const StaticFile& Index() const { return files_.at("/index.html"); }
  size_t size() const { return files_.size(); }

 private:
  std::map<std::string, StaticFile, std::less<>> files_;
};

}  // namespace sendcase::http

#endif  // SENDCASE_SERVICES_HTTP_STATIC_FILES_H_
