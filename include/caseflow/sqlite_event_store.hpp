// sqlite_event_store: the journal in one SQLite database file (target caseflow::sqlite, Debian
// libsqlite3-dev), for hosts that keep their records in a database rather than a text file.
//
// Schema (version 1, kept in table `caseflow_meta`; opening an older database migrates it):
//   caseflow_journal(seq INTEGER PRIMARY KEY, line TEXT NOT NULL)   -- one row a unit, seq 1, 2, 3, ...
//   caseflow_snapshots(seq INTEGER PRIMARY KEY, snapshot TEXT NOT NULL) -- case_book::snapshot() at seq
// The database runs in WAL mode: readers never wait for the writer and see whole transactions only.
// Each unit is one transaction; the conditional append is the primary key on the sequence number (a
// writer that lost the race gets errc::conflict). lock_writers() is a BEGIN IMMEDIATE transaction that
// holds other writers - threads and processes - off until the unit is appended. `fsync` in the options
// selects synchronous=FULL (a power cut loses nothing acknowledged), otherwise NORMAL (a crash of the
// process loses nothing acknowledged). A unit is never torn: truncate_torn_tail() finds none.
#pragma once

#include <caseflow/event_store.hpp>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

namespace caseflow {

class sqlite_event_store final : public event_store {
public:
  /// Opens (creating and migrating if needed) the database. errc::io_error naming the file, or
  /// errc::parse_error for a database of a newer schema than this build knows.
  static result<sqlite_event_store> open(const std::filesystem::path &path, store_options options = {});

  sqlite_event_store(sqlite_event_store &&) noexcept;
  sqlite_event_store &operator=(sqlite_event_store &&) noexcept;
  ~sqlite_event_store() override;

  status<> append(std::string_view line) override;
  status<> append_if(std::string_view line, std::uint64_t expected_lines) override;
  result<std::uint64_t> size() const override;
  result<writer_lock> lock_writers() override;
  status<> flush() override { return ok; }
  status<> sync() override { return ok; }
  result<store_contents> read() const override;
  result<store_contents> read_from(std::uint64_t first_line, std::uint64_t max_lines = UINT64_MAX) const override;
  result<bool> truncate_torn_tail() override { return false; }
  std::string name() const override;

  /// Keeps a snapshot taken after unit `sequence` (replacing one kept for the same unit).
  status<> save_snapshot(std::uint64_t sequence, std::string_view text);
  /// The latest snapshot kept, if any: start from it with case_book::resume and the journal's tail.
  result<std::optional<stored_snapshot>> latest_snapshot() const;

  /// The schema version this build writes.
  static constexpr int schema_version = 1;

private:
  struct impl;
  explicit sqlite_event_store(std::unique_ptr<impl> p) noexcept;
  std::unique_ptr<impl> p_;
};

} // namespace caseflow
