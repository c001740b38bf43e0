#pragma once

// AuthUser: contact-based visibility, with Checkmk's defaults. A contact sees a host it is a
// contact of (directly or through a contact group), a service it is a contact of or whose host
// it is a contact of ("loose" service authorisation), and a group only if it sees every member
// ("strict" group authorisation).

#include <yagura/modules/livestatus/core.hpp>

namespace yagura::modules::livestatus {

bool is_contact_of(const Checkable& object, const Contact& user, const Core& core);
bool may_see_host(const Host* host, const Contact& user, const Core& core);
bool may_see_service(const Service* service, const Contact& user, const Core& core);

}  // namespace yagura::modules::livestatus
