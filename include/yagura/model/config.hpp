#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include <yagura/model/schema.hpp>
#include <yagura/model/string_pool.hpp>

namespace yagura::model {

// The objects of one type in one contiguous vector, found by index (stable: objects are only
// appended) or by name through an index kept by insert().
//
// The name is the type's key: host_name, (host_name, service_description) for services,
// command_name, ... Unnamed types (dependencies, escalations of hosts and services) and
// templates without a key are stored but not indexed. The index is an open-addressing table
// of hash tags and positions (16 to 32 bytes an object); do not change the key of an indexed
// object.
template <class T>
class Table {
public:
    std::size_t size() const { return items_.size(); }
    bool empty() const { return items_.empty(); }
    T& operator[](Index i) { return items_[i]; }
    const T& operator[](Index i) const { return items_[i]; }
    auto begin() { return items_.begin(); }
    auto end() { return items_.end(); }
    auto begin() const { return items_.begin(); }
    auto end() const { return items_.end(); }
    std::span<T> items() { return items_; }
    std::span<const T> items() const { return items_; }

    struct Inserted {
        Index index;
        bool inserted;  // false: an object with that name exists at `index`, nothing added
    };
    // Appends the object and indexes its name. A duplicate name is refused (the caller
    // reports it, or replaces the existing object with operator[]).
    Inserted insert(T obj);
    // As insert, but `obj` is moved from only when it is inserted: on a duplicate the caller
    // still holds it, to compare, report or put in place of the existing one.
    Inserted try_insert(T& obj);
    // Appends without indexing (templates, unnamed objects).
    Index append(T obj);

    Index find(Symbol name) const;
    Index find(Symbol host_name, Symbol service_description) const;  // services
    Index find(std::string_view name, const StringPool& pool) const;

    void reserve(std::size_t n) { items_.reserve(n); }
    // Gives back the vector's spare capacity once loading is done.
    void shrink_to_fit() { items_.shrink_to_fit(); }
    std::size_t memory_bytes() const;

private:
    std::size_t slot_of(std::uint64_t key) const;
    void grow_index();

    std::vector<T> items_;
    // (32 bits of the key's hash << 32) | (position + 1); 0: free. The tag spares a look at
    // the object (a cache miss) on most probes, and placement on growth.
    std::vector<std::uint64_t> slots_;
    std::size_t indexed_ = 0;
};

// The key a Table indexes an object under: one symbol, or two for services.
std::uint64_t table_key(const Realm& o);
std::uint64_t table_key(const Module& o);
std::uint64_t table_key(const DaemonLink& o);
std::uint64_t table_key(const TimePeriod& o);
std::uint64_t table_key(const Command& o);
std::uint64_t table_key(const NotificationWay& o);
std::uint64_t table_key(const Contact& o);
std::uint64_t table_key(const ContactGroup& o);
std::uint64_t table_key(const Host& o);
std::uint64_t table_key(const HostGroup& o);
std::uint64_t table_key(const Service& o);
std::uint64_t table_key(const ServiceGroup& o);
std::uint64_t table_key(const Escalation& o);
std::uint64_t table_key(const HostDependency& o);
std::uint64_t table_key(const ServiceDependency& o);
std::uint64_t table_key(const HostEscalation& o);
std::uint64_t table_key(const ServiceEscalation& o);
inline constexpr std::uint64_t kNoKey = 0;

// Resolves a command reference as written ("check_http!80!/"): the command's index (kNoIndex
// when no command has that name) and the interned arguments, `\!` unescaped.
CommandCall link_command_call(std::string_view text, const Table<Command>& commands,
                              StringPool& pool);

// A `$NAME$=value` macro from a resource file ($USER1$, $PLUGINSDIR$).
struct ResourceMacro {
    Symbol name;  // without dollars: "USER1"
    Symbol value;
};

// One whole configuration: the pool its symbols live in, the main file's globals, the
// resource macros and a table per object type. The arbiter builds one from the files
// (config module), cuts it into shards (dispatch), ships each as JSON (json.hpp); a scheduler
// rebuilds one from its shard and runs the engine on it in place.
//
// References are stored by name as written (Host::parents, Service::host_name, ...). The
// config linker resolves them into the `links` members of each object (indices into these
// tables), which the engine walks without hashing; they are not part of the JSON form.
// Move-only: the pool is shared by every object.
struct Config {
    StringPool pool;
    Globals globals;
    std::vector<ResourceMacro> resources;

    Table<Realm> realms;
    Table<Module> modules;
    Table<ArbiterLink> arbiters;
    Table<SchedulerLink> schedulers;
    Table<PollerLink> pollers;
    Table<ReactionnerLink> reactionners;
    Table<BrokerLink> brokers;
    Table<ReceiverLink> receivers;
    Table<TimePeriod> timeperiods;
    Table<Command> commands;
    Table<NotificationWay> notificationways;
    Table<Contact> contacts;
    Table<ContactGroup> contactgroups;
    Table<Host> hosts;
    Table<HostGroup> hostgroups;
    Table<Service> services;
    Table<ServiceGroup> servicegroups;
    Table<HostDependency> hostdependencies;
    Table<ServiceDependency> servicedependencies;
    Table<Escalation> escalations;
    Table<HostEscalation> hostescalations;
    Table<ServiceEscalation> serviceescalations;

    Config();
    Config(Config&&) noexcept;
    Config& operator=(Config&&) noexcept;
    ~Config();

    // The table of a type, for generic code: cfg.table<Host>().
    template <class T>
    Table<T>& table() {
        return const_cast<Table<T>&>(std::as_const(*this).table<T>());
    }
    template <class T>
    const Table<T>& table() const;

    // A new object of type T with every default (make<T>(pool)).
    template <class T>
    T make() {
        return model::make<T>(pool);
    }

    // The value of a resource macro ("USER1"), if defined.
    std::optional<std::string_view> resource(std::string_view name) const;
    void set_resource(std::string_view name, std::string_view value);

    // Compiles every command's command_line (Command::compiled_line).
    void compile_command_lines();

    // Bytes held by the whole configuration: pool, tables and what their objects own.
    std::size_t memory_bytes() const;
};

template <class T>
const Table<T>& Config::table() const {
    if constexpr (std::is_same_v<T, Realm>) {
        return realms;
    } else if constexpr (std::is_same_v<T, Module>) {
        return modules;
    } else if constexpr (std::is_same_v<T, ArbiterLink>) {
        return arbiters;
    } else if constexpr (std::is_same_v<T, SchedulerLink>) {
        return schedulers;
    } else if constexpr (std::is_same_v<T, PollerLink>) {
        return pollers;
    } else if constexpr (std::is_same_v<T, ReactionnerLink>) {
        return reactionners;
    } else if constexpr (std::is_same_v<T, BrokerLink>) {
        return brokers;
    } else if constexpr (std::is_same_v<T, ReceiverLink>) {
        return receivers;
    } else if constexpr (std::is_same_v<T, TimePeriod>) {
        return timeperiods;
    } else if constexpr (std::is_same_v<T, Command>) {
        return commands;
    } else if constexpr (std::is_same_v<T, NotificationWay>) {
        return notificationways;
    } else if constexpr (std::is_same_v<T, Contact>) {
        return contacts;
    } else if constexpr (std::is_same_v<T, ContactGroup>) {
        return contactgroups;
    } else if constexpr (std::is_same_v<T, Host>) {
        return hosts;
    } else if constexpr (std::is_same_v<T, HostGroup>) {
        return hostgroups;
    } else if constexpr (std::is_same_v<T, Service>) {
        return services;
    } else if constexpr (std::is_same_v<T, ServiceGroup>) {
        return servicegroups;
    } else if constexpr (std::is_same_v<T, HostDependency>) {
        return hostdependencies;
    } else if constexpr (std::is_same_v<T, ServiceDependency>) {
        return servicedependencies;
    } else if constexpr (std::is_same_v<T, Escalation>) {
        return escalations;
    } else if constexpr (std::is_same_v<T, HostEscalation>) {
        return hostescalations;
    } else {
        static_assert(std::is_same_v<T, ServiceEscalation>, "not an object type");
        return serviceescalations;
    }
}

}  // namespace yagura::model
