// Event broks: log lines, notifications, downtimes, acknowledgements, comments.
#include <yagura/core/strings.hpp>

#include "impl.hpp"
#include "json_values.hpp"

namespace yagura::modules::brokerstate {

using ls::Trigger;
using nlohmann::json;

Triggers BrokerState::Impl::log_line(int, const json& data) {
    auto text = data.find("log");
    if (text == data.end() || !text->is_string()) {
        throw BrokError("log brok without a string 'log'");
    }
    std::string_view message = text->get_ref<const std::string&>();
    double time = clock.now();
    if (auto stamp = data.find("time"); stamp != data.end()) {
        time = json_values::number(*stamp, "time");
    }
    // Shinken puts "[epoch] " in front of the line itself; take the time from there.
    if (message.size() > 2 && message.front() == '[') {
        auto close = message.find("] ");
        if (close != std::string_view::npos) {
            if (auto epoch = core::parse_int(message.substr(1, close - 1))) {
                time = static_cast<double>(*epoch);
                message.remove_prefix(close + 2);
            }
        }
    }
    while (!message.empty() && (message.back() == '\n' || message.back() == '\r')) {
        message.remove_suffix(1);
    }
    log.append(time, message, clock.now());
    return bit(Trigger::log);
}

Triggers BrokerState::Impl::notification(int instance, const json& data) {
    // Only the notification counters: the rest of the brok describes the notification.
    json counter_fields = json::object();
    for (const char* key : {"current_notification_number", "last_notification"}) {
        if (auto it = data.find(key); it != data.end()) {
            counter_fields[key] = *it;
        }
    }
    return update_named(instance, data, counter_fields, bit(Trigger::state));
}

Triggers BrokerState::Impl::downtime_raise(int instance, const json& data) {
    auto downtime = downtime_from(data);
    target(instance).put_downtime(std::move(downtime));
    return bit(Trigger::downtime);
}

Triggers BrokerState::Impl::downtime_expire(int instance, const json& data) {
    auto id = data.find("id");
    if (id == data.end() || !id->is_number_integer()) {
        throw BrokError("downtime_expire without an integer 'id'");
    }
    target(instance).remove_downtime(id->get<std::int64_t>());
    return bit(Trigger::downtime);
}

Triggers BrokerState::Impl::acknowledge_raise(int instance, const json& data) {
    json state = {{"problem_has_been_acknowledged", true}, {"acknowledgement_type", 1}};
    if (auto sticky = data.find("sticky"); sticky != data.end()) {
        state["acknowledgement_type"] = json_values::number(*sticky, "sticky") >= 1 ? 2 : 1;
    }
    return update_named(instance, data, state, bit(Trigger::state));
}

Triggers BrokerState::Impl::acknowledge_expire(int instance, const json& data) {
    json state = {{"problem_has_been_acknowledged", false}, {"acknowledgement_type", 0}};
    return update_named(instance, data, state, bit(Trigger::state));
}

Triggers BrokerState::Impl::comment(int instance, const json& data) {
    auto action = optional_name(data, "action");
    if (action == "delete") {
        auto id = data.find("id");
        if (id == data.end() || !id->is_number_integer()) {
            throw BrokError("comment delete without an integer 'id'");
        }
        target(instance).remove_comment(id->get<std::int64_t>());
    } else if (action == "add" || action.empty()) {
        target(instance).put_comment(comment_from(data));
    } else {
        throw BrokError("comment brok with unknown action '" + action + "'");
    }
    return bit(Trigger::comment);
}

}  // namespace yagura::modules::brokerstate
