// case_book::batch: several writes journaled as one unit.
#include "casebook_state.hpp"

#include <mutex>

namespace caseflow {

result<case_book::batch> case_book::begin_batch() {
  auto lock = begin_write();
  if (!lock) return failure{lock.error()};
  std::unique_lock guard(*mutex_);
  if (!s_->broken.empty()) return fail(errc::io_error, s_->broken);
  if (s_->in_batch) return fail(errc::invalid_state, "a batch is open already");
  s_->in_batch = true;
  return batch(*this, std::move(*lock));
}

case_book::batch::batch(batch &&other) noexcept : book_(std::exchange(other.book_, nullptr)), lock_(std::move(other.lock_)) {}

status<> case_book::batch::commit() {
  if (!book_) return fail(errc::invalid_state, "the batch was committed already");
  case_book &book = *std::exchange(book_, nullptr);
  std::unique_lock guard(*book.mutex_);
  book.s_->in_batch = false;
  if (!book.s_->broken.empty()) {
    book.s_->pending.clear();
    return fail(errc::io_error, book.s_->broken);
  }
  auto w = book.s_->write_unit();
  if (!w) book.s_->broken = fmt::format("{} (the batch was not written; replay the journal to continue)", w.error().message);
  return w;
}

case_book::batch::~batch() {
  if (!book_) return;
  std::unique_lock guard(*book_->mutex_);
  book_->s_->in_batch = false;
  if (!book_->s_->pending.empty())
    book_->s_->broken = "a batch was given up after changes took effect (replay the journal to continue)";
  book_->s_->pending.clear();
}

} // namespace caseflow
