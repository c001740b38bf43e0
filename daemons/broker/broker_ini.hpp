#pragma once

// What the broker's own ini file may add to its [daemon] section, for a broker run without an
// arbiter (a lab, a test, a broker beside a Nagios-style single scheduler):
//
//   [module livestatus]          ; one section per module: module_type and its parameters
//   module_type = livestatus
//   port = 50000
//
//   [scheduler scheduler-1]      ; one section per scheduler to pull broks from
//   address = 127.0.0.1
//   port = 7768
//
// Once the arbiter sends a configuration, its modules and schedulers replace these.

#include <string>
#include <vector>

#include <yagura/modules/common/module_config.hpp>

#include "broker/scheduler_endpoint.hpp"

namespace yagura::broker {

struct BrokerIni {
    std::vector<modules::ModuleConfig> modules;
    std::vector<SchedulerEndpoint> schedulers;
};

// Reads the [module NAME] and [scheduler NAME] sections of the ini at `path` (other sections
// are left alone). A missing file gives nothing. Throws core::Error(invalid_input) with
// "file:line: message" for a bad value.
BrokerIni load_broker_ini(const std::string& path, bool default_use_ssl);

}  // namespace yagura::broker
