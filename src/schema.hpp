// The results of the erlangc commands, described once. Every output key is an output_key
// in schema.cpp (its csv header and json key, text unit, how text shows it and what it
// means); each command's result is a record_schema (one object) or a table_schema (rows)
// over its own result type, and the same schema writes the text, csv and json output and
// the key list of the command's --help.
#ifndef ERLANGC_SCHEMA_HPP
#define ERLANGC_SCHEMA_HPP

#include "output.hpp"

#include <algorithm>
#include <functional>
#include <initializer_list>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace erlangc {

/// An output key: the same in csv and json, documented in --help and the README.
struct output_key {
  std::string_view name;
  std::string_view unit;  ///< text unit
  value_kind kind;
  std::string_view description;
};

/// Every key the tool writes.
namespace key {
extern const output_key start, calls, calls_per_hour, interval, aht, traffic, servers, blocking,
    blocking_target, blocking_measure, carried, sources, idle_source_traffic, time_congestion,
    call_congestion, traffic_congestion, retry, total_traffic, lost, queue_capacity, model, agents,
    scheduled, shrinkage, patience, answer_time, wait_probability, service_level, asa,
    mean_queue_length, occupancy, abandon_probability, meets_target, agent_hours, scheduled_hours,
    // simulate
    aht_distribution, aht_cv, patience_distribution, patience_cv, seed, replications,
    calls_per_replication, warmup_calls, batches, simulated_calls;

/// The key of a measure's half width, generated from the measure's key: "<name>_half_width",
/// its unit and kind, "half width of the 95 % confidence interval of <name>".
const output_key& half_width(const output_key& measure);
}  // namespace key

/// The --help footer: the output formats, the json shape and what each key means.
std::string keys_help(std::string_view shape, const std::vector<const output_key*>& keys);

/// The keys of schema items (fields or columns), in order.
template <class Items>
std::vector<const output_key*> keys_of(const Items& items) {
  std::vector<const output_key*> k;
  k.reserve(items.size());
  for (const auto& item : items) {
    k.push_back(item.key);
  }
  return k;
}

/// A text note after a field's unit: fixed, or made from the result.
template <class R>
class note_spec {
 public:
  note_spec() = default;
  note_spec(const char* text) : fixed_(text) {}  // NOLINT(google-explicit-constructor)
  template <class F>
  note_spec(F f) : made_(std::move(f)) {}  // NOLINT(google-explicit-constructor)
  [[nodiscard]] std::string operator()(const R& r) const {
    return made_ ? made_(r) : std::string(fixed_);
  }

 private:
  std::string_view fixed_;
  std::function<std::string(const R&)> made_;
};

/// record_field::in_text for a field in csv and json only (the text heading says it).
inline constexpr bool data_only = false;

/// A field of a one-object result R: its key, text label, value (empty: not in this
/// result), note and whether the text form shows it.
template <class R>
struct record_field {
  using getter = std::function<std::optional<cell>(const R&)>;
  record_field(const output_key* k, std::string_view l, getter v, note_spec<R> n = note_spec<R>(),
               bool text = true)
      : key(k), label(l), value(std::move(v)), note(std::move(n)), in_text(text) {}

  const output_key* key;
  std::string_view label;
  getter value;
  note_spec<R> note;
  bool in_text;
};

template <class R>
class record_schema {
 public:
  record_schema(std::string_view shape, std::vector<record_field<R>> fields)
      : shape_(shape), fields_(std::move(fields)) {}

  [[nodiscard]] std::vector<const output_key*> keys() const { return keys_of(fields_); }
  /// The --help footer; `omitted`: keys this command never writes (a schema shared).
  [[nodiscard]] std::string help(const std::vector<const output_key*>& omitted = {}) const {
    std::vector<const output_key*> k = keys();
    std::erase_if(k, [&](const output_key* x) {
      return std::find(omitted.begin(), omitted.end(), x) != omitted.end();
    });
    return keys_help(shape_, k);
  }

  /// Writes the result: lines of label, value and unit in text, one csv row, a json object.
  void write(std::string& out, output_format format, std::string_view title, const R& r) const {
    std::vector<field> shown;
    for (const auto& f : fields_) {
      if (auto v = f.value(r)) {
        shown.push_back({std::string(f.key->name), std::string(f.label), std::move(*v), f.key->kind,
                         std::string(f.key->unit), f.note(r), f.in_text});
      }
    }
    write_record(out, format, title, shown);
  }

  /// As write(), then writes the whole text to `out`.
  void print(std::ostream& out, output_format format, std::string_view title, const R& r) const {
    std::string text;
    write(text, format, title, r);
    write_all(out, text);
  }

 private:
  std::string_view shape_;
  std::vector<record_field<R>> fields_;
};

/// Which columns a table shows.
struct table_context {
  bool text = false;      ///< the text form
  bool blocks = false;    ///< a finite queue
  bool abandons = false;  ///< callers hang up
  bool targets = false;   ///< targets were given
};

/// A column of a table of rows of type Row.
template <class Row>
struct table_column {
  const output_key* key;
  std::string_view header;
  cell (*value)(const Row&);
  bool (*shown)(const table_context&) = nullptr;  ///< null: always
  std::string_view unit_override = {};
};

template <class Row>
class table_schema {
 public:
  table_schema(std::string_view shape, std::initializer_list<table_column<Row>> columns)
      : shape_(shape), columns_(columns) {}

  [[nodiscard]] std::vector<const output_key*> keys() const { return keys_of(columns_); }
  [[nodiscard]] std::string help() const { return keys_help(shape_, keys()); }

  /// The columns shown in `context`, in order.
  class selection {
   public:
    selection(const table_schema& schema, const table_context& context) {
      for (const auto& c : schema.columns_) {
        if (c.shown == nullptr || c.shown(context)) {
          chosen_.push_back(&c);
        }
      }
    }
    [[nodiscard]] std::vector<column> columns() const {
      std::vector<column> out;
      for (const auto* c : chosen_) {
        out.push_back({std::string(c->key->name), std::string(c->header),
                       std::string(c->unit_override.empty() ? c->key->unit : c->unit_override),
                       c->key->kind});
      }
      return out;
    }
    [[nodiscard]] std::vector<cell> cells(const Row& row) const {
      std::vector<cell> out;
      out.reserve(chosen_.size());
      for (const auto* c : chosen_) {
        out.push_back(c->value(row));
      }
      return out;
    }

   private:
    std::vector<const table_column<Row>*> chosen_;
  };

 private:
  std::string_view shape_;
  std::vector<table_column<Row>> columns_;
};

/// The predicates of table_column::shown.
inline bool if_blocks(const table_context& c) { return c.blocks; }
inline bool if_abandons(const table_context& c) { return c.abandons; }
inline bool if_targets(const table_context& c) { return c.targets; }
inline bool if_not_text(const table_context& c) { return !c.text; }

/// The keys of several schemas, each once, in order of first appearance.
std::vector<const output_key*> merge_keys(
    std::initializer_list<std::vector<const output_key*>> lists);

}  // namespace erlangc

#endif  // ERLANGC_SCHEMA_HPP
