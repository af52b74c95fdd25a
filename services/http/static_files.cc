// The web app's files in memory (static_files.h).
#include "services/http/static_files.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"

namespace sendcase::http {
namespace {

constexpr size_t kMaxBytes = 16u << 20;

// The kinds a page needs. Scripts as text/javascript: modules are refused
// under nosniff with any other type.
const char* ContentTypeOf(const std::string& extension) {
  static const std::map<std::string, const char*> kTypes = {
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".ico", "image/x-icon"},
      {".json", "application/json"},
  };
  auto it = kTypes.find(extension);
  return it == kTypes.end() ? nullptr : it->second;
}

}  // namespace

absl::StatusOr<StaticFiles> StaticFiles::Load(const std::string& root) {
  namespace fs = std::filesystem;
  std::error_code error;
  if (!fs::is_directory(root, error)) {
    return absl::NotFoundError(
        absl::StrCat("--web-root: ", root, " is not a folder"));
  }
  StaticFiles out;
  size_t total = 0;
  for (auto it = fs::recursive_directory_iterator(root, error);
       !error && it != fs::recursive_directory_iterator();
       it.increment(error)) {
    // No throwing overloads: an odd entry must not end the server.
    if (!it->is_regular_file(error) || error) {
      error.clear();
      continue;
    }
    const char* type = ContentTypeOf(it->path().extension().string());
    if (type == nullptr) continue;
    std::ifstream in(it->path(), std::ios::binary);
    std::ostringstream body;
    body << in.rdbuf();
    if (!in.good() && !in.eof()) {
      return absl::NotFoundError(
          absl::StrCat("--web-root: cannot read ", it->path().string()));
    }
    total += body.str().size();
    if (total > kMaxBytes) {
      return absl::ResourceExhaustedError(
          absl::StrCat("--web-root: ", root, " holds over 16 MiB to serve"));
    }
    const fs::path relative = it->path().lexically_relative(root);
    out.files_[absl::StrCat("/", relative.generic_string())] =
        StaticFile{type, body.str()};
  }
  if (error) {
    return absl::NotFoundError(
        absl::StrCat("--web-root: ", root, ": ", error.message()));
  }
  if (out.files_.count("/index.html") == 0) {
    return absl::NotFoundError(
        absl::StrCat("--web-root: ", root, " has no index.html"));
  }
  return out;
}

const StaticFile* StaticFiles::Find(absl::string_view path) const {
  if (path == "/") path = "/index.html";
  auto it = files_.find(path);
  return it == files_.end() ? nullptr : &it->second;
}

}  // namespace sendcase::http
