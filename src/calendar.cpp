#include <caseflow/calendar.hpp>
#include <caseflow/holiday_rule.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <sstream>

namespace caseflow {

namespace greg = boost::gregorian;

namespace {

// Years outside this range are almost certainly typos in a calendar file.
constexpr int min_year = 1950;
constexpr int max_year = 2200;
// More provisional years than this would be a typo: the rule is no substitute for the notices.
constexpr int max_provisional_years = 10;

bool parse_int(std::string_view s, int &out) {
  if (s.empty() || !std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c); })) return false;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc{} && end == s.data() + s.size();
}

bool valid_ymd(int y, int m, int d) {
  return y >= 1400 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 &&
         d <= greg::gregorian_calendar::end_of_month_day(static_cast<unsigned short>(y), static_cast<unsigned short>(m));
}

date make_date(int y, int m, int d) {
  return date(static_cast<unsigned short>(y), static_cast<unsigned short>(m), static_cast<unsigned short>(d));
}

bool is_weekend(date d) {
  const auto wd = d.day_of_week().as_number();
  return wd == 0 || wd == 6;
}

// What a line asks for a day. `normal` hands the day back to the weekday rule.
enum class mark : std::uint8_t { off, work, normal };

struct directive_row {
  std::string_view word;
  mark what;
};
constexpr directive_row day_directives[] = {{"off", mark::off}, {"work", mark::work}, {"normal", mark::normal}};

std::string_view mark_name(mark m) {
  for (const auto &row : day_directives)
    if (row.what == m) return row.word;
  return "?";
}

std::string_view strip(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front())))
    s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back())))
    s.remove_suffix(1);
  return s;
}

std::vector<std::string_view> split_words(std::string_view s) {
  std::vector<std::string_view> words;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i])))
      ++i;
    std::size_t j = i;
    while (j < s.size() && !std::isspace(static_cast<unsigned char>(s[j])))
      ++j;
    if (j > i) words.push_back(s.substr(i, j - i));
    i = j;
  }
  return words;
}

// Everything the files said, before the tables are built: nothing is kept if any line is bad.
struct layered_marks {
  std::set<int> years;
  std::optional<int> provisional;                  // a 'provisional N' line, the last one read
  std::map<greg::date::date_int_type, mark> marks; // by day number; later layers overwrite
};

class file_parser {
public:
  file_parser(const work_calendar::source &src, layered_marks &into) : src_(src), into_(into) {}

  result<ok_t> run() {
    std::istringstream in(src_.text);
    std::string raw;
    while (std::getline(in, raw)) {
      ++line_;
      std::string_view text = raw;
      if (const auto hash = text.find('#'); hash != std::string_view::npos) text = text.substr(0, hash);
      const auto words = split_words(strip(text));
      if (words.empty()) continue;
      if (auto r = directive(words); !r) return r;
    }
    return ok;
  }

private:
  failure bad(std::string what) const { return fail(errc::parse_error, fmt::format("{}:{}: {}", src_.name, line_, what)); }

  result<ok_t> directive(const std::vector<std::string_view> &words) {
    if (words[0] == "year") return year_line(words);
    if (words[0] == "provisional") return provisional_line(words);
    for (const auto &row : day_directives)
      if (words[0] == row.word) return day_line(words, row.what);
    return bad(fmt::format("unknown directive '{}': expected 'year', 'off', 'work', 'normal' or 'provisional'", words[0]));
  }

  result<ok_t> provisional_line(const std::vector<std::string_view> &words) {
    int n = -1;
    if (words.size() != 2 || !parse_int(words[1], n) || n > max_provisional_years)
      return bad(fmt::format("'provisional' takes the number of provisional years, 0 to {}", max_provisional_years));
    into_.provisional = n;
    return ok;
  }

  result<ok_t> year_line(const std::vector<std::string_view> &words) {
    if (words.size() != 2) return bad("'year' takes one argument, a year such as 2025");
    int y = 0;
    if (!parse_int(words[1], y) || y < min_year || y > max_year)
      return bad(fmt::format("'{}' is not a year between {} and {}", words[1], min_year, max_year));
    if (!years_here_.insert(y).second) return bad(fmt::format("year {} is declared twice in this file", y));
    year_ = y;
    into_.years.insert(y);
    return ok;
  }

  result<date> day(std::string_view text) const {
    int y = year_, m = 0, d = 0;
    const auto parts = [&] {
      std::vector<std::string_view> out;
      std::size_t start = 0;
      for (std::size_t i = 0; i <= text.size(); ++i)
        if (i == text.size() || text[i] == '-') {
          out.push_back(text.substr(start, i - start));
          start = i + 1;
        }
      return out;
    }();
    bool parsed = false;
    if (parts.size() == 3 && parts[0].size() == 4 && parts[1].size() == 2 && parts[2].size() == 2)
      parsed = parse_int(parts[0], y) && parse_int(parts[1], m) && parse_int(parts[2], d);
    else if (parts.size() == 2 && parts[0].size() == 2 && parts[1].size() == 2)
      parsed = parse_int(parts[0], m) && parse_int(parts[1], d);
    if (!parsed || !valid_ymd(y, m, d)) return bad(fmt::format("'{}' is not a date (expected YYYY-MM-DD or MM-DD)", text));
    if (y != year_) return bad(fmt::format("'{}' lies outside the block of year {}", text, year_));
    return make_date(y, m, d);
  }

  result<ok_t> day_line(const std::vector<std::string_view> &words, mark what) {
    if (words.size() != 2) return bad(fmt::format("'{}' takes one argument, a day or a range DAY..DAY", words[0]));
    if (year_ == 0) return bad(fmt::format("'{}' before any 'year' line", words[0]));
    const std::string_view arg = words[1];
    const auto dots = arg.find("..");
    auto from = day(arg.substr(0, dots));
    if (!from) return failure{from.error()};
    date to = *from;
    if (dots != std::string_view::npos) {
      auto end = day(arg.substr(dots + 2));
      if (!end) return failure{end.error()};
      to = *end;
      if (to < *from) return bad(fmt::format("range '{}' ends before it starts", arg));
    }
    for (date d = *from; d <= to; d += greg::days(1)) {
      const auto [it, inserted] = in_this_file_.emplace(d.day_number(), std::pair{what, line_});
      if (!inserted && it->second.first != what)
        return fail(errc::conflict, fmt::format("{}:{}: {} is marked '{}' here but '{}' at line {}", src_.name, line_,
                                                to_string(d), mark_name(what), mark_name(it->second.first), it->second.second));
      into_.marks[d.day_number()] = what;
    }
    return ok;
  }

  const work_calendar::source &src_;
  layered_marks &into_;
  int line_ = 0;
  int year_ = 0;
  std::set<int> years_here_;
  std::map<greg::date::date_int_type, std::pair<mark, int>> in_this_file_;
};

} // namespace

result<date> parse_date(std::string_view text) {
  int y = 0, m = 0, d = 0;
  const bool shape = text.size() == 10 && text[4] == '-' && text[7] == '-';
  if (!shape || !parse_int(text.substr(0, 4), y) || !parse_int(text.substr(5, 2), m) || !parse_int(text.substr(8, 2), d) ||
      !valid_ymd(y, m, d))
    return fail(errc::parse_error, fmt::format("'{}' is not a date (expected YYYY-MM-DD)", text));
  return make_date(y, m, d);
}

std::string to_string(date d) {
  if (d.is_special()) return "not-a-date";
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(d.year()), static_cast<int>(d.month()), static_cast<int>(d.day()));
}

namespace {

// Past the published years: weekends plus the statutory days of each year's rule, until a year the rule
// does not know.
status<> add_provisional_years(layered_marks &marks, int count) {
  const int published_last = *marks.years.rbegin();
  for (int year = published_last + 1; year <= published_last + count; ++year) {
    auto days = statutory_days(year);
    if (!days && days.error().code == errc::out_of_range) break;
    if (!days) return failure{days.error()};
    marks.years.insert(year);
    for (const auto &d : *days)
      marks.marks[d.on.day_number()] = mark::off;
  }
  return ok;
}

} // namespace

result<work_calendar> work_calendar::parse(std::span<const source> sources, calendar_options options) {
  if (sources.empty()) return fail(errc::invalid_argument, "no calendar data given");
  if (options.provisional_years < 0 || options.provisional_years > max_provisional_years)
    return fail(errc::invalid_argument,
                fmt::format("provisional_years is {}, but must be 0 to {}", options.provisional_years, max_provisional_years));
  layered_marks marks;
  for (const auto &src : sources)
    if (auto r = file_parser(src, marks).run(); !r) return failure{std::move(r).error()};
  if (marks.years.empty())
    return fail(errc::parse_error, fmt::format("{}: no 'year' line: the calendar covers no days", sources.front().name));

  // One unbroken range of years keeps the tables dense and every question answerable.
  int expected = *marks.years.begin();
  for (int y : marks.years) {
    if (y != expected)
      return fail(errc::parse_error, fmt::format("{}: covered years must be unbroken, but {} is missing before {}",
                                                 sources.back().name, expected, y));
    ++expected;
  }
  const int published_last = *marks.years.rbegin();
  if (auto r = add_provisional_years(marks, marks.provisional.value_or(options.provisional_years)); !r) return failure{r.error()};

  work_calendar cal;
  cal.last_published_ = make_date(published_last, 12, 31);
  cal.first_ = make_date(*marks.years.begin(), 1, 1);
  cal.last_ = make_date(*marks.years.rbegin(), 12, 31);
  const auto n = static_cast<std::size_t>(cal.index_of(cal.last_)) + 1;
  cal.kinds_.resize(n);
  cal.running_.resize(n);
  std::int32_t count = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const date d = cal.first_ + greg::days(static_cast<long>(i));
    const bool weekend = is_weekend(d);
    day_kind k = weekend ? day_kind::weekend : day_kind::workday;
    if (const auto it = marks.marks.find(d.day_number()); it != marks.marks.end()) {
      if (it->second == mark::off) k = day_kind::day_off;
      if (it->second == mark::work) k = weekend ? day_kind::makeup_workday : day_kind::workday;
    }
    cal.kinds_[i] = k;
    if (k == day_kind::workday || k == day_kind::makeup_workday) {
      cal.workday_at_.push_back(static_cast<std::int32_t>(i));
      ++count;
    }
    cal.running_[i] = count;
  }
  return cal;
}

result<work_calendar> work_calendar::parse(std::string_view text, std::string_view name, calendar_options options) {
  const source src{std::string(name), std::string(text)};
  return parse(std::span<const source>(&src, 1), options);
}

result<work_calendar> work_calendar::load(std::span<const std::filesystem::path> files, calendar_options options) {
  std::vector<source> sources;
  for (const auto &path : files) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return fail(errc::io_error, fmt::format("{}: cannot open calendar file", path.string()));
    std::ostringstream text;
    text << in.rdbuf();
    if (in.bad()) return fail(errc::io_error, fmt::format("{}: cannot read calendar file", path.string()));
    sources.push_back({path.filename().string(), std::move(text).str()});
  }
  return parse(sources, options);
}

result<work_calendar> work_calendar::load(const std::filesystem::path &file, calendar_options options) {
  return load(std::span(&file, 1), options);
}

// Error paths are kept out of line so the O(1) paths stay small enough to inline and vectorise.
[[gnu::cold, gnu::noinline]] failure work_calendar::outside(date d) const {
  return fail(errc::out_of_range, fmt::format("{} is outside the working-day calendar, which covers {} to {}", to_string(d),
                                              to_string(first_), to_string(last_)));
}

[[gnu::cold, gnu::noinline]] failure work_calendar::outside_after(date d, std::string_view what) const {
  return fail(errc::out_of_range, fmt::format("{} {} falls outside the calendar, which covers {} to {}", to_string(d), what,
                                              to_string(first_), to_string(last_)));
}

result<day_kind> work_calendar::kind(date d) const {
  const std::size_t i = slot(d);
  if (i >= kinds_.size()) [[unlikely]]
    return outside(d);
  return kinds_[i];
}

result<bool> work_calendar::is_workday(date d) const {
  const std::size_t i = slot(d);
  if (i >= kinds_.size()) [[unlikely]]
    return outside(d);
  return workday_at_slot(i);
}

result<date> work_calendar::next_workday(date d) const {
  const std::size_t i = slot(d);
  if (i >= kinds_.size()) [[unlikely]]
    return outside(d);
  if (workday_at_slot(i)) return d;
  // running_[i] working days lie at or before d, so the next one has rank running_[i] (0-based).
  const auto rank = static_cast<std::size_t>(running_[i]);
  if (rank >= workday_at_.size()) [[unlikely]]
    return outside_after(d, "has no working day after it that");
  return first_ + greg::days(workday_at_[rank]);
}

result<date> work_calendar::add_workdays(date d, int n) const {
  const std::size_t i = slot(d);
  if (i >= kinds_.size()) [[unlikely]]
    return outside(d);
  // 1-based rank of the wanted working day among all working days of the calendar: counting forward
  // from the working days at or before d, backward from those strictly before it.
  const long long before = i == 0 ? 0 : running_[i - 1];
  const long long rank = n > 0 ? running_[i] + static_cast<long long>(n) : n < 0 ? before + n + 1 : 0;
  if (n == 0) return d;
  if (rank < 1 || rank > static_cast<long long>(workday_at_.size())) [[unlikely]]
    return outside_after(d, n > 0 ? fmt::format("+ {} working days", n)
                                  : fmt::format("- {} working days", -static_cast<long long>(n)));
  return first_ + greg::days(workday_at_[static_cast<std::size_t>(rank - 1)]);
}

result<int> work_calendar::workdays_between(date a, date b) const {
  const std::size_t i = slot(a), j = slot(b);
  if (i >= kinds_.size()) [[unlikely]]
    return outside(a);
  if (j >= kinds_.size()) [[unlikely]]
    return outside(b);
  return running_[j] - running_[i];
}

result<date> work_calendar::add(date d, period p) const {
  if (!covers(d)) return outside(d);
  if (p.count() < 0) return fail(errc::invalid_argument, fmt::format("period '{}' is negative", p.to_string()));
  date end = d;
  switch (p.unit()) {
  case period_unit::workdays: return add_workdays(d, p.count());
  case period_unit::calendar_days: end = d + greg::days(p.count()); break;
  case period_unit::months: {
    const auto ymd = d.year_month_day();
    const int total = static_cast<int>(ymd.year) * 12 + (static_cast<int>(ymd.month) - 1) + p.count();
    const int y = total / 12, m = total % 12 + 1;
    if (y > last_year()) return outside_after(d, "+ " + p.to_string());
    const int last = greg::gregorian_calendar::end_of_month_day(static_cast<unsigned short>(y), static_cast<unsigned short>(m));
    end = make_date(y, m, std::min(static_cast<int>(ymd.day), last));
    break;
  }
  }
  if (!covers(end)) return outside_after(d, "+ " + p.to_string());
  return next_workday(end);
}

std::vector<std::pair<date, day_kind>> work_calendar::exceptions() const {
  std::vector<std::pair<date, day_kind>> out;
  for (std::size_t i = 0; i < kinds_.size(); ++i) {
    const date d = first_ + greg::days(static_cast<long>(i));
    const day_kind plain = is_weekend(d) ? day_kind::weekend : day_kind::workday;
    if (kinds_[i] != plain) out.emplace_back(d, kinds_[i]);
  }
  return out;
}

std::vector<int> work_calendar::provisional_years_in(date a, date b) const {
  std::vector<int> years;
  if (!is_provisional(a, b)) return years;
  const auto [lo, hi] = std::minmax(a, b);
  const int from = std::max(static_cast<int>(lo.year()), last_published_year() + 1);
  const int to = std::min(static_cast<int>(hi.year()), last_year());
  for (int y = from; y <= to; ++y)
    years.push_back(y);
  return years;
}

std::vector<std::string> work_calendar::rule_warnings() const {
  std::vector<std::string> out;
  for (int year = std::max(first_year(), first_holiday_rule_year); year <= last_published_year(); ++year) {
    auto days = statutory_days(year);
    if (!days) {
      out.push_back(days.error().message);
      continue;
    }
    for (const auto &d : *days)
      if (kinds_[slot(d.on)] != day_kind::day_off)
        out.push_back(fmt::format("{} ({}) is a statutory day off, but the {} data make it {}", to_string(d.on), d.holiday, year,
                                  workday_at_slot(slot(d.on)) ? "a working day" : "an ordinary weekend day"));
  }
  return out;
}

std::string work_calendar::to_text() const {
  std::string out = fmt::format("provisional {}\n", provisional_years());
  const auto days = exceptions();
  auto next = days.begin();
  for (int year = first_year(); year <= last_published_year(); ++year) {
    out += fmt::format("year {}\n", year);
    for (; next != days.end() && next->first.year() == year; ++next)
      out += fmt::format("{} {}\n", next->second == day_kind::makeup_workday ? "work" : "off", to_string(next->first));
  }
  return out;
}

} // namespace caseflow
