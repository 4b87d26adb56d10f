#include <caseflow/sqlite_event_store.hpp>

#include <fmt/format.h>
#include <sqlite3.h>

#include <algorithm>
#include <cstdint>
#include <mutex>

namespace caseflow {

namespace {

// The schema, one step per version: opening a database runs the steps after its recorded version.
constexpr const char *migrations[] = {
    // 0 -> 1
    "CREATE TABLE IF NOT EXISTS caseflow_journal(seq INTEGER PRIMARY KEY, line TEXT NOT NULL);"
    "CREATE TABLE IF NOT EXISTS caseflow_snapshots(seq INTEGER PRIMARY KEY, snapshot TEXT NOT NULL);",
};
static_assert(std::size(migrations) == sqlite_event_store::schema_version);

// A prepared statement, finalized on scope exit.
struct statement {
  sqlite3_stmt *s = nullptr;
  statement() = default;
  statement(const statement &) = delete;
  statement &operator=(const statement &) = delete;
  ~statement() { sqlite3_finalize(s); }
};

} // namespace

struct sqlite_event_store::impl {
  std::filesystem::path path;
  sqlite3 *db = nullptr;
  store_options options;
  std::recursive_mutex mutex; // one connection: its transaction is shared by the threads using it
  int depth = 0;              // lock_writers() nesting on the owning thread
  bool in_transaction = false;

  ~impl() {
    if (db) sqlite3_close_v2(db);
  }

  failure error(std::string_view what) const {
    return fail(errc::io_error, fmt::format("{}: cannot {}: {}", path.filename().string(), what, sqlite3_errmsg(db)));
  }

  status<> exec(const char *sql, std::string_view what) {
    char *message = nullptr;
    if (sqlite3_exec(db, sql, nullptr, nullptr, &message) != SQLITE_OK) {
      const std::string text = message ? message : "unknown error";
      sqlite3_free(message);
      return fail(errc::io_error, fmt::format("{}: cannot {}: {}", path.filename().string(), what, text));
    }
    return ok;
  }

  result<std::uint64_t> count() const {
    statement st;
    if (sqlite3_prepare_v2(db, "SELECT COALESCE(MAX(seq), 0) FROM caseflow_journal", -1, &st.s, nullptr) != SQLITE_OK)
      return error("read the journal");
    if (sqlite3_step(st.s) != SQLITE_ROW) return error("read the journal");
    return static_cast<std::uint64_t>(sqlite3_column_int64(st.s, 0));
  }

  status<> insert(std::uint64_t seq, std::string_view line) {
    statement st;
    if (sqlite3_prepare_v2(db, "INSERT INTO caseflow_journal(seq, line) VALUES (?, ?)", -1, &st.s, nullptr) != SQLITE_OK)
      return error("append to the journal");
    sqlite3_bind_int64(st.s, 1, static_cast<sqlite3_int64>(seq));
    sqlite3_bind_text(st.s, 2, line.data(), static_cast<int>(line.size()), SQLITE_TRANSIENT);
    const int rc = sqlite3_step(st.s);
    if (rc == SQLITE_CONSTRAINT)
      return fail(errc::conflict, fmt::format("{}: unit {} is in the journal already: another writer appended first",
                                              path.filename().string(), seq));
    if (rc != SQLITE_DONE) return error("append to the journal");
    return ok;
  }

  status<> migrate() {
    if (auto r = exec("CREATE TABLE IF NOT EXISTS caseflow_meta(key TEXT PRIMARY KEY, value TEXT NOT NULL)", "create the schema");
        !r)
      return r;
    int version = 0;
    {
      statement st;
      if (sqlite3_prepare_v2(db, "SELECT value FROM caseflow_meta WHERE key = 'schema_version'", -1, &st.s, nullptr) != SQLITE_OK)
        return error("read the schema version");
      if (sqlite3_step(st.s) == SQLITE_ROW) version = sqlite3_column_int(st.s, 0);
    }
    if (version > schema_version)
      return fail(errc::parse_error, fmt::format("{}: schema version {} is newer than this build reads ({})",
                                                 path.filename().string(), version, schema_version));
    for (int v = version; v < schema_version; ++v) {
      if (auto r = exec("BEGIN IMMEDIATE", "migrate the schema"); !r) return r;
      auto step = exec(migrations[v], "migrate the schema");
      if (step)
        step =
            exec(fmt::format("INSERT OR REPLACE INTO caseflow_meta(key, value) VALUES ('schema_version', '{}')", v + 1).c_str(),
                 "migrate the schema");
      if (!step) {
        (void)exec("ROLLBACK", "migrate the schema");
        return step;
      }
      if (auto r = exec("COMMIT", "migrate the schema"); !r) return r;
    }
    return ok;
  }
};

sqlite_event_store::sqlite_event_store(std::unique_ptr<impl> p) noexcept : p_(std::move(p)) {}
sqlite_event_store::sqlite_event_store(sqlite_event_store &&) noexcept = default;
sqlite_event_store &sqlite_event_store::operator=(sqlite_event_store &&) noexcept = default;
sqlite_event_store::~sqlite_event_store() = default;

result<sqlite_event_store> sqlite_event_store::open(const std::filesystem::path &path, store_options options) {
  auto p = std::make_unique<impl>();
  p->path = path;
  p->options = options;
  const int flags = options.read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
  if (sqlite3_open_v2(path.c_str(), &p->db, flags | SQLITE_OPEN_FULLMUTEX, nullptr) != SQLITE_OK)
    return p->error("open the database");
  sqlite3_busy_timeout(p->db, 30000); // other writers hold the lock for one unit at a time
  if (!options.read_only) {
    if (auto r = p->exec("PRAGMA journal_mode=WAL", "switch to WAL mode"); !r) return failure{r.error()};
    if (auto r = p->exec(options.fsync ? "PRAGMA synchronous=FULL" : "PRAGMA synchronous=NORMAL", "set synchronous"); !r)
      return failure{r.error()};
    if (auto r = p->migrate(); !r) return failure{r.error()};
  }
  return sqlite_event_store(std::move(p));
}

std::string sqlite_event_store::name() const { return p_->path.filename().string(); }

status<> sqlite_event_store::append(std::string_view line) {
  auto lock = lock_writers();
  if (!lock) return failure{lock.error()};
  auto n = p_->count();
  if (!n) return failure{n.error()};
  return append_if(line, *n);
}

status<> sqlite_event_store::append_if(std::string_view line, std::uint64_t expected_lines) {
  if (p_->options.read_only) return fail(errc::io_error, fmt::format("{}: the journal was opened read-only", name()));
  if (line.find('\n') != std::string_view::npos)
    return fail(errc::invalid_argument, fmt::format("{}: a journal record must be one line, but it contains a newline", name()));
  std::lock_guard guard(p_->mutex);
  // Inside lock_writers() the transaction is open already; else this append is a transaction of its own.
  const bool own = !p_->in_transaction;
  if (own)
    if (auto r = p_->exec("BEGIN IMMEDIATE", "lock the journal"); !r) return r;
  p_->in_transaction = true;
  const auto finish = [&](status<> r) -> status<> {
    // The unit is acknowledged only once committed; the writer lock, if held, begins again after it.
    if (r) r = p_->exec("COMMIT", "commit the unit");
    if (!r) (void)p_->exec("ROLLBACK", "roll back the unit");
    p_->in_transaction = false;
    if (!own && r)
      if (auto again = p_->exec("BEGIN IMMEDIATE", "lock the journal"); again) p_->in_transaction = true;
    return r;
  };
  auto n = p_->count();
  if (!n) return finish(failure{n.error()});
  if (*n != expected_lines)
    return finish(fail(errc::conflict, fmt::format("{}: the journal holds {} units, but the writer expected {}: another "
                                                   "writer appended first",
                                                   name(), *n, expected_lines)));
  return finish(p_->insert(expected_lines + 1, line));
}

result<std::uint64_t> sqlite_event_store::size() const {
  std::lock_guard guard(p_->mutex);
  return p_->count();
}

result<writer_lock> sqlite_event_store::lock_writers() {
  impl *p = p_.get();
  p->mutex.lock();
  if (p->depth == 0 && !p->options.read_only) {
    if (auto r = p->exec("BEGIN IMMEDIATE", "lock the journal"); !r) {
      p->mutex.unlock();
      return failure{r.error()};
    }
    p->in_transaction = true;
  }
  ++p->depth;
  return writer_lock([p] {
    if (--p->depth == 0 && p->in_transaction) {
      (void)p->exec("COMMIT", "release the journal"); // holds nothing unwritten: units commit as they are appended
      p->in_transaction = false;
    }
    p->mutex.unlock();
  });
}

result<store_contents> sqlite_event_store::read() const { return read_from(1); }

result<store_contents> sqlite_event_store::read_from(std::uint64_t first_line, std::uint64_t max_lines) const {
  std::lock_guard guard(p_->mutex);
  statement st;
  if (sqlite3_prepare_v2(p_->db, "SELECT seq, line FROM caseflow_journal WHERE seq >= ? ORDER BY seq LIMIT ?", -1, &st.s,
                         nullptr) != SQLITE_OK)
    return p_->error("read the journal");
  first_line = std::max<std::uint64_t>(first_line, 1);
  sqlite3_bind_int64(st.s, 1, static_cast<sqlite3_int64>(first_line));
  sqlite3_bind_int64(st.s, 2, static_cast<sqlite3_int64>(std::min<std::uint64_t>(max_lines, INT64_MAX)));
  store_contents out;
  out.first_line = first_line;
  int rc = 0;
  while ((rc = sqlite3_step(st.s)) == SQLITE_ROW) {
    const auto seq = static_cast<std::uint64_t>(sqlite3_column_int64(st.s, 0));
    if (seq != first_line + out.lines.size())
      return fail(errc::parse_error,
                  fmt::format("{}: unit {} is missing from the journal table", name(), first_line + out.lines.size()));
    const auto *text = reinterpret_cast<const char *>(sqlite3_column_text(st.s, 1));
    out.lines.emplace_back(text ? text : "", static_cast<std::size_t>(sqlite3_column_bytes(st.s, 1)));
  }
  if (rc != SQLITE_DONE) return p_->error("read the journal");
  return out;
}

status<> sqlite_event_store::save_snapshot(std::uint64_t sequence, std::string_view text) {
  std::lock_guard guard(p_->mutex);
  statement st;
  if (sqlite3_prepare_v2(p_->db, "INSERT OR REPLACE INTO caseflow_snapshots(seq, snapshot) VALUES (?, ?)", -1, &st.s, nullptr) !=
      SQLITE_OK)
    return p_->error("keep the snapshot");
  sqlite3_bind_int64(st.s, 1, static_cast<sqlite3_int64>(sequence));
  sqlite3_bind_text(st.s, 2, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
  if (sqlite3_step(st.s) != SQLITE_DONE) return p_->error("keep the snapshot");
  return ok;
}

result<std::optional<stored_snapshot>> sqlite_event_store::latest_snapshot() const {
  std::lock_guard guard(p_->mutex);
  statement st;
  if (sqlite3_prepare_v2(p_->db, "SELECT seq, snapshot FROM caseflow_snapshots ORDER BY seq DESC LIMIT 1", -1, &st.s, nullptr) !=
      SQLITE_OK)
    return p_->error("read the snapshots");
  const int rc = sqlite3_step(st.s);
  if (rc == SQLITE_DONE) return std::optional<stored_snapshot>{};
  if (rc != SQLITE_ROW) return p_->error("read the snapshots");
  const auto *text = reinterpret_cast<const char *>(sqlite3_column_text(st.s, 1));
  return std::optional<stored_snapshot>(
      stored_snapshot{static_cast<std::uint64_t>(sqlite3_column_int64(st.s, 0)),
                      std::string(text ? text : "", static_cast<std::size_t>(sqlite3_column_bytes(st.s, 1)))});
}

} // namespace caseflow
