#pragma once

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <yagura/retention/file_store.hpp>
#include <yagura/retention/redis_store.hpp>
#include <yagura/retention/writer.hpp>

namespace yagura::retention {

enum class StoreKind { redis, file };

// What a scheduler's retention module says:
//   define module {
//       module_name     redis-retention
//       module_type     retention-redis     (or Shinken's redis_retention; retention-file)
//       server 127.0.0.1  port 6379  password s3cret  db 0  key_prefix yagura
//       flush_interval  1                    (seconds)
//       path            /var/lib/yagura/retention   (retention-file only)
//   }
struct ModuleSettings {
    std::string module_name;
    StoreKind kind = StoreKind::redis;
    RedisSettings redis;
    FileSettings file;
    WriterSettings writer;
    // Parameters understood but not acted on (Shinken's expire_time) or not known at all.
    std::vector<std::string> warnings;
};

using ModuleParameters = std::vector<std::pair<std::string, std::string>>;

// Throws core::Error(invalid_input) naming the module and the parameter for a bad value,
// an unknown module_type or a retention-file module without a path.
ModuleSettings parse_module_settings(const ModuleParameters& parameters);

std::shared_ptr<Store> make_store(const ModuleSettings& settings);

}  // namespace yagura::retention
