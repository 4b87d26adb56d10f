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
#pragma once

#include <caseflow/error.hpp>

#include <cstddef>
#include <filesystem>
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

/// Everything a store holds: complete lines (without their newline) and, maybe, a torn tail.
struct store_contents {
  std::vector<std::string> lines; ///< line i has line number i + 1
  std::optional<torn_tail> torn;
};

class event_store {
public:
  virtual ~event_store() = default;
  /// Appends one line (it must not contain a newline: errc::invalid_argument).
  virtual status<> append(std::string_view line) = 0;
  /// Writes buffered lines to the operating system.
  virtual status<> flush() = 0;
  /// Writes buffered lines and forces them to the disk.
  virtual status<> sync() = 0;
  /// Everything written so far, flushed or not.
  virtual result<store_contents> read() const = 0;
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
  status<> flush() override;
  status<> sync() override;
  result<store_contents> read() const override;
  result<bool> truncate_torn_tail() override;
  std::string name() const override { return path_.filename().string(); }

  const std::filesystem::path &path() const noexcept { return path_; }

private:
  file_event_store(std::filesystem::path path, int fd, store_options options);
  status<> write_all(std::string_view bytes);

  std::filesystem::path path_;
  int fd_ = -1;
  store_options options_;
  std::string buffer_;
  std::size_t buffered_lines_ = 0;
  bool torn_ = false; // the file ends in a torn line: no appends until it is truncated
};

/// A store in memory, for tests and for hosts that keep the journal elsewhere themselves.
class memory_event_store final : public event_store {
public:
  status<> append(std::string_view line) override;
  status<> flush() override { return ok; }
  status<> sync() override { return ok; }
  result<store_contents> read() const override;
  result<bool> truncate_torn_tail() override;
  std::string name() const override { return "<memory>"; }

  /// Raw bytes, as a file would hold them (tests write torn or corrupt tails here).
  std::string &bytes() noexcept { return bytes_; }

private:
  std::string bytes_;
};

/// Splits raw journal bytes into complete lines and a torn tail (shared by the stores).
store_contents split_journal_bytes(std::string_view bytes);

} // namespace caseflow
