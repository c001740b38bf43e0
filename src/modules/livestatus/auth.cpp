#include "auth.hpp"

#include <algorithm>

namespace yagura::modules::livestatus {

bool is_contact_of(const Checkable& object, const Contact& user, const Core& core) {
    if (std::find(object.contacts.begin(), object.contacts.end(), user.name) !=
        object.contacts.end()) {
        return true;
    }
    for (const auto& group_name : object.contact_groups) {
        const ContactGroup* group = core.find_contactgroup(group_name);
        if (group != nullptr && std::find(group->members.begin(), group->members.end(),
                                          user.name) != group->members.end()) {
            return true;
        }
    }
    return false;
}

bool may_see_host(const Host* host, const Contact& user, const Core& core) {
    return host != nullptr && is_contact_of(*host, user, core);
}

bool may_see_service(const Service* service, const Contact& user, const Core& core) {
    if (service == nullptr) {
        return false;
    }
    return is_contact_of(*service, user, core) ||
           (service->host != nullptr && is_contact_of(*service->host, user, core));
}

}  // namespace yagura::modules::livestatus
