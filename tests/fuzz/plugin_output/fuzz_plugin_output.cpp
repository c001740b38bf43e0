// Fuzzes what plugins print (output, long output, perfdata, thresholds) and the command line
// splitter: nothing may crash, hang or break the parsers' promises below.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include <yagura/exec/command_line.hpp>
#include <yagura/exec/perfdata.hpp>
#include <yagura/exec/plugin_output.hpp>

namespace {

void require(bool condition) {
    if (!condition) {
        std::abort();
    }
}

void check_plugin_output(std::string_view text) {
    auto parsed = yagura::exec::parse_plugin_output(text);
    require(parsed.output.find('\n') == std::string::npos);
    require(parsed.perf_data.find('\n') == std::string::npos);
    require(parsed.output.size() + parsed.long_output.size() + parsed.perf_data.size() <=
            text.size() + 2);
    auto data = yagura::exec::parse_perf_data(parsed.perf_data);
    for (const auto& metric : data.metrics) {
        require(!metric.label.empty());
        if (metric.warn && metric.warn->parsed) {
            require(metric.warn->low <= metric.warn->high);
        }
    }
    require(data.notes.size() <= 32);
}

void check_command_line(std::string_view text) {
    std::string words;
    auto split = yagura::exec::split_command_line(text, words);
    if (split.mode == yagura::exec::LineMode::direct) {
        require(split.word_count > 0);
        std::size_t nuls = 0;
        for (char c : words) {
            nuls += c == '\0' ? 1 : 0;
        }
        require(nuls == split.word_count);
    } else {
        require(!split.reason.empty());
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    check_plugin_output(text);
    yagura::exec::parse_perf_data(text);
    yagura::exec::parse_perf_range(text.substr(0, 64));
    auto prefix = yagura::exec::utf8_complete_prefix(text);
    require(prefix.size() <= text.size() && prefix.size() + 3 >= text.size());
    check_command_line(text);
    return 0;
}
