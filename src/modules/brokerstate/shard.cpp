#include "shard.hpp"

#include <algorithm>

namespace yagura::modules::brokerstate {

std::string Shard::service_key(std::string_view host, std::string_view description) {
    std::string key;
    key.reserve(host.size() + description.size() + 1);
    key.append(host);
    key += '\x1f';
    key.append(description);
    return key;
}

ls::Host* Shard::host(std::string_view name) {
    auto it = host_index.find(std::string(name));
    return it == host_index.end() ? nullptr : &hosts[it->second];
}

ls::Service* Shard::service(std::string_view host_name, std::string_view description) {
    auto it = service_index.find(service_key(host_name, description));
    return it == service_index.end() ? nullptr : &services[it->second];
}

ls::Host& Shard::put_host(ls::Host host) {
    if (ls::Host* existing = this->host(host.name)) {
        *existing = std::move(host);
        return *existing;
    }
    host_index.emplace(host.name, hosts.size());
    return hosts.emplace_back(std::move(host));
}

ls::Service& Shard::put_service(ls::Service service) {
    if (ls::Service* existing = this->service(service.host_name, service.description)) {
        *existing = std::move(service);
        return *existing;
    }
    service_index.emplace(service_key(service.host_name, service.description), services.size());
    return services.emplace_back(std::move(service));
}

void Shard::link() {
    for (auto& host : hosts) {
        host.services.clear();
    }
    for (auto& service : services) {
        ls::Host* owner_host = host(service.host_name);
        service.host = owner_host;
        if (owner_host != nullptr) {
            owner_host->services.push_back(&service);
        }
    }
}

ls::Checkable* Shard::owner(const std::string& host_name, const std::string& description) {
    if (description.empty()) {
        return host(host_name);
    }
    return service(host_name, description);
}

namespace {

void add_id(std::vector<std::int64_t>& ids, std::int64_t id) {
    if (std::find(ids.begin(), ids.end(), id) == ids.end()) {
        ids.push_back(id);
    }
}

void remove_id(std::vector<std::int64_t>& ids, std::int64_t id) {
    ids.erase(std::remove(ids.begin(), ids.end(), id), ids.end());
}

}  // namespace

void Shard::put_comment(ls::Comment comment) {
    remove_comment(comment.id);
    if (auto* object = owner(comment.host_name, comment.service_description)) {
        add_id(object->comment_ids, comment.id);
    }
    comments[comment.id] = std::move(comment);
}

void Shard::remove_comment(std::int64_t id) {
    auto it = comments.find(id);
    if (it == comments.end()) {
        return;
    }
    if (auto* object = owner(it->second.host_name, it->second.service_description)) {
        remove_id(object->comment_ids, id);
    }
    comments.erase(it);
}

void Shard::put_downtime(ls::Downtime downtime) {
    remove_downtime(downtime.id);
    if (auto* object = owner(downtime.host_name, downtime.service_description)) {
        add_id(object->downtime_ids, downtime.id);
    }
    downtimes[downtime.id] = std::move(downtime);
}

void Shard::remove_downtime(std::int64_t id) {
    auto it = downtimes.find(id);
    if (it == downtimes.end()) {
        return;
    }
    if (auto* object = owner(it->second.host_name, it->second.service_description)) {
        remove_id(object->downtime_ids, id);
    }
    downtimes.erase(it);
}

}  // namespace yagura::modules::brokerstate
