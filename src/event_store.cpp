#include <caseflow/event_store.hpp>

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
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
      buffer_(std::move(other.buffer_)), buffered_lines_(std::exchange(other.buffered_lines_, 0)), torn_(other.torn_) {}

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
  // One write() per record, so a crash leaves at worst a torn last line, never an interleaving.
  std::string record;
  record.reserve(line.size() + 1);
  record.append(line).push_back('\n');
  if (auto r = write_all(record); !r) return r;
  if (options_.fsync && ::fdatasync(fd_) != 0) return io_failure(path_, "sync the journal");
  return ok;
}

status<> file_event_store::flush() {
  if (buffer_.empty()) return ok;
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

result<store_contents> file_event_store::read() const {
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
}

result<bool> file_event_store::truncate_torn_tail() {
  if (auto r = flush(); !r) return failure{r.error()};
  auto contents = read();
  if (!contents) return failure{contents.error()};
  if (!contents->torn) return false;
  if (::ftruncate(fd_, static_cast<off_t>(contents->torn->offset)) != 0) return io_failure(path_, "truncate the journal");
  torn_ = false;
  return true;
}

// ---- memory store

status<> memory_event_store::append(std::string_view line) {
  if (auto r = check_line(line, name(), !bytes_.empty() && bytes_.back() != '\n'); !r) return r;
  bytes_.append(line).push_back('\n');
  return ok;
}

result<store_contents> memory_event_store::read() const { return split_journal_bytes(bytes_); }

result<bool> memory_event_store::truncate_torn_tail() {
  const auto contents = split_journal_bytes(bytes_);
  if (!contents.torn) return false;
  bytes_.resize(contents.torn->offset);
  return true;
}

} // namespace caseflow
