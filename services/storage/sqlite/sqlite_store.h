#ifndef SENDCASE_SERVICES_STORAGE_SQLITE_SQLITE_STORE_H_
#define SENDCASE_SERVICES_STORAGE_SQLITE_SQLITE_STORE_H_

// SqliteStore: the embedded implementation of the storage ports over one
// SQLite connection. Every SQL string lives in sqlite_store_*.cc next to its
// binding code. Thread-safe: one mutex serialises use of the connection
// (SQLite commits in WAL mode take ~0.1 ms, far below the gRPC round trip).

#include <atomic>
#include <memory>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/functional/function_ref.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "services/storage/alert_store.h"
#include "services/storage/audit_store.h"
#include "services/storage/case_store.h"
#include "services/storage/contact_store.h"
#include "services/storage/feed_store.h"
#include "services/storage/rule_set_store.h"
#include "services/storage/setting_store.h"
#include "services/storage/sqlite/checkpointer.h"
#include "services/storage/sqlite/database.h"
#include "services/storage/sqlite/group_commit.h"
#include "services/storage/store_stats.h"
#include "services/storage/support_store.h"
#include "services/storage/task_store.h"
#include "services/storage/token_store.h"
#include "services/storage/view_store.h"

namespace sendcase::storage {

class SqliteStore final : public CaseStore,
                          public TaskStore,
                          public TokenStore,
                          public RuleSetStore,
                          public AlertStore,
                          public ContactStore,
                          public ViewStore,
                          public SettingStore,
                          public AuditStore,
                          public FeedStore,
                          public SupportStore {
 public:
  // Opens `path` (":memory:" for tests), creating it if missing, and applies
  // every migration.
  static absl::StatusOr<std::unique_ptr<SqliteStore>> Open(
      const std::string& path);

  // Tests of query plans: every connection reports the plan of each
  // statement it compiles from now on (Database::SetPlanObserverForTesting).
  // Call before any other use.
  void SetPlanObserverForTesting(const Database::PlanObserver& observer);

  explicit SqliteStore(std::unique_ptr<Database> db) : db_(std::move(db)) {}

  // Group commits, checkpoints and the WAL's size now (store_stats.h).
  StoreStats Stats();

  // CaseStore.
  absl::StatusOr<std::optional<StoredResponse>> FindResponse(
      const std::string& principal, const std::string& request_id) override;
  absl::Status CreatePupil(const NewPupil& pupil,
                           const std::optional<IdempotencyKey>& key,
                           const std::string& response) override;
  absl::StatusOr<PupilRecord> GetPupil(const PupilName& name) override;
  absl::StatusOr<Page<PupilRecord>> ListPupils(
      const Visibility& visibility, const PupilFilter& filter,
      const PageRequest& page) override;
  absl::StatusOr<JourneyRecord> GetJourney(const JourneyName& name) override;
  absl::Status UpdatePupil(const PupilName& name, const v1::Pupil& pupil,
                           int64_t expected_version,
                           const std::optional<IdempotencyKey>& key,
                           const std::string& response, Instant now) override;
  absl::Status AssignCaseOfficer(const JourneyName& name,
                                 const std::string& case_officer,
                                 int64_t expected_version,
                                 Instant now) override;
  absl::StatusOr<Page<JourneyRecord>> ListJourneys(
      const Visibility& visibility, const std::optional<PupilName>& parent,
      const PageRequest& page) override;
  absl::StatusOr<std::vector<OpenTask>> ListOpenTasks(
      const JourneyName& journey) override;
  absl::StatusOr<int64_t> CommitTransition(
      const TransitionEffects& commit, const std::optional<IdempotencyKey>& key,
      const std::string& response) override;
  absl::StatusOr<Page<v1::JourneyEvent>> ListEvents(
      const JourneyName& journey, const PageRequest& page) override;

  // TaskStore.
  absl::StatusOr<Page<TaskRecord>> ListTasks(const Visibility& visibility,
                                             const TaskFilter& filter,
                                             const PageRequest& page) override;
  absl::StatusOr<TaskRecord> GetTask(const TaskName& name) override;
  absl::StatusOr<v1::Task> CompleteTask(const TaskName& name,
                                        Instant now) override;

  // TokenStore.
  absl::Status PutToken(const TokenRecord& record) override;
  absl::StatusOr<TokenRecord> FindToken(const std::string& hash) override;
  absl::StatusOr<TokenRecord> FindTokenById(
      const std::string& token_id) override;
  absl::StatusOr<std::vector<TokenRecord>> ListTokens() override;
  absl::StatusOr<int> RevokeTokens(const std::string& token_id,
                                   const std::string& subject,
                                   Instant now) override;

  // RuleSetStore.
  absl::Status PutRuleSet(const StoredRuleSet& rule_set, Instant now) override;
  absl::StatusOr<StoredRuleSet> GetRuleSet(const std::string& version) override;

  // AlertStore.
  absl::StatusOr<std::vector<v1::Alert>> FireDue(Instant now, int limit,
                                                 bool with_deliveries) override;
  absl::StatusOr<std::vector<Delivery>> ClaimDeliveries(
      Instant now, std::chrono::seconds lease, int limit) override;
  absl::Status MarkDelivered(int64_t delivery_id, Instant now) override;
  absl::Status MarkRetry(int64_t delivery_id, Instant next_attempt,
                         const std::string& error) override;
  absl::StatusOr<std::vector<v1::Alert>> ListFired(
      const Visibility& visibility, std::optional<int> owner_role,
      int64_t after, int limit) override;
  absl::StatusOr<std::optional<Instant>> NextDueTime() override;

  // ContactStore.
  absl::StatusOr<int> PutContact(const v1::Contact& contact,
                                 const ContactScope& scope, bool catch_up_mail,
                                 Instant now) override;
  absl::Status DeleteContact(const v1::Contact& contact) override;
  absl::StatusOr<Page<v1::Contact>> ListContacts(
      bool all, const std::vector<std::string>& scopes,
      const PageRequest& page) override;
  absl::StatusOr<std::vector<v1::Contact>> SignInContacts(
      const std::string& email) override;

  // ViewStore.
  absl::StatusOr<std::vector<AssessmentRow>> ListOpenAssessments(
      const Visibility& visibility,
      const std::optional<AssessmentCursor>& after, int limit) override;
  absl::StatusOr<Page<RegisterRow>> ListRegister(
      const Visibility& visibility, const std::string& setting_urn,
      const std::vector<int>& states, Day today,
      const PageRequest& page) override;
  absl::StatusOr<std::vector<ReviewRow>> ListReviewsDue(
      const Visibility& visibility, const std::string& setting_urn, Day until,
      const std::optional<ReviewCursor>& after, int limit) override;
  absl::StatusOr<std::vector<CountsRow>> CountByJourney(
      const Visibility& visibility, const ProvisionStates& provision,
      Day today) override;
  absl::StatusOr<std::vector<CountsRow>> CountByOfficer(
      const Visibility& visibility, const ProvisionStates& provision,
      Day today) override;
  absl::StatusOr<std::vector<CountsRow>> CountBySetting(
      const Visibility& visibility, const ProvisionStates& provision,
      Day today) override;
  absl::StatusOr<std::vector<IssuedPlanRow>> ListIssuedPlans(
      const Visibility& visibility, Day first, Day last) override;

  // SettingStore.
  absl::Status PutSetting(
      const v1::Setting& setting, Instant now,
      const std::optional<std::string>& only_if_all_pupils_in_la) override;
  absl::StatusOr<Page<v1::Setting>> ListSettings(
      const Visibility& visibility, const PageRequest& page) override;
  absl::StatusOr<std::vector<std::string>> EarlyYearsSettings(
      const std::string& local_authority_code) override;
  absl::StatusOr<std::vector<std::string>> TrustSettings(
      const std::string& trust_id) override;
  // For tests and tools that need raw access (e.g. to check atomicity).
  Database& DatabaseForTesting() { return *db_; }

  // AuditStore.
  absl::Status AppendAudit(const v1::AuditRecord& record) override;
  absl::StatusOr<Page<v1::AuditRecord>> ListAudit(
      const AuditFilter& filter, const PageRequest& page) override;

  // FeedStore.
  absl::StatusOr<std::vector<FeedEvent>> ListFeed(const Visibility& visibility,
                                                  int64_t after,
                                                  int limit) override;
  absl::StatusOr<FeedBounds> GetFeedBounds() override;
  absl::StatusOr<FeedBounds> CompactFeed(Instant before) override;

  // SupportStore (sqlite_store_support.cc).
  absl::Status CreateIntervention(const std::string& setting_urn,
                                  const std::string& id,
                                  const v1::Intervention& intervention,
                                  const WriteRecord& write) override;
  absl::StatusOr<v1::Intervention> GetIntervention(
      const std::string& setting_urn, const std::string& id) override;
  absl::StatusOr<Page<v1::Intervention>> ListInterventions(
      const std::string& setting_urn, const PageRequest& page) override;
  absl::Status InsertSupportPlan(const SupportPlanRecord& plan,
                                 const WriteRecord& write) override;
  absl::Status UpdateSupportPlan(const SupportPlanRecord& plan,
                                 int64_t expected_version,
                                 const WriteRecord& write) override;
  absl::Status ReviewSupportPlan(const SupportPlanRecord& reviewed,
                                 int64_t expected_version,
                                 const SupportPlanRecord& next_draft,
                                 const WriteRecord& write) override;
  absl::StatusOr<SupportPlanRecord> GetSupportPlan(const PupilName& pupil,
                                                   int cycle) override;
  absl::StatusOr<std::vector<SupportPlanRecord>> ListSupportPlans(
      const PupilName& pupil) override;
  absl::Status InsertPlace(const PlaceRecord& place,
                           const WriteRecord& write) override;
  absl::Status UpdatePlace(const PlaceRecord& place, int64_t expected_version,
                           const WriteRecord& write) override;
  absl::StatusOr<PlaceRecord> GetPlace(const PupilName& pupil,
                                       const std::string& id) override;
  absl::StatusOr<std::vector<PlaceRecord>> ListPlaces(
      const PupilName& pupil) override;
  absl::StatusOr<ReferralRecord> GetReferral(const PupilName& pupil,
                                             const std::string& id) override;
  absl::Status InsertImportedHistory(const ImportedHistoryRecord& imported,
                                     const WriteRecord& write) override;
  absl::StatusOr<std::vector<ImportedHistoryRecord>> ListImportedHistories(
      const PupilName& pupil) override;
  absl::StatusOr<std::vector<ReferralRecord>> ListReferrals(
      const PupilName& pupil) override;
  absl::Status UpdateReferral(const ReferralWrite& referral,
                              const WriteRecord& write) override;
  absl::StatusOr<std::vector<SettingPlaceRow>> ListSettingPlaces(
      const std::string& setting_urn, PlaceWindow window, Day first,
      Day last) override;

 private:
  // Runs `body` (a write's statements) in the next group commit
  // (group_commit.h) with the audit row of the call on this thread
  // (call_audit.h) if it is not yet written: both commit or neither.
  // `created`: the name of what the write creates, for a row whose request
  // named no resource. `body` runs with mu_ held, perhaps on another thread.
  absl::Status CommitWrite(absl::string_view created,
                           absl::FunctionRef<absl::Status()> body)
      ABSL_LOCKS_EXCLUDED(mu_);
  absl::Status InsertAuditLocked(const v1::AuditRecord& record)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  absl::Status AppendFeedLocked(const JourneyName& journey, Instant record_time)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  absl::StatusOr<FeedBounds> FeedBoundsLocked()
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  absl::Status PutResponseLocked(const IdempotencyKey& key,
                                 const std::string& response, Instant now)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // The response of `write` under its key, if it has one.
  absl::Status PutWriteRecordLocked(const WriteRecord& write)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // Inserts (expected_version 0) or replaces the referral.
  absl::Status WriteReferralLocked(const ReferralWrite& write)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  absl::Status InsertPlanLocked(const SupportPlanRecord& plan)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // Aborted if the stored version is not `expected_version`; NotFound.
  absl::Status UpdatePlanLocked(const SupportPlanRecord& plan,
                                int64_t expected_version)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  absl::StatusOr<JourneyRecord> GetJourneyLocked(const JourneyName& name)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  absl::StatusOr<std::vector<ClockRecord>> ReadClocksLocked(
      const std::string& journey_id) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  absl::Status WriteClocksLocked(const TransitionEffects& commit)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  absl::Status InsertAlertsLocked(const TransitionEffects& commit,
                                  const NewTask& task)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  absl::Status InsertNoticesLocked(const TransitionEffects& commit)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // Cancels pending alerts of tasks of `journey_id` that are no longer OPEN.
  absl::Status CancelClosedAlertsLocked(const std::string& journey_id)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  // A connection for one read. File databases have query_only connections
  // of their own: in WAL mode they read the last committed state without
  // waiting for the writer's commit and fsync (which holds mu_). Two pools:
  // kHot for point reads and short pages (kReaders connections), kViews for
  // the work views that aggregate a whole scope (kViewReaders connections,
  // interrupted when their call is cancelled), so a slow view never keeps a
  // GetPupil waiting. In-memory databases have one connection: then this is
  // it, under mu_.
  enum class Pool { kHot, kViews };
  class ReadConnection {
   public:
    explicit ReadConnection(SqliteStore& store, Pool pool = Pool::kHot);
    ~ReadConnection() { mu_->Unlock(); }
    ReadConnection(const ReadConnection&) = delete;
    ReadConnection& operator=(const ReadConnection&) = delete;
    Database* operator->() const { return db_; }
    Database& operator*() const { return *db_; }

   private:
    absl::Mutex* mu_;
    Database* db_;
  };
  struct Reader {
    absl::Mutex mu;
    std::unique_ptr<Database> db;
  };
  static constexpr int kReaders = 2;
  static constexpr int kViewReaders = 2;
  absl::StatusOr<JourneyRecord> ReadJourneyOn(Database& db,
                                              const JourneyName& name);
  absl::StatusOr<std::vector<ClockRecord>> ReadClocksOn(
      Database& db, const std::string& journey_id);

  absl::Mutex mu_;
  std::unique_ptr<Database> db_ ABSL_GUARDED_BY(mu_);
  std::vector<std::unique_ptr<Reader>> readers_;       // fixed after Open
  std::vector<std::unique_ptr<Reader>> view_readers_;  // fixed after Open
  std::atomic<size_t> next_reader_{0};
  // Transitions and audit rows commit in groups (group_commit.h).
  GroupCommitter group_{*db_, mu_};
  // File databases: WAL checkpoints off the request path (checkpointer.h).
  // Declared last: stopped before the connection closes.
  std::unique_ptr<Checkpointer> checkpointer_;
  std::string path_;  // the file opened; ":memory:" for none
};

}  // namespace sendcase::storage

#endif  // SENDCASE_SERVICES_STORAGE_SQLITE_SQLITE_STORE_H_
