// Every brok field the broker reads, per record, with its JSON type (docs/broks.md).
#include "fields.hpp"

#include "field_table.hpp"

namespace yagura::modules::brokerstate {

namespace jv = json_values;
using nlohmann::json;

namespace {

FieldTable<ls::Checkable> make_checkable_fields() {
    using C = ls::Checkable;
    FieldTable<C> t;
    t.text("display_name", &C::display_name).text("check_command", &C::check_command);
    t.text("check_period", &C::check_period).text("notification_period", &C::notification_period);
    t.text("event_handler", &C::event_handler).text("notes", &C::notes);
    t.text("notes_url", &C::notes_url).text("action_url", &C::action_url);
    t.text("icon_image", &C::icon_image).text("icon_image_alt", &C::icon_image_alt);
    auto state_of = [](int C::*member) {
        return [member](C& o, const json& v, const std::string& k) { o.*member = jv::state(v, k); };
    };
    auto type_of = [](int C::*member) {
        return [member](C& o, const json& v, const std::string& k) {
            o.*member = jv::state_type(v, k);
        };
    };
    t.custom("state", state_of(&C::state)).custom("state_id", state_of(&C::state));
    t.custom("last_state", state_of(&C::last_state))
        .custom("last_state_id", state_of(&C::last_state));
    t.custom("last_hard_state", state_of(&C::last_hard_state))
        .custom("last_hard_state_id", state_of(&C::last_hard_state));
    t.custom("state_type", type_of(&C::state_type))
        .custom("state_type_id", type_of(&C::state_type));
    t.flag("has_been_checked", &C::has_been_checked).integer("attempt", &C::current_attempt);
    t.integer("max_check_attempts", &C::max_check_attempts).integer("check_type", &C::check_type);
    t.text("output", &C::plugin_output).text("long_output", &C::long_plugin_output);
    t.text("perf_data", &C::perf_data);
    t.number("last_chk", &C::last_check).number("next_chk", &C::next_check);
    t.number("last_state_change", &C::last_state_change);
    t.number("last_hard_state_change", &C::last_hard_state_change);
    t.number("last_notification", &C::last_notification);
    t.number("latency", &C::latency).number("execution_time", &C::execution_time);
    t.number("percent_state_change", &C::percent_state_change);
    t.number("check_interval", &C::check_interval).number("retry_interval", &C::retry_interval);
    t.number("notification_interval", &C::notification_interval);
    t.number("first_notification_delay", &C::first_notification_delay);
    t.number("low_flap_threshold", &C::low_flap_threshold);
    t.number("high_flap_threshold", &C::high_flap_threshold);
    t.flag("is_flapping", &C::is_flapping).flag("problem_has_been_acknowledged", &C::acknowledged);
    t.integer("acknowledgement_type", &C::acknowledgement_type);
    t.integer("scheduled_downtime_depth", &C::scheduled_downtime_depth);
    t.integer("current_notification_number", &C::current_notification_number);
    t.flag("notifications_enabled", &C::notifications_enabled);
    t.flag("active_checks_enabled", &C::active_checks_enabled);
    t.flag("passive_checks_enabled", &C::accept_passive_checks);
    t.flag("event_handler_enabled", &C::event_handler_enabled);
    t.flag("flap_detection_enabled", &C::flap_detection_enabled);
    t.flag("check_freshness", &C::check_freshness)
        .flag("process_perf_data", &C::process_performance_data);
    t.flag("in_check_period", &C::in_check_period);
    t.flag("in_notification_period", &C::in_notification_period);
    t.flag("is_problem", &C::is_problem).flag("is_impact", &C::is_impact);
    t.integer("business_impact", &C::business_impact);
    t.integer("modified_attributes", &C::modified_attributes);
    t.names("contacts", &C::contacts).names("contact_groups", &C::contact_groups);
    t.custom("customs", [](C& o, const json& v, const std::string& k) {
        o.custom_variables = jv::customs(v, k);
    });
    return t;
}

const FieldTable<ls::Checkable>& checkable_fields() {
    static const auto table = make_checkable_fields();
    return table;
}

FieldTable<ls::Host> make_host_fields() {
    using H = ls::Host;
    FieldTable<H> t;
    t.include(checkable_fields());
    t.text("alias", &H::alias).text("address", &H::address);
    t.names("parents", &H::parents).names("childs", &H::childs).names("hostgroups", &H::groups);
    t.flag("obsess_over_host", &H::obsess);
    const char* times[] = {"last_time_up", "last_time_down", "last_time_unreachable"};
    for (std::size_t i = 0; i < 3; ++i) {
        t.custom(times[i], [i](H& o, const json& v, const std::string& k) {
            o.last_time_in_state[i] = jv::number(v, k);
        });
    }
    return t;
}

FieldTable<ls::Service> make_service_fields() {
    using S = ls::Service;
    FieldTable<S> t;
    t.include(checkable_fields());
    t.names("servicegroups", &S::groups).flag("is_volatile", &S::is_volatile);
    t.flag("obsess_over_service", &S::obsess);
    const char* times[] = {"last_time_ok", "last_time_warning", "last_time_critical",
                           "last_time_unknown"};
    for (std::size_t i = 0; i < 4; ++i) {
        t.custom(times[i], [i](S& o, const json& v, const std::string& k) {
            o.last_time_in_state[i] = jv::number(v, k);
        });
    }
    return t;
}

FieldTable<ls::ProgramStatus> make_program_fields() {
    using P = ls::ProgramStatus;
    FieldTable<P> t;
    t.number("program_start", &P::program_start)
        .number("last_command_check", &P::last_command_check);
    t.number("last_log_rotation", &P::last_log_rotation)
        .text("program_version", &P::program_version);
    t.custom("pid", [](P& o, const json& v, const std::string& k) { o.pid = jv::integer(v, k); });
    t.integer("interval_length", &P::interval_length);
    t.flag("enable_notifications", &P::enable_notifications);
    t.flag("active_service_checks_enabled", &P::execute_service_checks);
    t.flag("passive_service_checks_enabled", &P::accept_passive_service_checks);
    t.flag("active_host_checks_enabled", &P::execute_host_checks);
    t.flag("passive_host_checks_enabled", &P::accept_passive_host_checks);
    t.flag("event_handlers_enabled", &P::enable_event_handlers);
    t.flag("flap_detection_enabled", &P::enable_flap_detection);
    t.flag("process_performance_data", &P::process_performance_data);
    t.flag("check_service_freshness", &P::check_service_freshness);
    t.flag("check_host_freshness", &P::check_host_freshness);
    t.flag("obsess_over_services", &P::obsess_over_services);
    t.flag("obsess_over_hosts", &P::obsess_over_hosts);
    return t;
}

FieldTable<ls::Contact> make_contact_fields() {
    using C = ls::Contact;
    FieldTable<C> t;
    t.text("alias", &C::alias).text("email", &C::email).text("pager", &C::pager);
    t.text("host_notification_period", &C::host_notification_period);
    t.text("service_notification_period", &C::service_notification_period);
    t.flag("can_submit_commands", &C::can_submit_commands);
    t.flag("host_notifications_enabled", &C::host_notifications_enabled);
    t.flag("service_notifications_enabled", &C::service_notifications_enabled);
    t.flag("in_host_notification_period", &C::in_host_notification_period);
    t.flag("in_service_notification_period", &C::in_service_notification_period);
    t.integer("modified_attributes", &C::modified_attributes).names("contactgroups", &C::groups);
    t.custom("customs", [](C& o, const json& v, const std::string& k) {
        o.custom_variables = jv::customs(v, k);
    });
    return t;
}

template <class Group>
FieldTable<Group> make_group_fields() {
    FieldTable<Group> t;
    t.text("alias", &Group::alias).text("notes", &Group::notes);
    t.text("notes_url", &Group::notes_url).text("action_url", &Group::action_url);
    return t;
}

}  // namespace

std::string required_name(const json& data, const char* key) {
    auto it = data.find(key);
    if (it == data.end() || !it->is_string() || it->get_ref<const std::string&>().empty()) {
        throw BrokError(std::string("missing or empty '") + key + "'");
    }
    return it->get<std::string>();
}

std::string optional_name(const json& data, const char* key) {
    auto it = data.find(key);
    return it == data.end() ? std::string() : jv::text(*it, key);
}

void apply_host_fields(ls::Host& host, const json& data) {
    static const auto table = make_host_fields();
    table.apply(host, data);
}

void apply_service_fields(ls::Service& service, const json& data) {
    static const auto table = make_service_fields();
    table.apply(service, data);
}

void apply_program_fields(ls::ProgramStatus& program, const json& data) {
    static const auto table = make_program_fields();
    table.apply(program, data);
}

ls::Contact contact_from(const json& data) {
    static const auto table = make_contact_fields();
    ls::Contact contact;
    contact.name = required_name(data, "contact_name");
    table.apply(contact, data);
    return contact;
}

ls::ContactGroup contactgroup_from(const json& data) {
    ls::ContactGroup group;
    group.name = required_name(data, "contactgroup_name");
    group.alias = optional_name(data, "alias");
    if (auto it = data.find("members"); it != data.end()) {
        group.members = jv::names(*it, "members");
    }
    return group;
}

ls::Command command_from(const json& data) {
    return {required_name(data, "command_name"), optional_name(data, "command_line")};
}

ls::TimePeriod timeperiod_from(const json& data) {
    ls::TimePeriod period{required_name(data, "timeperiod_name"), optional_name(data, "alias")};
    if (auto it = data.find("is_active"); it != data.end()) {
        period.in = jv::flag(*it, "is_active");
    }
    return period;
}

GroupDecl hostgroup_from(const json& data) {
    static const auto table = make_group_fields<GroupDecl>();
    GroupDecl group;
    group.name = required_name(data, "hostgroup_name");
    table.apply(group, data);
    if (auto it = data.find("members"); it != data.end()) {
        group.members = jv::names(*it, "members");
    }
    return group;
}

GroupDecl servicegroup_from(const json& data) {
    static const auto table = make_group_fields<GroupDecl>();
    GroupDecl group;
    group.name = required_name(data, "servicegroup_name");
    table.apply(group, data);
    auto it = data.find("members");
    if (it == data.end() || it->is_null()) {
        return group;
    }
    if (!it->is_array()) {
        throw BrokError("field 'members': expected a list of [host, service] pairs");
    }
    for (const auto& pair : *it) {
        if (!pair.is_array() || pair.size() != 2 || !pair[0].is_string() || !pair[1].is_string()) {
            throw BrokError("field 'members': expected a list of [host, service] pairs");
        }
        group.members.push_back(
            Shard::service_key(pair[0].get<std::string>(), pair[1].get<std::string>()));
    }
    return group;
}

ls::Comment comment_from(const json& data) {
    static const auto table = [] {
        using C = ls::Comment;
        FieldTable<C> t;
        t.text("author", &C::author).text("comment", &C::text);
        t.number("entry_time", &C::entry_time).number("expire_time", &C::expire_time);
        t.integer("entry_type", &C::entry_type).integer("source", &C::source);
        t.flag("persistent", &C::persistent).flag("expires", &C::expires);
        return t;
    }();
    ls::Comment comment;
    auto id = data.find("id");
    if (id == data.end() || !id->is_number_integer()) {
        throw BrokError("comment without an integer 'id'");
    }
    comment.id = id->get<std::int64_t>();
    comment.host_name = required_name(data, "host_name");
    comment.service_description = optional_name(data, "service_description");
    table.apply(comment, data);
    return comment;
}

ls::Downtime downtime_from(const json& data) {
    static const auto table = [] {
        using D = ls::Downtime;
        FieldTable<D> t;
        t.text("author", &D::author).text("comment", &D::comment);
        t.number("entry_time", &D::entry_time).number("start_time", &D::start_time);
        t.number("end_time", &D::end_time).number("duration", &D::duration);
        t.flag("fixed", &D::fixed).flag("is_in_effect", &D::is_in_effect);
        t.custom("trigger_id", [](D& o, const json& v, const std::string& k) {
            o.triggered_by = jv::integer(v, k);
        });
        return t;
    }();
    ls::Downtime downtime;
    auto id = data.find("id");
    if (id == data.end() || !id->is_number_integer()) {
        throw BrokError("downtime without an integer 'id'");
    }
    downtime.id = id->get<std::int64_t>();
    downtime.host_name = required_name(data, "host_name");
    downtime.service_description = optional_name(data, "service_description");
    table.apply(downtime, data);
    return downtime;
}

}  // namespace yagura::modules::brokerstate
