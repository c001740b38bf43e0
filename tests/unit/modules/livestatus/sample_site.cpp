#include "sample_site.hpp"

#include <gtest/gtest.h>

namespace yagura::test {

std::string SampleSite::body(const std::string& request) {
    auto response = ask(request);
    EXPECT_EQ(response.status, 200) << request << "\n-> " << response.body;
    return response.body;
}

json SampleSite::rows(std::string request) {
    if (request.find("OutputFormat:") == std::string::npos) {
        request += "\nOutputFormat: json";
    }
    auto text = body(request);
    auto parsed = json::parse(text, nullptr, false);
    EXPECT_FALSE(parsed.is_discarded()) << text;
    return parsed;
}

}  // namespace yagura::test
