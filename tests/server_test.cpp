// caseflow-server, started for real on a loopback port: the Minhang year driven through HTTP writes the
// journal casectl's host calls wrote and reports as casectl does; who may call what; refusals as status
// and {code, message} with nothing written; a client that goes away mid-request; the OpenAPI document
// against the routes served.
#include "service.hpp"

#include <caseflow/event_json.hpp>
#include <caseflow/journal.hpp>

#include <gtest/gtest.h>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include <arpa/inet.h>
#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <sys/socket.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

namespace cf = caseflow;
using json = nlohmann::json;

namespace {

const std::filesystem::path data_dir = CASEFLOW_TEST_DATA_DIR;
const std::filesystem::path minhang = data_dir / "examples/minhang-2024.jsonl";

std::string read_file(const std::filesystem::path &p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

std::string token_of(const std::string &actor) {
  std::string t = "token-" + actor;
  for (auto &c : t)
    if (c == ':') c = '-';
  return t;
}

// The server as a child process, on a port of its own, with a token for every actor given.
class running_server {
public:
  running_server(const std::filesystem::path &dir, const std::filesystem::path &journal, const std::set<std::string> &actors)
      : dir_(dir) {
    json tokens = json::array();
    for (const auto &a : actors)
      tokens.push_back({{"token", token_of(a)}, {"actor", a}});
    std::ofstream(dir / "tokens.json") << json{{"tokens", tokens}}.dump();
    const auto port_file = dir / "port";
    std::filesystem::remove(port_file);
    pid_ = ::fork();
    if (pid_ == 0) {
      const std::string store = "file:" + journal.string(), tokens_file = (dir / "tokens.json").string(), pf = port_file.string();
      ::execl(CASEFLOW_SERVER_BIN, CASEFLOW_SERVER_BIN, "--store", store.c_str(), "--tokens", tokens_file.c_str(), "--port", "0",
              "--port-file", pf.c_str(), "--threads", "4", static_cast<char *>(nullptr));
      ::_exit(127);
    }
    // Up to a minute: a loaded CI machine replays slowly.
    for (int i = 0; i < 2400 && !std::filesystem::exists(port_file); ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(25));
    std::ifstream(port_file) >> port_;
  }
  ~running_server() {
    if (pid_ > 0) {
      ::kill(pid_, SIGTERM);
      int status = 0;
      ::waitpid(pid_, &status, 0);
    }
  }
  int port() const { return port_; }
  httplib::Client client(const std::string &actor = {}) const {
    httplib::Client c("127.0.0.1", port_);
    c.set_connection_timeout(30);
    c.set_read_timeout(60);
    if (!actor.empty()) c.set_bearer_token_auth(token_of(actor));
    return c;
  }

private:
  std::filesystem::path dir_;
  pid_t pid_ = -1;
  int port_ = 0;
};

std::filesystem::path scratch(const std::string &name) {
  auto dir = std::filesystem::temp_directory_path() / fmt::format("caseflow_server_{}_{}", ::getpid(), name);
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

// A journal holding the Minhang year's setup unit only: the book the server starts from.
std::filesystem::path setup_only(const std::filesystem::path &dir) {
  const auto text = read_file(minhang);
  const auto journal = dir / "book.jsonl";
  std::ofstream(journal, std::ios::binary) << text.substr(0, text.find('\n') + 1);
  return journal;
}

std::string run_casectl(const std::string &args) {
  std::string out;
  FILE *p = ::popen(fmt::format("{} {}", CASECTL_BIN, args).c_str(), "r");
  char buf[4096];
  std::size_t n = 0;
  while ((n = std::fread(buf, 1, sizeof buf, p)) > 0)
    out.append(buf, n);
  ::pclose(p);
  return out;
}

const std::string office = "office:sh-office";

} // namespace

TEST(caseflow_server, the_minhang_year_through_http_writes_the_same_journal_and_reports_as_casectl) {
  const auto dir = scratch("minhang");
  const auto journal = setup_only(dir);
  cf::file_event_store original = cf::file_event_store::open(minhang, {cf::flush_policy::every_event, false, 1, true}).value();
  const auto records = cf::read_journal(original).value().records;
  std::set<std::string> actors{office};
  for (const auto &r : records) {
    if (r.type == "event") actors.insert(r.data.at("by").get<std::string>());
    if (r.type == "escalation" && r.data.contains("by")) actors.insert(r.data.at("by").get<std::string>());
  }
  running_server server(dir, journal, actors);
  ASSERT_GT(server.port(), 0) << "the server did not start";

  const auto post = [&](const std::string &actor, const std::string &path, const json &body, int expected) {
    auto c = server.client(actor);
    auto res = c.Post(path, body.dump(), "application/json");
    ASSERT_TRUE(res) << path;
    ASSERT_EQ(res->status, expected) << path << ": " << res->body;
  };
  for (const auto &r : records) {
    if (r.type == "open") post(office, "/items", r.data, 201);
    if (r.type == "tick") post(office, "/tick", json{{"date", r.data.at("date")}}, 200);
    if (r.type != "event" && r.type != "escalation") continue;
    const auto id = r.data.at("case").get<std::string>();
    if (r.type == "event") post(r.data.at("by").get<std::string>(), "/items/" + id + "/events", r.data, 200);
    if (r.type == "escalation") {
      const bool resolve = r.data.at("input") == "resolve";
      post(resolve ? r.data.at("by").get<std::string>() : office, "/items/" + id + "/escalation", r.data, 200);
    }
  }
  // The same calls in the same order: the same records (the bundled journal's ticks were written as one
  // day each, as older hosts ticked; the server ticks each day, so its notices may come in more units).
  const auto written =
      cf::read_journal(cf::file_event_store::open(journal, {cf::flush_policy::every_event, false, 1, true}).value());
  ASSERT_TRUE(written) << written.error().message;
  // (The server records who registered each item, which the bundled journal leaves out.)
  const auto calls = [](const std::vector<cf::journal_record> &rs) {
    std::vector<json> out;
    for (const auto &r : rs)
      if (r.type == "open" || r.type == "event" || r.type == "escalation") {
        out.push_back(r.data);
        if (r.type == "open") out.back().erase("by");
      }
    return out;
  };
  EXPECT_EQ(calls(written->records), calls(records));
  EXPECT_EQ(run_casectl(fmt::format("report summary --unit minhang --journal {}", journal.string())),
            run_casectl(fmt::format("report summary --unit minhang --journal {}", minhang.string())))
      << "the seed's figures";

  auto reader = server.client("unit:minhang");
  for (const char *lang : {"en", "zh"})
    for (const char *kind : {"summary", "ledger", "kpi", "bulletin", "brief"})
      for (const char *format : {"text", "json", "csv", "markdown", "html"}) {
        auto res = reader.Get(fmt::format("/reports/{}?unit=minhang&date=2024-12-31&format={}&lang={}", kind, format, lang));
        ASSERT_TRUE(res);
        ASSERT_EQ(res->status, 200) << kind << " " << format << ": " << res->body;
        EXPECT_EQ(res->body,
                  run_casectl(fmt::format("report {} --unit minhang --date 2024-12-31 --format {} --lang {} --journal {}", kind,
                                          format, lang, journal.string())))
            << kind << " " << format << " " << lang;
      }
  auto page = reader.Get("/reports/html?unit=minhang&date=2024-12-31&lang=zh");
  ASSERT_TRUE(page);
  EXPECT_EQ(page->get_header_value("Content-Type"), "text/html; charset=utf-8");
  EXPECT_EQ(page->body,
            run_casectl(fmt::format("report html --unit minhang --date 2024-12-31 --lang zh --journal {}", journal.string())));
  auto json_default = reader.Get("/reports/summary?unit=minhang", {{"Accept", "text/markdown"}});
  ASSERT_TRUE(json_default);
  EXPECT_EQ(json_default->body,
            run_casectl(fmt::format("report summary --unit minhang --format markdown --journal {}", journal.string())))
      << "the Accept header chooses the format, the last tick the date";

  // Queries.
  auto item = reader.Get("/items/16-2/0112");
  ASSERT_TRUE(item);
  ASSERT_EQ(item->status, 200);
  const auto shown = json::parse(item->body);
  EXPECT_EQ(shown.at("state"), "closed");
  EXPECT_EQ(shown.at("escalation").at("level"), "resolved");
  auto led = reader.Get("/items?unit=minhang&role=lead");
  ASSERT_TRUE(led);
  EXPECT_EQ(json::parse(led->body).at("items").size(), 8u) << "the seed's 8 items Minhang leads";
  auto co = reader.Get("/items?unit=minhang&role=co_handler");
  EXPECT_EQ(json::parse(co->body).at("items").size(), 26u) << "and 26 it co-handles";
  auto add = reader.Get("/calendar/add?from=2024-02-08&workdays=3");
  EXPECT_EQ(json::parse(add->body).at("date"), "2024-02-19");
}

TEST(caseflow_server, refusals_are_statuses_with_the_librarys_message_and_write_nothing) {
  const auto dir = scratch("refusals");
  const auto journal = setup_only(dir);
  running_server server(dir, journal, {office, "unit:minhang", "unit:sh-jtw"});
  ASSERT_GT(server.port(), 0);
  const json info = {{"case", "16-2/0581"},
                     {"kind", "deputy_suggestion"},
                     {"category", "城建交通"},
                     {"title", "关于元江路的建议"},
                     {"proposers", {{"lead", "代表甲"}, {"co_signers", json::array()}}}};
  auto as_office = server.client(office);
  ASSERT_EQ(as_office.Post("/items", info.dump(), "application/json")->status, 201);
  ASSERT_EQ(as_office
                .Post("/items/16-2/0581/events", json{{"type", "register_case"}, {"by", office}, {"at", "2024-01-20"}}.dump(),
                      "application/json")
                ->status,
            200);
  const auto before = read_file(journal);
  const auto expect = [&](httplib::Result res, int status, const std::string &code, const std::string &fragment) {
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, status) << res->body;
    const auto body = json::parse(res->body, nullptr, false);
    ASSERT_TRUE(body.is_object()) << res->body;
    EXPECT_EQ(body.value("code", ""), code) << res->body;
    EXPECT_NE(body.value("message", "").find(fragment), std::string::npos) << res->body;
    EXPECT_EQ(read_file(journal), before) << "a refused request wrote to the journal";
  };
  const auto ack = [](const std::string &by) { return json{{"type", "acknowledge"}, {"by", by}, {"at", "2024-01-29"}}.dump(); };
  auto anonymous = server.client();
  expect(anonymous.Post("/items/16-2/0581/events", ack("unit:minhang"), "application/json"), 401, "unauthorized",
         "no bearer token");
  auto stranger = server.client();
  stranger.set_bearer_token_auth("not-a-token-anyone-has");
  expect(stranger.Get("/items"), 401, "unauthorized", "not known");
  auto as_minhang = server.client("unit:minhang");
  expect(as_minhang.Post("/items/16-2/0581/events", ack("unit:sh-jtw"), "application/json"), 403, "not_permitted",
         "the token stands for unit 'minhang'");
  expect(as_minhang.Post("/items", info.dump(), "application/json"), 403, "not_permitted", "a registration");
  expect(as_minhang.Post("/tick", R"({"date":"2024-02-01"})", "application/json"), 403, "not_permitted", "only the office ticks");
  expect(as_minhang.Get("/items/16-2/9999"), 404, "not_found", "case 16-2/9999 is not in the book");
  expect(as_minhang.Get("/no/such/thing"), 404, "not_found", "no resource GET /no/such/thing");
  expect(as_office.Post("/items", info.dump(), "application/json"), 409, "conflict", "already in the book");
  expect(as_minhang.Post("/items/16-2/0581/events", ack("unit:minhang"), "application/json"), 403, "not_permitted",
         "acknowledge by unit 'minhang': unit is not on the item");
  expect(as_office.Post("/items/16-2/0581/events", json{{"type", "close"}, {"by", office}, {"at", "2024-01-29"}}.dump(),
                        "application/json"),
         422, "invalid_state", "may not close in state registered");
  expect(as_minhang.Post("/items/16-2/0581/events", "{not json", "application/json"), 400, "parse_error", "not a JSON object");
  expect(as_minhang.Get("/due?date=2024-13-01&within=5"), 400, "invalid_argument", "query parameter 'date'");
  expect(as_minhang.Get("/reports/gossip"), 404, "not_found", "unknown report 'gossip'");

  // If-Match: the write goes only on the book the client saw.
  auto seen = as_office.Get("/items/16-2/0581");
  ASSERT_TRUE(seen);
  const auto etag = seen->get_header_value("ETag");
  ASSERT_FALSE(etag.empty());
  const auto assign =
      json{
          {"type", "assign"}, {"by", office}, {"at", "2024-01-26 09:00:00"}, {"units", {{{"unit", "minhang"}, {"role", "lead"}}}}}
          .dump();
  expect(as_office.Post("/items/16-2/0581/events", {{"If-Match", "\"1\""}}, assign, "application/json"), 412, "conflict",
         "read again");
  auto done = as_office.Post("/items/16-2/0581/events", {{"If-Match", etag}}, assign, "application/json");
  ASSERT_TRUE(done);
  EXPECT_EQ(done->status, 200) << done->body;
  EXPECT_NE(done->get_header_value("ETag"), etag);
}

TEST(caseflow_server, a_client_that_goes_away_mid_request_leaves_the_book_as_it_was) {
  const auto dir = scratch("disconnect");
  const auto journal = setup_only(dir);
  running_server server(dir, journal, {office});
  ASSERT_GT(server.port(), 0);
  const auto before = read_file(journal);
  for (int round = 0; round < 3; ++round) {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<std::uint16_t>(server.port()));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ASSERT_EQ(::connect(fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr), 0);
    const std::string partial = fmt::format("POST /items HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {}\r\nContent-Type: "
                                            "application/json\r\nContent-Length: 500\r\n\r\n{{\"case\":\"16-2/",
                                            token_of(office));
    ASSERT_EQ(::send(fd, partial.data(), partial.size(), 0), static_cast<ssize_t>(partial.size()));
    ::close(fd);
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  auto health = server.client().Get("/health");
  ASSERT_TRUE(health) << "the server went down with the client";
  EXPECT_EQ(json::parse(health->body).at("items"), 0);
  EXPECT_EQ(read_file(journal), before);
}

TEST(caseflow_server, writes_are_serialised_while_reads_go_on) {
  const auto dir = scratch("concurrent");
  const auto journal = setup_only(dir);
  running_server server(dir, journal, {office, "unit:minhang"});
  ASSERT_GT(server.port(), 0);
  auto as_office = server.client(office);
  const json info = {{"case", "16-2/0581"},
                     {"kind", "deputy_suggestion"},
                     {"category", "城建交通"},
                     {"title", "t"},
                     {"proposers", {{"lead", "代表甲"}, {"co_signers", json::array()}}}};
  ASSERT_EQ(as_office.Post("/items", info.dump(), "application/json")->status, 201);
  for (const auto &e :
       {json{{"type", "register_case"}, {"by", office}, {"at", "2024-01-20"}},
        json{{"type", "assign"}, {"by", office}, {"at", "2024-01-26"}, {"units", {{{"unit", "minhang"}, {"role", "lead"}}}}}})
    ASSERT_EQ(as_office.Post("/items/16-2/0581/events", e.dump(), "application/json")->status, 200);
  constexpr int writers = 4, per_writer = 10;
  std::atomic<int> failures{0}, reads{0};
  std::vector<std::thread> threads;
  for (int w = 0; w < writers; ++w)
    threads.emplace_back([&] {
      auto c = server.client("unit:minhang");
      for (int i = 0; i < per_writer; ++i) {
        auto res = c.Post(
            "/items/16-2/0581/events",
            json{{"type", "record_consultation"}, {"by", "unit:minhang"}, {"at", "2024-02-05"}, {"leader_led", false}}.dump(),
            "application/json");
        if (!res || res->status != 200) ++failures;
      }
    });
  for (int r = 0; r < 2; ++r)
    threads.emplace_back([&] {
      auto c = server.client("unit:minhang");
      for (int i = 0; i < 20; ++i)
        if (auto res = c.Get("/items/16-2/0581"); res && res->status == 200) ++reads;
    });
  for (auto &t : threads)
    t.join();
  EXPECT_EQ(failures, 0);
  EXPECT_EQ(reads, 40);
  auto item = as_office.Get("/items/16-2/0581");
  EXPECT_EQ(json::parse(item->body).at("history").size(), 2u + writers * per_writer);
  auto store = cf::file_event_store::open(journal, {cf::flush_policy::every_event, false, 1, true}).value();
  EXPECT_TRUE(cf::verify_journal(store));
}

// No route undocumented, none documented and missing: the document's paths and methods are the table's,
// and every one answers on a running server (anything but the "no resource" 404).
TEST(caseflow_server, the_openapi_document_lists_exactly_the_routes_served) {
  std::ifstream in(CASEFLOW_OPENAPI_FILE);
  std::set<std::string> documented;
  std::string line, path;
  const std::regex path_line(R"(^  (/[^:]*):\s*$)"), method_line(R"(^    (get|post|put|patch|delete):\s*$)");
  std::smatch m;
  while (std::getline(in, line)) {
    if (std::regex_match(line, m, path_line)) path = m[1];
    if (std::regex_match(line, m, method_line)) {
      std::string method = m[1];
      for (auto &c : method)
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      documented.insert(method + " " + path);
    }
  }
  std::set<std::string> served;
  for (const auto &r : cf::server::book_service::routes())
    served.insert(fmt::format("{} {}", r.method, r.path));
  EXPECT_EQ(documented, served);

  const auto dir = scratch("routes");
  running_server server(dir, setup_only(dir), {office});
  ASSERT_GT(server.port(), 0);
  auto c = server.client(office);
  for (const auto &r : cf::server::book_service::routes()) {
    std::string target(r.path);
    target = std::regex_replace(target, std::regex(R"(\{session\}/\{item\})"), "16-2/0001");
    target = std::regex_replace(target, std::regex(R"(\{kind\})"), "summary");
    auto res = r.method == "GET" ? c.Get(target) : c.Post(target, "{}", "application/json");
    ASSERT_TRUE(res) << r.path;
    EXPECT_EQ(res->body.find("no resource"), std::string::npos) << r.method << " " << r.path << " is not served";
  }
}
