// Loading a registry of proposers and liaison offices: JSON in, sorted indexes out, or one error naming
// the file and the JSON path.
#include <caseflow/registry.hpp>

#include <caseflow/limits.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>

namespace caseflow {

namespace detail {
struct registry_data {
  std::string name;
  std::string source;
  std::vector<proposer_entry> proposers;
  std::vector<liaison_entry> liaisons;
  std::map<std::string, std::size_t, std::less<>> proposer_by_id;
  std::multimap<std::string, std::size_t, std::less<>> proposer_by_name;
  std::map<std::string, std::size_t, std::less<>> liaison_by_id;
};
} // namespace detail

namespace {

using json = nlohmann::json;

// clang-format off
constexpr std::pair<std::string_view, proposer_kind> kind_names[] = {
    {"deputy", proposer_kind::deputy}, {"member", proposer_kind::member}, {"group", proposer_kind::group}};
constexpr std::string_view top_keys[] = {"format", "name", "liaisons", "proposers"};
constexpr std::string_view liaison_keys[] = {"id", "name", "serves"};
constexpr std::string_view proposer_keys[] = {"id", "name", "kind", "liaisons"};
// clang-format on

constexpr std::size_t max_id_length = 64;

// Ids are ascii slugs, as on the organisation chart: they are written into senders ("proposer_side:d-0001").
bool is_id(std::string_view s) {
  return !s.empty() && s.size() <= max_id_length && std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
  });
}

template <std::size_t N> bool known(const std::string_view (&keys)[N], std::string_view key) {
  return std::find(std::begin(keys), std::end(keys), key) != std::end(keys);
}

class registry_reader {
public:
  explicit registry_reader(std::string_view source) : source_(source) {}

  failure bad(errc code, std::string_view path, std::string_view what) const {
    return fail(code, fmt::format("{}: {}: {}", source_, path, what));
  }

  template <std::size_t N> status<> only_keys(const json &j, const std::string_view (&keys)[N], const std::string &path) const {
    if (!j.is_object()) return bad(errc::parse_error, path, "expected a JSON object");
    for (const auto &item : j.items())
      if (!known(keys, item.key())) return bad(errc::parse_error, fmt::format("{}.{}", path, item.key()), "unknown key");
    return ok;
  }

  result<std::string> text(const json &j, std::string_view key, const std::string &path, bool id) const {
    const std::string at = fmt::format("{}.{}", path, key);
    const auto it = j.find(key);
    if (it == j.end()) return bad(errc::parse_error, path, fmt::format("missing key '{}'", key));
    if (!it->is_string()) return bad(errc::parse_error, at, "expected a string");
    const auto &s = it->get_ref<const std::string &>();
    if (auto problem = text_problem(s, id ? text_kind::id : text_kind::name)) return bad(errc::parse_error, at, *problem);
    if (s.empty()) return bad(errc::parse_error, at, "must not be empty");
    if (id && !is_id(s))
      return bad(errc::parse_error, at,
                 fmt::format("'{}' is not an id (ascii letters, digits, '-', '_', '.'; at most {})", s, max_id_length));
    return s;
  }

  result<proposer_kind> kind(const json &v, const std::string &at) const {
    if (v.is_string())
      for (const auto &[word, k] : kind_names)
        if (word == v.get_ref<const std::string &>()) return k;
    return bad(errc::parse_error, at, "expected \"deputy\", \"member\" or \"group\"");
  }

  result<std::shared_ptr<detail::registry_data>> run(std::string_view text) {
    if (auto problem = json_shape_problem(text, text.size()))
      return fail(errc::parse_error, fmt::format("{}: the registry {}", source_, *problem));
    json root;
    try {
      root = json::parse(text);
    } catch (const json::exception &e) { // parse_error, and out_of_range for a number too large for a double
      std::string what = e.what();
      if (const auto at = what.find("] "); at != std::string::npos) what.erase(0, at + 2);
      return fail(errc::parse_error, fmt::format("{}: not valid JSON: {}", source_, what));
    }
    if (auto s = only_keys(root, top_keys, "$"); !s) return failure{s.error()};
    const auto format = root.find("format");
    if (format == root.end() || !format->is_number_integer() || format->get<long long>() != 1)
      return bad(errc::parse_error, "$.format", "expected \"format\": 1");
    auto d = std::make_shared<detail::registry_data>();
    d->source = std::string(source_);
    if (root.contains("name")) {
      auto name = this->text(root, "name", "$", false);
      if (!name) return failure{name.error()};
      d->name = std::move(*name);
    }
    if (auto s = read_liaisons(root, *d); !s) return failure{s.error()};
    if (auto s = read_proposers(root, *d); !s) return failure{s.error()};
    return d;
  }

private:
  status<> read_liaisons(const json &root, detail::registry_data &d) const {
    const auto list = root.find("liaisons");
    if (list == root.end()) return ok;
    if (!list->is_array()) return bad(errc::parse_error, "$.liaisons", "expected an array");
    for (std::size_t i = 0; i < list->size(); ++i) {
      const std::string path = fmt::format("$.liaisons[{}]", i);
      const json &j = (*list)[i];
      if (auto s = only_keys(j, liaison_keys, path); !s) return s;
      liaison_entry l;
      auto id = text(j, "id", path, true);
      if (!id) return failure{id.error()};
      auto name = text(j, "name", path, false);
      if (!name) return failure{name.error()};
      l.id = std::move(*id);
      l.name = std::move(*name);
      if (const auto serves = j.find("serves"); serves != j.end()) {
        if (!serves->is_array()) return bad(errc::parse_error, path + ".serves", "expected an array");
        for (std::size_t k = 0; k < serves->size(); ++k) {
          auto kind = this->kind((*serves)[k], fmt::format("{}.serves[{}]", path, k));
          if (!kind) return failure{kind.error()};
          l.serves.push_back(*kind);
        }
      }
      if (!d.liaison_by_id.emplace(l.id, d.liaisons.size()).second)
        return bad(errc::conflict, path + ".id", fmt::format("liaison '{}' is listed twice", l.id));
      d.liaisons.push_back(std::move(l));
    }
    return ok;
  }

  status<> read_proposers(const json &root, detail::registry_data &d) const {
    const auto list = root.find("proposers");
    if (list == root.end()) return bad(errc::parse_error, "$", "missing key 'proposers'");
    if (!list->is_array()) return bad(errc::parse_error, "$.proposers", "expected an array");
    for (std::size_t i = 0; i < list->size(); ++i) {
      const std::string path = fmt::format("$.proposers[{}]", i);
      const json &j = (*list)[i];
      if (auto s = only_keys(j, proposer_keys, path); !s) return s;
      proposer_entry p;
      auto id = text(j, "id", path, true);
      if (!id) return failure{id.error()};
      auto name = text(j, "name", path, false);
      if (!name) return failure{name.error()};
      const auto kind_field = j.find("kind");
      if (kind_field == j.end()) return bad(errc::parse_error, path, "missing key 'kind'");
      auto kind = this->kind(*kind_field, path + ".kind");
      if (!kind) return failure{kind.error()};
      p.id = std::move(*id);
      p.name = std::move(*name);
      p.kind = *kind;
      if (const auto named = j.find("liaisons"); named != j.end()) {
        if (!named->is_array()) return bad(errc::parse_error, path + ".liaisons", "expected an array");
        for (std::size_t k = 0; k < named->size(); ++k) {
          const std::string at = fmt::format("{}.liaisons[{}]", path, k);
          const json &l = (*named)[k];
          if (!l.is_string()) return bad(errc::parse_error, at, "expected a string");
          if (!d.liaison_by_id.count(l.get_ref<const std::string &>()))
            return bad(errc::not_found, at,
                       fmt::format("unknown liaison '{}'", is_id(l.get<std::string>()) ? l.get<std::string>() : "?"));
          p.liaisons.push_back(l.get<std::string>());
        }
      } else {
        // Who records for a proposer that names nobody: every liaison serving its kind.
        for (const auto &l : d.liaisons)
          if (std::find(l.serves.begin(), l.serves.end(), p.kind) != l.serves.end()) p.liaisons.push_back(l.id);
      }
      std::sort(p.liaisons.begin(), p.liaisons.end());
      p.liaisons.erase(std::unique(p.liaisons.begin(), p.liaisons.end()), p.liaisons.end());
      if (d.liaison_by_id.count(p.id))
        return bad(errc::conflict, path + ".id", fmt::format("'{}' is a liaison's id already", p.id));
      if (!d.proposer_by_id.emplace(p.id, d.proposers.size()).second)
        return bad(errc::conflict, path + ".id", fmt::format("proposer '{}' is listed twice", p.id));
      d.proposer_by_name.emplace(p.name, d.proposers.size());
      d.proposers.push_back(std::move(p));
    }
    return ok;
  }

  std::string_view source_;
};

} // namespace

std::string_view to_string(proposer_kind k) noexcept {
  for (const auto &[word, kind] : kind_names)
    if (kind == k) return word;
  return "unknown";
}

bool makes(proposer_kind k, case_kind item) noexcept {
  return item == case_kind::deputy_suggestion ? k == proposer_kind::deputy : k != proposer_kind::deputy;
}

result<registry> parse_registry(std::string_view text, std::string_view source_name) {
  auto d = registry_reader(source_name).run(text);
  if (!d) return failure{d.error()};
  return registry(std::move(*d));
}

result<registry> load_registry(const std::filesystem::path &file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return fail(errc::io_error, fmt::format("{}: cannot open registry file", file.string()));
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) return fail(errc::io_error, fmt::format("{}: cannot read registry file", file.string()));
  return parse_registry(text.str(), file.filename().string());
}

const std::string &registry::name() const noexcept { return data_->name; }
const std::string &registry::source_name() const noexcept { return data_->source; }
std::span<const proposer_entry> registry::proposers() const noexcept { return data_->proposers; }
std::span<const liaison_entry> registry::liaisons() const noexcept { return data_->liaisons; }

const proposer_entry *registry::find_proposer(std::string_view id_or_name) const noexcept {
  if (const auto it = data_->proposer_by_id.find(id_or_name); it != data_->proposer_by_id.end())
    return &data_->proposers[it->second];
  const auto [first, last] = data_->proposer_by_name.equal_range(id_or_name);
  if (first == last || std::next(first) != last) return nullptr; // unknown, or a name two proposers share
  return &data_->proposers[first->second];
}

const liaison_entry *registry::find_liaison(std::string_view id) const noexcept {
  const auto it = data_->liaison_by_id.find(id);
  return it == data_->liaison_by_id.end() ? nullptr : &data_->liaisons[it->second];
}

bool registry::may_record_for(const proposer_entry &p, std::string_view sender_id) const noexcept {
  if (find_proposer(sender_id) == &p) return true;
  return std::binary_search(p.liaisons.begin(), p.liaisons.end(), sender_id);
}

} // namespace caseflow
