#ifndef SENDCASE_CLIENTS_CLI_ROLL_ROLL_VALUES_H_
#define SENDCASE_CLIENTS_CLI_ROLL_ROLL_VALUES_H_

// The values of a roll export as MIS and DfE downloads write them: codes or
// display text ("K - SEN Support", "Year 4", "Autistic Spectrum Disorder"),
// matched without regard to case, spaces or punctuation. Each parser returns
// nullopt for what it cannot read for certain; callers name line, column and
// value. Codes are those of the school census (rules/REFERENCE.md §5, §6).

#include <optional>
#include <string>
#include <utility>

#include "google/type/date.pb.h"
#include "sendcase/v1/pupil.pb.h"

namespace sendcase::client {

// "YYYY-MM-DD", "DD/MM/YYYY" or "D/M/YYYY" (UK order, as MIS exports and the
// DfE's downloads write it), optionally followed by a midnight time
// ("01/09/2015 00:00:00", as spreadsheets save it). Years from 1900.
std::optional<google::type::Date> ParseRollDate(const std::string& text);

// National curriculum year as the census codes it: "N1", "N2", "R", "1" to
// "14", or "X" (no NC year); from "Year 4", "Y4", "Yr 4", "Reception",
// "Nursery 1" and the like. "" stays "" (not given).
std::optional<std::string> ParseYearGroup(const std::string& text);

// SEN provision 'N', 'K' or 'E' from a code ("K"), "CODE - text"
// ("K - SEN Support") or text alone ("Education, Health and Care Plan",
// "No Special Educational Need", Arbor's "Monitoring" = N); the 2001 codes
// map as the census did: A and P to K, S (statement) to E.
std::optional<char> ParseProvision(const std::string& text);

// A census SEN type from its code ("ASD", "asd"), "CODE - text" or its
// description ("Autistic Spectrum Disorder", "Visual Impairment"); "BESD"
// (before 2015) is SEMH.
std::optional<v1::NeedType> ParseNeed(const std::string& text);

// "Surname, Forename" (as a MIS "Name" column holds it) split at the first
// comma; nullopt without one: "Sam Jones" could be either order.
std::optional<std::pair<std::string, std::string>> SplitSurnameForename(
    const std::string& text);

}  // namespace sendcase::client

#endif  // SENDCASE_CLIENTS_CLI_ROLL_ROLL_VALUES_H_
