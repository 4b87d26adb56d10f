// Dates of the Chinese lunisolar calendar, for the statutory holidays that follow it.
//
// ICU's Chinese calendar decides the months: which new moon opens which month, and which month is a
// leap month. ICU 72 places a new moon that falls within minutes of midnight China time by a Keplerian
// approximation, which puts the first day of the Spring Festival of 2027 on 02-07 and of 2030 on
// 02-02, one day off the observatories' tables (02-06 and 02-03). So the day each month opens on is
// taken from Meeus' new-moon series (astronomy.hpp), accurate to seconds, when it differs from ICU's
// by one day.
#pragma once

#include <caseflow/calendar.hpp>
#include <caseflow/error.hpp>

namespace caseflow::lunar {

/// The Gregorian date of day `day` (1..30) of the ordinary (not leap) month `month` (1..12) of the
/// Chinese year that begins in the Gregorian year `year`.
result<date> to_gregorian(int year, int month, int day);

} // namespace caseflow::lunar
