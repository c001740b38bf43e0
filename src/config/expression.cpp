#include "expression.hpp"

#include <algorithm>
#include <iterator>

namespace yagura::config::detail {

HostSet set_union(const HostSet& a, const HostSet& b) {
    HostSet out;
    std::set_union(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(out));
    return out;
}

HostSet set_intersection(const HostSet& a, const HostSet& b) {
    HostSet out;
    std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(out));
    return out;
}

HostSet set_difference(const HostSet& a, const HostSet& b) {
    HostSet out;
    std::set_difference(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(out));
    return out;
}

bool is_expression(std::string_view text) {
    return text.find_first_of("()&|!*+") != std::string_view::npos;
}

namespace {

constexpr int kMaxNesting = 64;

struct Term {
    bool negated = false;
    bool empty = true;  // nothing written (a trailing comma)
    HostSet hosts;
};

class Parser {
public:
    Parser(std::string_view text, std::size_t host_count, const NameResolver& resolve,
           ExpressionResult& result)
        : text_(text), host_count_(host_count), resolve_(resolve), result_(result) {}

    HostSet run() {
        Term t = parse_or(0);
        skip_blanks();
        if (pos_ < text_.size()) {
            fail("unexpected " + std::string(1, text_[pos_]) + " at position " +
                 std::to_string(pos_ + 1));
        }
        if (t.empty) {
            return {};
        }
        return t.negated ? set_difference(all(), t.hosts) : std::move(t.hosts);
    }

private:
    void skip_blanks() {
        while (pos_ < text_.size() && (text_[pos_] == ' ' || text_[pos_] == '\t')) {
            ++pos_;
        }
    }
    bool take(std::string_view chars) {
        skip_blanks();
        if (pos_ < text_.size() && chars.find(text_[pos_]) != std::string_view::npos) {
            ++pos_;
            return true;
        }
        return false;
    }
    void fail(std::string message) { result_.errors.push_back(std::move(message)); }

    HostSet all() const {
        HostSet out(host_count_);
        for (std::size_t i = 0; i < host_count_; ++i) {
            out[i] = static_cast<model::Index>(i);
        }
        return out;
    }

    // Positive terms combined by `op`, then the negated ones taken away.
    Term combine(std::vector<Term>& terms, bool conjunction) {
        Term out;
        bool have_positive = false;
        HostSet removed;
        for (Term& t : terms) {
            if (t.empty) {
                continue;
            }
            out.empty = false;
            if (t.negated) {
                removed = set_union(removed, t.hosts);
            } else if (!have_positive) {
                out.hosts = std::move(t.hosts);
                have_positive = true;
            } else {
                out.hosts = conjunction ? set_intersection(out.hosts, t.hosts)
                                        : set_union(out.hosts, t.hosts);
            }
        }
        if (!have_positive) {
            out.hosts = all();
        }
        out.hosts = set_difference(out.hosts, removed);
        return out;
    }

    Term parse_or(int depth) {
        std::vector<Term> terms;
        bool any_conjunction = false;
        terms.push_back(parse_and(depth, any_conjunction));
        while (take("|,")) {
            terms.push_back(parse_and(depth, any_conjunction));
        }
        if (terms.size() == 1) {
            return std::move(terms.front());
        }
        result_.mixes_operators = result_.mixes_operators || any_conjunction;
        return combine(terms, false);
    }

    Term parse_and(int depth, bool& combined) {
        std::vector<Term> terms;
        terms.push_back(parse_unary(depth));
        while (take("&+")) {
            terms.push_back(parse_unary(depth));
        }
        if (terms.size() == 1) {
            return std::move(terms.front());
        }
        combined = true;
        return combine(terms, true);
    }

    Term parse_unary(int depth) {
        if (depth > kMaxNesting) {
            fail("nested more than " + std::to_string(kMaxNesting) + " levels deep");
            pos_ = text_.size();
            return {};
        }
        if (take("!")) {
            Term t = parse_unary(depth + 1);
            t.negated = !t.negated;
            return t;
        }
        if (take("(")) {
            Term inner = parse_or(depth + 1);
            if (!take(")")) {
                fail("missing ')'");
            }
            if (inner.negated && !inner.empty) {
                inner.hosts = set_difference(all(), inner.hosts);
                inner.negated = false;
            }
            return inner;
        }
        return parse_name();
    }

    Term parse_name() {
        skip_blanks();
        std::size_t start = pos_;
        while (pos_ < text_.size() &&
               std::string_view("()&|,+!").find(text_[pos_]) == std::string_view::npos) {
            ++pos_;
        }
        std::string_view name = text_.substr(start, pos_ - start);
        while (!name.empty() && (name.back() == ' ' || name.back() == '\t')) {
            name.remove_suffix(1);
        }
        Term t;
        if (name.empty()) {
            return t;
        }
        t.empty = false;
        if (name == "*") {
            t.hosts = all();
            return t;
        }
        std::string error;
        if (auto hosts = resolve_(name, error)) {
            t.hosts = std::move(*hosts);
        } else {
            fail(std::move(error));
        }
        return t;
    }

    std::string_view text_;
    std::size_t pos_ = 0;
    std::size_t host_count_;
    const NameResolver& resolve_;
    ExpressionResult& result_;
};

}  // namespace

ExpressionResult evaluate_expression(std::string_view text, std::size_t host_count,
                                     const NameResolver& resolve) {
    ExpressionResult result;
    result.hosts = Parser(text, host_count, resolve, result).run();
    return result;
}

}  // namespace yagura::config::detail
