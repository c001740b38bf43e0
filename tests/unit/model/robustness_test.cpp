// Outside input never crashes the model: random and mutated timeperiod lines, attribute values
// and JSON documents get an answer (accepted or an error), bounded in count.

#include <random>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <yagura/model/json.hpp>

namespace yagura::model {
namespace {

std::string mutate(std::string text, std::mt19937& rng) {
    static constexpr char kAlphabet[] = "0123456789:-/, abcdefghijklmnopqrstuvwxyz\t$!{}[]\"\\";
    std::uniform_int_distribution<int> op(0, 3);
    std::uniform_int_distribution<std::size_t> ch(0, sizeof kAlphabet - 2);
    int edits = 1 + static_cast<int>(rng() % 4);
    for (int e = 0; e < edits; ++e) {
        std::size_t at = text.empty() ? 0 : rng() % (text.size() + 1);
        switch (op(rng)) {
            case 0:
                text.insert(at, 1, kAlphabet[ch(rng)]);
                break;
            case 1:
                if (at < text.size())
                    text.erase(at, 1);
                break;
            case 2:
                if (at < text.size())
                    text[at] = kAlphabet[ch(rng)];
                break;
            default:
                text.insert(at, text.substr(0, at));
                break;
        }
    }
    return text;
}

TEST(Robustness, TimeperiodLines) {
    const std::vector<std::string> seeds = {"monday 09:00-17:00",
                                            "day 1 - 15 00:00-24:00",
                                            "2024-01-01 - 2024-02-01 / 3 00:00-24:00",
                                            "tuesday -1 november 00:00-24:00",
                                            "monday 1 - thursday 3 / 2 00:00-09:00,17:00-24:00",
                                            "february 10 - march 5 / 2 10:00-11:00"};
    std::mt19937 rng(12345);
    int accepted = 0;
    for (int i = 0; i < 20000; ++i) {
        TimePeriodRules rules;
        std::string line = mutate(seeds[static_cast<std::size_t>(i) % seeds.size()], rng);
        accepted += parse_timeperiod_line(line, rules).empty() ? 1 : 0;
    }
    EXPECT_GT(accepted, 0);
    EXPECT_LT(accepted, 20000);
}

TEST(Robustness, AttributeValues) {
    StringPool pool;
    std::mt19937 rng(777);
    const auto& fields = type_info<Service>().fields;
    for (int i = 0; i < 20000; ++i) {
        Service s = make<Service>(pool);
        const auto& f = fields[static_cast<std::size_t>(i) % fields.size()];
        (void)set_attribute(s, f.name, mutate("w,u,c 12 0.5 HARD", rng), pool);
    }
    SUCCEED();
}

TEST(Robustness, JsonDocuments) {
    Config cfg;
    Service s = cfg.make<Service>();
    ASSERT_TRUE(set_attribute(s, "host_name", "h", cfg.pool).ok());
    ASSERT_TRUE(set_attribute(s, "service_description", "d", cfg.pool).ok());
    cfg.services.insert(std::move(s));
    const std::string seed = config_to_json(cfg, JsonView::all).dump();
    std::mt19937 rng(4242);
    int parsed = 0;
    for (int i = 0; i < 3000; ++i) {
        auto doc = nlohmann::json::parse(mutate(seed, rng), nullptr, false);
        if (doc.is_discarded()) {
            continue;
        }
        ++parsed;
        (void)config_from_json(doc, JsonView::all);
    }
    EXPECT_GT(parsed, 0);
}

}  // namespace
}  // namespace yagura::model
