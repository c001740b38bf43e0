#pragma once

#include <cstdint>
#include <vector>

#include <yagura/model/checkable.hpp>
#include <yagura/model/object.hpp>

namespace yagura::model {

// Resolved notification settings shared by contacts and notification ways.
struct NotificationLinks {
    Index host_notification_period = kNoIndex;
    Index service_notification_period = kNoIndex;
    std::vector<CommandCall> host_notification_commands;
    std::vector<CommandCall> service_notification_commands;
};

// `define notificationway`: one way to reach a contact (commands, periods, options, minimum
// business impact). A contact notifies through each of its ways.
struct NotificationWay : ObjectHeader {
    Symbol notificationway_name;
    bool host_notifications_enabled = true;
    bool service_notifications_enabled = true;
    Symbol host_notification_period;
    Symbol service_notification_period;
    Letters host_notification_options;
    Letters service_notification_options;
    SymbolList host_notification_commands;  // "command!args" entries
    SymbolList service_notification_commands;
    std::int32_t min_business_impact = 0;

    NotificationLinks links;
};

struct ContactLinks {
    IndexList contactgroups;
    IndexList notificationways;  // including the implicit way of the contact's own settings
    NotificationLinks notification;
};

// `define contact`: a person or team notified of problems. The notification attributes set
// directly on a contact act as one more notification way (Shinken's behaviour).
struct Contact : ObjectHeader {
    // --- configuration ---
    Symbol contact_name;
    Symbol alias;
    SymbolList contactgroups;
    bool host_notifications_enabled = true;
    bool service_notifications_enabled = true;
    bool can_submit_commands = false;
    bool is_admin = false;
    bool expert = false;
    bool retain_status_information = true;
    bool retain_nonstatus_information = true;
    Symbol host_notification_period;
    Symbol service_notification_period;
    Letters host_notification_options;
    Letters service_notification_options;
    SymbolList host_notification_commands;
    SymbolList service_notification_commands;
    std::int32_t min_business_impact = 0;
    Symbol email;
    Symbol pager;
    Symbol address1;
    Symbol address2;
    Symbol address3;
    Symbol address4;
    Symbol address5;
    Symbol address6;
    SymbolList notificationways;
    Symbol password;

    // --- state ---
    std::uint32_t modified_attributes = 0;
    std::uint32_t modified_host_attributes = 0;
    std::uint32_t modified_service_attributes = 0;
    std::vector<Downtime> downtimes;

    ContactLinks links;
};

}  // namespace yagura::model
