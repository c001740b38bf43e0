#pragma once

#include <memory>
#include <string>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

#include <yagura/dispatch/layout.hpp>

namespace yagura::model {
struct Config;
}

namespace yagura::dispatch {

// A hex digest of some bytes (64-bit FNV-1a of the bytes and their length): the flavor of a
// part is the digest of its content, so an unchanged part keeps its flavor across reloads.
std::string digest_hex(std::string_view bytes);

// The content of a part as the scheduler receives it (`part.objects` of POST /put_conf): the
// configuration's JSON form (model/json.hpp, config view) restricted to the part, loadable
// with model::config_from_json or the config module's loader:
// - its hosts and their services;
// - the host and service groups its objects belong to, `members` rewritten to the part's
//   members (a group spans parts; each part carries its own share);
// - the host and service dependencies between its objects (one definition per resolved pair
//   when the configuration is linked);
// - every command, timeperiod, contact, contact group, notification way, escalation, realm and
//   module (they are small and shared, as in Shinken), the globals and the resource macros.
// Templates are not sent: objects arrive with their inherited values.
class PartBuilder {
public:
    // Indexes the configuration once (services per host, group members, dependencies); the
    // configuration must outlive the builder and not change meanwhile.
    explicit PartBuilder(const model::Config& config);
    ~PartBuilder();
    PartBuilder(const PartBuilder&) = delete;
    PartBuilder& operator=(const PartBuilder&) = delete;

    nlohmann::json objects(const Part& part) const;

    struct Built {
        std::string objects_json;  // objects(part) dumped
        std::string flavor;        // digest_hex(objects_json)
    };
    Built build(const Part& part) const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace yagura::dispatch
