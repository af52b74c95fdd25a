#ifndef SENDCASE_TESTS_TESTING_TEMP_DIR_H_
#define SENDCASE_TESTS_TESTING_TEMP_DIR_H_

// A fresh directory under $TMPDIR (or /tmp), removed with its contents on
// destruction.

#include <filesystem>
#include <string>

namespace sendcase::testing {

class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  std::string File(const std::string& name) const {
    return (path_ / name).string();
  }

 private:
  std::filesystem::path path_;
};

}  // namespace sendcase::testing

#endif  // SENDCASE_TESTS_TESTING_TEMP_DIR_H_
