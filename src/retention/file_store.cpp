#include <yagura/retention/file_store.hpp>

#include "file_journal.hpp"

namespace yagura::retention {

FileStore::FileStore(FileSettings settings)
    : journal_(std::make_unique<FileJournal>(std::move(settings))) {}

FileStore::~FileStore() = default;

void FileStore::write(std::span<const Change> changes) {
    journal_->write(changes);
}

LoadResult FileStore::load(std::span<const std::string> keys) {
    return journal_->load(keys);
}

std::string FileStore::describe() const {
    return journal_->describe();
}

void FileStore::compact_now() {
    journal_->compact_now();
}

FileStoreStats FileStore::stats() const {
    return journal_->stats();
}

}  // namespace yagura::retention
