// event_store: where the journal's lines are kept. An append-only sequence of text lines, each one
// record; the embedded default is a file, and hosts can plug in their own (a database table, say).
//
// Durability. A line handed to append() is written to the operating system before append returns
// when the flush policy is `every_event` (so killing the process loses nothing acknowledged), and
// also forced to the disk when `fsync` is on (so a power cut loses nothing acknowledged). `batched`
// keeps up to `batch_size` lines in memory and is for bulk imports that flush() at the end.
//
// Torn tails. A crash in the middle of a write leaves a last line without its newline. read() reports
// it (line number and byte offset) instead of dropping it silently; truncate_torn_tail() cuts it off
// on request. Until then append() refuses (errc::conflict): a record written after a torn line would
// be glued to it and corrupt the middle of the journal.
//
// Many writers. The store decides the order, not the writers. append_if(line, n) appends only if the
// store holds exactly n complete lines, atomically against every other writer of the same store
// (errc::conflict otherwise): a writer whose book is behind learns it and catches up. lock_writers()
// holds every other writer off (other threads, and for a file other processes, by an exclusive flock)
// until the returned lock is released, so that a writer can catch up, decide and append in one go;
// reads of a file take a shared flock, so a reader never sees half a unit.
#pragma once

#include <caseflow/error.hpp>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace caseflow {

enum class flush_policy {
  every_event, ///< each append reaches the operating system before it returns
  batched,     ///< appends are buffered; flush() or a full batch writes them
};

struct store_options {
  flush_policy flush = flush_policy::every_event;
  bool fsync = false;           ///< also force each write to the disk (fsync)
  std::size_t batch_size = 256; ///< lines buffered under flush_policy::batched
  bool read_only = false;       ///< open for reading only (appends are refused with errc::io_error)
};

/// A last line cut short by a crash.
struct torn_tail {
  std::size_t line_number; ///< 1-based
  std::size_t offset;      ///< byte offset where the line starts; truncating there removes it
  std::string text;        ///< what was written of it

  friend bool operator==(const torn_tail &, const torn_tail &) = default;
};

/// What a store holds, or a run of it: complete lines (without their newline) and, maybe, a torn tail.
struct store_contents {
  std::vector<std::string> lines; ///< lines[i] has line number first_line + i
  std::optional<torn_tail> torn;  ///< only when the run reaches the end of the store
  std::uint64_t first_line = 1;
};

/// A snapshot kept beside the journal (by the database stores), and the unit it was taken after.
struct stored_snapshot {
  std::uint64_t sequence = 0;
  std::string text;
};

/// Holds the other writers of a store off while it lives (see event_store::lock_writers). Movable.
class writer_lock {
public:
  writer_lock() = default;
  explicit writer_lock(std::function<void()> release) : release_(std::move(release)) {}
  writer_lock(writer_lock &&other) noexcept : release_(std::exchange(other.release_, {})) {}
  writer_lock &operator=(writer_lock &&other) noexcept {
    if (this != &other) {
      unlock();
      release_ = std::exchange(other.release_, {});
    }
    return *this;
  }
  writer_lock(const writer_lock &) = delete;
  writer_lock &operator=(const writer_lock &) = delete;
  ~writer_lock() { unlock(); }
  void unlock() {
    if (release_) std::exchange(release_, {})();
  }

private:
  std::function<void()> release_;
};

class event_store {
public:
  virtual ~event_store() = default;
  /// Appends one line (it must not contain a newline: errc::invalid_argument).
  virtual status<> append(std::string_view line) = 0;
  /// Appends one line only if the store holds exactly `expected_lines` complete lines and no torn
  /// tail; errc::conflict otherwise, naming both counts. Atomic against every other writer.
  virtual status<> append_if(std::string_view line, std::uint64_t expected_lines) = 0;
  /// The number of complete lines.
  virtual result<std::uint64_t> size() const = 0;
  /// Holds every other writer off until the lock is released (re-entrant for the thread holding it).
  virtual result<writer_lock> lock_writers() = 0;
  /// Writes buffered lines to the operating system.
  virtual status<> flush() = 0;
  /// Writes buffered lines and forces them to the disk.
  virtual status<> sync() = 0;
  /// Everything written so far, flushed or not.
  virtual result<store_contents> read() const = 0;
  /// The lines from line number `first_line` (1-based) on, at most `max_lines` of them: what a book that
  /// holds the units before needs to catch up. This default reads everything and drops the rest; a
  /// database store asks the database for the run only.
  virtual result<store_contents> read_from(std::uint64_t first_line, std::uint64_t max_lines = UINT64_MAX) const;
  /// Removes a torn last line, if any; returns whether there was one.
  virtual result<bool> truncate_torn_tail() = 0;
  /// For messages: the file name, or a description of the store.
  virtual std::string name() const = 0;
};

/// The embedded default: one file, one line a record. Not copyable; movable.
class file_event_store final : public event_store {
public:
  /// Opens (creating if needed) the journal file for appending. errc::io_error naming the path.
  static result<file_event_store> open(const std::filesystem::path &path, store_options options = {});

  file_event_store(file_event_store &&other) noexcept;
  file_event_store &operator=(file_event_store &&other) noexcept;
  file_event_store(const file_event_store &) = delete;
  file_event_store &operator=(const file_event_store &) = delete;
  ~file_event_store() override; ///< flushes what is buffered; errors there are lost, call flush() first

  status<> append(std::string_view line) override;
  status<> append_if(std::string_view line, std::uint64_t expected_lines) override;
  result<std::uint64_t> size() const override;
  result<writer_lock> lock_writers() override;
  status<> flush() override;
  status<> sync() override;
  result<store_contents> read() const override;
  /// Reads only the run asked for, a piece of the file at a time, and remembers where it ended: the
  /// next run starts there instead of counting lines from the top (a replay reads in runs).
  result<store_contents> read_from(std::uint64_t first_line, std::uint64_t max_lines = UINT64_MAX) const override;
  result<bool> truncate_torn_tail() override;
  std::string name() const override { return path_.filename().string(); }

  const std::filesystem::path &path() const noexcept { return path_; }

private:
  // What is shared by the threads using one store: the in-process lock beside the flock, and how far
  // the file has been counted.
  struct shared_state {
    std::recursive_mutex mutex;
    int depth = 0;                   // lock_writers() held by the owning thread, nested
    std::uint64_t counted_bytes = 0; // the file's bytes counted so far
    std::uint64_t counted_lines = 0; // complete lines among them
    bool torn_at_end = false;        // the counted bytes end inside a line
    std::uint64_t run_line = 0;      // where the last read_from run ended: the next line's number
    std::uint64_t run_offset = 0;    // and the byte it starts at
    void forget_counts() noexcept {
      counted_bytes = counted_lines = 0;
      torn_at_end = false;
      run_line = run_offset = 0;
    }
  };
  file_event_store(std::filesystem::path path, int fd, store_options options);
  status<> write_all(std::string_view bytes);
  status<> write_line(std::string_view line);
  result<std::uint64_t> count_lines() const; // with the writer lock held
  status<> flock_wait(int operation) const;
  template <class Read> result<store_contents> reading(Read &&read) const;

  std::filesystem::path path_;
  int fd_ = -1;
  store_options options_;
  std::string buffer_;
  std::size_t buffered_lines_ = 0;
  bool torn_ = false; // the file ends in a torn line: no appends until it is truncated
  std::unique_ptr<shared_state> shared_ = std::make_unique<shared_state>();
};

/// A store in memory, for tests and for hosts that keep the journal elsewhere themselves.
class memory_event_store final : public event_store {
public:
  status<> append(std::string_view line) override;
  status<> append_if(std::string_view line, std::uint64_t expected_lines) override;
  result<std::uint64_t> size() const override;
  result<writer_lock> lock_writers() override;
  status<> flush() override { return ok; }
  status<> sync() override { return ok; }
  result<store_contents> read() const override;
  result<bool> truncate_torn_tail() override;
  std::string name() const override { return "<memory>"; }

  /// Raw bytes, as a file would hold them (tests write torn or corrupt tails here).
  std::string &bytes() noexcept {
    counted_ = {};
    return bytes_;
  }

private:
  std::string bytes_;
  std::unique_ptr<std::recursive_mutex> mutex_ = std::make_unique<std::recursive_mutex>();
  struct line_count {
    std::size_t bytes = 0;
    std::uint64_t lines = 0;
  };
  mutable line_count counted_;
};

/// Splits raw journal bytes into complete lines and a torn tail (shared by the stores).
store_contents split_journal_bytes(std::string_view bytes);

} // namespace caseflow
