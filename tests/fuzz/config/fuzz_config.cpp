// Fuzzes the configuration loader with arbitrary text as a main file (includes disabled, so
// nothing reaches the file system): it must never crash or hang, and it keeps its promises:
// either a whole configuration or errors and nothing, and a configuration that loads also
// loads back from its JSON form.

#include <cstdint>
#include <cstdlib>
#include <string_view>

#include <nlohmann/json.hpp>

#include <yagura/config/loader.hpp>
#include <yagura/model/json.hpp>

namespace {

void require(bool condition) {
    if (!condition) {
        std::abort();
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    yagura::config::LoadOptions options;
    options.follow_includes = false;
    auto result = yagura::config::load_text(text, "fuzz.cfg", options);
    require(result.ok() == result.errors.empty());
    for (const auto& d : result.errors) {
        require(!d.to_string().empty());
    }
    for (const auto& d : result.warnings) {
        require(!d.to_string().empty());
    }
    if (result.ok() && result.config->services.size() < 2000) {
        auto back = yagura::config::load_from_json(yagura::model::config_to_json(*result.config));
        require(back.ok());
        require(back.config->hosts.size() == result.config->hosts.size());
        require(back.config->services.size() == result.config->services.size());
    }
    return 0;
}
