#include <caseflow/event_store.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

namespace caseflow {

namespace {

failure io_failure(const std::filesystem::path &path, std::string_view what) {
  return fail(errc::io_error, fmt::format("{}: cannot {}: {}", path.string(), what, std::strerror(errno)));
}

status<> check_line(std::string_view line, std::string_view store, bool torn) {
  if (torn)
    return fail(errc::conflict,
                fmt::format("{}: the last line is torn (a write was cut short); truncate it before appending", store));
  if (line.find('\n') != std::string_view::npos)
    return fail(errc::invalid_argument, fmt::format("{}: a journal record must be one line, but it contains a newline", store));
  return ok;
}

} // namespace

result<store_contents> event_store::read_from(std::uint64_t first_line, std::uint64_t max_lines) const {
  auto all = read();
  if (!all) return all;
  first_line = std::max<std::uint64_t>(first_line, 1);
  const auto skip = std::min<std::uint64_t>(first_line - 1, all->lines.size());
  all->lines.erase(all->lines.begin(), all->lines.begin() + static_cast<std::ptrdiff_t>(skip));
  if (all->lines.size() > max_lines) {
    all->lines.resize(max_lines);
    all->torn.reset(); // the run stops before the end
  }
  all->first_line = first_line;
  return all;
}

store_contents split_journal_bytes(std::string_view bytes) {
  store_contents out;
  std::size_t start = 0;
  while (start < bytes.size()) {
    const auto end = bytes.find('\n', start);
    if (end == std::string_view::npos) {
      out.torn = torn_tail{out.lines.size() + 1, start, std::string(bytes.substr(start))};
      break;
    }
    out.lines.emplace_back(bytes.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

// ---- file store

file_event_store::file_event_store(std::filesystem::path path, int fd, store_options options)
    : path_(std::move(path)), fd_(fd), options_(options) {}

file_event_store::file_event_store(file_event_store &&other) noexcept
    : path_(std::move(other.path_)), fd_(std::exchange(other.fd_, -1)), options_(other.options_),
      buffer_(std::move(other.buffer_)), buffered_lines_(std::exchange(other.buffered_lines_, 0)), torn_(other.torn_),
      shared_(std::exchange(other.shared_, std::make_unique<shared_state>())) {}

file_event_store &file_event_store::operator=(file_event_store &&other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) {
      (void)flush();
      ::close(fd_);
    }
    path_ = std::move(other.path_);
    fd_ = std::exchange(other.fd_, -1);
    options_ = other.options_;
    buffer_ = std::move(other.buffer_);
    buffered_lines_ = std::exchange(other.buffered_lines_, 0);
    torn_ = other.torn_;
    shared_ = std::exchange(other.shared_, std::make_unique<shared_state>());
  }
  return *this;
}

file_event_store::~file_event_store() {
  if (fd_ < 0) return;
  (void)flush();
  ::close(fd_);
}

result<file_event_store> file_event_store::open(const std::filesystem::path &path, store_options options) {
  const int fd = options.read_only ? ::open(path.c_str(), O_RDONLY | O_CLOEXEC)
                                   : ::open(path.c_str(), O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (fd < 0) return io_failure(path, "open the journal");
  if (options.batch_size == 0) options.batch_size = 1;
  file_event_store store(path, fd, options);
  auto contents = store.read();
  if (!contents) return failure{contents.error()};
  store.torn_ = contents->torn.has_value();
  return store;
}

status<> file_event_store::write_all(std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t n = ::write(fd_, bytes.data(), bytes.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return io_failure(path_, "write the journal");
    }
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  return ok;
}

status<> file_event_store::append(std::string_view line) {
  if (options_.read_only) return fail(errc::io_error, fmt::format("{}: the journal was opened read-only", name()));
  if (auto r = check_line(line, name(), torn_); !r) return r;
  if (options_.flush == flush_policy::batched) {
    buffer_.append(line).push_back('\n');
    if (++buffered_lines_ < options_.batch_size) return ok;
    return flush();
  }
  // Other writers are held off for the write, as for append_if.
  auto lock = lock_writers();
  if (!lock) return failure{lock.error()};
  return write_line(line);
}

status<> file_event_store::flock_wait(int operation) const {
  while (::flock(fd_, operation) != 0)
    if (errno != EINTR) return io_failure(path_, "lock the journal");
  return ok;
}

result<writer_lock> file_event_store::lock_writers() {
  shared_state *shared = shared_.get();
  shared->mutex.lock();
  if (shared->depth == 0) {
    if (auto r = flock_wait(LOCK_EX); !r) {
      shared->mutex.unlock();
      return failure{r.error()};
    }
  }
  ++shared->depth;
  const int fd = fd_;
  return writer_lock([shared, fd] {
    if (--shared->depth == 0) (void)::flock(fd, LOCK_UN);
    shared->mutex.unlock();
  });
}

result<std::uint64_t> file_event_store::count_lines() const {
  struct stat st {};
  if (::fstat(fd_, &st) != 0) return io_failure(path_, "inspect the journal");
  const auto size = static_cast<std::uint64_t>(st.st_size);
  if (size < shared_->counted_bytes) shared_->forget_counts(); // cut by another process's repair
  char chunk[65536];
  while (shared_->counted_bytes < size) {
    const auto want = static_cast<std::size_t>(std::min<std::uint64_t>(sizeof chunk, size - shared_->counted_bytes));
    const ssize_t n = ::pread(fd_, chunk, want, static_cast<off_t>(shared_->counted_bytes));
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return io_failure(path_, "read the journal");
    if (n == 0) break;
    for (ssize_t i = 0; i < n; ++i)
      if (chunk[i] == '\n') ++shared_->counted_lines;
    shared_->torn_at_end = chunk[n - 1] != '\n';
    shared_->counted_bytes += static_cast<std::uint64_t>(n);
  }
  return shared_->counted_lines;
}

result<std::uint64_t> file_event_store::size() const {
  std::lock_guard lock(shared_->mutex);
  const bool held = shared_->depth > 0;
  if (!held)
    if (auto r = flock_wait(LOCK_SH); !r) return failure{r.error()};
  auto n = count_lines();
  if (!held) (void)::flock(fd_, LOCK_UN);
  return n;
}

status<> file_event_store::append_if(std::string_view line, std::uint64_t expected_lines) {
  if (options_.read_only) return fail(errc::io_error, fmt::format("{}: the journal was opened read-only", name()));
  auto lock = lock_writers();
  if (!lock) return failure{lock.error()};
  if (auto r = flush(); !r) return r;
  auto lines = count_lines();
  if (!lines) return failure{lines.error()};
  if (auto r = check_line(line, name(), shared_->torn_at_end); !r) return r;
  if (*lines != expected_lines)
    return fail(errc::conflict, fmt::format("{}: the journal holds {} units, but the writer expected {}: another writer "
                                            "appended first",
                                            name(), *lines, expected_lines));
  return write_line(line);
}

status<> file_event_store::write_line(std::string_view line) {
  // One write() per line, so a crash leaves at worst a torn last line, never an interleaving.
  std::string record;
  record.reserve(line.size() + 1);
  record.append(line).push_back('\n');
  if (auto r = write_all(record); !r) return r;
  if (options_.fsync && ::fdatasync(fd_) != 0) return io_failure(path_, "sync the journal");
  return ok;
}

status<> file_event_store::flush() {
  if (buffer_.empty()) return ok;
  auto lock = lock_writers();
  if (!lock) return failure{lock.error()};
  if (auto r = write_all(buffer_); !r) return r;
  buffer_.clear();
  buffered_lines_ = 0;
  if (options_.fsync && ::fdatasync(fd_) != 0) return io_failure(path_, "sync the journal");
  return ok;
}

status<> file_event_store::sync() {
  if (auto r = flush(); !r) return r;
  if (::fsync(fd_) != 0) return io_failure(path_, "sync the journal");
  return ok;
}

// Runs `read` holding the in-process lock and a shared flock (unless this thread holds the writers off
// already): a unit another process is writing is never seen half-way.
template <class Read> result<store_contents> file_event_store::reading(Read &&read) const {
  std::lock_guard lock(shared_->mutex);
  const bool held = shared_->depth > 0;
  if (!held)
    if (auto r = flock_wait(LOCK_SH); !r) return failure{r.error()};
  struct unlock_after {
    const file_event_store *store;
    bool held;
    ~unlock_after() {
      if (!held) (void)::flock(store->fd_, LOCK_UN);
    }
  } unlock{this, held};
  return read();
}

result<store_contents> file_event_store::read() const {
  return reading([&]() -> result<store_contents> {
    struct stat st {};
    if (::fstat(fd_, &st) != 0) return io_failure(path_, "inspect the journal");
    std::string bytes(static_cast<std::size_t>(st.st_size), '\0');
    std::size_t done = 0;
    while (done < bytes.size()) {
      const ssize_t n = ::pread(fd_, bytes.data() + done, bytes.size() - done, static_cast<off_t>(done));
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) return io_failure(path_, "read the journal");
      if (n == 0) break;
      done += static_cast<std::size_t>(n);
    }
    bytes.resize(done);
    bytes += buffer_;
    return split_journal_bytes(bytes);
  });
}

result<store_contents> file_event_store::read_from(std::uint64_t first_line, std::uint64_t max_lines) const {
  return reading([&]() -> result<store_contents> {
    struct stat st {};
    if (::fstat(fd_, &st) != 0) return io_failure(path_, "inspect the journal");
    const auto file_size = static_cast<std::uint64_t>(st.st_size);
    const std::uint64_t end = file_size + buffer_.size(); // the file, then what is buffered for it
    first_line = std::max<std::uint64_t>(first_line, 1);

    // Start where the last run ended when that is not past the line asked for (and still a line's start).
    std::uint64_t line = 1;
    std::uint64_t at = 0;
    if (shared_->run_line > 1 && shared_->run_line <= first_line && shared_->run_offset <= file_size) {
      char before = 0;
      if (::pread(fd_, &before, 1, static_cast<off_t>(shared_->run_offset - 1)) == 1 && before == '\n') {
        line = shared_->run_line;
        at = shared_->run_offset;
      }
    }

    store_contents out;
    out.first_line = first_line;
    std::string piece;           // bytes read and not yet split
    std::uint64_t piece_at = at; // the offset of piece[0]
    constexpr std::size_t chunk = 1 << 20;
    const auto read_more = [&]() -> status<> {
      const std::uint64_t from = piece_at + piece.size();
      if (from < file_size) {
        const std::size_t want = static_cast<std::size_t>(std::min<std::uint64_t>(chunk, file_size - from));
        const std::size_t old = piece.size();
        piece.resize(old + want);
        std::size_t done = 0;
        while (done < want) {
          const ssize_t n = ::pread(fd_, piece.data() + old + done, want - done, static_cast<off_t>(from + done));
          if (n < 0 && errno == EINTR) continue;
          if (n < 0) return io_failure(path_, "read the journal");
          if (n == 0) break;
          done += static_cast<std::size_t>(n);
        }
        piece.resize(old + done);
      } else {
        piece.append(buffer_, static_cast<std::size_t>(from - file_size));
      }
      return ok;
    };
    std::size_t start = 0; // of the current line in piece
    while (out.lines.size() < max_lines) {
      const auto newline = piece.find('\n', start);
      if (newline == std::string::npos) {
        if (piece_at + piece.size() >= end) break; // what is left is a torn line, or nothing
        piece.erase(0, start);
        piece_at += start;
        start = 0;
        if (auto r = read_more(); !r) return failure{r.error()};
        continue;
      }
      if (line >= first_line) out.lines.emplace_back(piece, start, newline - start);
      ++line;
      start = newline + 1;
    }
    const std::uint64_t stopped = piece_at + start;
    // A torn tail is reported when the run reaches it: when no complete line is left after the run.
    bool at_last_line = true;
    while (out.lines.size() == max_lines && piece.find('\n', start) == std::string::npos && piece_at + piece.size() < end)
      if (auto r = read_more(); !r) return failure{r.error()};
    if (out.lines.size() == max_lines) at_last_line = piece.find('\n', start) == std::string::npos;
    if (at_last_line && stopped < end)
      out.torn = torn_tail{static_cast<std::size_t>(line), static_cast<std::size_t>(stopped), piece.substr(start)};
    if (line >= first_line && stopped <= file_size) {
      shared_->run_line = line;
      shared_->run_offset = stopped;
    }
    return out;
  });
}

result<bool> file_event_store::truncate_torn_tail() {
  auto lock = lock_writers();
  if (!lock) return failure{lock.error()};
  if (auto r = flush(); !r) return failure{r.error()};
  auto contents = read();
  if (!contents) return failure{contents.error()};
  if (!contents->torn) return false;
  if (::ftruncate(fd_, static_cast<off_t>(contents->torn->offset)) != 0) return io_failure(path_, "truncate the journal");
  torn_ = false;
  shared_->forget_counts();
  return true;
}

// ---- memory store

status<> memory_event_store::append(std::string_view line) {
  std::lock_guard lock(*mutex_);
  if (auto r = check_line(line, name(), !bytes_.empty() && bytes_.back() != '\n'); !r) return r;
  bytes_.append(line).push_back('\n');
  return ok;
}

status<> memory_event_store::append_if(std::string_view line, std::uint64_t expected_lines) {
  std::lock_guard lock(*mutex_);
  auto lines = size();
  if (!lines) return failure{lines.error()};
  if (*lines != expected_lines)
    return fail(errc::conflict, fmt::format("{}: the journal holds {} units, but the writer expected {}: another writer "
                                            "appended first",
                                            name(), *lines, expected_lines));
  return append(line);
}

result<std::uint64_t> memory_event_store::size() const {
  std::lock_guard lock(*mutex_);
  // Counted on from where the last count stopped; the bytes may have been cut by a test or a repair.
  if (bytes_.size() < counted_.bytes) counted_ = {};
  counted_.lines +=
      static_cast<std::uint64_t>(std::count(bytes_.begin() + static_cast<std::ptrdiff_t>(counted_.bytes), bytes_.end(), '\n'));
  counted_.bytes = bytes_.size();
  return counted_.lines;
}

result<writer_lock> memory_event_store::lock_writers() {
  std::recursive_mutex *m = mutex_.get();
  m->lock();
  return writer_lock([m] { m->unlock(); });
}

result<store_contents> memory_event_store::read() const {
  std::lock_guard lock(*mutex_);
  return split_journal_bytes(bytes_);
}

result<bool> memory_event_store::truncate_torn_tail() {
  const auto contents = split_journal_bytes(bytes_);
  if (!contents.torn) return false;
  bytes_.resize(contents.torn->offset);
  return true;
}

} // namespace caseflow
