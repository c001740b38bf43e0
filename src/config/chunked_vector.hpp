#pragma once

// Storage for the objects parsed before they are resolved: appended in chunks that never
// move, and handed back to the system chunk by chunk as the objects are moved into the
// final tables. A million services are built once, resolved in place and then moved into
// their table while the staging memory shrinks behind them, so the peak stays near one copy
// (a growing std::vector would hold two copies while it reallocates, and glibc keeps freed
// mid-sized blocks in the heap). Chunks are mapped directly and unmapped when released.

#include <algorithm>
#include <cstddef>
#include <new>
#include <sys/mman.h>
#include <utility>
#include <vector>

#include <yagura/model/symbol.hpp>

namespace yagura::config::detail {

template <class T>
class ChunkedVector {
public:
    static constexpr std::size_t kChunkBytes = std::size_t{8} << 20;
    static constexpr std::size_t kPerChunk = kChunkBytes / sizeof(T) > 0 ? kChunkBytes / sizeof(T)
                                                                         : 1;

    ChunkedVector() = default;
    ChunkedVector(const ChunkedVector&) = delete;
    ChunkedVector& operator=(const ChunkedVector&) = delete;
    ~ChunkedVector() {
        for (std::size_t c = 0; c < chunks_.size(); ++c) {
            release_chunk(c);
        }
    }

    std::size_t size() const { return size_; }
    bool empty() const { return size_ == 0; }

    T& operator[](std::size_t i) { return chunks_[i / kPerChunk][i % kPerChunk]; }
    const T& operator[](std::size_t i) const { return chunks_[i / kPerChunk][i % kPerChunk]; }

    model::Index push_back(T&& value) {
        if (size_ % kPerChunk == 0) {
            void* memory = ::mmap(nullptr, kPerChunk * sizeof(T), PROT_READ | PROT_WRITE,
                                  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
            if (memory == MAP_FAILED) {
                throw std::bad_alloc();
            }
            chunks_.push_back(static_cast<T*>(memory));
        }
        new (&(*this)[size_]) T(std::move(value));
        return static_cast<model::Index>(size_++);
    }

    // Destroys the objects of the chunk holding index i and unmaps it: every object before
    // the next chunk must be dead to the caller from now on.
    void release_chunk_of(std::size_t i) { release_chunk(i / kPerChunk); }
    // True when i is the last index of its chunk (or of the vector).
    bool ends_chunk(std::size_t i) const { return (i + 1) % kPerChunk == 0 || i + 1 == size_; }

private:
    void release_chunk(std::size_t c) {
        T* chunk = chunks_[c];
        if (chunk == nullptr) {
            return;
        }
        std::size_t first = c * kPerChunk;
        std::size_t count = std::min(kPerChunk, size_ - first);
        for (std::size_t i = 0; i < count; ++i) {
            chunk[i].~T();
        }
        ::munmap(chunk, kPerChunk * sizeof(T));
        chunks_[c] = nullptr;
    }

    std::vector<T*> chunks_;
    std::size_t size_ = 0;
};

}  // namespace yagura::config::detail
