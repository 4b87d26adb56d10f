// Linkage: child items' due dates, their roll-up for the parent unit, and their JSON form.
#include <caseflow/linkage.hpp>

#include "json_fields.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>

namespace caseflow {

namespace {

using json = nlohmann::json;
namespace greg = boost::gregorian;

std::string day_text(date d) { return d.is_special() ? std::string() : to_string(d); }

// `d` itself when it is a working day, else the working day before it.
result<date> workday_on_or_before(date d, const work_calendar &cal) {
  auto working = cal.is_workday(d);
  if (!working) return failure{working.error()};
  return *working ? result<date>(d) : cal.add_workdays(d, -1);
}

// The day `margin` before `d`, before moving off a rest day.
result<date> step_back(date d, period margin, const work_calendar &cal) {
  switch (margin.unit()) {
  case period_unit::workdays: return cal.add_workdays(d, -margin.count());
  case period_unit::calendar_days: return workday_on_or_before(d - greg::days(margin.count()), cal);
  case period_unit::months: {
    const auto ymd = d.year_month_day();
    const int total = static_cast<int>(ymd.year) * 12 + (static_cast<int>(ymd.month) - 1) - margin.count();
    const int y = total / 12, m = total % 12 + 1;
    const int last = greg::gregorian_calendar::end_of_month_day(static_cast<unsigned short>(y), static_cast<unsigned short>(m));
    const date back(static_cast<unsigned short>(y), static_cast<unsigned short>(m),
                    static_cast<unsigned short>(std::min(static_cast<int>(ymd.day), last)));
    return workday_on_or_before(back, cal);
  }
  }
  return fail(errc::invalid_argument, fmt::format("margin '{}' has no unit", margin.to_string()));
}

} // namespace

result<date> child_due(date parent_due, period margin, date passed_on, const work_calendar &cal) {
  if (parent_due.is_special() || passed_on.is_special())
    return fail(errc::invalid_argument, "a child's due date needs the parent's due date and the day it is passed down");
  if (margin.count() < 0) return fail(errc::invalid_argument, fmt::format("margin '{}' is negative", margin.to_string()));
  auto due = step_back(parent_due, margin, cal);
  if (!due) return due;
  if (*due <= passed_on)
    return fail(errc::invalid_argument,
                fmt::format("the parent's deadline leaves no time: due {} less {} is {}, not after the day passed down {}",
                            to_string(parent_due), margin.to_string(), to_string(*due), to_string(passed_on)));
  return due;
}

child_progress roll_up_children(const case_id &parent, std::string_view unit, std::span<const child_item> items, date on) {
  child_progress p{parent, std::string(unit), on, 0, 0, 0, 0, 0, 0, {}};
  for (const auto &c : items) {
    if (c.parent != parent || (!unit.empty() && c.parent_unit != unit)) continue;
    ++p.held;
    if (c.answer) {
      ++p.answered;
      if (!c.answer->on_time) ++p.answered_late;
    } else if (c.open()) {
      ++p.open;
      if (c.due < on) ++p.overdue;
    } else {
      ++p.ended;
    }
    p.children.push_back(c);
  }
  return p;
}

void to_json(json &j, const child_item &c) {
  j = {{"parent", c.parent.to_string()},
       {"parent_unit", c.parent_unit},
       {"id", c.id},
       {"unit", c.unit},
       {"task", c.task},
       {"passed_on", day_text(c.passed_on)},
       {"feeds", to_string(c.feeds)},
       {"due", day_text(c.due)},
       {"ended", day_text(c.ended)}};
  if (c.answer)
    j["answer"] = {{"on", day_text(c.answer->on)},
                   {"text", c.answer->text},
                   {"on_time", c.answer->on_time},
                   {"workdays_late", c.answer->workdays_late}};
}

void from_json(const json &j, child_item &c) {
  child_item out;
  out.parent = detail::field_value(case_id::parse(j.at("parent").get<std::string>()), "parent");
  out.parent_unit = j.at("parent_unit").get<std::string>();
  out.id = j.at("id").get<std::string>();
  out.unit = j.at("unit").get<std::string>();
  out.task = j.at("task").get<std::string>();
  out.passed_on = detail::date_field(j, "passed_on");
  out.feeds = detail::field_value(parse_clock_kind(j.at("feeds").get<std::string>()), "feeds");
  out.due = detail::date_field(j, "due");
  out.ended = detail::date_field(j, "ended");
  if (const auto a = j.find("answer"); a != j.end())
    out.answer = child_answer{detail::date_field(*a, "on"), a->at("text").get<std::string>(), a->at("on_time").get<bool>(),
                              a->at("workdays_late").get<int>()};
  c = std::move(out);
}

void to_json(json &j, const child_request &r) {
  j = {{"by", r.by}, {"child", r.id}, {"unit", r.unit}, {"task", r.task}, {"on", day_text(r.on)}};
}

void from_json(const json &j, child_request &r) {
  r = child_request{j.at("by").get<std::string>(), j.at("child").get<std::string>(), j.at("unit").get<std::string>(),
                    j.at("task").get<std::string>(), detail::date_field(j, "on")};
}

void to_json(json &j, const child_answer_request &r) { j = {{"by", r.by}, {"on", day_text(r.on)}, {"text", r.text}}; }

void from_json(const json &j, child_answer_request &r) {
  r = child_answer_request{j.at("by").get<std::string>(), detail::date_field(j, "on"), j.at("text").get<std::string>()};
}

result<child_item> child_item_from_json(const json &j, std::string_view where) {
  return detail::read_record<child_item>(j, where);
}

result<child_request> child_request_from_json(const json &j, std::string_view where) {
  return detail::read_record<child_request>(j, where);
}

result<child_answer_request> child_answer_request_from_json(const json &j, std::string_view where) {
  return detail::read_record<child_answer_request>(j, where);
}

} // namespace caseflow
