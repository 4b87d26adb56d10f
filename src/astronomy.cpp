#include "astronomy.hpp"

#include <cmath>
#include <numbers>

namespace caseflow::astronomy {

namespace {

constexpr double degree = std::numbers::pi / 180.0;
constexpr double synodic_month = 29.530588861;
constexpr double first_new_moon = 2451550.09766; // lunation 0, 2000-01-06

double sin_deg(double x) noexcept { return std::sin(x * degree); }

// Terrestrial Time minus Universal Time, in seconds (Espenak and Meeus' polynomials).
double delta_t(double year) noexcept {
  const double t = year - 2000.0;
  if (year < 2005.0)
    return 63.86 + 0.3345 * t - 0.060374 * t * t + 0.0017275 * t * t * t + 0.000651814 * t * t * t * t +
           0.00002373599 * t * t * t * t * t;
  if (year < 2050.0) return 62.92 + 0.32217 * t + 0.005589 * t * t;
  const double u = (year - 1820.0) / 100.0;
  return -20.0 + 32.0 * u * u - 0.5628 * (2150.0 - year);
}

// A periodic term of the new-moon series: coefficient, powers of E, and multiples of M, M', F, Omega.
struct moon_term {
  double coefficient;
  int e_power;
  int m, m_prime, f, omega;
};

// Meeus, table 49.A, the column for the new moon.
constexpr moon_term new_moon_terms[] = {
    {-0.40720, 0, 0, 1, 0, 0}, {0.17241, 1, 1, 0, 0, 0},   {0.01608, 0, 0, 2, 0, 0},    {0.01039, 0, 0, 0, 2, 0},
    {0.00739, 1, -1, 1, 0, 0}, {-0.00514, 1, 1, 1, 0, 0},  {0.00208, 2, 2, 0, 0, 0},    {-0.00111, 0, 0, 1, -2, 0},
    {-0.00057, 0, 0, 1, 2, 0}, {0.00056, 1, 1, 2, 0, 0},   {-0.00042, 0, 0, 3, 0, 0},   {0.00042, 1, 1, 0, 2, 0},
    {0.00038, 1, 1, 0, -2, 0}, {-0.00024, 1, -1, 2, 0, 0}, {-0.00017, 0, 0, 0, 0, 1},   {-0.00007, 0, 2, 1, 0, 0},
    {0.00004, 0, 0, 2, -2, 0}, {0.00004, 0, 3, 0, 0, 0},   {0.00003, 0, 1, 1, -2, 0},   {0.00003, 0, 0, 2, 2, 0},
    {-0.00003, 0, 1, 1, 2, 0}, {0.00003, 0, -1, 1, 2, 0},  {-0.00002, 0, -1, 1, -2, 0}, {-0.00002, 0, 1, 3, 0, 0},
    {0.00002, 0, 0, 4, 0, 0},
};

// Meeus' planetary arguments A1..A14: constant, rate per lunation, coefficient.
struct planetary_term {
  double base, per_lunation, coefficient;
};
constexpr planetary_term planetary_terms[] = {
    {299.77, 0.107408, 0.000325},  {251.88, 0.016321, 0.000165},  {251.83, 26.651886, 0.000164}, {349.42, 36.412478, 0.000126},
    {84.66, 18.206239, 0.000110},  {141.74, 53.303771, 0.000062}, {207.14, 2.453732, 0.000060},  {154.84, 7.306860, 0.000056},
    {34.52, 27.261239, 0.000047},  {207.19, 0.121824, 0.000042},  {291.34, 1.844379, 0.000040},  {161.72, 24.198154, 0.000037},
    {239.56, 25.513099, 0.000035}, {331.55, 3.592518, 0.000023},
};

double year_of(julian_ephemeris_day jde) noexcept { return 2000.0 + (jde - 2451545.0) / 365.25; }

} // namespace

julian_ephemeris_day new_moon(long k_whole) noexcept {
  const auto k = static_cast<double>(k_whole);
  const double t = k / 1236.85;
  const double t2 = t * t, t3 = t2 * t, t4 = t3 * t;
  double jde = first_new_moon + synodic_month * k + 0.00015437 * t2 - 0.000000150 * t3 + 0.00000000073 * t4;
  const double e = 1.0 - 0.002516 * t - 0.0000074 * t2;
  const double m = 2.5534 + 29.10535670 * k - 0.0000014 * t2 - 0.00000011 * t3;
  const double m_prime = 201.5643 + 385.81693528 * k + 0.0107582 * t2 + 0.00001238 * t3 - 0.000000058 * t4;
  const double f = 160.7108 + 390.67050284 * k - 0.0016118 * t2 - 0.00000227 * t3 + 0.000000011 * t4;
  const double omega = 124.7746 - 1.56375588 * k + 0.0020672 * t2 + 0.00000215 * t3;
  for (const auto &term : new_moon_terms) {
    const double arg = term.m * m + term.m_prime * m_prime + term.f * f + term.omega * omega;
    jde += term.coefficient * std::pow(e, term.e_power) * sin_deg(arg);
  }
  for (std::size_t i = 0; i < std::size(planetary_terms); ++i) {
    const auto &term = planetary_terms[i];
    double arg = term.base + term.per_lunation * k;
    if (i == 0) arg -= 0.009173 * t2;
    jde += term.coefficient * sin_deg(arg);
  }
  return jde;
}

double sun_apparent_longitude(julian_ephemeris_day jde) noexcept {
  const double t = (jde - 2451545.0) / 36525.0;
  const double l0 = 280.46646 + 36000.76983 * t + 0.0003032 * t * t;
  const double m = 357.52911 + 35999.05029 * t - 0.0001537 * t * t;
  const double c = (1.914602 - 0.004817 * t - 0.000014 * t * t) * sin_deg(m) + (0.019993 - 0.000101 * t) * sin_deg(2 * m) +
                   0.000289 * sin_deg(3 * m);
  const double omega = 125.04 - 1934.136 * t;
  const double lambda = l0 + c - 0.00569 - 0.00478 * sin_deg(omega);
  const double wrapped = std::fmod(lambda, 360.0);
  return wrapped < 0 ? wrapped + 360.0 : wrapped;
}

// NOLINTNEXTLINE(bugprone-exception-escape): date() throws only outside 1400..9999; years come from the holiday rule (<= 2100)
julian_ephemeris_day sun_reaches_longitude(int year, double degrees) noexcept {
  // Start from the mean motion after the March equinox, then correct by the remaining angle.
  const double equinox = static_cast<double>(date(static_cast<unsigned short>(year), 3, 20).julian_day());
  double jde = equinox + degrees / 360.0 * 365.2422;
  for (int i = 0; i < 50; ++i) {
    const double step = 58.0 * sin_deg(degrees - sun_apparent_longitude(jde));
    jde += step;
    if (std::abs(step) < 1e-7) break;
  }
  return jde;
}

date china_date(julian_ephemeris_day jde) noexcept {
  const double ut = jde - delta_t(year_of(jde)) / 86400.0;
  const auto day_number = static_cast<std::uint32_t>(std::floor(ut + 8.0 / 24.0 + 0.5));
  return date(boost::gregorian::gregorian_calendar::from_day_number(day_number));
}

long lunation_near(date d) noexcept {
  return std::lround((static_cast<double>(d.julian_day()) - first_new_moon) / synodic_month);
}

} // namespace caseflow::astronomy
