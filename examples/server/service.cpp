#include "service.hpp"

#include <caseflow/book_json.hpp>
#include <caseflow/brief.hpp>
#include <caseflow/clock_json.hpp>
#include <caseflow/escalation.hpp>
#include <caseflow/event_json.hpp>
#include <caseflow/linkage.hpp>
#include <caseflow/report.hpp>
#include <caseflow/report_html.hpp>

#include <fmt/format.h>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <charconv>
#include <functional>
#include <optional>

namespace caseflow::server {

namespace {

using json = nlohmann::json;

// The routes, in the order they are registered; the OpenAPI document lists the same.
// clang-format off
constexpr route_info route_table[] = {
    {"GET",  "/health",                              "Liveness: the book's size and last unit (no token needed)"},
    {"GET",  "/version",                             "The server's version (no token needed)"},
    {"GET",  "/items",                               "Items, filtered by unit, role, state, category, key"},
    {"POST", "/items",                               "Registers an item (the office)"},
    {"GET",  "/items/{session}/{item}",              "One item: history, clocks, notices, escalation, children"},
    {"POST", "/items/{session}/{item}/events",       "Applies an event sent by the caller"},
    {"POST", "/items/{session}/{item}/escalation",   "Marks, times out or resolves an item on the coordination ladder"},
    {"POST", "/items/{session}/{item}/children",     "Passes part of an item down to a lower unit"},
    {"POST", "/tick",                                "Moves the book's clocks to a day; returns the notices due"},
    {"GET",  "/due",                                 "Clocks due within a number of working days"},
    {"GET",  "/overdue",                             "Clocks overdue on a day"},
    {"GET",  "/reports/{kind}",                      "A report (ledger, summary, bulletin, kpi, brief, html) as of a date"},
    {"GET",  "/workflow",                            "The workflow as a Graphviz DOT graph"},
    {"GET",  "/calendar/day",                        "What kind of day a date is"},
    {"GET",  "/calendar/add",                        "A date plus a number of working days"},
};
// clang-format on

// An error as HTTP: the status for the library's code, and {"code", "message"}.
int status_of(errc code) {
  struct row {
    errc code;
    int status;
  };
  // clang-format off
  constexpr row rows[] = {
      {errc::parse_error, 400},      {errc::invalid_argument, 400}, {errc::out_of_range, 422},
      {errc::not_permitted, 403},    {errc::invalid_state, 422},    {errc::guard_failed, 422},
      {errc::malformed_event, 422},  {errc::not_found, 404},        {errc::conflict, 409},
      {errc::io_error, 503},
  };
  // clang-format on
  for (const auto &r : rows)
    if (r.code == code) return r.status;
  return 500;
}

void send_json(httplib::Response &res, const json &body, int status = 200) {
  res.status = status;
  res.set_content(body.dump(), "application/json");
}

void send_error(httplib::Response &res, int status, std::string_view code, std::string_view message) {
  send_json(res, json{{"code", code}, {"message", message}}, status);
}
void send_error(httplib::Response &res, const error &e) { send_error(res, status_of(e.code), to_string(e.code), e.message); }
void send_error(httplib::Response &res, const rejection &r) {
  json body{{"code", to_string(r.code)}, {"message", r.message}};
  if (!r.guard.empty()) body["guard"] = r.guard;
  send_json(res, body, status_of(r.code));
}

case_id id_of(const httplib::Request &req) { return case_id{req.matches[1].str(), req.matches[2].str()}; }

std::optional<std::string> param(const httplib::Request &req, const char *name) {
  if (!req.has_param(name)) return std::nullopt;
  return req.get_param_value(name);
}

result<date> date_param(const httplib::Request &req, const char *name) {
  const auto text = param(req, name);
  if (!text) return fail(errc::invalid_argument, fmt::format("query parameter '{}' (a date, YYYY-MM-DD) is required", name));
  auto d = parse_date(*text);
  if (!d) return fail(errc::invalid_argument, fmt::format("query parameter '{}': {}", name, d.error().message));
  return d;
}

result<int> int_param(const httplib::Request &req, const char *name) {
  const auto text = param(req, name);
  if (!text) return fail(errc::invalid_argument, fmt::format("query parameter '{}' (a whole number) is required", name));
  int v = 0;
  const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), v);
  if (ec != std::errc() || end != text->data() + text->size())
    return fail(errc::invalid_argument, fmt::format("query parameter '{}': '{}' is not a whole number", name, *text));
  return v;
}

result<json> body_of(const httplib::Request &req) {
  auto j = json::parse(req.body, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return fail(errc::parse_error, "the request body is not a JSON object");
  return j;
}

// The report formats a client may ask for, by ?format= or by the Accept header.
struct format_row {
  report_format format;
  std::string_view media_type;
};
constexpr format_row formats[] = {{report_format::json, "application/json"},
                                  {report_format::csv, "text/csv"},
                                  {report_format::markdown, "text/markdown"},
                                  {report_format::html, "text/html"},
                                  {report_format::text, "text/plain"}};

result<format_row> format_of(const httplib::Request &req) {
  if (auto name = param(req, "format")) {
    auto f = parse_report_format(*name);
    if (!f) return fail(errc::invalid_argument, fmt::format("query parameter 'format': {}", f.error().message));
    for (const auto &row : formats)
      if (row.format == *f) return row;
  }
  const auto accept = req.get_header_value("Accept");
  for (const auto &row : formats)
    if (accept.find(row.media_type) != std::string::npos) return row;
  return formats[0];
}

// The reports, by name: each makes one report of the book as of a date.
struct report_request {
  date as_of;
  std::string unit;
  std::optional<date> from, to;
  report_options options;
};
using report_fn = result<std::string> (*)(const case_book &, const report_request &, report_format);
template <class R> result<std::string> formatted(result<R> r, report_format f, const report_options &o) {
  if (!r) return failure{r.error()};
  return format(*r, f, o);
}
struct report_row {
  std::string_view name;
  report_fn make;
};
// clang-format off
constexpr report_row reports[] = {
    {"ledger",   [](const case_book &b, const report_request &q, report_format f) { return formatted(make_ledger(b, q.as_of, q.unit), f, q.options); }},
    {"summary",  [](const case_book &b, const report_request &q, report_format f) { return formatted(make_summary(b, q.as_of, q.unit), f, q.options); }},
    {"kpi",      [](const case_book &b, const report_request &q, report_format f) { return formatted(make_kpis(b, q.as_of, q.unit), f, q.options); }},
    {"brief",    [](const case_book &b, const report_request &q, report_format f) { return formatted(make_brief(b, q.as_of, q.unit), f, q.options); }},
    {"bulletin", [](const case_book &b, const report_request &q, report_format f) -> result<std::string> {
       if (q.unit.empty()) return fail(errc::invalid_argument, "a bulletin is for one unit: query parameter 'unit' is required");
       date from = q.as_of, to = q.as_of;
       for (const auto &[a, z] : bimonthly_periods(q.as_of.year()))
         if (a <= q.as_of && q.as_of <= z) from = a, to = z;
       return formatted(make_bulletin(b, q.unit, q.from.value_or(from), q.to.value_or(to), q.as_of), f, q.options);
     }},
    // The supervisors' page: always HTML, both languages inside, `lang` shown first.
    {"html",     [](const case_book &b, const report_request &q, report_format) {
       return render_html(b, q.as_of, html_options{q.options.lang, q.unit});
     }},
};
// clang-format on

} // namespace

book_service::book_service(case_book &book, const token_table &tokens, std::string version)
    : book_(&book), tokens_(&tokens), version_(std::move(version)) {}

std::span<const route_info> book_service::routes() { return route_table; }

void book_service::install(httplib::Server &server) {
  using handler = std::function<void(const httplib::Request &, httplib::Response &, const actor &)>;
  // Every response names the book's last unit; a request with a token stands for its actor.
  const auto authorised = [this](handler h) {
    return [this, h = std::move(h)](const httplib::Request &req, httplib::Response &res) {
      const auto header = req.get_header_value("Authorization");
      constexpr std::string_view bearer = "Bearer ";
      const auto who = header.starts_with(bearer) ? tokens_->find(std::string_view(header).substr(bearer.size())) : std::nullopt;
      if (!who) {
        res.set_header("WWW-Authenticate", "Bearer");
        send_error(res, 401, "unauthorized", header.empty() ? "no bearer token" : "the bearer token is not known");
        return;
      }
      h(req, res, *who);
      res.set_header("ETag", fmt::format("\"{}\"", book_->last_sequence()));
    };
  };
  // A write: one at a time, and only if the book is where If-Match says the client saw it.
  const auto writing = [this, authorised](handler h) {
    return authorised([this, h = std::move(h)](const httplib::Request &req, httplib::Response &res, const actor &who) {
      std::lock_guard lock(writes_);
      if (req.has_header("If-Match")) {
        const auto expected = fmt::format("\"{}\"", book_->last_sequence());
        if (req.get_header_value("If-Match") != expected) {
          send_error(res, 412, "conflict",
                     fmt::format("the book is at unit {}, not {}: read again and decide again", expected,
                                 req.get_header_value("If-Match")));
          return;
        }
      }
      h(req, res, who);
    });
  };
  const auto same_sender = [](const actor &who, const actor &sender, httplib::Response &res, std::string_view what) {
    if (who == sender) return true;
    send_error(res, 403, "not_permitted",
               fmt::format("{} sent as {}, but the token stands for {}", what, sender.describe(), who.describe()));
    return false;
  };

  server.Get("/health", [this](const httplib::Request &, httplib::Response &res) {
    send_json(res, {{"status", "ok"}, {"items", book_->size()}, {"last_sequence", book_->last_sequence()}});
  });
  server.Get("/version", [this](const httplib::Request &, httplib::Response &res) { send_json(res, {{"version", version_}}); });

  server.Get("/items", authorised([this](const httplib::Request &req, httplib::Response &res, const actor &) {
               std::optional<assignment_role> role;
               if (auto r = param(req, "role")) {
                 auto parsed = parse_assignment_role(*r);
                 if (!parsed) return send_error(res, parsed.error());
                 role = *parsed;
               }
               std::optional<case_state> state;
               if (auto s = param(req, "state")) {
                 auto parsed = parse_case_state(*s);
                 if (!parsed) return send_error(res, parsed.error());
                 state = *parsed;
               }
               const auto unit = param(req, "unit");
               const auto category = param(req, "category");
               const auto key = param(req, "key");
               const auto ids = unit ? book_->of_unit(*unit, role) : state ? book_->in_state(*state) : book_->ids();
               json out = json::array();
               for (const auto &id : ids) {
                 const auto c = book_->find(id);
                 if (!c) continue; // left the book meanwhile
                 if (state && c->state != *state) continue;
                 if (!unit && role &&
                     std::none_of(c->units.begin(), c->units.end(), [&](const unit_assignment &u) { return u.role == *role; }))
                   continue;
                 if (category && c->info.category != *category) continue;
                 if (key && c->info.key_item != (*key == "true")) continue;
                 out.push_back(item_json(*c));
               }
               send_json(res, {{"items", std::move(out)}});
             }));

  server.Post("/items", writing([this, same_sender](const httplib::Request &req, httplib::Response &res, const actor &who) {
                if (!same_sender(who, actor::office(who.id), res, "a registration")) return;
                auto body = body_of(req);
                if (!body) return send_error(res, body.error());
                auto info = case_info_from_json(*body, "request body");
                if (!info) return send_error(res, info.error());
                // The registration names its sender: the caller, or no one else.
                if (info->registered_by == actor{})
                  info->registered_by = who;
                else if (!same_sender(who, info->registered_by, res, "a registration"))
                  return;
                const auto id = info->id;
                if (auto r = book_->open(*info); !r) return send_error(res, r.error());
                res.set_header("Location", fmt::format("/items/{}", id.to_string()));
                send_json(res, item_json(*book_->find(id)), 201);
              }));

  server.Get(R"(/items/([^/]+)/([^/]+))", authorised([this](const httplib::Request &req, httplib::Response &res, const actor &) {
               const auto id = id_of(req);
               const auto c = book_->find(id);
               if (!c) return send_error(res, 404, "not_found", fmt::format("case {} is not in the book", id.to_string()));
               json out = item_detail_json(*book_, *c);
               send_json(res, out);
             }));

  server.Post(R"(/items/([^/]+)/([^/]+)/events)",
              writing([this, same_sender](const httplib::Request &req, httplib::Response &res, const actor &who) {
                auto body = body_of(req);
                if (!body) return send_error(res, body.error());
                const auto id = id_of(req);
                body->erase("case");
                auto e = event_from_json(*body, "request body");
                if (!e) return send_error(res, e.error());
                if (!same_sender(who, e->by, res, fmt::format("case {}: {}", id.to_string(), to_string(e->type)))) return;
                if (auto r = book_->apply(id, *e); !r) return send_error(res, r.error());
                send_json(res, item_json(*book_->find(id)));
              }));

  server.Post(R"(/items/([^/]+)/([^/]+)/escalation)",
              writing([this, same_sender](const httplib::Request &req, httplib::Response &res, const actor &who) {
                auto body = body_of(req);
                if (!body) return send_error(res, body.error());
                const auto id = id_of(req);
                body->erase("case");
                auto in = escalation_input_from_json(*body, "request body");
                if (!in) return send_error(res, in.error());
                // A decision is its decider's; a mark is the office's or a unit's it names; a window's end the office's.
                const bool named_unit =
                    who.role == actor_role::unit && std::find(in->units.begin(), in->units.end(), who.id) != in->units.end();
                const bool allowed = in->kind == escalation_input_kind::resolve ? who == in->by
                                     : in->kind == escalation_input_kind::trigger
                                         ? who.role == actor_role::assigning_office || named_unit
                                         : who.role == actor_role::assigning_office;
                if (!allowed) {
                  const actor claimed = in->kind == escalation_input_kind::resolve ? in->by : actor::office();
                  (void)same_sender(who, claimed, res, fmt::format("case {}: escalation", id.to_string()));
                  return;
                }
                if (auto r = book_->escalate(id, *in); !r) return send_error(res, r.error());
                json track;
                if (const auto t = book_->escalation_of(id)) to_json(track, *t);
                send_json(res, track);
              }));

  server.Post(R"(/items/([^/]+)/([^/]+)/children)",
              writing([this](const httplib::Request &req, httplib::Response &res, const actor &who) {
                auto body = body_of(req);
                if (!body) return send_error(res, body.error());
                const auto id = id_of(req);
                auto r = child_request_from_json(*body, "request body");
                if (!r) return send_error(res, r.error());
                // The unit passing the item down is the caller.
                if (who.role != actor_role::unit)
                  return send_error(
                      res, 403, "not_permitted",
                      fmt::format("case {}: only a unit passes an item down, not {}", id.to_string(), who.describe()));
                if (auto done = book_->pass_down(id, *r); !done) return send_error(res, done.error());
                json children = json::array();
                for (const auto &child : book_->children_of(id)) {
                  json j;
                  to_json(j, child);
                  children.push_back(std::move(j));
                }
                send_json(res, {{"children", std::move(children)}}, 201);
              }));

  server.Post("/tick", writing([this](const httplib::Request &req, httplib::Response &res, const actor &who) {
                if (who.role != actor_role::assigning_office)
                  return send_error(res, 403, "not_permitted",
                                    fmt::format("only the office ticks the book, not {}", who.describe()));
                auto body = body_of(req);
                if (!body) return send_error(res, body.error());
                const auto day = body->find("date");
                auto now = day != body->end() && day->is_string() ? parse_date(day->get<std::string>())
                                                                  : result<date>(fail(errc::parse_error, "is missing"));
                if (!now)
                  return send_error(res, errc::parse_error == now.error().code ? 400 : 422, "parse_error",
                                    fmt::format("field 'date': {}", now.error().message));
                auto notices = book_->tick(*now);
                if (!notices) return send_error(res, notices.error());
                send_json(res, {{"notices", notices_json(*notices)}});
              }));

  const auto due_list = [](const std::vector<due_item> &items) { return json{{"due", due_json(items)}}; };
  server.Get("/due", authorised([this, due_list](const httplib::Request &req, httplib::Response &res, const actor &) {
               auto day = date_param(req, "date");
               if (!day) return send_error(res, day.error());
               auto within = int_param(req, "within");
               if (!within) return send_error(res, within.error());
               auto items = book_->due_within(*day, *within);
               if (!items) return send_error(res, items.error());
               send_json(res, due_list(*items));
             }));
  server.Get("/overdue", authorised([this, due_list](const httplib::Request &req, httplib::Response &res, const actor &) {
               auto day = date_param(req, "date");
               if (!day) return send_error(res, day.error());
               send_json(res, due_list(book_->overdue_on(*day)));
             }));

  server.Get(
      R"(/reports/([a-z]+))", authorised([this](const httplib::Request &req, httplib::Response &res, const actor &) {
        const auto name = req.matches[1].str();
        const auto kind =
            std::find_if(std::begin(reports), std::end(reports), [&](const report_row &r) { return r.name == name; });
        if (kind == std::end(reports))
          return send_error(res, 404, "not_found",
                            fmt::format("unknown report '{}' (expected ledger, summary, bulletin, kpi, brief or html)", name));
        auto format = format_of(req);
        if (!format) return send_error(res, format.error());
        if (name == "html") format = formats[3];
        report_request q;
        if (req.has_param("date")) {
          auto d = date_param(req, "date");
          if (!d) return send_error(res, d.error());
          q.as_of = *d;
        } else if (auto last = book_->last_tick()) {
          q.as_of = *last;
        } else {
          return send_error(res, 400, "invalid_argument", "the book was never ticked: give query parameter 'date'");
        }
        q.unit = param(req, "unit").value_or("");
        if (auto lang = param(req, "lang")) {
          auto parsed = parse_language(*lang);
          if (!parsed)
            return send_error(res, 400, "invalid_argument", fmt::format("query parameter 'lang': {}", parsed.error().message));
          q.options.lang = *parsed;
        }
        for (const auto &[field, name_text] : {std::pair{&q.from, "from"}, std::pair{&q.to, "to"}})
          if (req.has_param(name_text)) {
            auto d = date_param(req, name_text);
            if (!d) return send_error(res, d.error());
            *field = *d;
          }
        auto text = kind->make(*book_, q, format->format);
        if (!text) return send_error(res, text.error());
        res.set_content(*text, std::string(format->media_type) + "; charset=utf-8");
      }));

  server.Get("/workflow", authorised([](const httplib::Request &req, httplib::Response &res, const actor &) {
               const auto level = param(req, "machine").value_or("case");
               if (level != "case" && level != "unit")
                 return send_error(res, 400, "invalid_argument", "query parameter 'machine': case or unit");
               res.set_content(workflow_dot(level == "case" ? machine::case_level : machine::unit_level), "text/vnd.graphviz");
             }));

  server.Get("/calendar/day", authorised([this](const httplib::Request &req, httplib::Response &res, const actor &) {
               auto day = date_param(req, "date");
               if (!day) return send_error(res, day.error());
               const auto calendar = book_->calendar();
               auto workday = calendar.is_workday(*day);
               if (!workday) return send_error(res, workday.error());
               send_json(res, {{"date", to_string(*day)}, {"workday", *workday}, {"provisional", calendar.is_provisional(*day)}});
             }));
  server.Get("/calendar/add", authorised([this](const httplib::Request &req, httplib::Response &res, const actor &) {
               auto from = date_param(req, "from");
               if (!from) return send_error(res, from.error());
               auto n = int_param(req, "workdays");
               if (!n) return send_error(res, n.error());
               const auto calendar = book_->calendar();
               auto due = calendar.add_workdays(*from, *n);
               if (!due) return send_error(res, due.error());
               send_json(res, {{"from", to_string(*from)},
                               {"workdays", *n},
                               {"date", to_string(*due)},
                               {"provisional", calendar.is_provisional(*from, *due)}});
             }));

  server.set_error_handler([](const httplib::Request &req, httplib::Response &res) {
    if (res.status == 404 && res.body.empty())
      send_error(res, 404, "not_found", fmt::format("no resource {} {} (see openapi.yaml)", req.method, req.path));
  });
}

} // namespace caseflow::server
