#pragma once

#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <utility>

// Small runtime holders that keep hosts and services compact: a million services each carry
// several plugin-output strings and an acknowledgement that most never use.
namespace yagura::model {

// An immutable-size text in one heap block, 8 bytes in the object (std::string takes 32).
// Plugin output is nearly always longer than std::string's small buffer, so nothing is lost.
// Reads as a std::string_view; assign any string.
class CompactString {
public:
    CompactString() = default;
    CompactString(std::string_view text) { assign(text); }  // NOLINT: implicit by design
    CompactString(const char* text) : CompactString(std::string_view(text)) {}
    CompactString(const CompactString& other) { assign(other.view()); }
    CompactString(CompactString&& other) noexcept : p_(std::exchange(other.p_, nullptr)) {}
    CompactString& operator=(const CompactString& other) {
        if (this != &other) {
            assign(other.view());
        }
        return *this;
    }
    CompactString& operator=(CompactString&& other) noexcept {
        std::swap(p_, other.p_);
        return *this;
    }
    CompactString& operator=(std::string_view text) {
        assign(text);
        return *this;
    }
    CompactString& operator=(const char* text) { return *this = std::string_view(text); }
    CompactString& operator=(const std::string& text) { return *this = std::string_view(text); }
    ~CompactString() { delete[] p_; }

    std::string_view view() const {
        if (p_ == nullptr) {
            return {};
        }
        std::uint32_t size = 0;
        std::memcpy(&size, p_, sizeof size);
        return {p_ + sizeof size, size};
    }
    operator std::string_view() const { return view(); }  // NOLINT: implicit by design
    std::string str() const { return std::string(view()); }
    bool empty() const { return p_ == nullptr; }
    std::size_t size() const { return view().size(); }
    void clear() { assign({}); }
    // Heap bytes held, for memory accounting.
    std::size_t heap_bytes() const {
        return p_ == nullptr ? 0 : sizeof(std::uint32_t) + size() + 1;
    }

    friend bool operator==(const CompactString& a, const CompactString& b) {
        return a.view() == b.view();
    }
    friend bool operator==(const CompactString& a, std::string_view b) { return a.view() == b; }

private:
    void assign(std::string_view text) {
        char* fresh = nullptr;
        if (!text.empty()) {
            const auto size = static_cast<std::uint32_t>(text.size());
            fresh = new char[sizeof size + text.size() + 1];
            std::memcpy(fresh, &size, sizeof size);
            std::memcpy(fresh + sizeof size, text.data(), text.size());
            fresh[sizeof size + text.size()] = '\0';
        }
        delete[] p_;
        p_ = fresh;
    }

    char* p_ = nullptr;  // [uint32 size][characters]['\0'], or null when empty
};

// An optional value kept on the heap: 8 bytes when absent. Copies copy the value.
template <class T>
class HeapOptional {
public:
    HeapOptional() = default;
    HeapOptional(const T& value) : p_(std::make_unique<T>(value)) {}  // NOLINT: implicit
    HeapOptional(const HeapOptional& other) : p_(other ? std::make_unique<T>(*other) : nullptr) {}
    HeapOptional(HeapOptional&&) noexcept = default;
    HeapOptional& operator=(const HeapOptional& other) {
        if (this != &other) {
            p_ = other ? std::make_unique<T>(*other) : nullptr;
        }
        return *this;
    }
    HeapOptional& operator=(HeapOptional&&) noexcept = default;
    HeapOptional& operator=(const T& value) {
        p_ = std::make_unique<T>(value);
        return *this;
    }

    explicit operator bool() const { return p_ != nullptr; }
    bool has_value() const { return p_ != nullptr; }
    T& operator*() { return *p_; }
    const T& operator*() const { return *p_; }
    T* operator->() { return p_.get(); }
    const T* operator->() const { return p_.get(); }
    T& emplace() {
        p_ = std::make_unique<T>();
        return *p_;
    }
    void reset() { p_.reset(); }

    friend bool operator==(const HeapOptional& a, const HeapOptional& b) {
        return a.has_value() == b.has_value() && (!a || *a == *b);
    }

private:
    std::unique_ptr<T> p_;
};

}  // namespace yagura::model
