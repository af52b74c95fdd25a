#include "services/casework/rule_registry.h"

#include "absl/strings/str_cat.h"
#include "google/protobuf/io/coded_stream.h"
#include "google/protobuf/io/zero_copy_stream_impl_lite.h"
#include "services/common/sha256.h"
#include "services/common/status_macros.h"

namespace sendcase::casework {
namespace {

std::string Serialize(const sendcase::rules::v1::RuleFile& definition) {
  std::string bytes;
  google::protobuf::io::StringOutputStream out(&bytes);
  google::protobuf::io::CodedOutputStream coded(&out);
  coded.SetSerializationDeterministic(true);
  definition.SerializeToCodedStream(&coded);
  coded.Trim();
  return bytes;
}

}  // namespace

std::string RuleRegistry::Digest(
    const sendcase::rules::v1::RuleFile& definition) {
  return Sha256Hex(Serialize(definition));
}

RuleRegistry::RuleRegistry(storage::RuleSetStore& store,
                           std::shared_ptr<const rules::RuleSet> current)
    : store_(store), current_(std::move(current)) {
  cache_[current_->version()] = current_;
}

absl::StatusOr<std::unique_ptr<RuleRegistry>> RuleRegistry::Create(
    storage::RuleSetStore& store, std::shared_ptr<const rules::RuleSet> current,
    Instant now) {
  const auto& definition = current->definition();
  RETURN_IF_ERROR(store.PutRuleSet(
      {current->version(), Digest(definition), Serialize(definition)}, now));
  return std::unique_ptr<RuleRegistry>(
      new RuleRegistry(store, std::move(current)));
}

absl::StatusOr<std::shared_ptr<const rules::RuleSet>> RuleRegistry::ForVersion(
    const std::string& version) {
  {
    absl::MutexLock lock(&mu_);
    auto it = cache_.find(version);
    if (it != cache_.end()) return it->second;
  }
  ASSIGN_OR_RETURN(storage::StoredRuleSet stored, store_.GetRuleSet(version));
  rules::RuleSource source;
  if (!source.merged.ParseFromString(stored.definition)) {
    return absl::InternalError(
        absl::StrCat("stored rule set ", version, " is corrupt"));
  }
  // A rule set stored before rules had to name their live_in states (2026.3
  // and earlier) keeps behaving as it did for the journeys still on it.
  source.legacy = true;
  for (const auto& rule : source.merged.rules()) {
    if (!rule.live_in().empty()) source.legacy = false;
  }
  ASSIGN_OR_RETURN(std::shared_ptr<const rules::RuleSet> compiled,
                   rules::RuleSet::Create(source));
  absl::MutexLock lock(&mu_);
  cache_.emplace(version, compiled);
  return compiled;
}

}  // namespace sendcase::casework
