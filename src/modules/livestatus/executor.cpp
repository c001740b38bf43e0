// Walks a table's rows through the query's filters and authorisation, then renders plain rows
// or Stats (grouped by the Columns, if any).
#include "executor.hpp"

#include <algorithm>
#include <charconv>
#include <unordered_map>

#include "aggregator.hpp"
#include "renderer.hpp"

namespace yagura::modules::livestatus {

namespace {

class Execution {
public:
    Execution(const Query& query, const Core& core, const ExecutionLimits& limits,
              std::string& body)
        : query_(query),
          core_(core),
          limits_(limits),
          body_(body),
          renderer_(make_renderer(query, body)) {
        if (query.auth_user) {
            const Contact* contact = core.find_contact(*query.auth_user);
            // An unknown user sees nothing restricted: it is a contact of nothing.
            user_ = contact != nullptr ? *contact : Contact{*query.auth_user};
        }
    }

    void run() {
        RowScope scope;
        scope.filters = &query_.filters;
        for (const auto& filter : query_.filters) {
            filter->narrow_time("time", scope.since, scope.until);
        }
        renderer_->begin_answer();
        if (show_headers()) {
            headers();
        }
        if (query_.stats.empty()) {
            rows(scope);
        } else {
            stats(scope);
        }
        renderer_->end_answer();
    }

private:
    bool accepts(Row row) const {
        for (const auto& filter : query_.filters) {
            if (!filter->accepts(row)) {
                return false;
            }
        }
        return !user_ || query_.table->visible(row, *user_, core_);
    }

    bool show_headers() const {
        if (query_.column_headers) {
            return *query_.column_headers;
        }
        return !query_.columns_given && query_.stats.empty();
    }

    void headers() {
        renderer_->begin_row();
        bool first = true;
        for (const Column* column : query_.columns) {
            separator(first);
            renderer_->string(column->name());
        }
        for (std::size_t i = 0; i < query_.stats.size(); ++i) {
            separator(first);
            renderer_->string("stats_" + std::to_string(i + 1));
        }
        renderer_->end_row();
    }

    void separator(bool& first) {
        if (!first) {
            renderer_->field_separator();
        }
        first = false;
    }

    void check_size() const {
        if (body_.size() > limits_.max_response_bytes) {
            throw QueryError{Status::payload_too_large,
                             "Maximum response size of " +
                                 std::to_string(limits_.max_response_bytes) + " bytes exceeded"};
        }
    }

    void rows(const RowScope& scope) {
        std::size_t written = 0;
        query_.table->for_each_row(core_, scope, [&](Row row) {
            if (query_.limit && written >= *query_.limit) {
                return false;
            }
            if (!accepts(row)) {
                return true;
            }
            renderer_->begin_row();
            bool first = true;
            for (const Column* column : query_.columns) {
                separator(first);
                render_cell(*renderer_, *column, row, query_.tz_offset);
            }
            renderer_->end_row();
            ++written;
            check_size();
            return true;
        });
    }

    struct Group {
        ValueList key;
        std::vector<Aggregator> aggregators;
    };

    std::vector<Aggregator> fresh_aggregators() const {
        std::vector<Aggregator> aggregators;
        aggregators.reserve(query_.stats.size());
        for (const auto& spec : query_.stats) {
            aggregators.emplace_back(spec);
        }
        return aggregators;
    }

    // A group's key as text: cheap to build per row (no allocation once the buffer has grown);
    // the group's values are only built when a new group appears.
    void append_key(std::string& key, const Column& column, Row row) const {
        switch (column.type()) {
            case ColumnType::string:
                key += column.string(row);
                break;
            case ColumnType::integer:
            case ColumnType::time: {
                char digits[24];
                auto end = std::to_chars(digits, digits + sizeof(digits), column.integer(row)).ptr;
                key.append(digits, end);
                break;
            }
            default: {  // floats, lists and dicts: rare as group keys
                Value value = cell_value(column, row, 0);
                if (const auto* items = std::get_if<ValueList>(&value.data)) {
                    for (const auto& item : *items) {
                        key += element_text(item);
                        key += '\x1e';
                    }
                } else {
                    key += element_text(value);
                }
                break;
            }
        }
        key += '\x1f';
    }

    void stats(const RowScope& scope) {
        std::unordered_map<std::string, Group> groups;
        Group single{{}, fresh_aggregators()};
        std::string key;
        query_.table->for_each_row(core_, scope, [&](Row row) {
            if (!accepts(row)) {
                return true;
            }
            Group* group = &single;
            if (!query_.columns.empty()) {
                key.clear();
                for (const Column* column : query_.columns) {
                    append_key(key, *column, row);
                }
                auto it = groups.find(key);
                if (it == groups.end()) {
                    ValueList values;
                    for (const Column* column : query_.columns) {
                        values.push_back(cell_value(*column, row, query_.tz_offset));
                    }
                    it = groups.emplace(key, Group{std::move(values), fresh_aggregators()}).first;
                }
                group = &it->second;
            }
            for (auto& aggregator : group->aggregators) {
                aggregator.consume(row);
            }
            return true;
        });
        // Groups are output in the order of their keys, so answers are stable.
        std::vector<const Group*> ordered;
        if (query_.columns.empty()) {
            ordered.push_back(&single);
        } else {
            std::vector<std::pair<const std::string*, const Group*>> entries;
            for (const auto& [text, group] : groups) {
                entries.emplace_back(&text, &group);
            }
            std::sort(entries.begin(), entries.end(),
                      [](const auto& a, const auto& b) { return *a.first < *b.first; });
            for (const auto& entry : entries) {
                ordered.push_back(entry.second);
            }
        }
        std::size_t written = 0;
        for (const Group* group : ordered) {
            if (query_.limit && written >= *query_.limit) {
                break;
            }
            renderer_->begin_row();
            bool first = true;
            for (const auto& value : group->key) {
                separator(first);
                renderer_->value(value);
            }
            for (const auto& aggregator : group->aggregators) {
                separator(first);
                aggregator.render(*renderer_);
            }
            renderer_->end_row();
            ++written;
            check_size();
        }
    }

    const Query& query_;
    const Core& core_;
    const ExecutionLimits& limits_;
    std::string& body_;
    std::unique_ptr<Renderer> renderer_;
    std::optional<Contact> user_;
};

}  // namespace

void execute_query(const Query& query, const Core& core, const ExecutionLimits& limits,
                   std::string& body) {
    Execution(query, core, limits, body).run();
}

bool wait_condition_holds(const Query& query, const Core& core) {
    auto holds = [&](Row row) {
        for (const auto& condition : query.wait_conditions) {
            if (!condition->accepts(row)) {
                return false;
            }
        }
        return true;
    };
    bool met = false;
    if (query.wait_object) {
        query.table->with_object(core, *query.wait_object, [&](Row row) {
            met = holds(row);
            return false;
        });
        return met;
    }
    query.table->for_each_row(core, {}, [&](Row row) {
        met = holds(row);
        return !met;
    });
    return met;
}

}  // namespace yagura::modules::livestatus
