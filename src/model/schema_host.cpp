#include <yagura/model/schema.hpp>

#include "schema_checkable.hpp"

namespace yagura::model {

namespace {

using detail::field;

constexpr auto host_identity_fields() {
    return std::array{
        field<Host, &Host::host_name>({.name = "host_name",
                                       .flags = kConfig | kRequired | kKey,
                                       .doc = "Unique name of the host.",
                                       .aliases = "host"}),
        field<Host, &Host::alias>({.name = "alias", .flags = kConfig, .doc = "Longer name."}),
        field<Host, &Host::address>({.name = "address",
                                     .flags = kConfig,
                                     .doc = "IP address or DNS name ($HOSTADDRESS$); empty: "
                                            "the host_name."}),
        field<Host, &Host::parents>({.name = "parents",
                                     .flags = kConfig | kReference,
                                     .doc = "Hosts this one is reached through: when they are "
                                            "down, this host is UNREACHABLE, not DOWN."}),
        field<Host, &Host::hostgroups>({.name = "hostgroups",
                                        .flags = kConfig | kReference,
                                        .doc = "Host groups this host belongs to.",
                                        .aliases = "host_groups,hostgroup"}),
        field<Host, &Host::initial_state>({.name = "initial_state",
                                           .flags = kConfig,
                                           .doc = "State before the first check: o, d or u; "
                                                  "unset: PENDING.",
                                           .choices = &detail::kHostInitialStateTable.choices}),
        field<Host, &Host::obsess_over_host>(
            {.name = "obsess_over_host",
             .flags = kConfig | kState,
             .default_text = "0",
             .doc = "Run the global ochp_command after each check.",
             .aliases = "obsess",
             .modattr = kModObsessiveHandlerEnabled}),
    };
}

constexpr auto host_specific_fields() {
    return std::array{
        field<Host, &Host::vrml_image>(
            {.name = "vrml_image", .flags = kConfig, .doc = "3D image."}),
        field<Host, &Host::statusmap_image>(
            {.name = "statusmap_image", .flags = kConfig, .doc = "Status map image."}),
        field<Host, &Host::coords_2d>(
            {.name = "2d_coords", .flags = kConfig, .doc = "Position on the status map: x,y."}),
        field<Host, &Host::coords_3d>(
            {.name = "3d_coords", .flags = kConfig, .doc = "Position in 3D: x,y,z."}),
        field<Host, &Host::realm>({.name = "realm",
                                   .flags = kConfig | kReference,
                                   .doc = "Realm whose schedulers monitor the host; unset: the "
                                          "default realm."}),
        field<Host, &Host::service_overrides>(
            {.name = "service_overrides",
             .flags = kRepeatable,
             .doc = "`service_description,attribute value`: overrides one attribute of one of "
                    "the host's services; repeat the line for more."}),
        field<Host, &Host::service_excludes>(
            {.name = "service_excludes",
             .doc = "Services (by description) not created on this host."}),
        field<Host, &Host::service_includes>(
            {.name = "service_includes",
             .doc = "Only these services (by description) are created on this host."}),
    };
}

constexpr auto host_state_fields() {
    const Choices* states = &detail::kHostStateTable.choices;
    return std::array{
        field<Host, &Host::state>({.name = "state",
                                   .flags = kState,
                                   .default_text = "PENDING",
                                   .doc = "Current state: UP, DOWN, UNREACHABLE or PENDING.",
                                   .choices = states}),
        field<Host, &Host::last_state>({.name = "last_state",
                                        .flags = kState,
                                        .default_text = "PENDING",
                                        .doc = "State before the last state change.",
                                        .choices = states}),
        field<Host, &Host::last_hard_state>({.name = "last_hard_state",
                                             .flags = kState,
                                             .default_text = "PENDING",
                                             .doc = "Last hard state.",
                                             .choices = states}),
        field<Host, &Host::last_time_up>({.name = "last_time_up",
                                          .flags = kState,
                                          .default_text = "0",
                                          .doc = "Last time the host was UP."}),
        field<Host, &Host::last_time_down>({.name = "last_time_down",
                                            .flags = kState,
                                            .default_text = "0",
                                            .doc = "Last time the host was DOWN."}),
        field<Host, &Host::last_time_unreachable>({.name = "last_time_unreachable",
                                                   .flags = kState,
                                                   .default_text = "0",
                                                   .doc = "Last time the host was UNREACHABLE."}),
    };
}

constexpr auto kHostFields = detail::concat(
    detail::header_fields<Host>(), host_identity_fields(), detail::checkable_check_fields<Host>(),
    detail::checkable_notification_fields<Host>(), detail::checkable_extra_fields<Host>(),
    host_specific_fields(), detail::checkable_state_fields<Host>(), host_state_fields());

static_assert(kHostFields.size() <= kMaxFields);

}  // namespace

template <>
const TypeInfo<Host>& type_info<Host>() {
    static const TypeInfo<Host> info{
        .name = "host",
        .plural = "hosts",
        .doc = "A monitored machine or device.",
        .fields = kHostFields,
        .ignored = detail::kCheckableIgnored,
    };
    return info;
}

}  // namespace yagura::model
