// Astronomy for the statutory holidays: the instants of new moons and of the Sun reaching a given
// apparent longitude (a solar term), from the series in J. Meeus, "Astronomical Algorithms" (2nd ed.,
// chapters 25 and 49). Accurate to well under a minute for new moons and to about a quarter of an hour
// for solar terms in this century, which decides the civil day except within those margins of midnight.
#pragma once

#include <caseflow/calendar.hpp>

namespace caseflow::astronomy {

/// A Julian Day in Terrestrial Time (JDE), as the series give it.
using julian_ephemeris_day = double;

/// The instant of the new moon of lunation k (k = 0: the new moon of 2000-01-06; whole numbers only).
julian_ephemeris_day new_moon(long k) noexcept;

/// The Sun's apparent ecliptic longitude at `jde`, in degrees [0, 360).
double sun_apparent_longitude(julian_ephemeris_day jde) noexcept;

/// The instant at which the Sun's apparent longitude reaches `degrees` (0 <= degrees < 360) in the
/// Gregorian year `year`.
// NOLINTNEXTLINE(bugprone-exception-escape): see the definition
julian_ephemeris_day sun_reaches_longitude(int year, double degrees) noexcept;

/// The China Standard Time (UTC+8) civil date of an instant given as a JDE.
date china_date(julian_ephemeris_day jde) noexcept;

/// The lunation whose new moon falls nearest the China date `d`.
long lunation_near(date d) noexcept;

} // namespace caseflow::astronomy
