#include <string>
#include <vector>

#include <gtest/gtest.h>

#include <yagura/model/string_pool.hpp>

namespace yagura::model {
namespace {

TEST(StringPool, InternsEachStringOnce) {
    StringPool pool;
    Symbol a = pool.intern("web-01");
    Symbol b = pool.intern(std::string("web-") + "01");
    Symbol c = pool.intern("web-02");
    EXPECT_EQ(a, b);
    EXPECT_NE(a, c);
    EXPECT_EQ(pool.str(a), "web-01");
    EXPECT_EQ(pool.str(c), "web-02");
}

TEST(StringPool, EmptyStringIsSymbolZero) {
    StringPool pool;
    EXPECT_EQ(pool.intern(""), Symbol{});
    EXPECT_EQ(pool.str(Symbol{}), "");
    EXPECT_TRUE(pool.intern("").empty());
}

TEST(StringPool, FindDoesNotInsert) {
    StringPool pool;
    EXPECT_FALSE(pool.find("absent"));
    std::size_t before = pool.symbol_count();
    EXPECT_FALSE(pool.find("absent"));
    EXPECT_EQ(pool.symbol_count(), before);
    Symbol s = pool.intern("present");
    EXPECT_EQ(pool.find("present"), s);
}

TEST(StringPool, ViewsStayValidWhilePoolGrows) {
    StringPool pool;
    std::string_view first = pool.str(pool.intern("first"));
    for (int i = 0; i < 100000; ++i) {
        pool.intern("name-" + std::to_string(i));
    }
    EXPECT_EQ(first, "first");
    EXPECT_EQ(pool.str(*pool.find("name-99999")), "name-99999");
    EXPECT_EQ(pool.symbol_count(), 100002u);  // "", "first" and the 100000 names
}

TEST(StringPool, InternsListsByContent) {
    StringPool pool;
    std::vector<std::uint32_t> a{1, 2, 3};
    std::vector<std::uint32_t> b{1, 2, 3};
    std::vector<std::uint32_t> c{3, 2, 1};
    ListId la = pool.intern_list(a);
    EXPECT_EQ(la, pool.intern_list(b));
    EXPECT_NE(la, pool.intern_list(c));
    EXPECT_EQ(std::vector<std::uint32_t>(pool.list(la).begin(), pool.list(la).end()), a);
    EXPECT_EQ(pool.intern_list({}), ListId{});
    EXPECT_TRUE(pool.list(ListId{}).empty());
}

TEST(StringPool, SymbolListsReadBackAsSymbols) {
    StringPool pool;
    std::vector<Symbol> names{pool.intern("admins"), pool.intern("ops")};
    ListId list = pool.intern_symbols(names);
    std::vector<std::string_view> read;
    for (Symbol s : pool.symbols(list)) {
        read.push_back(pool.str(s));
    }
    EXPECT_EQ(read, (std::vector<std::string_view>{"admins", "ops"}));
}

TEST(StringPool, MovedPoolKeepsItsContent) {
    StringPool pool;
    Symbol s = pool.intern("kept");
    StringPool moved = std::move(pool);
    EXPECT_EQ(moved.str(s), "kept");
    EXPECT_GT(moved.memory_bytes(), 0u);
}

}  // namespace
}  // namespace yagura::model
