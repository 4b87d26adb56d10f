#include <caseflow/postgres_event_store.hpp>

#include <fmt/format.h>
#include <libpq-fe.h>
#include <pqxx/pqxx>

#include <algorithm>
#include <cctype>
#include <mutex>
#include <vector>

namespace caseflow {

namespace {

// The schema, one step per version: opening a database runs the steps after its recorded version.
// `{p}` is the table prefix.
constexpr const char *migrations[] = {
    // 0 -> 1
    "CREATE TABLE IF NOT EXISTS {p}_journal(seq bigint PRIMARY KEY, line text NOT NULL);"
    "CREATE TABLE IF NOT EXISTS {p}_snapshots(seq bigint PRIMARY KEY, snapshot text NOT NULL);",
};
static_assert(std::size(migrations) == postgres_event_store::schema_version);

constexpr std::string_view prefix_parameter = "caseflow_prefix";

bool is_uri(std::string_view text) { return text.starts_with("postgresql://") || text.starts_with("postgres://"); }

// Takes `caseflow_prefix=NAME` out of a URI's query or a key=value string; libpq would refuse it.
std::string take_prefix(std::string &connection) {
  const std::string key = std::string(prefix_parameter) + "=";
  std::string prefix;
  if (is_uri(connection)) {
    const auto q = connection.find('?');
    if (q == std::string::npos) return prefix;
    std::vector<std::string> kept;
    std::string_view query = std::string_view(connection).substr(q + 1);
    while (!query.empty()) {
      const auto amp = query.find('&');
      const std::string_view part = query.substr(0, amp);
      if (part.starts_with(key))
        prefix = std::string(part.substr(key.size()));
      else if (!part.empty())
        kept.emplace_back(part);
      query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    }
    connection.resize(q);
    if (!kept.empty()) connection += "?" + fmt::format("{}", fmt::join(kept, "&"));
    return prefix;
  }
  std::vector<std::string> kept;
  std::string_view rest = connection;
  while (!rest.empty()) {
    const auto space = rest.find(' ');
    const std::string_view part = rest.substr(0, space);
    if (part.starts_with(key))
      prefix = std::string(part.substr(key.size()));
    else if (!part.empty())
      kept.emplace_back(part);
    rest = space == std::string_view::npos ? std::string_view() : rest.substr(space + 1);
  }
  connection = fmt::format("{}", fmt::join(kept, " "));
  return prefix;
}

bool valid_prefix(std::string_view p) {
  if (p.empty() || p.size() > 40 || !(std::islower(static_cast<unsigned char>(p[0])) || p[0] == '_')) return false;
  return std::all_of(p.begin(), p.end(), [](char c) {
    return std::islower(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) || c == '_';
  });
}

// "127.0.0.1:5432/caseflow" from the connection string, without user or password.
result<std::string> server_of(const std::string &connection) {
  char *error = nullptr;
  PQconninfoOption *options = PQconninfoParse(connection.c_str(), &error);
  if (!options) {
    std::string text = error ? error : "out of memory";
    PQfreemem(error);
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back())))
      text.pop_back();
    return fail(errc::invalid_argument, fmt::format("postgresql connection string: {}", text));
  }
  std::string host, port, db;
  for (auto *o = options; o->keyword; ++o) {
    const std::string_view k = o->keyword;
    const std::string v = o->val ? o->val : "";
    if (k == "host" && host.empty()) host = v;
    if (k == "hostaddr" && !v.empty()) host = v;
    if (k == "port") port = v;
    if (k == "dbname") db = v;
  }
  PQconninfoFree(options);
  return fmt::format("{}:{}/{}", host.empty() ? "localhost" : host, port.empty() ? "5432" : port, db.empty() ? "-" : db);
}

// libpq's messages run over several lines (a hint, the query with a caret): the first says what failed,
// and an error is one line.
std::string trimmed(std::string text) {
  if (const auto nl = text.find('\n'); nl != std::string::npos) text.resize(nl);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back())))
    text.pop_back();
  return text;
}

// Notifications of appends, kept as the highest sequence number seen.
class append_receiver final : public pqxx::notification_receiver {
public:
  append_receiver(pqxx::connection_base &c, const std::string &channel) : pqxx::notification_receiver(c, channel) {}
  void operator()(const std::string &payload, int) override {
    std::uint64_t seq = 0;
    for (char ch : payload) {
      if (ch < '0' || ch > '9') return;
      seq = seq * 10 + static_cast<std::uint64_t>(ch - '0');
    }
    latest = std::max(latest.value_or(0), seq);
  }
  std::optional<std::uint64_t> latest;
};

} // namespace

struct postgres_event_store::impl {
  std::string connection; // for libpq, the prefix parameter taken out
  std::string server;     // for messages
  std::string prefix;
  store_options options;
  std::unique_ptr<pqxx::connection> conn;
  std::unique_ptr<pqxx::work> held; // the transaction lock_writers() holds
  std::recursive_mutex mutex;       // one connection: its transaction is shared by the threads using it
  int depth = 0;                    // lock_writers() nesting on the owning thread
  bool absent = false;              // opened read-only where no journal was ever created: it is empty

  std::mutex listen_mutex;
  std::unique_ptr<pqxx::connection> listen_conn;
  std::unique_ptr<append_receiver> receiver;

  std::string table(std::string_view what) const { return fmt::format("{}_{}", prefix, what); }
  std::string channel() const { return table("appended"); }
  std::string name() const { return fmt::format("postgresql {} ({})", server, table("journal")); }

  failure io(std::string_view what, std::string_view why) const {
    return fail(errc::io_error, fmt::format("{}: cannot {}: {}", name(), what, trimmed(std::string(why))));
  }

  // Runs `f`, turning what libpqxx throws into the store's errors. A lost connection is dropped so that
  // the next call connects again.
  template <class F> auto guarded(std::string_view what, F &&f) -> decltype(f()) {
    try {
      return f();
    } catch (const pqxx::unique_violation &) {
      held.reset(); // the statement aborted the writer lock's transaction
      return fail(errc::conflict, fmt::format("{}: the unit is in the journal already: another writer appended first", name()));
    } catch (const pqxx::in_doubt_error &e) {
      drop();
      return fail(errc::io_error, fmt::format("{}: cannot {}: the connection was lost during COMMIT, so whether the unit was "
                                              "written is unknown; catch up to find out ({})",
                                              name(), what, trimmed(e.what())));
    } catch (const pqxx::broken_connection &e) {
      drop();
      return io(what, fmt::format("connection lost: {}", e.what()));
    } catch (const std::exception &e) {
      // A statement that failed aborts the transaction it ran in: the writer lock goes with it.
      held.reset();
      if (conn && !conn->is_open()) drop();
      return io(what, e.what());
    }
  }

  void drop() noexcept {
    held.reset();
    conn.reset();
  }

  pqxx::connection &connected() {
    if (!conn) {
      conn = std::make_unique<pqxx::connection>(connection);
      pqxx::nontransaction session(*conn);
      session.exec0(options.fsync ? "SET synchronous_commit = on" : "SET synchronous_commit = off");
    }
    return *conn;
  }

  // Runs `f` in the transaction lock_writers() holds, or in one of its own that commits after it.
  template <class F> auto in_transaction(F &&f) -> decltype(f(std::declval<pqxx::work &>())) {
    if (held) return f(*held);
    pqxx::work work(connected());
    auto out = f(work);
    if (out) work.commit();
    return out;
  }

  static std::uint64_t count(pqxx::transaction_base &t, const std::string &journal) {
    return t.exec1("SELECT COALESCE(MAX(seq), 0) FROM " + journal)[0].as<std::uint64_t>();
  }

  status<> migrate() {
    pqxx::work work(connected());
    work.exec0(fmt::format("CREATE TABLE IF NOT EXISTS {}(key text PRIMARY KEY, value text NOT NULL)", table("meta")));
    // Openers of a new database wait here for the first to finish its migration.
    work.exec0(fmt::format("LOCK TABLE {} IN EXCLUSIVE MODE", table("meta")));
    int version = 0;
    const auto row = work.exec_params(fmt::format("SELECT value FROM {} WHERE key = 'schema_version'", table("meta")));
    if (!row.empty()) version = row[0][0].as<int>();
    if (version > schema_version)
      return fail(errc::parse_error,
                  fmt::format("{}: schema version {} is newer than this build reads ({})", name(), version, schema_version));
    for (int v = version; v < schema_version; ++v)
      work.exec0(fmt::format(fmt::runtime(migrations[v]), fmt::arg("p", prefix)));
    if (version < schema_version) {
      work.exec0(fmt::format("DELETE FROM {} WHERE key = 'schema_version'", table("meta")));
      work.exec_params0(fmt::format("INSERT INTO {}(key, value) VALUES ('schema_version', $1)", table("meta")),
                        std::to_string(schema_version));
    }
    work.commit();
    return ok;
  }
};

postgres_event_store::postgres_event_store(std::unique_ptr<impl> p) noexcept : p_(std::move(p)) {}
postgres_event_store::postgres_event_store(postgres_event_store &&) noexcept = default;
postgres_event_store &postgres_event_store::operator=(postgres_event_store &&) noexcept = default;
postgres_event_store::~postgres_event_store() = default;

result<postgres_event_store> postgres_event_store::open(std::string_view connection, store_options options) {
  auto p = std::make_unique<impl>();
  p->connection = std::string(connection);
  p->prefix = take_prefix(p->connection);
  if (p->prefix.empty()) p->prefix = "caseflow";
  if (!valid_prefix(p->prefix))
    return fail(errc::invalid_argument, fmt::format("postgresql connection string: {} '{}': lower-case letters, digits and "
                                                    "'_', at most 40, not starting with a digit",
                                                    prefix_parameter, p->prefix));
  auto server = server_of(p->connection);
  if (!server) return failure{server.error()};
  p->server = std::move(*server);
  p->connection += is_uri(p->connection) ? (p->connection.find('?') == std::string::npos ? "?" : "&") : " ";
  p->connection += "fallback_application_name=caseflow";
  p->options = options;
  if (auto r = p->guarded("connect",
                          [&]() -> status<> {
                            p->connected();
                            if (!options.read_only) return p->migrate();
                            pqxx::work w(*p->conn);
                            const auto found = w.exec_params1(
                                "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema() "
                                "AND table_name = $1",
                                p->table("journal"));
                            p->absent = found[0].as<int>() == 0;
                            return ok;
                          });
      !r)
    return failure{r.error()};
  return postgres_event_store(std::move(p));
}

std::string postgres_event_store::name() const { return p_->name(); }

status<> postgres_event_store::append(std::string_view line) {
  auto lock = lock_writers();
  if (!lock) return failure{lock.error()};
  auto n = size();
  if (!n) return failure{n.error()};
  return append_if(line, *n);
}

status<> postgres_event_store::append_if(std::string_view line, std::uint64_t expected_lines) {
  if (p_->options.read_only) return fail(errc::io_error, fmt::format("{}: the journal was opened read-only", name()));
  if (line.find('\n') != std::string_view::npos)
    return fail(errc::invalid_argument, fmt::format("{}: a journal record must be one line, but it contains a newline", name()));
  std::lock_guard guard(p_->mutex);
  const bool locked = p_->held != nullptr;
  auto r = p_->guarded("append to the journal", [&]() -> status<> {
    auto out = p_->in_transaction([&](pqxx::work &w) -> status<> {
      const auto journal = p_->table("journal");
      const auto n = impl::count(w, journal);
      if (n != expected_lines)
        return fail(errc::conflict, fmt::format("{}: the journal holds {} units, but the writer expected {}: another writer "
                                                "appended first",
                                                name(), n, expected_lines));
      w.exec_params0("INSERT INTO " + journal + "(seq, line) VALUES ($1, $2)", expected_lines + 1, std::string(line));
      w.exec_params("SELECT pg_notify($1, $2)", p_->channel(), std::to_string(expected_lines + 1));
      return ok;
    });
    // Inside lock_writers() the unit commits now, and the lock is taken again for what follows.
    if (out && p_->held) {
      p_->held->commit();
      p_->held.reset();
      p_->held = std::make_unique<pqxx::work>(p_->connected());
      p_->held->exec0("LOCK TABLE " + p_->table("journal") + " IN EXCLUSIVE MODE");
    }
    return out;
  });
  // A conflict inside the writer lock aborted its transaction: take the lock again.
  if (!r && locked && !p_->held && p_->conn)
    (void)p_->guarded("lock the journal", [&]() -> status<> {
      p_->held = std::make_unique<pqxx::work>(p_->connected());
      p_->held->exec0("LOCK TABLE " + p_->table("journal") + " IN EXCLUSIVE MODE");
      return ok;
    });
  return r;
}

result<std::uint64_t> postgres_event_store::size() const {
  std::lock_guard guard(p_->mutex);
  if (p_->absent) return std::uint64_t{0};
  return p_->guarded("read the journal", [&]() -> result<std::uint64_t> {
    return p_->in_transaction([&](pqxx::work &w) -> result<std::uint64_t> { return impl::count(w, p_->table("journal")); });
  });
}

result<writer_lock> postgres_event_store::lock_writers() {
  impl *p = p_.get();
  p->mutex.lock();
  if (p->depth == 0 && !p->options.read_only) {
    auto r = p->guarded("lock the journal", [&]() -> status<> {
      p->held = std::make_unique<pqxx::work>(p->connected());
      p->held->exec0("LOCK TABLE " + p->table("journal") + " IN EXCLUSIVE MODE");
      return ok;
    });
    if (!r) {
      p->mutex.unlock();
      return failure{r.error()};
    }
  }
  ++p->depth;
  return writer_lock([p] {
    if (--p->depth == 0 && p->held) {
      // Holds nothing unwritten: units commit as they are appended.
      (void)p->guarded("release the journal", [&]() -> status<> {
        p->held->commit();
        p->held.reset();
        return ok;
      });
    }
    p->mutex.unlock();
  });
}

result<store_contents> postgres_event_store::read() const { return read_from(1); }

result<store_contents> postgres_event_store::read_from(std::uint64_t first_line, std::uint64_t max_lines) const {
  std::lock_guard guard(p_->mutex);
  first_line = std::max<std::uint64_t>(first_line, 1);
  if (p_->absent) return store_contents{{}, std::nullopt, first_line};
  return p_->guarded("read the journal", [&]() -> result<store_contents> {
    return p_->in_transaction([&](pqxx::work &w) -> result<store_contents> {
      store_contents out;
      out.first_line = first_line;
      const std::string query = "SELECT seq, line FROM " + p_->table("journal") + " WHERE seq >= $1 ORDER BY seq LIMIT $2";
      while (out.lines.size() < max_lines) {
        const std::uint64_t next = first_line + out.lines.size();
        const std::uint64_t want = std::min<std::uint64_t>(page_size, max_lines - out.lines.size());
        const auto rows = w.exec_params(query, next, want);
        for (const auto &row : rows) {
          const auto seq = row[0].as<std::uint64_t>();
          if (seq != first_line + out.lines.size())
            return fail(errc::parse_error,
                        fmt::format("{}: unit {} is missing from the journal table", name(), first_line + out.lines.size()));
          out.lines.emplace_back(row[1].c_str(), row[1].size());
        }
        if (rows.size() < want) break;
      }
      return out;
    });
  });
}

status<> postgres_event_store::save_snapshot(std::uint64_t sequence, std::string_view text) {
  std::lock_guard guard(p_->mutex);
  return p_->guarded("keep the snapshot", [&]() -> status<> {
    return p_->in_transaction([&](pqxx::work &w) -> status<> {
      const auto table = p_->table("snapshots");
      w.exec_params0("DELETE FROM " + table + " WHERE seq = $1", sequence);
      w.exec_params0("INSERT INTO " + table + "(seq, snapshot) VALUES ($1, $2)", sequence, std::string(text));
      return ok;
    });
  });
}

result<std::optional<stored_snapshot>> postgres_event_store::latest_snapshot() const {
  std::lock_guard guard(p_->mutex);
  if (p_->absent) return std::optional<stored_snapshot>{};
  return p_->guarded("read the snapshots", [&]() -> result<std::optional<stored_snapshot>> {
    return p_->in_transaction([&](pqxx::work &w) -> result<std::optional<stored_snapshot>> {
      const auto rows = w.exec("SELECT seq, snapshot FROM " + p_->table("snapshots") + " ORDER BY seq DESC LIMIT 1");
      if (rows.empty()) return std::optional<stored_snapshot>{};
      return std::optional<stored_snapshot>(
          stored_snapshot{rows[0][0].as<std::uint64_t>(), std::string(rows[0][1].c_str(), rows[0][1].size())});
    });
  });
}

result<std::optional<std::uint64_t>> postgres_event_store::wait_for_append(std::chrono::milliseconds timeout) {
  std::lock_guard guard(p_->listen_mutex);
  try {
    if (!p_->listen_conn) {
      p_->listen_conn = std::make_unique<pqxx::connection>(p_->connection);
      p_->receiver = std::make_unique<append_receiver>(*p_->listen_conn, p_->channel());
    }
    p_->listen_conn->get_notifs();
    if (!p_->receiver->latest) {
      const auto ms = std::max<std::int64_t>(timeout.count(), 0);
      p_->listen_conn->await_notification(static_cast<long>(ms / 1000), static_cast<long>(ms % 1000) * 1000);
    }
    return std::exchange(p_->receiver->latest, std::nullopt);
  } catch (const std::exception &e) {
    p_->receiver.reset();
    p_->listen_conn.reset();
    return p_->io("wait for appends", fmt::format("{} (appends meanwhile are not reported: catch up)", e.what()));
  }
}

} // namespace caseflow
