#include "parse_blocks.hpp"

#include <array>
#include <cctype>

#include <yagura/core/strings.hpp>

namespace yagura::config::detail {

using model::FieldDef;
using model::SetResult;
using model::SourceLocation;
using model::ValueKind;

class BlockParser::Builder {
public:
    virtual ~Builder() = default;
    virtual void begin(SourceLocation where) = 0;
    virtual void attribute(SourceLocation where, std::string_view key, std::string_view value) = 0;
    virtual void end() = 0;
};

namespace {

// `_disks` -> "DISKS", as custom variables are stored.
std::string custom_name(std::string_view key) {
    std::string out(key.substr(1));
    for (char& c : out) {
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
    return out;
}

// service_dependencies "h1,svc1,,svc2": an empty host means the service's own host, but
// lists drop empty names; the empty host is kept as kSameHost.
std::string mark_same_host(std::string_view value) {
    std::string out;
    std::size_t item = 0;
    std::size_t start = 0;
    while (start <= value.size()) {
        std::size_t comma = value.find(',', start);
        std::string_view piece = core::trim(
            value.substr(start, comma == std::string_view::npos ? comma : comma - start));
        if (item > 0) {
            out += ',';
        }
        out += piece.empty() && item % 2 == 0 ? kSameHost : piece;
        ++item;
        if (comma == std::string_view::npos) {
            break;
        }
        start = comma + 1;
    }
    return out;
}

// A list a `+value` can add to: names or option letters.
template <class T>
bool is_additive(const FieldDef<T>& f) {
    return (f.ops->kind == ValueKind::name_list && !f.has(model::kRepeatable)) ||
           f.ops->kind == ValueKind::letters;
}

template <class T>
class TypedBuilder final : public BlockParser::Builder {
public:
    TypedBuilder(model::Config& config, Stage<T>& stage, Report& report)
        : config_(config), stage_(stage), report_(report) {}

    void begin(SourceLocation where) override {
        obj_ = model::make<T>(config_.pool);
        obj_.imported_from = where;
        special_ = Special{};
        has_special_ = false;
    }

    void attribute(SourceLocation where, std::string_view key, std::string_view value) override {
        if constexpr (std::is_same_v<T, model::Service>) {
            if (key == "service_dependencies") {
                rewritten_ = mark_same_host(value);
                value = rewritten_;
            }
        }
        const auto& fields = model::type_info<T>().fields;
        const int index = model::field_index<T>(key);
        if (index < 0) {
            other_attribute(where, key, value);
            return;
        }
        const FieldDef<T>& f = fields[static_cast<std::size_t>(index)];
        const auto bit = static_cast<std::size_t>(index);
        if (obj_.explicitly_set.test(bit) && !f.has(model::kRepeatable)) {
            report_.warning_of_kind("attribute set twice in one definition", where, name(),
                                    in_quotes(key) +
                                        " is set twice in this definition; the last "
                                        "value is used");
        }
        if (value == "null") {
            model::reset_attribute(obj_, f.name, config_.pool);
            obj_.explicitly_set.set(bit);
            special_.null.set(bit);
            has_special_ = true;
            return;
        }
        // `+` adds to lists; on a single value it is part of the value (a pager number),
        // as in Shinken.
        const bool plus = !value.empty() && value.front() == '+' && is_additive(f);
        if (plus) {
            value.remove_prefix(1);
        }
        if (std::string error = f.ops->parse(obj_, value, config_.pool, f); !error.empty()) {
            report_.error(where, name(), error);
            return;
        }
        obj_.explicitly_set.set(bit);
        special_.plus.set(bit, plus);
        has_special_ = has_special_ || plus;
    }

    void end() override {
        model::Index index = stage_.objects.push_back(std::move(obj_));
        if (has_special_) {
            stage_.specials.emplace(index, std::move(special_));
        }
    }

private:
    std::string name() const { return describe(obj_, config_.pool); }

    // Custom variables, timeperiod rules, module parameters, ignored and unknown keys.
    void other_attribute(SourceLocation where, std::string_view key, std::string_view value) {
        if constexpr (std::is_base_of_v<model::ObjectHeader, T>) {
            if (key.size() > 1 && key.front() == '_' && !value.empty() && value.front() == '+') {
                model::set_custom_var(obj_, key, value.substr(1), config_.pool);
                special_.plus_customs.push_back(config_.pool.intern(custom_name(key)));
                has_special_ = true;
                return;
            }
        }
        SetResult r = model::set_attribute(obj_, key, value, config_.pool);
        switch (r.status) {
            case SetResult::Status::ok:
                if (!r.message.empty()) {
                    report_.warning(where, name(), r.message);
                }
                break;
            case SetResult::Status::ignored:
                report_.warning_of_kind(std::string(model::type_info<T>().name) +
                                            ": ignored attribute " + in_quotes(key),
                                        where, name(), r.message);
                break;
            case SetResult::Status::unknown:
                report_.warning_of_kind(std::string(model::type_info<T>().name) +
                                            ": unknown attribute " + in_quotes(key),
                                        where, name(), r.message);
                break;
            case SetResult::Status::invalid:
                report_.error(where, name(), r.message);
                break;
        }
    }

    model::Config& config_;
    Stage<T>& stage_;
    Report& report_;
    std::string rewritten_;
    T obj_;
    Special special_;
    bool has_special_ = false;
};

// hostextinfo / serviceextinfo: kept aside as (key, value) pairs, merged into the hosts and
// services they name once those exist (extinfo.cpp).
class ExtInfoBuilder final : public BlockParser::Builder {
public:
    ExtInfoBuilder(model::Config& config, Stages& stages, Report& report)
        : config_(config), stages_(stages), report_(report) {}

    void set_service(bool service) { service_ = service; }

    void begin(SourceLocation where) override {
        info_ = ExtInfo{};
        info_.service = service_;
        info_.where = where;
    }

    void attribute(SourceLocation where, std::string_view key, std::string_view value) override {
        model::StringPool& pool = config_.pool;
        if (key == "host_name") {
            info_.host_name = pool.intern(value);
        } else if (key == "hostgroup_name") {
            info_.hostgroup_name = pool.intern(value);
        } else if (key == "service_description" && service_) {
            info_.service_description = pool.intern(value);
        } else if (key == "name" || key == "use" || key == "register") {
            report_.warning(where, kind(),
                            "templates of extended info are not supported; " + in_quotes(key) +
                                " ignored (put the attributes on host or service templates)");
        } else {
            info_.attributes.emplace_back(pool.intern(key), pool.intern(value));
        }
    }

    void end() override { stages_.extinfos.push_back(std::move(info_)); }

private:
    std::string kind() const { return service_ ? "serviceextinfo" : "hostextinfo"; }

    model::Config& config_;
    Stages& stages_;
    Report& report_;
    bool service_ = false;
    ExtInfo info_;
};

// Type names of `define`, in ObjectTypes order; builders_[i] handles type i.
constexpr std::array<std::string_view, 22> kTypeNames = {"realm",
                                                         "module",
                                                         "arbiter",
                                                         "scheduler",
                                                         "poller",
                                                         "reactionner",
                                                         "broker",
                                                         "receiver",
                                                         "timeperiod",
                                                         "command",
                                                         "notificationway",
                                                         "contact",
                                                         "contactgroup",
                                                         "host",
                                                         "hostgroup",
                                                         "service",
                                                         "servicegroup",
                                                         "hostdependency",
                                                         "servicedependency",
                                                         "escalation",
                                                         "hostescalation",
                                                         "serviceescalation"};

constexpr std::array<std::string_view, 10> kUnsupportedShinkenTypes = {
    "resultmodulation", "businessimpactmodulation",
    "checkmodulation",  "macromodulation",
    "discoveryrule",    "discoveryrun",
    "trigger",          "pack",
    "package",          "hostsextinfo"};

int type_number(std::string_view type) {
    for (std::size_t i = 0; i < kTypeNames.size(); ++i) {
        if (kTypeNames[i] == type) {
            return static_cast<int>(i);
        }
    }
    return -1;
}

}  // namespace

bool is_unsupported_shinken_type(std::string_view type) {
    for (std::string_view t : kUnsupportedShinkenTypes) {
        if (t == type) {
            return true;
        }
    }
    return false;
}

BlockParser::BlockParser(model::Config& config, Stages& stages, Report& report,
                         SettingSink& settings)
    : config_(config), stages_(stages), report_(report), settings_(settings) {
    int i = 0;
    model::for_each_object_type([&](auto type) {
        using T = typename decltype(type)::type;
        builders_[i++] = std::make_unique<TypedBuilder<T>>(config_, stages_.of<T>(), report_);
    });
    extinfo_builder_ = std::make_unique<ExtInfoBuilder>(config_, stages_, report_);
}

BlockParser::~BlockParser() = default;

void BlockParser::setting(std::uint32_t line, std::string_view key, std::string_view value) {
    settings_.setting({file_, line}, key, value);
}

void BlockParser::begin(std::uint32_t line, std::string_view type) {
    SourceLocation where{file_, line};
    current_ = nullptr;
    if (int n = type_number(type); n >= 0) {
        current_ = builders_[n].get();
    } else if (type == "hostextinfo" || type == "serviceextinfo") {
        auto* extinfo = static_cast<ExtInfoBuilder*>(extinfo_builder_.get());
        extinfo->set_service(type == "serviceextinfo");
        current_ = extinfo;
    } else if (is_unsupported_shinken_type(type)) {
        report_.warning(where, "",
                        "'define " + std::string(type) +
                            "' is a Shinken feature yagura does not have; the "
                            "block is ignored");
    } else {
        std::vector<std::string_view> names(kTypeNames.begin(), kTypeNames.end());
        names.push_back("hostextinfo");
        names.push_back("serviceextinfo");
        report_.error(where, "",
                      "unknown object type " + in_quotes(type) + suggestion(type, names) +
                          "; the block is skipped");
    }
    if (current_ != nullptr) {
        current_->begin(where);
    }
}

void BlockParser::attribute(std::uint32_t line, std::string_view key, std::string_view value) {
    if (current_ != nullptr) {
        current_->attribute({file_, line}, key, value);
    }
}

void BlockParser::end(std::uint32_t) {
    if (current_ != nullptr) {
        current_->end();
    }
    current_ = nullptr;
}

void BlockParser::problem(std::uint32_t line, std::string message) {
    report_.error({file_, line}, "", std::move(message));
}

}  // namespace yagura::config::detail
