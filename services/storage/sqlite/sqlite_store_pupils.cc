// SqliteStore: opening, idempotency keys, pupils and journeys.
#include "absl/strings/str_cat.h"
#include "services/common/proto_time.h"
#include "services/common/status_macros.h"
#include "services/storage/needs_column.h"
#include "services/storage/sqlite/migrations.h"
#include "services/storage/sqlite/sql_filter.h"
#include "services/storage/sqlite/sqlite_store.h"
#include "services/storage/sqlite/transaction.h"
#include "services/storage/stored_time.h"

namespace sendcase::storage {
namespace {

constexpr absl::string_view kPupilColumns =
    "p.seq, p.id, p.upn, p.given_name, p.family_name, p.birth_date, "
    "p.setting_urn, p.local_authority_code, p.current_journey_id, "
    "p.create_time, p.needs, p.version, (SELECT state FROM journeys WHERE id "
    "= p.current_journey_id), p.upn_unknown, p.sex, p.ethnicity, "
    "p.postcode, p.uln";

absl::StatusOr<PupilRecord> ReadPupil(const Statement& row) {
  PupilRecord record;
  v1::Pupil& pupil = record.pupil;
  const std::string id = row.ColumnText(1);
  pupil.set_name(PupilName{id}.Format());
  pupil.set_upn(row.ColumnText(2));
  pupil.set_given_name(row.ColumnText(3));
  pupil.set_family_name(row.ColumnText(4));
  ASSIGN_OR_RETURN(Day birth, ParseStoredDay(row.ColumnText(5), "birth_date"));
  *pupil.mutable_birth_date() = ToProtoDate(birth);
  pupil.set_setting_urn(row.ColumnText(6));
  pupil.set_local_authority_code(row.ColumnText(7));
  pupil.set_current_journey(JourneyName{id, row.ColumnText(8)}.Format());
  *pupil.mutable_create_time() = ToTimestamp(FromSeconds(row.ColumnInt64(9)));
  ASSIGN_OR_RETURN(std::vector<int> needs, ParseNeeds(row.ColumnText(10)));
  for (int need : needs) pupil.add_needs(static_cast<v1::NeedType>(need));
  record.version = row.ColumnInt64(11);
  record.journey_state = static_cast<v1::Journey::State>(row.ColumnInt64(12));
  if (!row.ColumnIsNull(13)) {
    pupil.set_upn_unknown(
        static_cast<v1::UpnUnknownReason>(row.ColumnInt64(13)));
  }
  pupil.set_sex(static_cast<v1::Sex>(row.ColumnInt64(14)));
  pupil.set_ethnicity(row.ColumnText(15));
  pupil.set_postcode(row.ColumnText(16));
  pupil.set_unique_learner_number(row.ColumnText(17));
  return record;
}

constexpr absl::string_view kJourneyColumns =
    "j.seq, j.id, j.pupil_id, j.state, j.version, j.rule_set_version, "
    "j.latest_event_date, j.create_time, j.update_time, p.setting_urn, "
    "p.local_authority_code, p.birth_date, j.case_officer";

absl::StatusOr<JourneyRecord> ReadJourney(const Statement& row) {
  JourneyRecord rec;
  v1::Journey& j = rec.journey;
  j.set_name(JourneyName{row.ColumnText(2), row.ColumnText(1)}.Format());
  j.set_pupil(PupilName{row.ColumnText(2)}.Format());
  j.set_state(static_cast<v1::Journey::State>(row.ColumnInt64(3)));
  rec.version = row.ColumnInt64(4);
  j.set_rule_set_version(row.ColumnText(5));
  if (!row.ColumnIsNull(6)) {
    ASSIGN_OR_RETURN(Day latest,
                     ParseStoredDay(row.ColumnText(6), "latest_event_date"));
    rec.latest_event_date = latest;
    *j.mutable_latest_event_date() = ToProtoDate(latest);
  }
  *j.mutable_create_time() = ToTimestamp(FromSeconds(row.ColumnInt64(7)));
  *j.mutable_update_time() = ToTimestamp(FromSeconds(row.ColumnInt64(8)));
  rec.setting_urn = row.ColumnText(9);
  rec.local_authority_code = row.ColumnText(10);
  ASSIGN_OR_RETURN(rec.birth_date,
                   ParseStoredDay(row.ColumnText(11), "birth_date"));
  j.set_case_officer(row.ColumnText(12));
  return rec;
}

}  // namespace

absl::StatusOr<std::unique_ptr<SqliteStore>> SqliteStore::Open(
    const std::string& path) {
  absl::StatusOr<std::unique_ptr<Database>> opened = Database::Open(path);
  if (absl::IsDataLoss(opened.status())) {
    return DatabaseDamaged(path, opened.status().message());
  }
  ASSIGN_OR_RETURN(std::unique_ptr<Database> db, std::move(opened));
  if (path != ":memory:") RETURN_IF_ERROR(db->CheckUsable(path));
  RETURN_IF_ERROR(Migrate(*db));
  auto store = std::make_unique<SqliteStore>(std::move(db));
  store->path_ = path;
  if (path != ":memory:") {
    for (int i = 0; i < kReaders + kViewReaders; ++i) {
      auto reader = std::make_unique<Reader>();
      ASSIGN_OR_RETURN(reader->db, Database::Open(path));
      RETURN_IF_ERROR(reader->db->Exec("PRAGMA query_only = 1"));
      if (i < kReaders) {
        store->readers_.push_back(std::move(reader));
      } else {
        reader->db->InterruptWhenCallCancelled();
        // A view reads every live clock of a scope: keep them in memory
        // (32 MiB per view connection, SQLite's default is 2 MiB).
        RETURN_IF_ERROR(reader->db->Exec("PRAGMA cache_size = -32768"));
        store->view_readers_.push_back(std::move(reader));
      }
    }
    ASSIGN_OR_RETURN(store->checkpointer_,
                     Checkpointer::Start(path, *store->db_));
  }
  return store;
}

void SqliteStore::SetPlanObserverForTesting(
    const Database::PlanObserver& observer) {
  absl::MutexLock lock(&mu_);
  db_->SetPlanObserverForTesting(observer);
  for (const auto* pool : {&readers_, &view_readers_}) {
    for (const auto& r : *pool) {
      absl::MutexLock reader_lock(&r->mu);
      r->db->SetPlanObserverForTesting(observer);
    }
  }
}

absl::StatusOr<std::optional<StoredResponse>> SqliteStore::FindResponse(
    const std::string& principal, const std::string& request_id) {
  ReadConnection read(*this);
  ASSIGN_OR_RETURN(Statement stmt,
                   read->Prepare("SELECT method, fingerprint, response FROM "
                                 "request_ids WHERE principal = ? AND "
                                 "request_id = ?"));
  stmt.Bind(1, principal).Bind(2, request_id);
  ASSIGN_OR_RETURN(bool row, stmt.Step());
  if (!row) return std::optional<StoredResponse>();
  return StoredResponse{stmt.ColumnText(0), stmt.ColumnText(1),
                        stmt.ColumnBlob(2)};
}

absl::Status SqliteStore::PutResponseLocked(const IdempotencyKey& key,
                                            const std::string& response,
                                            Instant now) {
  ASSIGN_OR_RETURN(
      Statement stmt,
      db_->Prepare("INSERT INTO request_ids (principal, request_id, "
                   "method, fingerprint, response, create_time) "
                   "VALUES (?, ?, ?, ?, ?, ?)"));
  stmt.Bind(1, key.principal)
      .Bind(2, key.request_id)
      .Bind(3, key.method)
      .Bind(4, key.fingerprint)
      .BindBlob(5, response)
      .Bind(6, ToSeconds(now));
  absl::Status status = stmt.Run();
  if (absl::IsAlreadyExists(status)) {
    return absl::AbortedError("request_id: used concurrently; retry");
  }
  return status;
}

absl::Status SqliteStore::CreatePupil(const NewPupil& in,
                                      const std::optional<IdempotencyKey>& key,
                                      const std::string& response) {
  return CommitWrite(in.pupil.name(), [&]() -> absl::Status {
    ASSIGN_OR_RETURN(PupilName pupil_name,
                     ParsePupilName(in.pupil.name(), "name"));
    ASSIGN_OR_RETURN(JourneyName journey_name,
                     ParseJourneyName(in.journey.name(), "journey"));
    ASSIGN_OR_RETURN(Day birth,
                     FromProtoDate(in.pupil.birth_date(), "birth_date"));
    if (!in.pupil.upn().empty()) {
      ASSIGN_OR_RETURN(Statement dup,
                       db_->Prepare("SELECT 1 FROM pupils WHERE upn = ?"));
      dup.Bind(1, in.pupil.upn());
      ASSIGN_OR_RETURN(bool exists, dup.Step());
      if (exists) {
        return absl::AlreadyExistsError(
            "pupil.upn: a pupil with this UPN already exists");
      }
    }
    ASSIGN_OR_RETURN(
        Statement pupil,
        db_->Prepare(
            "INSERT INTO pupils (id, upn, given_name, family_name, "
            "birth_date, setting_urn, local_authority_code, "
            "current_journey_id, create_time, needs, version, "
            "upn_unknown, sex, ethnicity, postcode, uln) VALUES (?, ?, ?, ?, "
            "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    pupil.Bind(1, pupil_name.pupil)
        .BindOptional(2, UpnColumn(in.pupil))
        .Bind(3, in.pupil.given_name())
        .Bind(4, in.pupil.family_name())
        .Bind(5, FormatDay(birth))
        .Bind(6, in.pupil.setting_urn())
        .Bind(7, in.pupil.local_authority_code())
        .Bind(8, journey_name.journey)
        .Bind(9, ToSeconds(in.create_time))
        .Bind(10,
              FormatNeeds({in.pupil.needs().begin(), in.pupil.needs().end()}))
        .Bind(11, kFirstVersion)
        .BindOptional(12, UpnUnknownColumn(in.pupil))
        .Bind(13, int64_t{in.pupil.sex()})
        .Bind(14, in.pupil.ethnicity())
        .Bind(15, in.pupil.postcode())
        .Bind(16, in.pupil.unique_learner_number());
    RETURN_IF_ERROR(pupil.Run());
    ASSIGN_OR_RETURN(
        Statement journey,
        db_->Prepare("INSERT INTO journeys (id, pupil_id, state, version, "
                     "rule_set_version, create_time, update_time) VALUES "
                     "(?, ?, ?, ?, ?, ?, ?)"));
    journey.Bind(1, journey_name.journey)
        .Bind(2, pupil_name.pupil)
        .Bind(3, static_cast<int64_t>(in.journey.state()))
        .Bind(4, kFirstVersion)
        .Bind(5, in.journey.rule_set_version())
        .Bind(6, ToSeconds(in.create_time))
        .Bind(7, ToSeconds(in.create_time));
    RETURN_IF_ERROR(journey.Run());
    if (key.has_value()) {
      RETURN_IF_ERROR(PutResponseLocked(*key, response, in.create_time));
    }
    return absl::OkStatus();
  });
}

absl::StatusOr<PupilRecord> SqliteStore::GetPupil(const PupilName& name) {
  ReadConnection read(*this);
  ASSIGN_OR_RETURN(Statement stmt, read->Prepare(absl::StrCat(
                                       "SELECT ", kPupilColumns,
                                       " FROM pupils p WHERE p.id = ?")));
  stmt.Bind(1, name.pupil);
  ASSIGN_OR_RETURN(bool row, stmt.Step());
  if (!row)
    return absl::NotFoundError(absl::StrCat(name.Format(), " not found"));
  return ReadPupil(stmt);
}

absl::StatusOr<Page<PupilRecord>> SqliteStore::ListPupils(
    const Visibility& visibility, const PupilFilter& pupils,
    const PageRequest& page) {
  ReadConnection read(*this, Pool::kHot);
  SqlFilter filter;
  filter.And("p.seq > ?", {page.after});
  filter.Visible(visibility, "p");
  if (!pupils.upn.empty()) filter.And("p.upn = ?", {pupils.upn});
  for (const std::string& word : pupils.name_words) {
    // instr, not LIKE: a '%' or '_' in the words is matched as itself.
    filter.And(
        "instr(lower(p.given_name), ?) > 0 OR "
        "instr(lower(p.family_name), ?) > 0",
        {word, word});
  }
  ASSIGN_OR_RETURN(
      Statement stmt,
      read->Prepare(absl::StrCat("SELECT ", kPupilColumns, " FROM pupils p",
                                 filter.Where(), " ORDER BY p.seq LIMIT ?")));
  stmt.Bind(filter.BindTo(stmt, 1), int64_t{page.limit} + 1);
  return ReadPage<PupilRecord>(stmt, page.limit, ReadPupil);
}

SqliteStore::ReadConnection::ReadConnection(SqliteStore& store, Pool pool) {
  const auto& readers =
      pool == Pool::kHot ? store.readers_ : store.view_readers_;
  if (readers.empty()) {
    mu_ = &store.mu_;
    mu_->Lock();
    db_ = store.db_.get();
    return;
  }
  // The first idle reader, else wait for one (spread by a rotating start).
  const size_t n = readers.size();
  const size_t start = store.next_reader_.fetch_add(1) % n;
  for (size_t i = 0; i < n; ++i) {
    Reader& r = *readers[(start + i) % n];
    if (r.mu.TryLock()) {
      mu_ = &r.mu;
      db_ = r.db.get();
      return;
    }
  }
  Reader& r = *readers[start];
  r.mu.Lock();
  mu_ = &r.mu;
  db_ = r.db.get();
}

absl::StatusOr<JourneyRecord> SqliteStore::GetJourneyLocked(
    const JourneyName& name) {
  return ReadJourneyOn(*db_, name);
}

absl::StatusOr<JourneyRecord> SqliteStore::ReadJourneyOn(
    Database& db, const JourneyName& name) {
  ASSIGN_OR_RETURN(Statement stmt, db.Prepare(absl::StrCat(
                                       "SELECT ", kJourneyColumns,
                                       " FROM journeys j JOIN pupils p ON "
                                       "p.id = j.pupil_id WHERE j.id = ? AND "
                                       "j.pupil_id = ?")));
  stmt.Bind(1, name.journey).Bind(2, name.pupil);
  ASSIGN_OR_RETURN(bool row, stmt.Step());
  if (!row) {
    return absl::NotFoundError(absl::StrCat(name.Format(), " not found"));
  }
  ASSIGN_OR_RETURN(JourneyRecord rec, ReadJourney(stmt));
  ASSIGN_OR_RETURN(rec.clocks, ReadClocksOn(db, name.journey));
  return rec;
}

absl::StatusOr<JourneyRecord> SqliteStore::GetJourney(const JourneyName& name) {
  ReadConnection read(*this);
  return ReadJourneyOn(*read, name);
}

absl::StatusOr<Page<JourneyRecord>> SqliteStore::ListJourneys(
    const Visibility& visibility, const std::optional<PupilName>& parent,
    const PageRequest& page) {
  absl::MutexLock lock(&mu_);
  SqlFilter filter;
  filter.And("j.seq > ?", {page.after});
  if (parent.has_value()) filter.And("j.pupil_id = ?", {parent->pupil});
  filter.Visible(visibility, "p");
  ASSIGN_OR_RETURN(
      Statement stmt,
      db_->Prepare(absl::StrCat("SELECT ", kJourneyColumns,
                                " FROM journeys j JOIN pupils p ON "
                                "p.id = j.pupil_id",
                                filter.Where(), " ORDER BY j.seq LIMIT ?")));
  stmt.Bind(filter.BindTo(stmt, 1), int64_t{page.limit} + 1);
  ASSIGN_OR_RETURN(Page<JourneyRecord> out,
                   ReadPage<JourneyRecord>(stmt, page.limit, ReadJourney));
  for (JourneyRecord& rec : out.items) {
    ASSIGN_OR_RETURN(JourneyName name,
                     ParseJourneyName(rec.journey.name(), "journey"));
    ASSIGN_OR_RETURN(rec.clocks, ReadClocksLocked(name.journey));
  }
  return out;
}

}  // namespace sendcase::storage
