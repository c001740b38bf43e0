#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <yagura/model/config.hpp>

// Builds small linked shards for engine tests: objects from attribute text as in `define`
// blocks, then every `links` member filled the way the config linker does. (When the config
// module's loader lands, tests of whole files use it; this keeps engine tests independent.)
namespace yagura::engine::test {

using Attributes = std::initializer_list<std::pair<std::string_view, std::string_view>>;

class ShardBuilder {
public:
    ShardBuilder();

    // Commonly needed: a 24x7 period, check_ok/check_fail commands, a notify command.
    ShardBuilder& with_basics();

    ShardBuilder& command(std::string_view name, std::string_view line, Attributes more = {});
    ShardBuilder& timeperiod(std::string_view name, std::initializer_list<std::string_view> rules);
    ShardBuilder& contact(std::string_view name, Attributes attrs = {});
    ShardBuilder& contactgroup(std::string_view name, std::string_view members);
    ShardBuilder& notificationway(std::string_view name, Attributes attrs);
    ShardBuilder& host(std::string_view name, Attributes attrs = {});
    ShardBuilder& service(std::string_view host, std::string_view description,
                          Attributes attrs = {});
    ShardBuilder& hostgroup(std::string_view name, std::string_view members);
    ShardBuilder& servicegroup(std::string_view name, std::string_view members);
    ShardBuilder& hostdependency(Attributes attrs);
    ShardBuilder& servicedependency(Attributes attrs);
    ShardBuilder& escalation(std::string_view name, Attributes attrs);
    ShardBuilder& global(std::string_view key, std::string_view value);

    model::Config& config() { return cfg_; }
    // Links everything and hands the shard over.
    model::Config build();

private:
    model::Config cfg_;
};

}  // namespace yagura::engine::test
