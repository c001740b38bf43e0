#pragma once

#include <cstdint>

#include <yagura/model/object.hpp>

namespace yagura::model {

struct EscalationLinks {
    IndexList contacts;  // contact_groups expanded
    IndexList contact_groups;
    Index escalation_period = kNoIndex;
};

// When an escalation applies and whom it notifies: either notification numbers
// (first/last_notification, 0 = no end) or delays in interval units since the problem began
// (first/last_notification_time).
struct EscalationRule : ObjectHeader {
    std::int32_t first_notification = 0;
    std::int32_t last_notification = 0;
    std::int32_t first_notification_time = 0;
    std::int32_t last_notification_time = 0;
    double notification_interval = 30;
    Symbol escalation_period;
    Letters escalation_options = letters("durwc");
    SymbolList contacts;
    SymbolList contact_groups;

    EscalationLinks links;
};

// `define escalation` (Shinken): a named escalation that hosts and services list in their
// `escalations`. Host and service escalations are converted into these by the config stage.
struct Escalation : EscalationRule {
    Escalation() { notification_interval = -1; }  // -1: keep the object's own interval
    Symbol escalation_name;
};

// `define hostescalation` (Nagios).
struct HostEscalation : EscalationRule {
    SymbolList host_name;
    SymbolList hostgroup_name;
};

// `define serviceescalation` (Nagios).
struct ServiceEscalation : HostEscalation {
    SymbolList servicegroup_name;
    SymbolList service_description;
};

}  // namespace yagura::model
