// casectl calendar ...: questions to the working-day calendar.
#include "bundled_data.hpp"
#include "commands.hpp"

#include <memory>
#include <ostream>

namespace casectl {

namespace cf = caseflow;

namespace {

// The arguments of one question, as the words give them.
struct question {
  calendar_choice calendar;
  cf::date day, to;
  int n = 0;
  cf::period period;
};

// An answer and the days it was counted across: the note on stderr names the provisional years among them.
struct answer_text {
  std::string text;
  cf::date from, to;
};

template <class T, class F> cf::result<answer_text> map(cf::result<T> r, F format) {
  if (!r) return cf::failure{r.error()};
  return format(*r);
}

// Loads the calendar the options choose and prints `answer`'s text bare, with one line on stderr when it
// rests on a provisional year.
template <class Answer> run_fn answering(std::shared_ptr<const question> q, Answer answer) {
  return [q = std::move(q), answer](std::ostream &out) -> cf::status<> {
    auto cal = load_calendar(q->calendar);
    if (!cal) return cf::failure{cal.error()};
    cf::result<answer_text> answered = answer(*cal, *q);
    if (!answered) return cf::failure{answered.error()};
    out << answered->text << '\n';
    note_provisional(*cal, answered->from, answered->to);
    return cf::ok;
  };
}

} // namespace

void add_calendar_commands(command_line &cli) {
  CLI::App &calendar = cli.group("calendar", "working-day calendar: is-workday, next-workday, add-workdays, between, add");
  {
    auto q = std::make_shared<question>();
    CLI::App &c =
        cli.command(calendar, "is-workday", "true if DATE is a working day, else false",
                    answering(q, [](const cf::work_calendar &cal, const question &a) {
                      return map(cal.is_workday(a.day), [&](bool w) { return answer_text{w ? "true" : "false", a.day, a.day}; });
                    }));
    add_date(c, "DATE", q->day, "the day asked about")->required();
    add_calendar_options(c, q->calendar);
  }
  {
    auto q = std::make_shared<question>();
    CLI::App &c =
        cli.command(calendar, "next-workday", "DATE if it is a working day, else the next one",
                    answering(q, [](const cf::work_calendar &cal, const question &a) {
                      return map(cal.next_workday(a.day), [&](cf::date r) { return answer_text{cf::to_string(r), a.day, r}; });
                    }));
    add_date(c, "DATE", q->day, "the day to start from")->required();
    add_calendar_options(c, q->calendar);
  }
  {
    auto q = std::make_shared<question>();
    CLI::App &c = cli.command(
        calendar, "add-workdays", "the N-th working day after DATE (before it if N < 0)",
        answering(q, [](const cf::work_calendar &cal, const question &a) {
          return map(cal.add_workdays(a.day, a.n), [&](cf::date r) { return answer_text{cf::to_string(r), a.day, r}; });
        }));
    add_date(c, "DATE", q->day, "the day to count from")->required();
    add_parsed(c, "N", q->n, whole_number, "working days to add, negative to go back")->type_name("INT")->required();
    add_calendar_options(c, q->calendar);
  }
  {
    auto q = std::make_shared<question>();
    CLI::App &c = cli.command(
        calendar, "between", "working days x with FROM < x <= TO (negative if TO < FROM)",
        answering(q, [](const cf::work_calendar &cal, const question &a) {
          return map(cal.workdays_between(a.day, a.to), [&](int n) { return answer_text{std::to_string(n), a.day, a.to}; });
        }));
    add_date(c, "FROM", q->day, "the first day, not counted")->required();
    add_date(c, "TO", q->to, "the last day, counted")->required();
    add_calendar_options(c, q->calendar);
  }
  {
    auto q = std::make_shared<question>();
    CLI::App &c =
        cli.command(calendar, "add", "end of PERIOD (30d, 5wd, 3m) started on DATE, civil-code rules",
                    answering(q, [](const cf::work_calendar &cal, const question &a) {
                      return map(cal.add(a.day, a.period), [&](cf::date r) { return answer_text{cf::to_string(r), a.day, r}; });
                    }));
    add_date(c, "DATE", q->day, "the day the period starts")->required();
    add_parsed(c, "PERIOD", q->period, &cf::period::parse, "calendar days (30d), working days (5wd) or months (3m)")->required();
    add_calendar_options(c, q->calendar);
  }
}

} // namespace casectl
