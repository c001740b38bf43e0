// A stand-in for libFuzzer's main, so fuzz targets build with g++ and run a bounded smoke test
// in `make test`: every corpus file, then --runs=N deterministic mutations of them.
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace {

using Bytes = std::vector<std::uint8_t>;

std::vector<Bytes> load_corpus(int argc, char** argv, long& runs) {
    std::vector<Bytes> corpus;
    for (int i = 1; i < argc; ++i) {
        std::string arg = argv[i];
        if (arg.rfind("--runs=", 0) == 0) {
            runs = std::stol(arg.substr(7));
            continue;
        }
        std::filesystem::path path(arg);
        std::vector<std::filesystem::path> files;
        if (std::filesystem::is_directory(path)) {
            for (const auto& entry : std::filesystem::recursive_directory_iterator(path)) {
                if (entry.is_regular_file()) {
                    files.push_back(entry.path());
                }
            }
        } else if (std::filesystem::exists(path)) {
            files.push_back(path);
        }
        for (const auto& file : files) {
            std::ifstream in(file, std::ios::binary);
            corpus.emplace_back(std::istreambuf_iterator<char>(in),
                                std::istreambuf_iterator<char>());
        }
    }
    if (corpus.empty()) {
        corpus.push_back({});
    }
    return corpus;
}

Bytes mutate(const Bytes& base, const std::vector<Bytes>& corpus, std::mt19937& rng) {
    Bytes out = base;
    int edits = 1 + static_cast<int>(rng() % 8);
    for (int e = 0; e < edits; ++e) {
        switch (rng() % 6) {
            case 0:  // flip a byte
                if (!out.empty()) {
                    out[rng() % out.size()] ^= static_cast<std::uint8_t>(1U << (rng() % 8));
                }
                break;
            case 1:  // random byte
                if (!out.empty()) {
                    out[rng() % out.size()] = static_cast<std::uint8_t>(rng());
                }
                break;
            case 2:  // insert an interesting byte
            {
                static const char interesting[] = "\n\r\t ;#{}=|!&()*$\\:,-+0123456789";
                auto pos = out.empty() ? 0 : rng() % (out.size() + 1);
                out.insert(
                    out.begin() + static_cast<long>(pos),
                    static_cast<std::uint8_t>(interesting[rng() % (sizeof(interesting) - 1)]));
                break;
            }
            case 3:  // delete a range
                if (!out.empty()) {
                    auto pos = rng() % out.size();
                    auto len = 1 + rng() % std::min<std::size_t>(16, out.size() - pos);
                    out.erase(out.begin() + static_cast<long>(pos),
                              out.begin() + static_cast<long>(pos + len));
                }
                break;
            case 4:  // splice in part of another input
            {
                const auto& other = corpus[rng() % corpus.size()];
                if (!other.empty()) {
                    auto from = rng() % other.size();
                    auto len = 1 + rng() % std::min<std::size_t>(64, other.size() - from);
                    auto pos = out.empty() ? 0 : rng() % (out.size() + 1);
                    out.insert(out.begin() + static_cast<long>(pos),
                               other.begin() + static_cast<long>(from),
                               other.begin() + static_cast<long>(from + len));
                }
                break;
            }
            default:  // duplicate a range
                if (!out.empty() && out.size() < 1 << 16) {
                    auto pos = rng() % out.size();
                    auto len = 1 + rng() % std::min<std::size_t>(32, out.size() - pos);
                    Bytes piece(out.begin() + static_cast<long>(pos),
                                out.begin() + static_cast<long>(pos + len));
                    out.insert(out.begin() + static_cast<long>(pos), piece.begin(), piece.end());
                }
                break;
        }
    }
    return out;
}

}  // namespace

int main(int argc, char** argv) {
    long runs = 10000;
    auto corpus = load_corpus(argc, argv, runs);
    for (const auto& input : corpus) {
        LLVMFuzzerTestOneInput(input.data(), input.size());
    }
    std::mt19937 rng(12345);
    for (long i = 0; i < runs; ++i) {
        auto input = mutate(corpus[rng() % corpus.size()], corpus, rng);
        LLVMFuzzerTestOneInput(input.data(), input.size());
    }
    std::printf("standalone fuzz driver: %zu corpus inputs, %ld mutations, no crash\n",
                corpus.size(), runs);
    return 0;
}
