#include <boost/asio/io_context.hpp>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <yagura/core/error.hpp>
#include <yagura/modules/common/brok.hpp>
#include <yagura/modules/common/module.hpp>
#include <yagura/modules/common/module_config.hpp>

namespace yagura::modules {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Pair;

std::string error_of(const std::function<void()>& f) {
    try {
        f();
    } catch (const core::Error& e) {
        return e.what();
    }
    return "(no error)";
}

TEST(ModuleConfig, ReadsTheModelJsonOfADefineModuleBlock) {
    auto config = module_config_from_json(nlohmann::json::parse(R"({
        "module_name": "Graphite", "module_type": "graphite_perfdata",
        "parameters": {"host": "carbon.example", "port": "2004"},
        "modules": ["sub"], "imported_from": "etc/modules/graphite.cfg:3"})"));
    EXPECT_EQ(config.name, "Graphite");
    EXPECT_EQ(config.type, "graphite_perfdata");
    EXPECT_THAT(config.parameters,
                ElementsAre(Pair("host", "carbon.example"), Pair("port", "2004")));
    EXPECT_EQ(config.parameter("port"), "2004");
    EXPECT_EQ(config.parameter("nothing"), std::nullopt);
}

TEST(ModuleConfig, TakesFlatMembersAndScalarsAsParameters) {
    auto config = module_config_from_json({{"module_name", "log"},
                                           {"module_type", "logfile"},
                                           {"path", "/x"},
                                           {"rotate", true},
                                           {"max", 3}});
    EXPECT_EQ(config.parameter("path"), "/x");
    EXPECT_EQ(config.parameter("rotate"), "1");
    EXPECT_EQ(config.parameter("max"), "3");
}

TEST(ModuleConfig, RefusesWhatIsNotAModuleNamingTheFault) {
    EXPECT_THAT(error_of([] {
                    module_config_from_json({{"module_type", "graphite"}});
                }),
                HasSubstr("'module_name' is missing"));
    EXPECT_THAT(error_of([] {
                    module_config_from_json({{"module_name", "g"}});
                }),
                HasSubstr("'module_type' is missing"));
    EXPECT_THAT(error_of([] {
                    module_config_from_json({{"module_name", "g"},
                                             {"module_type", "graphite"},
                                             {"parameters", {{"port", {1, 2}}}}});
                }),
                HasSubstr("module 'g': parameter 'port' must be a string"));
    EXPECT_THAT(error_of([] {
                    module_configs_from_json({{"module_name", "x"}});
                }),
                HasSubstr("must be a JSON array"));
    EXPECT_THAT(error_of([] { module_configs_from_json(nlohmann::json::array({1})); }),
                HasSubstr("must be a JSON object"));
}

TEST(ModuleConfig, RoundTripsThroughJson) {
    ModuleConfig config{"live", "livestatus", {{"port", "50001"}, {"socket", "/run/live"}}};
    EXPECT_EQ(module_config_from_json(to_json(config)), config);
}

TEST(ModuleParameters, ReadsTypedValuesAndDefaults) {
    ModuleConfig config{"g",
                        "graphite",
                        {{"port", " 2004 "},
                         {"send_min", "yes"},
                         {"timeout", "1.5"},
                         {"buffer", "64M"},
                         {"ratio", "0.25"},
                         {"typo_here", "1"}}};
    ModuleParameters p(config);
    EXPECT_EQ(p.port("port", 2003), 2004);
    EXPECT_EQ(p.text("host", "localhost"), "localhost");
    EXPECT_TRUE(p.boolean("send_min", false));
    EXPECT_EQ(p.seconds("timeout", std::chrono::seconds(3)), std::chrono::milliseconds(1500));
    EXPECT_EQ(p.bytes("buffer", 0), 64u << 20);
    EXPECT_DOUBLE_EQ(p.number("ratio", 1, 0, 1), 0.25);
    EXPECT_EQ(p.integer("retries", 5, 0, 10), 5);
    EXPECT_THAT(p.unused(), ElementsAre("typo_here"));
}

TEST(ModuleParameters, BadValuesNameTheModuleTheParameterAndWhatWasExpected) {
    ModuleConfig config{"graphite-1",
                        "graphite",
                        {{"port", "70000"}, {"flag", "maybe"}, {"size", "12Q"}, {"n", "-1"}}};
    ModuleParameters p(config);
    EXPECT_EQ(error_of([&] { p.port("port", 1); }),
              "module 'graphite-1': port: '70000' is not a port (1-65535)");
    EXPECT_THAT(error_of([&] { p.boolean("flag", false); }), HasSubstr("flag: 'maybe'"));
    EXPECT_THAT(error_of([&] { p.bytes("size", 0); }), HasSubstr("size: '12Q'"));
    EXPECT_THAT(error_of([&] { p.integer("n", 0, 0, 9); }),
                HasSubstr("n: '-1' is not an integer from 0 to 9"));
}

class NamedModule : public Module {
public:
    explicit NamedModule(std::string label) : name(std::move(label)) {}
    void start() override {}
    void handle(const Brok&) override {}
    std::string name;
};

TEST(ModuleRegistry, BuildsRegisteredTypesByNameOrAlias) {
    ModuleRegistry registry;
    registry.add("graphite",
                 [](const ModuleConfig& c, const ModuleContext&) {
                     return std::make_unique<NamedModule>("graphite:" + c.name);
                 },
                 {"graphite_perfdata"});
    boost::asio::io_context io;
    core::SystemClock clock;
    ModuleContext context{io, clock, "/tmp", "broker"};
    auto module = registry.make({"g", "Graphite_Perfdata", {}}, context);
    EXPECT_EQ(dynamic_cast<NamedModule&>(*module).name, "graphite:g");
    EXPECT_EQ(registry.canonical("graphite_perfdata"), "graphite");
    EXPECT_TRUE(registry.knows("GRAPHITE"));
    EXPECT_EQ(error_of([&] {
                  registry.make({"x", "ndodb_mysql", {}}, context);
              }),
              "module 'x': unknown module_type 'ndodb_mysql' (known: graphite)");
    EXPECT_THAT(error_of([&] { registry.add("graphite_perfdata", {}); }),
                HasSubstr("registered twice"));
}

TEST(Brok, ReadsTheEnvelopeAndToleratesItsAbsence) {
    auto brok = Brok::single({{"type", "log"}, {"instance_id", 3}, {"data", {{"log", "x"}}}});
    EXPECT_EQ(brok.type(), "log");
    EXPECT_EQ(brok.instance_id(), 3);
    EXPECT_EQ(brok.data()["log"], "x");
    auto odd = Brok::single({{"type", 7}, {"data", nullptr}});
    EXPECT_EQ(odd.type(), "");
    EXPECT_EQ(odd.instance_id(), 0);
    EXPECT_TRUE(odd.data().is_object());
    EXPECT_TRUE(Brok::single(nlohmann::json::array()).data().empty());
    auto batch = std::make_shared<const nlohmann::json>(
        nlohmann::json::parse(R"([{"type":"a"},{"type":"b"}])"));
    auto broks = broks_of(batch);
    ASSERT_EQ(broks.size(), 2u);
    EXPECT_EQ(broks[1].type(), "b");
    EXPECT_TRUE(broks_of(std::make_shared<const nlohmann::json>(nlohmann::json::object())).empty());
}

}  // namespace
}  // namespace yagura::modules
