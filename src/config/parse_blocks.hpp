#pragma once

// Builds objects from the lexer's blocks: `define host { ... }` becomes a model::Host in the
// host stage, each `key value` line set through the model's field declarations. `+value`
// and `null` are noted beside the object for the inheritance stage. Settings outside blocks
// go to a SettingSink (the main file's globals, includes, resource macros).

#include <cstdint>
#include <memory>
#include <string_view>

#include <yagura/model/config.hpp>

#include "lexer.hpp"
#include "report.hpp"
#include "staging.hpp"

namespace yagura::config::detail {

// The host of a service_dependencies pair written empty ("host,svc,,svc2"): the service's
// own. Not a possible host name ('!' is refused in names).
inline constexpr std::string_view kSameHost = "!same-host";

class SettingSink {
public:
    virtual ~SettingSink() = default;
    virtual void setting(model::SourceLocation where, std::string_view key,
                         std::string_view value) = 0;
};

class BlockParser final : public LexSink {
public:
    BlockParser(model::Config& config, Stages& stages, Report& report, SettingSink& settings);
    ~BlockParser() override;

    // The file the next lex() call reads (its name as shown in messages).
    void set_file(model::Symbol file) { file_ = file; }

    void setting(std::uint32_t line, std::string_view key, std::string_view value) override;
    void begin(std::uint32_t line, std::string_view type) override;
    void attribute(std::uint32_t line, std::string_view key, std::string_view value) override;
    void end(std::uint32_t line) override;
    void problem(std::uint32_t line, std::string message) override;

    class Builder;

private:
    model::Config& config_;
    Stages& stages_;
    Report& report_;
    SettingSink& settings_;
    model::Symbol file_;
    Builder* current_ = nullptr;  // the block being read, or null (skipped or none)
    std::unique_ptr<Builder> builders_[32];
    std::unique_ptr<Builder> extinfo_builder_;
};

// The `define` type names that are Shinken-only features yagura does not implement: their
// blocks are skipped with a warning.
bool is_unsupported_shinken_type(std::string_view type);

}  // namespace yagura::config::detail
