#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include <yagura/model/docs.hpp>
#include <yagura/model/schema.hpp>

namespace yagura::model {
namespace {

TEST(Docs, CommittedReferenceIsUpToDate) {
    std::ifstream file(YAGURA_SOURCE_DIR "/docs/objects.md");
    ASSERT_TRUE(file) << "docs/objects.md is missing";
    std::stringstream committed;
    committed << file.rdbuf();
    EXPECT_TRUE(committed.str() == objects_reference_markdown())
        << "docs/objects.md is out of date: run build/dev/src/model/yagura-model-docs > "
           "docs/objects.md";
}

TEST(Docs, EveryAttributeOfEveryTypeIsListed) {
    const std::string doc = objects_reference_markdown();
    for_each_object_type([&](auto type) {
        using T = typename decltype(type)::type;
        EXPECT_NE(doc.find("## " + std::string(type_info<T>().name) + "\n"), std::string::npos);
        for (const auto& f : type_info<T>().fields) {
            EXPECT_NE(doc.find("| `" + std::string(f.name) + "` |"), std::string::npos) << f.name;
        }
    });
    EXPECT_NE(doc.find("| `interval_length` | integer | `60` |"), std::string::npos);
    EXPECT_NE(doc.find("`$HOSTADDRESS$`"), std::string::npos);
}

}  // namespace
}  // namespace yagura::model
