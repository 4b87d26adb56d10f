// casectl calendar ...: questions to the working-day calendar.
#include "commands.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <ostream>

namespace casectl {

namespace cf = caseflow;

namespace {

constexpr std::string_view calendar_options[] = {"--calendar"};
constexpr std::string_view calendar_flags[] = {"--strict"};

// Parses the words of one calendar command and loads the calendar it asks for.
struct calendar_call {
  arguments args;
  cf::work_calendar cal;
};

cf::result<calendar_call> prepare(std::span<const std::string> words, std::size_t positionals, std::string_view usage) {
  auto args = parse_arguments(words, calendar_options, calendar_flags);
  if (!args) return cf::failure{args.error()};
  if (auto n = expect_positionals(*args, positionals, usage); !n) return cf::failure{n.error()};
  auto cal = load_calendar(*args);
  if (!cal) return cf::failure{cal.error()};
  return calendar_call{std::move(*args), std::move(*cal)};
}

// An answer and the days it was counted across: the note on stderr names the provisional years among them.
struct answer_text {
  std::string text;
  cf::date from, to;
};

// Runs `answer(call)` unless --help was asked, printing its text as the bare answer, and one line on
// stderr when it rests on a provisional year.
template <class Answer>
cf::status<> run(std::span<const std::string> words, std::size_t positionals, std::string_view usage, Answer answer,
                 std::ostream &out) {
  if (std::find(words.begin(), words.end(), "--help") != words.end()) {
    out << "usage: " << usage
        << "\n  --calendar FILE   calendar data file (repeatable, layered in order; default: bundled)\n"
           "  --strict          refuse a year whose State Council notice is not in the data, instead of\n"
           "                    counting it provisionally on weekends and the statutory days off\n";
    return cf::ok;
  }
  auto call = prepare(words, positionals, usage);
  if (!call) return cf::failure{call.error()};
  cf::result<answer_text> answered = answer(*call);
  if (!answered) return cf::failure{answered.error()};
  out << answered->text << '\n';
  note_provisional(call->cal, answered->from, answered->to);
  return cf::ok;
}

template <class T, class F> cf::result<answer_text> map(cf::result<T> r, F format) {
  if (!r) return cf::failure{r.error()};
  return format(*r);
}

cf::status<> is_workday(std::span<const std::string> words, std::ostream &out) {
  return run(
      words, 1, "casectl calendar is-workday DATE",
      [](const calendar_call &c) -> cf::result<answer_text> {
        auto d = date_argument("DATE", c.args.positional[0]);
        if (!d) return cf::failure{d.error()};
        return map(c.cal.is_workday(*d), [&](bool w) { return answer_text{w ? "true" : "false", *d, *d}; });
      },
      out);
}

cf::status<> next_workday(std::span<const std::string> words, std::ostream &out) {
  return run(
      words, 1, "casectl calendar next-workday DATE",
      [](const calendar_call &c) -> cf::result<answer_text> {
        auto d = date_argument("DATE", c.args.positional[0]);
        if (!d) return cf::failure{d.error()};
        return map(c.cal.next_workday(*d), [&](cf::date r) { return answer_text{cf::to_string(r), *d, r}; });
      },
      out);
}

cf::status<> add_workdays(std::span<const std::string> words, std::ostream &out) {
  return run(
      words, 2, "casectl calendar add-workdays DATE N",
      [](const calendar_call &c) -> cf::result<answer_text> {
        auto d = date_argument("DATE", c.args.positional[0]);
        if (!d) return cf::failure{d.error()};
        auto n = int_argument("N", c.args.positional[1]);
        if (!n) return cf::failure{n.error()};
        return map(c.cal.add_workdays(*d, *n), [&](cf::date r) { return answer_text{cf::to_string(r), *d, r}; });
      },
      out);
}

cf::status<> between(std::span<const std::string> words, std::ostream &out) {
  return run(
      words, 2, "casectl calendar between FROM TO",
      [](const calendar_call &c) -> cf::result<answer_text> {
        auto a = date_argument("FROM", c.args.positional[0]);
        if (!a) return cf::failure{a.error()};
        auto b = date_argument("TO", c.args.positional[1]);
        if (!b) return cf::failure{b.error()};
        return map(c.cal.workdays_between(*a, *b), [&](int n) { return answer_text{std::to_string(n), *a, *b}; });
      },
      out);
}

cf::status<> add(std::span<const std::string> words, std::ostream &out) {
  return run(
      words, 2, "casectl calendar add DATE PERIOD",
      [](const calendar_call &c) -> cf::result<answer_text> {
        auto d = date_argument("DATE", c.args.positional[0]);
        if (!d) return cf::failure{d.error()};
        auto p = cf::period::parse(c.args.positional[1]);
        if (!p) return cf::fail(cf::errc::parse_error, fmt::format("PERIOD: {}", p.error().message));
        return map(c.cal.add(*d, *p), [&](cf::date r) { return answer_text{cf::to_string(r), *d, r}; });
      },
      out);
}

// clang-format off
constexpr command calendar_commands[] = {
    {"is-workday",   "DATE",        "true if DATE is a working day, else false",                   is_workday},
    {"next-workday", "DATE",        "DATE if it is a working day, else the next one",              next_workday},
    {"add-workdays", "DATE N",      "the N-th working day after DATE (before it if N < 0)",         add_workdays},
    {"between",      "FROM TO",     "working days x with FROM < x <= TO (negative if TO < FROM)",  between},
    {"add",          "DATE PERIOD", "end of PERIOD (30d, 5wd, 3m) started on DATE, civil-code rules", add},
};
// clang-format on

} // namespace

cf::status<> calendar_command(std::span<const std::string> words, std::ostream &out) {
  return dispatch("casectl calendar", calendar_commands, words, out);
}

} // namespace casectl
