#pragma once

// Reads the main file and everything it includes, and hands each file to the block parser:
//   cfg_file=path       one more file of objects (and settings)
//   cfg_dir=path        every *.cfg below the directory, recursively, symlinks followed (a
//                       directory reached twice is read once), in path order
//   resource_file=path  $NAME$=value macros ($USER1$, ...)
// Relative paths are taken from the directory of the file that names them. Each file is read
// with one read and parsed right away, so only one file's text is held at a time. Settings
// outside define blocks are the main file's globals (model::Globals).

#include <set>
#include <string>
#include <string_view>
#include <utility>

#include <yagura/config/loader.hpp>
#include <yagura/model/config.hpp>

#include "parse_blocks.hpp"
#include "report.hpp"
#include "staging.hpp"

namespace yagura::config::detail {

class SourceReader final : public SettingSink {
public:
    SourceReader(model::Config& config, Stages& stages, Report& report, const LoadOptions& options,
                 LoadStats& stats);

    // Reads and parses the main file.
    void read_main(const std::string& path);
    // Parses text given in memory as the file `path`.
    void parse_text(std::string_view text, const std::string& path);

    void setting(model::SourceLocation where, std::string_view key,
                 std::string_view value) override;

private:
    void include(model::SourceLocation where, std::string_view key, std::string_view value);
    void read_file(const std::string& path, model::SourceLocation named_at);
    void read_dir(const std::string& path, model::SourceLocation named_at);
    std::string resolve(model::SourceLocation where, std::string_view value) const;
    // True the first time a file (by device and inode) is seen.
    bool first_visit(const std::string& path, model::SourceLocation named_at);

    model::Config& config_;
    Report& report_;
    const LoadOptions& options_;
    LoadStats& stats_;
    BlockParser parser_;
    std::set<std::pair<unsigned long, unsigned long>> visited_files_;
    int depth_ = 0;
};

}  // namespace yagura::config::detail
