// Several nodes on one shared store: processes (forked), each its own case book, writing to items of
// their own and to one item they share, and ticking the same days. Used for every store that several
// processes can share (SQLite, PostgreSQL).
#pragma once

#include <caseflow/casebook.hpp>
#include <caseflow/journal.hpp>

#include "support/book_driver.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <functional>
#include <memory>
#include <string>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

namespace caseflow::testing {

using store_opener = std::function<std::unique_ptr<event_store>()>;

/// Opens three items, then runs `nodes` processes (each opening the store itself, after the fork) that
/// each record `per_node` consultations on an item of its own and on item 0003 which they share, and
/// tick every tenth step. A write refused for any reason but "the day was ticked already by another
/// node" fails the node. At the end, the journal's chain holds and a replay counts every consultation
/// once: none lost, none doubled.
inline void run_several_nodes(const store_opener &open, int nodes = 2, int per_node = 60) {
  {
    auto store = open();
    case_book book(shanghai_policy(), national_calendar());
    book.attach_journal(*store);
    for (int n = 0; n <= nodes; ++n) {
      auto info = sample_info(fmt::format("{:04}", n + 1));
      const auto id = info.id;
      must(book.open(std::move(info)));
      must(book.apply(id, events::register_case(office(), at(2024, 3, 1))));
      must(book.apply(id, events::assign(office(), at(2024, 3, 4), {{"minhang", assignment_role::lead}})));
    }
  }
  const std::string shared = fmt::format("{:04}", nodes + 1);
  const auto node = [&](int n) {
    auto store = open();
    case_book book(shanghai_policy(), national_calendar());
    book.attach_journal(*store);
    int refused = 0;
    const auto check = [&](const auto &r) {
      if (r) return;
      std::fprintf(stderr, "node %d: %s\n", n, r.error().message.c_str());
      ++refused;
    };
    const std::string own = fmt::format("{:04}", n + 1);
    for (int i = 0; i < per_node; ++i) {
      const auto by = n % 2 == 0 ? office() : unit("minhang");
      check(book.apply(case_id{"16-2", own}, events::record_consultation(by, at(2024, 3, 5), false)));
      check(book.apply(case_id{"16-2", shared}, events::record_consultation(by, at(2024, 3, 5), false)));
      // Every node ticks the same days; one behind finds the day ticked and is refused only for that.
      if (i % 10 == 0) {
        auto t = book.tick(day(2024, 3, 5) + boost::gregorian::days(i / 10));
        if (!t && t.error().message.find("is before the last tick") == std::string::npos) check(t);
      }
    }
    std::fflush(stderr);
    ::_exit(refused == 0 ? 0 : 1);
  };
  std::vector<pid_t> pids;
  for (int n = 0; n < nodes; ++n) {
    const pid_t pid = ::fork();
    if (pid == 0) node(n);
    pids.push_back(pid);
  }
  for (int n = 0; n < nodes; ++n) {
    int status = 0;
    ::waitpid(pids[static_cast<std::size_t>(n)], &status, 0);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "node " << n << " had a write refused (see its stderr)";
  }

  auto store = open();
  const auto verdict = verify_journal(*store);
  ASSERT_TRUE(verdict) << verdict.error().message;
  auto book = case_book::replay(*store, shanghai_policy(), national_calendar());
  ASSERT_TRUE(book) << book.error().message;
  const auto consultations = [&](const std::string &item) { return book->find(case_id{"16-2", item})->consultations; };
  for (int n = 0; n < nodes; ++n)
    EXPECT_EQ(consultations(fmt::format("{:04}", n + 1)), per_node) << "node " << n << "'s own item";
  EXPECT_EQ(consultations(shared), nodes * per_node) << "the shared item";
  // A book that followed along (catching up) ends where the replay does.
  case_book follower(shanghai_policy(), national_calendar());
  auto again = open();
  follower.attach_journal(*again, 1);
  ASSERT_TRUE(follower.catch_up());
  EXPECT_EQ(follower.snapshot(), book->snapshot());
}

} // namespace caseflow::testing
