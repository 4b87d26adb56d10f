// postgres_event_store: the journal in a PostgreSQL database (target caseflow::postgres, Debian
// libpqxx-dev over libpq), for several application servers sharing one book.
//
// Schema (version 1, the SQLite store's, in table `<prefix>_meta`; opening an older database migrates it):
//   <prefix>_journal(seq bigint PRIMARY KEY, line text NOT NULL)        -- one row a unit, seq 1, 2, 3, ...
//   <prefix>_snapshots(seq bigint PRIMARY KEY, snapshot text NOT NULL)  -- case_book::snapshot() at seq
//   <prefix>_meta(key text PRIMARY KEY, value text NOT NULL)            -- schema_version
// Only plain tables, bigint and text, LOCK TABLE, LISTEN/NOTIFY and pg_notify(): SQL that openGauss and
// KingbaseES accept as well. The prefix is "caseflow" unless the connection string names another with
// the parameter `caseflow_prefix` (taken out before the string reaches libpq), so that one database can
// hold several books.
//
// Each unit is one transaction. The conditional append is the primary key on the sequence number: a
// writer that lost the race gets errc::conflict. lock_writers() is a transaction holding LOCK TABLE
// <prefix>_journal IN EXCLUSIVE MODE: other writers - threads, processes, machines - wait, readers do not.
// A unit is acknowledged only after its COMMIT returned; a connection lost before is errc::io_error
// naming the server (a COMMIT whose outcome is unknown says so: the book finds the unit, if it was
// committed, when it next catches up). The next call connects again.
//
// Every append notifies channel `<prefix>_appended` with the unit's sequence number. wait_for_append()
// listens on a connection of its own, so a host thread can wait there and call case_book::catch_up()
// when another node appended, without polling.
//
// `fsync` in the options keeps synchronous_commit on (a crash of the server loses nothing
// acknowledged); otherwise it is off for this store's sessions (a crash of the server may lose the last
// units acknowledged, never leaves a unit half written; a crash of the host loses nothing).
#pragma once

#include <caseflow/event_store.hpp>

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

namespace caseflow {

class postgres_event_store final : public event_store {
public:
  /// Connects (a libpq connection string or postgresql:// URI), creates or migrates the schema.
  /// errc::io_error naming the server, or errc::parse_error for a schema newer than this build reads.
  static result<postgres_event_store> open(std::string_view connection, store_options options = {});

  postgres_event_store(postgres_event_store &&) noexcept;
  postgres_event_store &operator=(postgres_event_store &&) noexcept;
  ~postgres_event_store() override;

  status<> append(std::string_view line) override;
  status<> append_if(std::string_view line, std::uint64_t expected_lines) override;
  result<std::uint64_t> size() const override;
  result<writer_lock> lock_writers() override;
  status<> flush() override { return ok; }
  status<> sync() override { return ok; }
  result<store_contents> read() const override;
  /// Read in pages of `page_size` rows, so a long journal never sits in one result set.
  result<store_contents> read_from(std::uint64_t first_line, std::uint64_t max_lines = UINT64_MAX) const override;
  result<bool> truncate_torn_tail() override { return false; }
  /// "postgresql 127.0.0.1:5432/caseflow (caseflow_journal)": host, port, database and table, no password.
  std::string name() const override;

  /// Keeps a snapshot taken after unit `sequence` (replacing one kept for the same unit).
  status<> save_snapshot(std::uint64_t sequence, std::string_view text);
  /// The latest snapshot kept, if any: start from it with case_book::resume and the journal's tail.
  result<std::optional<stored_snapshot>> latest_snapshot() const;

  /// Waits up to `timeout` for a unit appended by any writer of this journal (this store's own
  /// appends included) and returns the highest sequence number notified, or nothing on timeout.
  /// The first call starts listening: appends before it are not reported (read size() first).
  /// Safe to call from one thread while others append and read.
  result<std::optional<std::uint64_t>> wait_for_append(std::chrono::milliseconds timeout);

  /// The schema version this build writes.
  static constexpr int schema_version = 1;
  /// Rows per page when reading the journal.
  static constexpr std::uint64_t page_size = 1000;

private:
  struct impl;
  explicit postgres_event_store(std::unique_ptr<impl> p) noexcept;
  std::unique_ptr<impl> p_;
};

} // namespace caseflow
