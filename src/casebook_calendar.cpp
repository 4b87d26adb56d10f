// case_book::recompute: moving a book onto a new calendar.
#include "casebook_state.hpp"

#include <mutex>

namespace caseflow {

work_calendar case_book::calendar() const {
  std::shared_lock lock(*mutex_);
  return calendar_;
}

result<std::vector<due_change>> case_book::recompute_preview(const work_calendar &next) const {
  std::shared_lock lock(*mutex_);
  return s_->clocks.recompute_preview(next);
}

result<std::vector<due_change>> case_book::recompute(work_calendar next) {
  auto scope = begin_write();
  if (!scope) return failure{scope.error()};
  std::unique_lock lock(*mutex_);
  s_->recent.clear();
  if (!s_->broken.empty()) return fail(errc::io_error, s_->broken);
  // Worked out before the journal line is written, so that a calendar the clocks cannot move onto is
  // refused with nothing changed; the index then repeats the same computation.
  auto changes = s_->clocks.recompute_preview(next);
  if (!changes) return failure{changes.error()};
  if (next == calendar_) return changes; // nothing to keep: the journal stays as it is
  s_->write("calendar", {{"calendar", next.to_text()}, {"changes", changes->size()}});
  if (auto w = s_->write_unit(); !w) return failure{w.error()};

  // Committed: the preview showed that every clock moves.
  (void)s_->clocks.recompute(next);
  for (const auto &c : *changes) {
    s_->by_due.erase({c.old_due, c.key});
    s_->by_due.insert({c.new_due, c.key});
    // A child item keeps its clock's due date for roll-ups.
    if (const auto child = s_->children.find(c.key.case_id); child != s_->children.end()) child->second.due = c.new_due;
  }
  // A level's window is a clock: the track's record of it follows, or the climb would keep the old day.
  for (auto &[_, track] : s_->tracks) {
    const auto key = track.window_key();
    if (!key || track.episodes.empty() || track.episodes.back().stages.empty()) continue;
    const auto moved = std::find_if(changes->begin(), changes->end(), [&](const due_change &c) { return c.key == *key; });
    if (moved != changes->end()) track.episodes.back().stages.back().window_due = moved->new_due;
  }
  calendar_ = std::move(next);
  return changes;
}

} // namespace caseflow
