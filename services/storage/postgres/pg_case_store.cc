// Pupils and journeys on PostgreSQL (pg_case_store.h): the SQLite
// backend's rows and rules, in PostgreSQL's SQL.
#include "services/storage/postgres/pg_case_store.h"

#include "absl/strings/str_cat.h"
#include "services/common/proto_time.h"
#include "services/common/status_macros.h"
#include "services/storage/alert_states.h"
#include "services/storage/needs_column.h"
#include "services/storage/postgres/pg_filter.h"
#include "services/storage/postgres/pg_responses.h"
#include "services/storage/postgres/pg_values.h"
#include "services/storage/postgres/pg_write.h"

namespace sendcase::storage::postgres {
namespace {

constexpr absl::string_view kPupilColumns =
    "p.seq, p.id, p.upn, p.given_name, p.family_name, p.birth_date, "
    "p.setting_urn, p.local_authority_code, p.current_journey_id, "
    "p.create_time, p.needs, p.version, (SELECT state FROM journeys WHERE id "
    "= p.current_journey_id), p.upn_unknown, p.sex, p.ethnicity, "
    "p.postcode, p.uln";

absl::StatusOr<PupilRecord> ReadPupil(const PgResult& r, int i) {
  PupilRecord record;
  v1::Pupil& pupil = record.pupil;
  const std::string id = r.Text(i, 1);
  pupil.set_name(PupilName{id}.Format());
  pupil.set_upn(r.Text(i, 2));
  pupil.set_given_name(r.Text(i, 3));
  pupil.set_family_name(r.Text(i, 4));
  ASSIGN_OR_RETURN(Day birth, DayAt(r, i, 5, "birth_date"));
  *pupil.mutable_birth_date() = ToProtoDate(birth);
  pupil.set_setting_urn(r.Text(i, 6));
  pupil.set_local_authority_code(r.Text(i, 7));
  pupil.set_current_journey(JourneyName{id, r.Text(i, 8)}.Format());
  *pupil.mutable_create_time() = ToTimestamp(InstantAt(r, i, 9));
  ASSIGN_OR_RETURN(std::vector<int> needs, ParseNeeds(r.Text(i, 10)));
  for (int need : needs) pupil.add_needs(static_cast<v1::NeedType>(need));
  record.version = r.Int64(i, 11);
  record.journey_state = static_cast<v1::Journey::State>(r.Int64(i, 12));
  if (!r.IsNull(i, 13)) {
    pupil.set_upn_unknown(static_cast<v1::UpnUnknownReason>(r.Int64(i, 13)));
  }
  pupil.set_sex(static_cast<v1::Sex>(r.Int64(i, 14)));
  pupil.set_ethnicity(r.Text(i, 15));
  pupil.set_postcode(r.Text(i, 16));
  pupil.set_unique_learner_number(r.Text(i, 17));
  return record;
}

constexpr absl::string_view kJourneyColumns =
    "j.seq, j.id, j.pupil_id, j.state, j.version, j.rule_set_version, "
    "j.latest_event_date, j.create_time, j.update_time, p.setting_urn, "
    "p.local_authority_code, p.birth_date, j.case_officer";

absl::StatusOr<JourneyRecord> ReadJourney(const PgResult& r, int i) {
  JourneyRecord rec;
  v1::Journey& j = rec.journey;
  j.set_name(JourneyName{r.Text(i, 2), r.Text(i, 1)}.Format());
  j.set_pupil(PupilName{r.Text(i, 2)}.Format());
  j.set_state(static_cast<v1::Journey::State>(r.Int64(i, 3)));
  rec.version = r.Int64(i, 4);
  j.set_rule_set_version(r.Text(i, 5));
  ASSIGN_OR_RETURN(rec.latest_event_date,
                   OptionalDayAt(r, i, 6, "latest_event_date"));
  if (rec.latest_event_date.has_value()) {
    *j.mutable_latest_event_date() = ToProtoDate(*rec.latest_event_date);
  }
  *j.mutable_create_time() = ToTimestamp(InstantAt(r, i, 7));
  *j.mutable_update_time() = ToTimestamp(InstantAt(r, i, 8));
  rec.setting_urn = r.Text(i, 9);
  rec.local_authority_code = r.Text(i, 10);
  ASSIGN_OR_RETURN(rec.birth_date, DayAt(r, i, 11, "birth_date"));
  j.set_case_officer(r.Text(i, 12));
  return rec;
}

absl::StatusOr<ClockRecord> ReadClock(const PgResult& r, int i) {
  ClockRecord c;
  c.id = r.Int64(i, 0);
  c.rule_id = r.Text(i, 1);
  c.subject = r.Text(i, 2);
  c.status = static_cast<v1::Clock::Status>(r.Int64(i, 3));
  ASSIGN_OR_RETURN(c.start_date, DayAt(r, i, 4, "start_date"));
  ASSIGN_OR_RETURN(c.due_date, DayAt(r, i, 5, "due_date"));
  ASSIGN_OR_RETURN(c.met_date, OptionalDayAt(r, i, 6, "met_date"));
  c.statutory = r.Int64(i, 7) != 0;
  c.owner_role = static_cast<v1::Role>(r.Int64(i, 8));
  c.explanation = r.Text(i, 9);
  c.exception_reason = r.Text(i, 10);
  c.rule_set_version = r.Text(i, 11);
  c.review = r.Int64(i, 12) != 0;
  c.window = r.Int64(i, 13) != 0;
  c.assessment_step = r.Int64(i, 14) != 0;
  c.assessment_limit = r.Int64(i, 15) != 0;
  return c;
}

absl::StatusOr<std::vector<ClockRecord>> ReadClocksOn(
    PgConnection& conn, const std::string& journey_id) {
  ASSIGN_OR_RETURN(
      PgResult rows,
      conn.Exec("SELECT id, rule_id, subject, status, start_date, due_date, "
                "met_date, statutory, owner_role, explanation, "
                "exception_reason, rule_set_version, review, expires, "
                "assessment_step, assessment_limit FROM clocks WHERE "
                "journey_id = $1 ORDER BY id",
                {PgParam::Text(journey_id)}));
  std::vector<ClockRecord> clocks;
  for (int i = 0; i < rows.rows(); ++i) {
    ASSIGN_OR_RETURN(ClockRecord clock, ReadClock(rows, i));
    clocks.push_back(std::move(clock));
  }
  return clocks;
}

PgParam UpnParam(const v1::Pupil& pupil) {
  std::optional<std::string> upn = UpnColumn(pupil);
  return upn.has_value() ? PgParam::Text(*upn) : PgParam::Null();
}

PgParam UpnUnknownParam(const v1::Pupil& pupil) {
  std::optional<int64_t> reason = UpnUnknownColumn(pupil);
  return reason.has_value() ? PgParam::Int(*reason) : PgParam::Null();
}

PgParam NeedsParam(const v1::Pupil& pupil) {
  return PgParam::Text(
      FormatNeeds({pupil.needs().begin(), pupil.needs().end()}));
}

absl::Status ChangedByAnother(absl::string_view name) {
  return absl::AbortedError(absl::StrCat(
      name, " was changed by another request; read it again and retry"));
}

}  // namespace

absl::StatusOr<JourneyRecord> ReadJourneyOn(PgConnection& conn,
                                            const JourneyName& name) {
  ASSIGN_OR_RETURN(
      PgResult rows,
      conn.Exec(absl::StrCat("SELECT ", kJourneyColumns,
                             " FROM journeys j JOIN pupils p ON p.id = "
                             "j.pupil_id WHERE j.id = $1 AND j.pupil_id = $2"),
                {PgParam::Text(name.journey), PgParam::Text(name.pupil)}));
  if (rows.rows() == 0) {
    return absl::NotFoundError(absl::StrCat(name.Format(), " not found"));
  }
  ASSIGN_OR_RETURN(JourneyRecord rec, ReadJourney(rows, 0));
  ASSIGN_OR_RETURN(rec.clocks, ReadClocksOn(conn, name.journey));
  return rec;
}

absl::StatusOr<std::optional<StoredResponse>> PgCaseStore::FindResponse(
    const std::string& principal, const std::string& request_id) {
  ASSIGN_OR_RETURN(PgPool::Lease conn, pool_.Acquire());
  return FindResponseOn(*conn, principal, request_id);
}

absl::Status PgCaseStore::CreatePupil(const NewPupil& in,
                                      const std::optional<IdempotencyKey>& key,
                                      const std::string& response) {
  ASSIGN_OR_RETURN(PupilName pupil_name,
                   ParsePupilName(in.pupil.name(), "name"));
  ASSIGN_OR_RETURN(JourneyName journey_name,
                   ParseJourneyName(in.journey.name(), "journey"));
  ASSIGN_OR_RETURN(Day birth,
                   FromProtoDate(in.pupil.birth_date(), "birth_date"));
  return PgWrite(
      pool_, in.pupil.name(), [&](PgConnection& conn) -> absl::Status {
        absl::Status pupil =
            conn.Exec(
                    "INSERT INTO pupils (id, upn, given_name, family_name, "
                    "birth_date, setting_urn, local_authority_code, "
                    "current_journey_id, create_time, needs, version, "
                    "upn_unknown, sex, ethnicity, postcode, uln) VALUES ($1, "
                    "$2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, "
                    "$15, $16)",
                    {PgParam::Text(pupil_name.pupil), UpnParam(in.pupil),
                     PgParam::Text(in.pupil.given_name()),
                     PgParam::Text(in.pupil.family_name()), DayParam(birth),
                     PgParam::Text(in.pupil.setting_urn()),
                     PgParam::Text(in.pupil.local_authority_code()),
                     PgParam::Text(journey_name.journey),
                     SecondsParam(in.create_time), NeedsParam(in.pupil),
                     PgParam::Int(kFirstVersion), UpnUnknownParam(in.pupil),
                     PgParam::Int(in.pupil.sex()),
                     PgParam::Text(in.pupil.ethnicity()),
                     PgParam::Text(in.pupil.postcode()),
                     PgParam::Text(in.pupil.unique_learner_number())})
                .status();
        // The unique index decides, so two replicas creating one UPN at once
        // cannot both succeed (ids are random: a clash is the UPN's).
        if (absl::IsAlreadyExists(pupil) && !in.pupil.upn().empty()) {
          return absl::AlreadyExistsError(
              "pupil.upn: a pupil with this UPN already exists");
        }
        RETURN_IF_ERROR(pupil);
        RETURN_IF_ERROR(
            conn.Exec("INSERT INTO journeys (id, pupil_id, state, version, "
                      "rule_set_version, create_time, update_time) VALUES ($1, "
                      "$2, $3, $4, $5, $6, $6)",
                      {PgParam::Text(journey_name.journey),
                       PgParam::Text(pupil_name.pupil),
                       PgParam::Int(in.journey.state()),
                       PgParam::Int(kFirstVersion),
                       PgParam::Text(in.journey.rule_set_version()),
                       SecondsParam(in.create_time)})
                .status());
        if (!key.has_value()) return absl::OkStatus();
        return PutResponse(conn, *key, response, in.create_time);
      });
}

absl::StatusOr<PupilRecord> PgCaseStore::GetPupil(const PupilName& name) {
  ASSIGN_OR_RETURN(PgPool::Lease conn, pool_.Acquire());
  ASSIGN_OR_RETURN(PgResult rows,
                   conn->Exec(absl::StrCat("SELECT ", kPupilColumns,
                                           " FROM pupils p WHERE p.id = $1"),
                              {PgParam::Text(name.pupil)}));
  if (rows.rows() == 0) {
    return absl::NotFoundError(absl::StrCat(name.Format(), " not found"));
  }
  return ReadPupil(rows, 0);
}

absl::StatusOr<Page<PupilRecord>> PgCaseStore::ListPupils(
    const Visibility& visibility, const PupilFilter& pupils,
    const PageRequest& page) {
  PgFilter filter;
  filter.And("p.seq > ?", {PgParam::Int(page.after)});
  filter.Visible(visibility, "p.setting_urn", "p.local_authority_code");
  if (!pupils.upn.empty()) {
    filter.And("p.upn = ?", {PgParam::Text(pupils.upn)});
  }
  for (const std::string& word : pupils.name_words) {
    // strpos, not LIKE: a '%' or '_' in the words is matched as itself.
    filter.And(
        "strpos(lower(p.given_name), ?) > 0 OR "
        "strpos(lower(p.family_name), ?) > 0",
        {PgParam::Text(word), PgParam::Text(word)});
  }
  ASSIGN_OR_RETURN(PgPool::Lease conn, pool_.Acquire());
  return ReadPage<PupilRecord>(
      *conn,
      absl::StrCat("SELECT ", kPupilColumns, " FROM pupils p", filter.Where(),
                   " ORDER BY p.seq LIMIT ?"),
      filter.params(), page, ReadPupil);
}

absl::Status PgCaseStore::UpdatePupil(const PupilName& name,
                                      const v1::Pupil& pupil,
                                      int64_t expected_version,
                                      const std::optional<IdempotencyKey>& key,
                                      const std::string& response,
                                      Instant now) {
  ASSIGN_OR_RETURN(Day birth, FromProtoDate(pupil.birth_date(), "birth_date"));
  return PgWrite(pool_, "", [&](PgConnection& conn) -> absl::Status {
    if (!pupil.upn().empty()) {
      // A changed UPN (a temporary one replaced) must not be another
      // pupil's; the unique index below catches a concurrent one.
      ASSIGN_OR_RETURN(
          PgResult dup,
          conn.Exec("SELECT 1 FROM pupils WHERE upn = $1 AND id <> $2",
                    {PgParam::Text(pupil.upn()), PgParam::Text(name.pupil)}));
      if (dup.rows() > 0) {
        return absl::AlreadyExistsError(
            "pupil.upn: another pupil already has this UPN");
      }
    }
    // Version check and update in one statement, as CommitTransition.
    absl::StatusOr<PgResult> update = conn.Exec(
        "UPDATE pupils SET given_name = $1, family_name = $2, birth_date = "
        "$3, setting_urn = $4, local_authority_code = $5, needs = $6, upn = "
        "$7, version = $8, upn_unknown = $9, sex = $12, ethnicity = $13, "
        "postcode = $14, uln = $15 WHERE id = $10 AND version = $11",
        {PgParam::Text(pupil.given_name()), PgParam::Text(pupil.family_name()),
         DayParam(birth), PgParam::Text(pupil.setting_urn()),
         PgParam::Text(pupil.local_authority_code()), NeedsParam(pupil),
         UpnParam(pupil), PgParam::Int(NextVersion(expected_version)),
         UpnUnknownParam(pupil), PgParam::Text(name.pupil),
         PgParam::Int(expected_version), PgParam::Int(pupil.sex()),
         PgParam::Text(pupil.ethnicity()), PgParam::Text(pupil.postcode()),
         PgParam::Text(pupil.unique_learner_number())});
    if (absl::IsAlreadyExists(update.status())) {
      return absl::AlreadyExistsError(
          "pupil.upn: another pupil already has this UPN");
    }
    RETURN_IF_ERROR(update.status());
    if (update->affected() != 1) {
      ASSIGN_OR_RETURN(PgResult found,
                       conn.Exec("SELECT 1 FROM pupils WHERE id = $1",
                                 {PgParam::Text(name.pupil)}));
      if (found.rows() == 0) {
        return absl::NotFoundError(absl::StrCat(name.Format(), " not found"));
      }
      return ChangedByAnother(name.Format());
    }
    // Reminders not yet fired go to the contacts of the pupil's new scope;
    // fired ones stay where they were delivered.
    RETURN_IF_ERROR(
        conn.Exec("UPDATE alerts SET setting_urn = $1, local_authority_code "
                  "= $2 WHERE pupil_id = $3 AND state = $4",
                  {PgParam::Text(pupil.setting_urn()),
                   PgParam::Text(pupil.local_authority_code()),
                   PgParam::Text(name.pupil), PgParam::Int(kPending)})
            .status());
    if (!key.has_value()) return absl::OkStatus();
    return PutResponse(conn, *key, response, now);
  });
}

absl::StatusOr<JourneyRecord> PgCaseStore::GetJourney(const JourneyName& name) {
  ASSIGN_OR_RETURN(PgPool::Lease conn, pool_.Acquire());
  return ReadJourneyOn(*conn, name);
}

absl::Status PgCaseStore::AssignCaseOfficer(const JourneyName& name,
                                            const std::string& case_officer,
                                            int64_t expected_version,
                                            Instant now) {
  return PgWrite(pool_, "", [&](PgConnection& conn) -> absl::Status {
    ASSIGN_OR_RETURN(
        PgResult update,
        conn.Exec("UPDATE journeys SET case_officer = $1, version = $2, "
                  "update_time = $3 WHERE id = $4 AND pupil_id = $5 AND "
                  "version = $6",
                  {PgParam::Text(case_officer),
                   PgParam::Int(NextVersion(expected_version)),
                   SecondsParam(now), PgParam::Text(name.journey),
                   PgParam::Text(name.pupil), PgParam::Int(expected_version)}));
    if (update.affected() == 1) return absl::OkStatus();
    RETURN_IF_ERROR(ReadJourneyOn(conn, name).status());
    return ChangedByAnother(name.Format());
  });
}

absl::StatusOr<Page<JourneyRecord>> PgCaseStore::ListJourneys(
    const Visibility& visibility, const std::optional<PupilName>& parent,
    const PageRequest& page) {
  PgFilter filter;
  filter.And("j.seq > ?", {PgParam::Int(page.after)});
  if (parent.has_value()) {
    filter.And("j.pupil_id = ?", {PgParam::Text(parent->pupil)});
  }
  filter.Visible(visibility, "p.setting_urn", "p.local_authority_code");
  ASSIGN_OR_RETURN(PgPool::Lease conn, pool_.Acquire());
  ASSIGN_OR_RETURN(
      Page<JourneyRecord> out,
      ReadPage<JourneyRecord>(
          *conn,
          absl::StrCat("SELECT ", kJourneyColumns,
                       " FROM journeys j JOIN pupils p ON p.id = j.pupil_id",
                       filter.Where(), " ORDER BY j.seq LIMIT ?"),
          filter.params(), page, ReadJourney));
  for (JourneyRecord& rec : out.items) {
    ASSIGN_OR_RETURN(JourneyName name,
                     ParseJourneyName(rec.journey.name(), "journey"));
    ASSIGN_OR_RETURN(rec.clocks, ReadClocksOn(*conn, name.journey));
  }
  return out;
}

absl::StatusOr<std::vector<OpenTask>> PgCaseStore::ListOpenTasks(
    const JourneyName& journey) {
  ASSIGN_OR_RETURN(PgPool::Lease conn, pool_.Acquire());
  ASSIGN_OR_RETURN(
      PgResult rows,
      conn->Exec("SELECT id, rule_id, subject, due_date FROM tasks WHERE "
                 "journey_id = $1 AND pupil_id = $2 AND state = $3 ORDER BY "
                 "create_time, id",
                 {PgParam::Text(journey.journey), PgParam::Text(journey.pupil),
                  PgParam::Int(v1::Task::OPEN)}));
  std::vector<OpenTask> out;
  for (int i = 0; i < rows.rows(); ++i) {
    OpenTask t{rows.Text(i, 0), rows.Text(i, 1), rows.Text(i, 2), {}};
    ASSIGN_OR_RETURN(t.due_date, DayAt(rows, i, 3, "due_date"));
    out.push_back(std::move(t));
  }
  return out;
}

}  // namespace sendcase::storage::postgres
