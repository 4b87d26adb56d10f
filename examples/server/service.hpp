// caseflow-server's resources: one case book over HTTP, JSON in and out.
//
// Every request carries `Authorization: Bearer TOKEN`; the token stands for one actor (tokens.hpp), and a
// request acts as that actor only: an event (or escalation) naming another sender is refused with 403.
// No token or an unknown one: 401. Everything else refused is 4xx with {"code", "message"}, the library's
// code and message: 400 for what does not parse, 404 for what is not there, 409 for a conflict (also a
// stale If-Match), 422 for what the rules refuse; 503 when the store fails.
//
// Reads run concurrently; writes are serialised here, so that `If-Match: "<sequence>"` (the ETag every
// response carries: the book's last journal unit) makes a write conditional on the book as the client
// saw it.
#pragma once

#include "tokens.hpp"

#include <caseflow/casebook.hpp>

#include <mutex>
#include <span>
#include <string>
#include <string_view>

namespace httplib {
class Server;
}

namespace caseflow::server {

/// One route as the OpenAPI document names it: "GET", "/items/{session}/{item}".
struct route_info {
  std::string_view method;
  std::string_view path;
  std::string_view summary;
};

class book_service {
public:
  book_service(case_book &book, const token_table &tokens, std::string version);

  /// Registers every route on `server`.
  void install(httplib::Server &server);
  /// The routes install() registers, in order (for the OpenAPI check and `--routes`).
  static std::span<const route_info> routes();

  case_book &book() noexcept { return *book_; }

private:
  case_book *book_;
  const token_table *tokens_;
  std::string version_;
  std::mutex writes_; // one write at a time: an If-Match check and its write are one step
};

} // namespace caseflow::server
