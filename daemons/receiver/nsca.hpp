#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>

// The NSCA protocol as Debian's nsca 2.10 speaks it, so `send_nsca` works unchanged against
// the receiver. On connect the server sends a 132-byte init packet (a random 128-byte IV and
// its time, big endian); the client then sends data packets, each encrypted on its own:
//   int16 version (3), 2 bytes padding, uint32 crc32, uint32 timestamp, int16 return code,
//   char host[64], char service[128], char output[512 or 4096], padding to 4 bytes
// (720 or 4304 bytes), integers big endian, CRC32 over the packet with its crc field zero.
// Encryption 0 sends it as is; 1 XORs every byte with the IV, then with the password
// (each repeated). Other methods (mcrypt ciphers) are not supported.
namespace yagura::receiver::nsca {

inline constexpr std::size_t kIvSize = 128;
inline constexpr std::size_t kInitPacketSize = kIvSize + 4;
inline constexpr std::size_t kOldPacketSize = 720;  // 512-byte output (nsca < 2.9 clients)
inline constexpr std::size_t kPacketSize = 4304;    // 4096-byte output
inline constexpr std::size_t kHostSize = 64;
inline constexpr std::size_t kServiceSize = 128;
inline constexpr std::int16_t kPacketVersion = 3;

struct Settings {
    int encryption_method = 0;  // 0 none, 1 XOR
    std::string password;
    int max_packet_age = 30;  // seconds either way; 0: not checked
};

using Iv = std::array<std::uint8_t, kIvSize>;

// The init packet for `iv` and the server's time.
std::array<std::uint8_t, kInitPacketSize> init_packet(const Iv& iv, std::uint32_t now);

// Undoes (or applies: XOR is its own inverse) the encryption of one packet in place.
void crypt(std::span<std::uint8_t> packet, const Iv& iv, const Settings& settings);

struct Result {
    std::string host_name;
    std::string service_description;  // empty: a host result
    int return_code = 0;
    std::string output;
    std::uint32_t timestamp = 0;
};

struct Decoded {
    std::optional<Result> result;
    std::string error;  // why the packet is dropped
};

// The CRC32 nsca uses (the common one: reflected 0xEDB88320, init and final xor ~0).
std::uint32_t crc32(std::span<const std::uint8_t> data);

// Checks and decodes one decrypted packet of kOldPacketSize or kPacketSize bytes: version,
// CRC, age against `now`, text fields NUL-terminated within their size. Never throws.
Decoded decode(std::span<const std::uint8_t> packet, std::uint32_t now, const Settings& settings);

// Encodes one packet (for tests, the benchmark and `yagura send --nsca`), unencrypted.
std::string encode(const Result& result, std::size_t packet_size = kPacketSize);

}  // namespace yagura::receiver::nsca
