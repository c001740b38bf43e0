#include <yagura/model/schema.hpp>

#include "choices.hpp"
#include "field_builder.hpp"

namespace yagura::model {

namespace {

using detail::field;

// The notification attributes contacts and notification ways share.
template <class T>
constexpr auto notification_fields() {
    return std::array{
        field<T, &T::host_notifications_enabled>({.name = "host_notifications_enabled",
                                                  .flags = kConfig,
                                                  .default_text = "1",
                                                  .doc = "Receive host notifications."}),
        field<T, &T::service_notifications_enabled>({.name = "service_notifications_enabled",
                                                     .flags = kConfig,
                                                     .default_text = "1",
                                                     .doc = "Receive service notifications."}),
        field<T, &T::host_notification_period>({.name = "host_notification_period",
                                                .flags = kConfig | kReference,
                                                .doc = "When host notifications may be sent."}),
        field<T, &T::service_notification_period>(
            {.name = "service_notification_period",
             .flags = kConfig | kReference,
             .doc = "When service notifications may be sent."}),
        field<T, &T::host_notification_options>(
            {.name = "host_notification_options",
             .flags = kConfig,
             .doc = "Host events notified: d, u, r, f, s; n none.",
             .choices = &detail::kHostNotificationLetters.choices}),
        field<T, &T::service_notification_options>(
            {.name = "service_notification_options",
             .flags = kConfig,
             .doc = "Service events notified: w, u, c, r, f, s; n none.",
             .choices = &detail::kServiceNotificationLetters.choices}),
        field<T, &T::host_notification_commands>(
            {.name = "host_notification_commands",
             .flags = kConfig | kReference,
             .doc = "Commands that notify of host events (`name!args`, comma-separated)."}),
        field<T, &T::service_notification_commands>(
            {.name = "service_notification_commands",
             .flags = kConfig | kReference,
             .doc = "Commands that notify of service events."}),
        field<T, &T::min_business_impact>(
            {.name = "min_business_impact",
             .flags = kConfig,
             .default_text = "0",
             .doc = "Only notify of objects with at least this business_impact.",
             .aliases = "min_criticity"}),
    };
}

constexpr auto notificationway_fields() {
    using W = NotificationWay;
    return std::array{
        field<W, &W::notificationway_name>({.name = "notificationway_name",
                                            .flags = kConfig | kRequired | kKey,
                                            .doc = "Name contacts refer to."}),
    };
}

constexpr auto contact_fields() {
    using C = Contact;
    return std::array{
        field<C, &C::contact_name>(
            {.name = "contact_name", .flags = kConfig | kRequired | kKey, .doc = "Unique name."}),
        field<C, &C::alias>(
            {.name = "alias", .flags = kConfig, .default_text = "none", .doc = "Longer name."}),
        field<C, &C::contactgroups>({.name = "contactgroups",
                                     .flags = kConfig | kReference,
                                     .doc = "Contact groups the contact belongs to.",
                                     .aliases = "contact_groups"}),
    };
}

constexpr auto contact_more_fields() {
    using C = Contact;
    return std::array{
        field<C, &C::email>({.name = "email",
                             .flags = kConfig,
                             .default_text = "none",
                             .doc = "E-mail address ($CONTACTEMAIL$)."}),
        field<C, &C::pager>({.name = "pager",
                             .flags = kConfig,
                             .default_text = "none",
                             .doc = "Pager number or address ($CONTACTPAGER$)."}),
        field<C, &C::address1>({.name = "address1",
                                .flags = kConfig,
                                .default_text = "none",
                                .doc = "Other address ($CONTACTADDRESS1$)."}),
        field<C, &C::address2>({.name = "address2",
                                .flags = kConfig,
                                .default_text = "none",
                                .doc = "Other address."}),
        field<C, &C::address3>({.name = "address3",
                                .flags = kConfig,
                                .default_text = "none",
                                .doc = "Other address."}),
        field<C, &C::address4>({.name = "address4",
                                .flags = kConfig,
                                .default_text = "none",
                                .doc = "Other address."}),
        field<C, &C::address5>({.name = "address5",
                                .flags = kConfig,
                                .default_text = "none",
                                .doc = "Other address."}),
        field<C, &C::address6>({.name = "address6",
                                .flags = kConfig,
                                .default_text = "none",
                                .doc = "Other address."}),
        field<C, &C::can_submit_commands>({.name = "can_submit_commands",
                                           .flags = kConfig,
                                           .default_text = "0",
                                           .doc = "May send external commands from the UIs."}),
        field<C, &C::is_admin>(
            {.name = "is_admin", .flags = kConfig, .default_text = "0", .doc = "Sees everything."}),
        field<C, &C::expert>({.name = "expert",
                              .flags = kConfig,
                              .default_text = "0",
                              .doc = "Sees the expert views of the web UI."}),
        field<C, &C::retain_status_information>(
            {.name = "retain_status_information",
             .flags = kConfig,
             .default_text = "1",
             .doc = "Keep the contact's state across restarts."}),
        field<C, &C::retain_nonstatus_information>(
            {.name = "retain_nonstatus_information",
             .flags = kConfig,
             .default_text = "1",
             .doc = "Keep attributes changed by commands across restarts."}),
        field<C, &C::notificationways>({.name = "notificationways",
                                        .flags = kConfig | kReference,
                                        .doc = "Notification ways used beside the contact's own "
                                               "notification attributes."}),
        field<C, &C::password>({.name = "password",
                                .flags = kConfig,
                                .default_text = "NOPASSWORDSET",
                                .doc = "Password for the web UI."}),
        field<C, &C::modified_attributes>({.name = "modified_attributes",
                                           .flags = kState,
                                           .default_text = "0",
                                           .doc = "Attributes changed by external commands."}),
        field<C, &C::modified_host_attributes>(
            {.name = "modified_host_attributes",
             .flags = kState,
             .default_text = "0",
             .doc = "Host notification attributes changed by external commands."}),
        field<C, &C::modified_service_attributes>(
            {.name = "modified_service_attributes",
             .flags = kState,
             .default_text = "0",
             .doc = "Service notification attributes changed by external commands."}),
        field<C, &C::downtimes>(
            {.name = "downtimes", .flags = kState, .doc = "Downtimes of the contact."}),
    };
}

constexpr auto kNotificationWayFields =
    detail::concat(detail::header_fields<NotificationWay>(), notificationway_fields(),
                   notification_fields<NotificationWay>());
constexpr auto kContactFields =
    detail::concat(detail::header_fields<Contact>(), contact_fields(),
                   notification_fields<Contact>(), contact_more_fields());

constexpr IgnoredAttribute kContactIgnored[] = {
    {"minimum_importance", "use min_business_impact (0 to 5)"},
    {"minimum_value", "use min_business_impact (0 to 5)"},
};

}  // namespace

template <>
const TypeInfo<NotificationWay>& type_info<NotificationWay>() {
    static const TypeInfo<NotificationWay> info{
        .name = "notificationway",
        .plural = "notificationways",
        .doc = "One way to reach a contact: commands, periods, options.",
        .fields = kNotificationWayFields,
    };
    return info;
}

template <>
const TypeInfo<Contact>& type_info<Contact>() {
    static const TypeInfo<Contact> info{
        .name = "contact",
        .plural = "contacts",
        .doc =
            "A person or team notified of problems. Its own notification attributes form "
            "one more notification way.",
        .fields = kContactFields,
        .ignored = kContactIgnored,
    };
    return info;
}

}  // namespace yagura::model
