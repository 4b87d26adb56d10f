// The case model: plain value types for the items offices handle, the units that handle them and the
// people who act on them.
//
// An item (a deputy's suggestion or a CPPCC proposal) is registered under a case id made of the session
// and an item number ("16-2/0581"), belongs to one category, has a lead proposer and co-signers, and is
// assigned to undertaking units in a role: one lead with co-handlers, or several units handling
// separately. Replies carry a result class, proposers rate them, and each reply gets a disclosure
// decision. Every event is sent by an actor: the assigning office, a unit (named by its id), a leader,
// or the proposer's side as recorded by the office. These types hold no rules; the workflow does.
// All text is UTF-8 in std::string. Every enum has a stable snake_case name (to_string / parse_*) so
// that journals and snapshots can store it.
#pragma once

#include <caseflow/error.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace caseflow {

/// A case id: the session ("16-2", the second plenary of the 16th congress) and the item number
/// ("0581"). Shown as "16-2/0581".
struct case_id {
  std::string session;
  std::string item;

  /// Parses "SESSION/ITEM"; both parts non-empty, no blanks, no second '/' (errc::parse_error naming the text).
  static result<case_id> parse(std::string_view text);
  /// "16-2/0581".
  std::string to_string() const;

  friend auto operator<=>(const case_id &, const case_id &) = default;
};

/// What kind of item it is.
enum class case_kind : std::uint8_t { deputy_suggestion, cppcc_proposal };

/// How a unit takes part in handling. Lead handling: one lead unit replies, co-handlers send written
/// opinions to it. Separate handling: each unit replies for its own part.
enum class assignment_role : std::uint8_t { lead, co_handler, separate };

/// The result class of a reply. A solved or adopted; B being solved or planned; C kept for reference
/// (three-class scheme) or must wait (four-class scheme); D kept for reference (four-class scheme only).
enum class reply_class : std::uint8_t { a, b, c, d };

/// The proposer's rating of a reply; no_feedback when the window passed without an answer.
enum class satisfaction : std::uint8_t { satisfied, basically_satisfied, dissatisfied, no_feedback };

/// How a reply is published. not_public needs a reason.
enum class disclosure : std::uint8_t { public_full_text, public_summary, on_request, not_public };

/// Who sends an event.
enum class actor_role : std::uint8_t {
  assigning_office,   ///< the office that assigns items and decides returns and extensions
  unit,               ///< an undertaking unit, named by its id
  supervising_leader, ///< the leader supervising the unit(s)
  principal_leader,   ///< the principal leader
  proposer_side,      ///< the proposer, as recorded by the office
};

/// The sender of an event: a role and, for units, the unit's id (for others an optional name).
struct actor {
  actor_role role{actor_role::assigning_office};
  std::string id;

  static actor office(std::string id = {}) { return {actor_role::assigning_office, std::move(id)}; }
  static actor unit(std::string id) { return {actor_role::unit, std::move(id)}; }
  static actor supervising_leader(std::string id = {}) { return {actor_role::supervising_leader, std::move(id)}; }
  static actor principal_leader(std::string id = {}) { return {actor_role::principal_leader, std::move(id)}; }
  static actor proposer_side(std::string id = {}) { return {actor_role::proposer_side, std::move(id)}; }

  /// "unit 'minhang'", "assigning office", "supervising leader 'wang'": how messages name the actor.
  std::string describe() const;

  friend bool operator==(const actor &, const actor &) = default;
};

/// The lead proposer and the co-signers, in signing order.
struct proposers {
  std::string lead;
  std::vector<std::string> co_signers;
  friend bool operator==(const proposers &, const proposers &) = default;
};

/// The categories an office files items under. Configurable; defaults() is the usual list.
class category_list {
public:
  /// 城建交通, 经济财农, 教科文卫体, 政治法律, 社会事务, 城市管理, 生态环境, 综合.
  static category_list defaults();
  /// A custom list; names must be non-empty and distinct (errc::invalid_argument naming the name).
  static result<category_list> make(std::vector<std::string> names);

  bool contains(std::string_view name) const noexcept;
  /// `name` if it is on the list, else errc::invalid_argument: "unknown category 'x' (known: ...)".
  result<std::string> validate(std::string_view name) const;
  const std::vector<std::string> &names() const noexcept { return names_; }

  friend bool operator==(const category_list &, const category_list &) = default;

private:
  std::vector<std::string> names_;
};

/// What is known about an item when it is registered.
struct case_info {
  case_id id;
  case_kind kind{case_kind::deputy_suggestion};
  std::string category; ///< one of a category_list
  caseflow::proposers proposers;
  std::string title;
  bool key_item{};          ///< 重点办理
  bool leader_supervised{}; ///< 领导督办
  /// Who registers the item: the registering office. The default (an office without an id) is the trusting
  /// default of registrations written before they named their sender; with an organisation chart, a
  /// sender that is named must be an office of the chart (identity.hpp).
  actor registered_by{};

  /// Checks the id, a non-empty title and lead proposer and the category against `categories`, and every
  /// text against limits.hpp: UTF-8, its length, no control characters, at most limits::proposers_per_item
  /// proposers (errc::invalid_argument naming the case and the field).
  status<> validate(const category_list &categories) const;

  friend bool operator==(const case_info &, const case_info &) = default;
};

// Stable names. parse_* give errc::parse_error naming the text and the accepted names.
std::string_view to_string(case_kind v) noexcept;
std::string_view to_string(assignment_role v) noexcept;
std::string_view to_string(reply_class v) noexcept;
std::string_view to_string(satisfaction v) noexcept;
std::string_view to_string(disclosure v) noexcept;
std::string_view to_string(actor_role v) noexcept;
result<case_kind> parse_case_kind(std::string_view text);
result<assignment_role> parse_assignment_role(std::string_view text);
/// "A".."D", or the same in lower case (the names are written upper case).
result<reply_class> parse_reply_class(std::string_view text);
result<satisfaction> parse_satisfaction(std::string_view text);
result<disclosure> parse_disclosure(std::string_view text);
result<actor_role> parse_actor_role(std::string_view text);

} // namespace caseflow
