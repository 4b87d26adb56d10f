#include "lunar_calendar.hpp"

#include "astronomy.hpp"

#include <fmt/format.h>
#include <unicode/calendar.h>
#include <unicode/locid.h>
#include <unicode/timezone.h>

#include <cstdlib>
#include <memory>

namespace caseflow::lunar {

namespace {

constexpr double ms_per_day = 86400000.0;
// ICU's Julian day of 1970-01-01, the origin of its millisecond time line.
constexpr int julian_day_of_epoch = 2440588;

failure icu_failure(UErrorCode code, int year) {
  return fail(errc::io_error, fmt::format("the Chinese calendar for {} is not available from ICU: {}", year, u_errorName(code)));
}

// The first day of `month` as ICU counts it, by its Julian day number.
result<long> icu_month_start(int year, int month) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::Calendar> cal(
      icu::Calendar::createInstance(icu::TimeZone::getGMT()->clone(), icu::Locale("zh_CN@calendar=chinese"), status));
  if (U_FAILURE(status)) return icu_failure(status, year);
  // 1 March lies in the Chinese year that began in `year`: its New Year falls between 21 January and
  // 20 February.
  const date march_first(static_cast<unsigned short>(year), 3, 1);
  cal->setTime((static_cast<double>(march_first.julian_day()) - julian_day_of_epoch) * ms_per_day, status);
  cal->set(UCAL_MONTH, month - 1);
  cal->set(UCAL_IS_LEAP_MONTH, 0);
  cal->set(UCAL_DATE, 1);
  const auto julian_day = cal->get(UCAL_JULIAN_DAY, status);
  if (U_FAILURE(status)) return icu_failure(status, year);
  return static_cast<long>(julian_day);
}

status<> check_arguments(int year, int month, int day) {
  if (month < 1 || month > 12 || day < 1 || day > 30)
    return fail(errc::invalid_argument, fmt::format("lunar {}-{} of {} is not a day of an ordinary month", month, day, year));
  return ok;
}

date from_julian_day(long jdn) {
  return date(boost::gregorian::gregorian_calendar::from_day_number(static_cast<std::uint32_t>(jdn)));
}

} // namespace

result<date> to_gregorian(int year, int month, int day) {
  if (auto r = check_arguments(year, month, day); !r) return failure{r.error()};
  auto start = icu_month_start(year, month);
  if (!start) return failure{start.error()};
  const date icu_start = from_julian_day(*start);
  const date precise = astronomy::china_date(astronomy::new_moon(astronomy::lunation_near(icu_start)));
  // Only ICU's near-midnight slips are mended; a larger gap would mean another month, so ICU stands.
  const long shift = (precise - icu_start).days();
  const date first = std::labs(shift) == 1 ? precise : icu_start;
  return first + boost::gregorian::days(day - 1);
}

} // namespace caseflow::lunar
