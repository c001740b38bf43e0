#include <yagura/core/strings.hpp>
#include <yagura/dispatch/shards.hpp>

namespace yagura::dispatch {

namespace {

// One operand of a rule ("!web1,HTTP", "2 of: web1,HTTP") -> the host it names, or "".
std::string_view term_host(std::string_view term) {
    term = core::trim(term);
    if (auto of = term.find("of:"); of != std::string_view::npos) {
        term = core::trim(term.substr(of + 3));  // "2 of: x", "2,1,1 of: x", "50% of: x"
    }
    while (!term.empty() && term.front() == '!') {
        term = core::trim(term.substr(1));
    }
    auto host = core::trim(term.substr(0, term.find(',')));
    if (host.empty() || host.find('*') != std::string_view::npos) {
        return {};
    }
    if (host.size() > 2 && host[1] == ':' && host[0] != 'g') {
        return {};  // r: regular expression, l: label, t: tag - not a set of names we know
    }
    return host;
}

}  // namespace

std::vector<std::string_view> business_rule_hosts(std::string_view expression) {
    std::vector<std::string_view> hosts;
    std::size_t start = 0;
    for (std::size_t i = 0; i <= expression.size(); ++i) {
        bool end = i == expression.size();
        char c = end ? '\0' : expression[i];
        if (end || c == '&' || c == '|' || c == '(' || c == ')') {
            auto host = term_host(expression.substr(start, i - start));
            if (!host.empty()) {
                hosts.push_back(host);
            }
            start = i + 1;
        }
    }
    return hosts;
}

}  // namespace yagura::dispatch
