// quickstart: embed caseflow - load the calendar and a policy, open a book, assign an item, reply, tick,
// print the notices and the ledger.
#include <caseflow/casebook.hpp>
#include <caseflow/data_files.hpp>
#include <caseflow/policy_json.hpp>
#include <caseflow/report.hpp>

#include <fmt/format.h>

namespace cf = caseflow;
namespace ev = cf::events;

int main() {
  auto cal_file = cf::find_data_file(cf::national_calendar_file);
  auto calendar = cal_file ? cf::work_calendar::load(*cal_file) : cf::result<cf::work_calendar>(cf::failure{cal_file.error()});
  auto pol_file = cf::find_data_file(cf::policy_preset_file("shanghai-municipal"));
  auto policy = pol_file ? cf::load_policy(*pol_file) : cf::result<cf::deadline_policy>(cf::failure{pol_file.error()});
  if (!calendar || !policy) {
    fmt::print(stderr, "{}\n", !calendar ? calendar.error().message : policy.error().message);
    return 2;
  }
  cf::case_book book(*policy, *calendar);
  book.on_notice([](const cf::notice &n) { fmt::print("notice: {}\n", cf::to_string(n)); });

  const cf::case_id id{"16-2", "0581"};
  const auto day = [](int m, int d) { return cf::date(2024, static_cast<unsigned short>(m), static_cast<unsigned short>(d)); };
  const auto t = [&](int m, int d) { return cf::timestamp(day(m, d), boost::posix_time::hours(9)); };
  const auto office = cf::actor::office("shanghai-office");
  const auto minhang = cf::actor::unit("minhang");
  const cf::event steps[] = {
      ev::register_case(office, t(3, 1)),
      ev::assign(office, t(3, 15), {{"minhang", cf::assignment_role::lead}}),
      ev::acknowledge(minhang, t(3, 18)),
      ev::record_consultation(minhang, t(4, 8), true), // the policy wants a leader-led consultation first
      ev::reply(minhang, t(6, 20), cf::reply_class::a),
  };
  cf::case_info item; // a deputy suggestion (the default kind)
  item.id = id;
  item.category = "城建交通";
  item.proposers.lead = "代表甲";
  item.title = "关于优化公交接驳的建议";
  if (auto r = book.open(item); !r) {
    fmt::print(stderr, "{}\n", r.error().message);
    return 1;
  }
  const auto tick = [&](int m, int d) {
    auto issued = book.tick(day(m, d));
    if (!issued) fmt::print(stderr, "{}\n", issued.error().message);
  };
  for (const auto &e : steps) {
    if (e.type == cf::event_type::reply) tick(5, 31), tick(6, 12), tick(6, 19); // two reminders, then overdue
    if (auto r = book.apply(id, e); !r) {
      fmt::print(stderr, "{}\n", r.error().message);
      return 1;
    }
  }
  tick(7, 4);                                     // the publication decision is due 20 working days after the reply
  auto ledger = cf::make_ledger(book, day(7, 4)); // an error only for a day outside the calendar
  if (!ledger) {
    fmt::print(stderr, "{}\n", ledger.error().message);
    return 1;
  }
  fmt::print("\n{}", cf::format(*ledger, cf::report_format::text));
}
