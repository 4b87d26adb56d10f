// caseflow-server: one case book over a store, served as HTTP/JSON (service.hpp, openapi.yaml).
//
//   caseflow-server --store URI --tokens FILE [--host 127.0.0.1] [--port 8080] [--port-file FILE] [--threads 8]
//   caseflow-server --routes      the routes it serves, one "METHOD PATH" a line
//
// The store holds a journal that `casectl init` set up (its policy, calendar and chart come from there).
// --port 0 takes a free port; --port-file writes the port chosen, once the server listens.
#include "service.hpp"
#include "store_uri.hpp"

#include <caseflow/book_setup.hpp>

#include <fmt/format.h>
#include <httplib.h>

#include <csignal>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <string>

namespace cf = caseflow;

namespace {

httplib::Server *running = nullptr;
extern "C" void stop_on_signal(int) {
  if (running) running->stop();
}

int usage(const std::string &why) {
  std::cerr << "caseflow-server: " << why << "\n"
            << "usage: caseflow-server --store URI --tokens FILE [--host 127.0.0.1] [--port 8080] [--port-file FILE] "
               "[--threads 8]\n"
               "       caseflow-server --routes | --version\n";
  return 2;
}

} // namespace

int main(int argc, char **argv) {
  std::map<std::string, std::string> options;
  for (int i = 1; i < argc; ++i) {
    const std::string word = argv[i];
    if (word == "--routes") {
      for (const auto &r : cf::server::book_service::routes())
        std::cout << r.method << ' ' << r.path << '\n';
      return 0;
    }
    if (word == "--version") {
      std::cout << "caseflow-server " << CASEFLOW_VERSION << '\n';
      return 0;
    }
    if (!word.starts_with("--") || i + 1 >= argc) return usage(fmt::format("'{}': expected --option VALUE", word));
    options[word] = argv[++i];
  }
  for (const auto &[name, value] : options)
    if (name != "--store" && name != "--tokens" && name != "--host" && name != "--port" && name != "--port-file" &&
        name != "--threads")
      return usage(fmt::format("unknown option {}", name));
  if (!options.count("--store") || !options.count("--tokens")) return usage("--store URI and --tokens FILE are required");

  const auto fail = [](const cf::error &e) {
    std::cerr << "caseflow-server: " << e.message << '\n';
    return 1;
  };
  auto tokens = cf::server::token_table::load(options["--tokens"]);
  if (!tokens) return fail(tokens.error());
  auto where = cf::tools::parse_store_uri(options["--store"], "--store");
  if (!where) return fail(where.error());
  auto store = cf::tools::open_store(*where, false, true);
  if (!store) return fail(store.error());
  auto setup = cf::read_setup(**store);
  if (!setup) return fail(setup.error());
  if (!*setup)
    return fail(cf::error{cf::errc::invalid_argument,
                          fmt::format("{}: the journal has no setup record (casectl init creates one)", where->display())});
  auto book = cf::case_book::replay(**store);
  if (!book) return fail(book.error());
  book->attach_journal(**store, book->last_sequence() + 1);

  httplib::Server server;
  const int threads = std::max(1, std::atoi(options.count("--threads") ? options["--threads"].c_str() : "8"));
  server.new_task_queue = [threads] { return new httplib::ThreadPool(static_cast<std::size_t>(threads)); };
  server.set_payload_max_length(16u << 20); // the largest request body: a generous registration
  server.set_read_timeout(30);
  server.set_tcp_nodelay(true); // small JSON answers go out at once, not after the peer's delayed ACK
  cf::server::book_service service(*book, *tokens, CASEFLOW_VERSION);
  service.install(server);

  const std::string host = options.count("--host") ? options["--host"] : "127.0.0.1";
  const int wanted = options.count("--port") ? std::atoi(options["--port"].c_str()) : 8080;
  const int port = wanted == 0 ? server.bind_to_any_port(host) : (server.bind_to_port(host, wanted) ? wanted : -1);
  if (port < 0) return fail(cf::error{cf::errc::io_error, fmt::format("cannot listen on {}:{}", host, wanted)});
  if (options.count("--port-file")) {
    const auto file = options["--port-file"];
    const auto scratch = file + ".tmp";
    std::ofstream(scratch) << port << '\n';
    std::rename(scratch.c_str(), file.c_str()); // whole or absent, for whoever waits on it
  }
  std::cerr << fmt::format("caseflow-server: {} items from {}, listening on {}:{}\n", book->size(), where->display(), host, port);
  running = &server;
  std::signal(SIGTERM, stop_on_signal);
  std::signal(SIGINT, stop_on_signal);
  server.listen_after_bind();
  return 0;
}
