// caseflow errors: one error type with a code and a message that names the offending thing,
// and a small result type for calls that can fail on user input.
//
// Library calls that can fail because of what a user gave them (a date outside the calendar, a bad
// file, a rejected event) return `result<T>`: the value, or an `error` the caller must look at.
// Exceptions are kept for programming errors and for constructors handed corrupt definitions; those
// throw `caseflow::exception`, which carries the same `error`.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>

namespace caseflow {

/// What kind of thing went wrong. Stable: hosts may switch on it.
enum class errc {
  parse_error,      ///< text that is not what its format says (a data file line, an argument)
  out_of_range,     ///< a date or value outside what the loaded data covers
  invalid_argument, ///< a well-formed value the operation cannot take
  io_error,         ///< a file that cannot be opened, read or written
  not_permitted,    ///< the actor may not send this event
  invalid_state,    ///< the event is not allowed in the case's current state
  guard_failed,     ///< a named rule refused the event
  malformed_event,  ///< the event lacks something it needs, or names unknown things
  not_found,        ///< an id that names nothing known
  conflict,         ///< the input contradicts itself or what is already held
};

/// Short lower-case name of an error code, as used in messages and JSON.
constexpr std::string_view to_string(errc code) noexcept {
  switch (code) {
  case errc::parse_error: return "parse_error";
  case errc::out_of_range: return "out_of_range";
  case errc::invalid_argument: return "invalid_argument";
  case errc::io_error: return "io_error";
  case errc::not_permitted: return "not_permitted";
  case errc::invalid_state: return "invalid_state";
  case errc::guard_failed: return "guard_failed";
  case errc::malformed_event: return "malformed_event";
  case errc::not_found: return "not_found";
  case errc::conflict: return "conflict";
  }
  return "unknown";
}

/// An error: a code to switch on and a one-line message that names what was wrong.
struct error {
  errc code;
  std::string message;

  friend bool operator==(const error &, const error &) = default;
};

/// The single exception type of the library: thrown only for programming errors and for
/// constructors given corrupt definitions (documented on each such constructor).
class exception : public std::runtime_error {
public:
  explicit exception(caseflow::error e) : std::runtime_error(e.message), error_(std::move(e)) {}
  const caseflow::error &error() const noexcept { return error_; }
  errc code() const noexcept { return error_.code; }

private:
  caseflow::error error_;
};

/// Tag to build a failed result: `return fail(errc::parse_error, "...")`.
struct failure {
  error err;
};
inline failure fail(errc code, std::string message) { return failure{error{code, std::move(message)}}; }

/// A value of type T, or an error E. Must be inspected: `[[nodiscard]]`.
/// `value()` on an error throws `caseflow::exception` (a programming error: the caller did not check).
template <class T, class E = error> class [[nodiscard]] result {
public:
  using value_type = T;
  using error_type = E;

  result(const T &v) : data_(std::in_place_index<0>, v) {}       // NOLINT: implicit by design
  result(T &&v) : data_(std::in_place_index<0>, std::move(v)) {} // NOLINT
  result(failure f) requires std::is_same_v<E, error> : data_(std::in_place_index<1>, std::move(f.err)) {} // NOLINT
  static result from_error(E e) { return result(std::in_place_index<1>, std::move(e)); }

  bool has_value() const noexcept { return data_.index() == 0; }
  explicit operator bool() const noexcept { return has_value(); }

  T &value() & {
    check();
    return *std::get_if<0>(&data_);
  }
  const T &value() const & {
    check();
    return *std::get_if<0>(&data_);
  }
  T &&value() && {
    check();
    return std::move(*std::get_if<0>(&data_));
  }
  T value_or(T fallback) const & { return has_value() ? *std::get_if<0>(&data_) : std::move(fallback); }

  T &operator*() & { return value(); }
  const T &operator*() const & { return value(); }
  T *operator->() { return &value(); }
  const T *operator->() const { return &value(); }

  /// The error; calling it on a value is a programming error.
  const E &error() const & {
    if (has_value()) throw exception(caseflow::error{errc::invalid_argument, "result holds a value, not an error"});
    return *std::get_if<1>(&data_);
  }
  E &&error() && {
    if (has_value()) throw exception(caseflow::error{errc::invalid_argument, "result holds a value, not an error"});
    return std::move(*std::get_if<1>(&data_));
  }

private:
  template <std::size_t I, class... A> explicit result(std::in_place_index_t<I> i, A &&...a) : data_(i, std::forward<A>(a)...) {}
  void check() const {
    if (has_value()) return;
    if constexpr (std::is_same_v<E, caseflow::error>)
      throw exception(*std::get_if<1>(&data_));
    else
      throw exception(caseflow::error{errc::invalid_argument, "value() called on a failed result"});
  }
  std::variant<T, E> data_;
};

/// A result with no value: success, or an error.
struct ok_t {
  friend bool operator==(ok_t, ok_t) = default;
};
inline constexpr ok_t ok{};
template <class E = error> using status = result<ok_t, E>;

} // namespace caseflow
