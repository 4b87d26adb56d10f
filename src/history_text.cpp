// Notices, escalation moves and history lines in a language: the same lines as the English to_string
// functions of notice.cpp, escalation.cpp, casebook_history.cpp and workflow.cpp, worded from the label
// table (history_text_test checks that the English ones match, line for line).
#include <caseflow/history_text.hpp>

#include <fmt/format.h>

namespace caseflow {

namespace {

template <class... Args> std::string phrase(std::string_view key, language lang, const Args &...args) {
  return fmt::format(fmt::runtime(label(key, lang)), args...);
}
template <class E> std::string term(std::string_view group, E value, language lang) {
  return std::string(enum_label(group, to_string(value), lang));
}
std::string day_text(date d) { return d.is_special() ? std::string() : to_string(d); }
// As workflow.cpp writes an unset date in a history line.
std::string event_day(date d) { return d.is_special() ? std::string("(none)") : to_string(d); }
std::string workdays_text(int n, language lang) {
  return phrase(n == 1 ? "notice.workdays_one" : "notice.workdays_many", lang, n);
}

// Who acts at a level: the notice's own English text, or the level's title and the org id.
std::string who_at(const escalation_notice &n, escalation_level level, language lang) {
  if (lang == language::en) return n.who_text;
  return n.who.empty() ? term("level", level, lang) : fmt::format("{} {}", term("level", level, lang), n.who);
}

} // namespace

std::string to_string(const clock_key &key, language lang) {
  return phrase(key.unit_id.empty() ? "notice.clock_case" : "notice.clock_unit", lang, key.case_id, key.unit_id,
                term("clock", key.kind, lang), key.cycle);
}

std::string to_string(const notice &n, language lang) {
  std::string head = phrase("notice.head", lang, to_string(n.issued), term("notice_kind", n.kind, lang), to_string(n.clock, lang),
                            to_string(n.due));
  switch (n.kind) {
  case notice_kind::reminder:
    return phrase("notice.reminder", lang, head, workdays_text(n.workdays, lang), workdays_text(n.point, lang), to_string(n.on));
  case notice_kind::warning:
    return phrase("notice.warning", lang, head, workdays_text(n.workdays, lang), n.point, to_string(n.on));
  case notice_kind::overdue: return phrase("notice.overdue", lang, head, workdays_text(n.workdays, lang));
  }
  return head;
}

std::string to_string(const escalation_notice &n, language lang) {
  std::string why;
  switch (n.why) {
  case escalation_reason::trigger: why = phrase("escalation.trigger", lang, term("trigger", n.trigger, lang)); break;
  case escalation_reason::window_ran_out: why = phrase("escalation.ran_out", lang, term("level", n.from, lang), n.detail); break;
  case escalation_reason::level_skipped: why = phrase("escalation.skipped", lang, term("level", n.from, lang), n.detail); break;
  case escalation_reason::resolved: why = phrase("escalation.resolved", lang, who_at(n, n.from, lang), n.detail); break;
  }
  std::string acts;
  if (n.why != escalation_reason::resolved) acts = phrase("escalation.acts", lang, who_at(n, n.to, lang), day_text(n.window_due));
  return phrase("escalation.line", lang, day_text(n.on), n.case_id, n.cycle, term("level", n.from, lang),
                term("level", n.to, lang), why, acts);
}

std::string describe(const actor &a, language lang) {
  if (lang == language::en) return a.describe();
  const std::string role = term("actor", a.role, lang);
  return a.id.empty() ? role : fmt::format("{} {}", role, a.id);
}

std::string to_string(const history_line &line, language lang) {
  struct text {
    language lang;
    std::string operator()(const history_entry &h) const {
      return phrase("history.line", lang, to_string(h.event.at), describe(h.event.by, lang), term("event", h.event.type, lang),
                    "", term("state", h.after, lang));
    }
    std::string operator()(const notice &n) const { return to_string(n, lang); }
    std::string operator()(const escalation_notice &n) const { return to_string(n, lang); }
  };
  return std::visit(text{lang}, line.what);
}

std::string describe(const history_entry &h, language lang) {
  const event &e = h.event;
  std::string what;
  switch (e.type) {
  case event_type::assign: {
    std::vector<std::string> parts;
    for (const auto &s : e.units)
      parts.push_back(s.unit + ":" + term("role", s.role, lang));
    what = phrase("history.units", lang, fmt::format("{}", fmt::join(parts, ",")));
    break;
  }
  case event_type::approve_return: what = phrase("history.new_unit", lang, e.unit, e.new_unit); break;
  case event_type::refuse_return:
  case event_type::waive_opinion: what = phrase("history.unit", lang, e.unit); break;
  case event_type::record_consultation: what = e.leader_led ? std::string(label("history.leader_led", lang)) : ""; break;
  case event_type::reply:
  case event_type::follow_up_reply: what = phrase("history.class", lang, term("class", e.result_class, lang)); break;
  case event_type::request_extension: what = phrase("history.until", lang, event_day(e.until)); break;
  case event_type::approve_extension: what = phrase("history.unit_until", lang, e.unit, event_day(e.until)); break;
  case event_type::record_feedback: what = phrase("history.rating", lang, term("satisfaction", e.rating, lang)); break;
  case event_type::decide_publication: what = phrase("history.decision", lang, term("disclosure", e.decision, lang)); break;
  case event_type::merge: what = phrase("history.lead_item", lang, e.lead_item.to_string()); break;
  default: break;
  }
  if (!e.reason.empty()) what += phrase("history.reason", lang, e.reason);
  return phrase("history.line", lang, to_string(e.at), describe(e.by, lang), term("event", e.type, lang), what,
                term("state", h.after, lang));
}

std::string format_history(const case_record &c, language lang) {
  std::string out;
  for (const auto &h : c.history)
    out += describe(h, lang) + "\n";
  return out;
}

} // namespace caseflow
