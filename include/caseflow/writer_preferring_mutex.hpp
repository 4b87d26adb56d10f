// writer_preferring_mutex: a reader-writer lock under which a waiting writer goes before readers that
// arrive after it, so that a stream of queries cannot starve the writes (glibc's default rwlock, and so
// std::shared_mutex, lets new readers in while a writer waits). Meets the SharedMutex requirements for
// std::unique_lock and std::shared_lock. Not recursive: a thread holding it shared must not take it
// shared again while a writer may be waiting.
#pragma once

#include <pthread.h>

namespace caseflow {

class writer_preferring_mutex {
public:
  writer_preferring_mutex() noexcept {
    pthread_rwlockattr_t attr;
    pthread_rwlockattr_init(&attr);
    pthread_rwlockattr_setkind_np(&attr, PTHREAD_RWLOCK_PREFER_WRITER_NONRECURSIVE_NP);
    pthread_rwlock_init(&lock_, &attr);
    pthread_rwlockattr_destroy(&attr);
  }
  ~writer_preferring_mutex() { pthread_rwlock_destroy(&lock_); }
  writer_preferring_mutex(const writer_preferring_mutex &) = delete;
  writer_preferring_mutex &operator=(const writer_preferring_mutex &) = delete;

  void lock() noexcept { pthread_rwlock_wrlock(&lock_); }
  bool try_lock() noexcept { return pthread_rwlock_trywrlock(&lock_) == 0; }
  void unlock() noexcept { pthread_rwlock_unlock(&lock_); }
  void lock_shared() noexcept { pthread_rwlock_rdlock(&lock_); }
  bool try_lock_shared() noexcept { return pthread_rwlock_tryrdlock(&lock_) == 0; }
  void unlock_shared() noexcept { pthread_rwlock_unlock(&lock_); }

private:
  pthread_rwlock_t lock_;
};

} // namespace caseflow
