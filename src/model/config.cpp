#include <yagura/model/config.hpp>

namespace yagura::model {

namespace {

std::uint64_t key1(Symbol s) {
    return s.id;
}

// Heap bytes a host or service owns beyond its own size (state strings and records).
std::size_t checkable_bytes(const Checkable& c) {
    auto text = [](const std::string& s) {
        return s.capacity() > 15 ? s.capacity() + 1 : 0;  // beyond the small-string buffer
    };
    std::size_t n = c.output.heap_bytes() + c.long_output.heap_bytes() + c.perf_data.heap_bytes() +
                    c.last_perf_data.heap_bytes();
    if (c.acknowledgement) {
        n += sizeof(Acknowledgement) + text(c.acknowledgement->author) +
             text(c.acknowledgement->comment);
    }
    n += c.downtimes.capacity() * sizeof(Downtime) + c.comments.capacity() * sizeof(Comment) +
         c.notified_contacts.capacity() * sizeof(Symbol);
    for (const Downtime& d : c.downtimes) {
        n += text(d.author) + text(d.comment);
    }
    for (const Comment& m : c.comments) {
        n += text(m.author) + text(m.comment);
    }
    return n;
}

template <class T>
std::size_t owned_bytes(const T& obj) {
    if constexpr (std::is_base_of_v<Checkable, T>) {
        return checkable_bytes(obj);
    } else {
        return 0;
    }
}

}  // namespace

std::uint64_t table_key(const Realm& o) {
    return key1(o.realm_name);
}
std::uint64_t table_key(const Module& o) {
    return key1(o.module_name);
}
std::uint64_t table_key(const DaemonLink& o) {
    return key1(o.daemon_name);
}
std::uint64_t table_key(const TimePeriod& o) {
    return key1(o.timeperiod_name);
}
std::uint64_t table_key(const Command& o) {
    return key1(o.command_name);
}
std::uint64_t table_key(const NotificationWay& o) {
    return key1(o.notificationway_name);
}
std::uint64_t table_key(const Contact& o) {
    return key1(o.contact_name);
}
std::uint64_t table_key(const ContactGroup& o) {
    return key1(o.contactgroup_name);
}
std::uint64_t table_key(const Host& o) {
    return key1(o.host_name);
}
std::uint64_t table_key(const HostGroup& o) {
    return key1(o.hostgroup_name);
}
std::uint64_t table_key(const ServiceGroup& o) {
    return key1(o.servicegroup_name);
}
std::uint64_t table_key(const Escalation& o) {
    return key1(o.escalation_name);
}
std::uint64_t table_key(const Service& o) {
    if (o.host_name.empty() || o.service_description.empty()) {
        return kNoKey;
    }
    return (static_cast<std::uint64_t>(o.host_name.id) << 32) | o.service_description.id;
}
std::uint64_t table_key(const HostDependency&) {
    return kNoKey;
}
std::uint64_t table_key(const ServiceDependency&) {
    return kNoKey;
}
std::uint64_t table_key(const HostEscalation&) {
    return kNoKey;
}
std::uint64_t table_key(const ServiceEscalation&) {
    return kNoKey;
}

namespace {

std::uint64_t mix(std::uint64_t x) {  // splitmix64's finalizer
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ULL;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

Index position_of(std::uint64_t slot) {
    return slot == 0 ? kNoIndex : static_cast<Index>(static_cast<std::uint32_t>(slot) - 1);
}

}  // namespace

// The slot holding `key`, or the free slot where it would go.
template <class T>
std::size_t Table<T>::slot_of(std::uint64_t key) const {
    const std::uint64_t hash = mix(key);
    const auto tag = static_cast<std::uint32_t>(hash);
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
        const std::uint64_t slot = slots_[i];
        if (slot == 0 || (static_cast<std::uint32_t>(slot >> 32) == tag &&
                          table_key(items_[static_cast<std::uint32_t>(slot) - 1]) == key)) {
            return i;
        }
    }
}

template <class T>
void Table<T>::grow_index() {
    std::vector<std::uint64_t> old = std::move(slots_);
    slots_.assign(old.empty() ? 16 : old.size() * 2, 0);
    const std::size_t mask = slots_.size() - 1;
    for (std::uint64_t slot : old) {
        if (slot != 0) {  // the tag holds the low bits of the hash: enough to place it
            std::size_t i = (slot >> 32) & mask;
            while (slots_[i] != 0) {
                i = (i + 1) & mask;
            }
            slots_[i] = slot;
        }
    }
}

template <class T>
typename Table<T>::Inserted Table<T>::insert(T obj) {
    return try_insert(obj);
}

template <class T>
typename Table<T>::Inserted Table<T>::try_insert(T& obj) {
    const std::uint64_t key = table_key(obj);
    const auto index = static_cast<Index>(items_.size());
    if (key == kNoKey) {
        items_.push_back(std::move(obj));
        return {index, true};
    }
    if ((indexed_ + 1) * 2 > slots_.size()) {
        grow_index();
    }
    const std::size_t slot = slot_of(key);
    if (slots_[slot] != 0) {
        return {static_cast<Index>(static_cast<std::uint32_t>(slots_[slot]) - 1), false};
    }
    items_.push_back(std::move(obj));
    slots_[slot] = (mix(key) << 32) | (static_cast<std::uint64_t>(index) + 1);
    ++indexed_;
    return {index, true};
}

template <class T>
Index Table<T>::append(T obj) {
    items_.push_back(std::move(obj));
    return static_cast<Index>(items_.size() - 1);
}

template <class T>
Index Table<T>::find(Symbol name) const {
    if (name.empty() || slots_.empty()) {
        return kNoIndex;
    }
    return position_of(slots_[slot_of(name.id)]);
}

template <class T>
Index Table<T>::find(Symbol host_name, Symbol service_description) const {
    if (slots_.empty()) {
        return kNoIndex;
    }
    return position_of(
        slots_[slot_of((static_cast<std::uint64_t>(host_name.id) << 32) | service_description.id)]);
}

template <class T>
Index Table<T>::find(std::string_view name, const StringPool& pool) const {
    auto symbol = pool.find(name);
    return symbol ? find(*symbol) : kNoIndex;
}

template <class T>
std::size_t Table<T>::memory_bytes() const {
    std::size_t n = items_.capacity() * sizeof(T) + slots_.capacity() * sizeof(std::uint64_t);
    for (const T& item : items_) {
        n += owned_bytes(item);
    }
    return n;
}

template class Table<Realm>;
template class Table<Module>;
template class Table<ArbiterLink>;
template class Table<SchedulerLink>;
template class Table<PollerLink>;
template class Table<ReactionnerLink>;
template class Table<BrokerLink>;
template class Table<ReceiverLink>;
template class Table<TimePeriod>;
template class Table<Command>;
template class Table<NotificationWay>;
template class Table<Contact>;
template class Table<ContactGroup>;
template class Table<Host>;
template class Table<HostGroup>;
template class Table<Service>;
template class Table<ServiceGroup>;
template class Table<HostDependency>;
template class Table<ServiceDependency>;
template class Table<Escalation>;
template class Table<HostEscalation>;
template class Table<ServiceEscalation>;

CommandCall link_command_call(std::string_view text, const Table<Command>& commands,
                              StringPool& pool) {
    CommandLineCall split = split_command_call(text);
    std::vector<Symbol> args;
    args.reserve(split.args.size());
    for (const std::string& arg : split.args) {
        args.push_back(pool.intern(arg));
    }
    return CommandCall{commands.find(split.name, pool), SymbolList{pool.intern_symbols(args)}};
}

// The globals start with every declared default, interned ones included (illegal_object_name_chars,
// statsd_prefix, ...), as objects do with make<T>().
Config::Config() : globals(model::make<Globals>(pool)) {}
Config::Config(Config&&) noexcept = default;
Config& Config::operator=(Config&&) noexcept = default;
Config::~Config() = default;

std::optional<std::string_view> Config::resource(std::string_view name) const {
    for (const ResourceMacro& r : resources) {
        if (pool.str(r.name) == name) {
            return pool.str(r.value);
        }
    }
    return std::nullopt;
}

void Config::set_resource(std::string_view name, std::string_view value) {
    Symbol n = pool.intern(name);
    Symbol v = pool.intern(value);
    for (ResourceMacro& r : resources) {
        if (r.name == n) {
            r.value = v;
            return;
        }
    }
    resources.push_back({n, v});
}

void Config::compile_command_lines() {
    for (Command& c : commands) {
        c.compiled_line = CompiledText::compile(pool.str(c.command_line));
    }
}

std::size_t Config::memory_bytes() const {
    std::size_t n =
        pool.memory_bytes() + sizeof(Config) + resources.capacity() * sizeof(ResourceMacro);
    for_each_object_type([&](auto type) {
        using T = typename decltype(type)::type;
        n += table<T>().memory_bytes();
    });
    return n;
}

}  // namespace yagura::model
