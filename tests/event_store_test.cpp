#include <caseflow/event_store.hpp>

#include <gtest/gtest.h>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <sys/wait.h>
#include <unistd.h>

namespace cf = caseflow;

namespace {

// A fresh scratch file per test, removed afterwards.
class scratch_file {
public:
  explicit scratch_file(const std::string &name)
      : path_(std::filesystem::temp_directory_path() / ("caseflow_" + name + "_" + std::to_string(::getpid()) + ".jsonl")) {
    std::filesystem::remove(path_);
  }
  ~scratch_file() { std::filesystem::remove(path_); }
  const std::filesystem::path &path() const { return path_; }
  std::string bytes() const {
    std::ifstream in(path_, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
  }

private:
  std::filesystem::path path_;
};

std::vector<std::string> lines_of(const cf::event_store &store) { return store.read().value().lines; }

} // namespace

TEST(split_journal_bytes, complete_lines_and_a_torn_tail) {
  const auto c = cf::split_journal_bytes("a\nbb\nccc");
  EXPECT_EQ(c.lines, (std::vector<std::string>{"a", "bb"}));
  ASSERT_TRUE(c.torn);
  EXPECT_EQ(*c.torn, (cf::torn_tail{3, 5, "ccc"}));
  EXPECT_FALSE(cf::split_journal_bytes("a\nbb\n").torn);
  EXPECT_TRUE(cf::split_journal_bytes("").lines.empty());
}

TEST(file_event_store, appends_lines_and_reads_them_back_after_reopening) {
  scratch_file f("append");
  {
    auto store = cf::file_event_store::open(f.path()).value();
    ASSERT_TRUE(store.append(R"({"n":1})"));
    ASSERT_TRUE(store.append(R"({"n":2})"));
    EXPECT_EQ(lines_of(store), (std::vector<std::string>{R"({"n":1})", R"({"n":2})"}));
  }
  EXPECT_EQ(f.bytes(), "{\"n\":1}\n{\"n\":2}\n");
  auto again = cf::file_event_store::open(f.path()).value();
  ASSERT_TRUE(again.append(R"({"n":3})"));
  EXPECT_EQ(lines_of(again).size(), 3u);
}

TEST(file_event_store, every_event_policy_writes_before_append_returns) {
  scratch_file f("every");
  auto store = cf::file_event_store::open(f.path(), {cf::flush_policy::every_event, true, 1}).value();
  ASSERT_TRUE(store.append("x"));
  EXPECT_EQ(f.bytes(), "x\n"); // on disk already, no flush needed
}

TEST(file_event_store, batched_policy_buffers_until_flush_or_a_full_batch) {
  scratch_file f("batched");
  auto store = cf::file_event_store::open(f.path(), {cf::flush_policy::batched, false, 3}).value();
  ASSERT_TRUE(store.append("1"));
  ASSERT_TRUE(store.append("2"));
  EXPECT_EQ(f.bytes(), "");
  EXPECT_EQ(lines_of(store).size(), 2u); // buffered lines are visible to read()
  ASSERT_TRUE(store.append("3"));
  EXPECT_EQ(f.bytes(), "1\n2\n3\n");
  ASSERT_TRUE(store.append("4"));
  ASSERT_TRUE(store.flush());
  EXPECT_EQ(f.bytes(), "1\n2\n3\n4\n");
}

TEST(file_event_store, a_record_with_a_newline_is_refused_and_nothing_written) {
  scratch_file f("newline");
  auto store = cf::file_event_store::open(f.path()).value();
  auto r = store.append("a\nb");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, cf::errc::invalid_argument);
  EXPECT_EQ(f.bytes(), "");
}

TEST(file_event_store, torn_tail_is_reported_blocks_appends_and_truncates_on_request) {
  scratch_file f("torn");
  std::ofstream(f.path(), std::ios::binary) << "{\"n\":1}\n{\"n\":2}\n{\"n\":";
  auto store = cf::file_event_store::open(f.path()).value();
  const auto contents = store.read().value();
  EXPECT_EQ(contents.lines.size(), 2u);
  ASSERT_TRUE(contents.torn);
  EXPECT_EQ(*contents.torn, (cf::torn_tail{3, 16, "{\"n\":"}));

  auto refused = store.append("{\"n\":3}");
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, cf::errc::conflict);
  EXPECT_NE(refused.error().message.find("torn"), std::string::npos);
  EXPECT_EQ(f.bytes(), "{\"n\":1}\n{\"n\":2}\n{\"n\":"); // unchanged

  EXPECT_TRUE(store.truncate_torn_tail().value());
  EXPECT_EQ(f.bytes(), "{\"n\":1}\n{\"n\":2}\n");
  EXPECT_FALSE(store.truncate_torn_tail().value());
  ASSERT_TRUE(store.append("{\"n\":3}"));
  EXPECT_EQ(f.bytes(), "{\"n\":1}\n{\"n\":2}\n{\"n\":3}\n");
}

TEST(file_event_store, read_only_store_reads_and_refuses_appends) {
  scratch_file f("readonly");
  std::ofstream(f.path(), std::ios::binary) << "a\nb\n";
  auto store = cf::file_event_store::open(f.path(), {cf::flush_policy::every_event, false, 1, true}).value();
  EXPECT_EQ(lines_of(store), (std::vector<std::string>{"a", "b"}));
  auto r = store.append("c");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, cf::errc::io_error);
  EXPECT_EQ(f.bytes(), "a\nb\n");
  EXPECT_FALSE(cf::file_event_store::open(f.path().string() + ".missing", {cf::flush_policy::every_event, false, 1, true}));
}

TEST(file_event_store, unopenable_path_is_an_io_error_naming_it) {
  auto r = cf::file_event_store::open("/nonexistent-dir/journal.jsonl");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, cf::errc::io_error);
  EXPECT_NE(r.error().message.find("/nonexistent-dir/journal.jsonl"), std::string::npos);
}

TEST(memory_event_store, behaves_like_the_file_store) {
  cf::memory_event_store store;
  ASSERT_TRUE(store.append("a"));
  store.bytes() += "tor";
  EXPECT_EQ(store.read().value().torn->text, "tor");
  EXPECT_FALSE(store.append("b"));
  EXPECT_TRUE(store.truncate_torn_tail().value());
  ASSERT_TRUE(store.append("b"));
  EXPECT_EQ(store.read().value().lines, (std::vector<std::string>{"a", "b"}));
}

// A writer process is killed at an arbitrary moment; every record it had acknowledged (append returned)
// must be in the file, in order, with at most a torn last line after them.
TEST(file_event_store, killing_the_writer_loses_no_acknowledged_record) {
  scratch_file f("kill");
  for (int round = 0; round < 3; ++round) {
    std::filesystem::remove(f.path());
    int acks[2];
    ASSERT_EQ(::pipe(acks), 0);
    const pid_t child = ::fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
      ::close(acks[0]);
      auto store = cf::file_event_store::open(f.path(), {cf::flush_policy::every_event, true, 1});
      if (!store) ::_exit(3);
      for (std::uint32_t n = 1;; ++n) {
        if (!store->append(std::string(200, 'x') + std::to_string(n))) ::_exit(4);
        if (::write(acks[1], &n, sizeof n) != sizeof n) ::_exit(5);
      }
    }
    ::close(acks[1]);
    std::uint32_t acknowledged = 0, n = 0;
    const std::uint32_t kill_after = 50 + 70 * static_cast<std::uint32_t>(round);
    while (acknowledged < kill_after && ::read(acks[0], &n, sizeof n) == sizeof n)
      acknowledged = n;
    ::kill(child, SIGKILL);
    while (::read(acks[0], &n, sizeof n) == sizeof n)
      acknowledged = n; // acks sent before the kill landed
    ::close(acks[0]);
    int status = 0;
    ::waitpid(child, &status, 0);
    ASSERT_TRUE(WIFSIGNALED(status));

    auto store = cf::file_event_store::open(f.path()).value();
    const auto contents = store.read().value();
    ASSERT_GE(contents.lines.size(), acknowledged);
    for (std::uint32_t i = 0; i < contents.lines.size(); ++i)
      ASSERT_EQ(contents.lines[i], std::string(200, 'x') + std::to_string(i + 1)) << "line " << i + 1;
  }
}
