#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/steady_timer.hpp>
#include <fmt/format.h>

#include <yagura/core/error.hpp>
#include <yagura/core/logging.hpp>
#include <yagura/daemon/command_file.hpp>
#include <yagura/daemon/command_router.hpp>

namespace yagura::daemon {

namespace asio = boost::asio;

struct CommandFile::Impl : std::enable_shared_from_this<CommandFile::Impl> {
    Impl(asio::io_context& io_context, std::filesystem::path p, CommandRouter& router,
         std::function<double()> clock, std::size_t max)
        : io(io_context),
          path(std::move(p)),
          commands(router),
          now(std::move(clock)),
          max_pending(max),
          pipe(io_context),
          retry(io_context),
          log(core::logger("commands")) {}

    void open();
    void read();
    void take(std::size_t bytes);
    void route();
    void schedule_retry();

    asio::io_context& io;
    std::filesystem::path path;
    CommandRouter& commands;
    std::function<double()> now;
    std::size_t max_pending;
    asio::posix::stream_descriptor pipe;
    asio::steady_timer retry;
    std::shared_ptr<spdlog::logger> log;
    std::array<char, 64 * 1024> buffer{};
    std::string partial;  // the start of a line whose end has not been written yet
    std::vector<std::string> pending;
    bool reading = false;
    bool stopped = false;
    bool retry_armed = false;
    std::uint64_t lines_read = 0;
    std::uint64_t lines_refused = 0;
};

void CommandFile::Impl::open() {
    struct stat st {};
    if (::lstat(path.c_str(), &st) == 0) {
        if (!S_ISFIFO(st.st_mode)) {
            core::throw_error(
                core::ErrorKind::unavailable,
                fmt::format("command_file {} exists and is not a named pipe", path.string()));
        }
    } else {
        std::error_code ec;
        std::filesystem::create_directories(path.parent_path(), ec);
        if (::mkfifo(path.c_str(), 0660) != 0 && errno != EEXIST) {
            core::throw_error(core::ErrorKind::unavailable,
                              fmt::format("cannot create command_file {}: {}", path.string(),
                                          std::strerror(errno)));
        }
    }
    // Read and write: the pipe always has a writer (us), so reads never see end of file when
    // a script closes it, and writers' open() never waits for a reader.
    int fd = ::open(path.c_str(), O_RDWR | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        core::throw_error(
            core::ErrorKind::unavailable,
            fmt::format("cannot open command_file {}: {}", path.string(), std::strerror(errno)));
    }
    pipe.assign(fd);
    log->info("reading external commands from the named pipe {}", path.string());
}

void CommandFile::Impl::read() {
    if (stopped || reading || pending.size() >= max_pending) {
        return;
    }
    reading = true;
    pipe.async_read_some(
        asio::buffer(buffer),
        [self = shared_from_this()](const boost::system::error_code& ec, std::size_t bytes) {
            self->reading = false;
            if (ec) {
                if (ec != asio::error::operation_aborted) {
                    self->log->error("command_file {}: {}", self->path.string(), ec.message());
                }
                return;
            }
            self->take(bytes);
            self->route();
            self->read();
        });
}

void CommandFile::Impl::take(std::size_t bytes) {
    std::string_view data(buffer.data(), bytes);
    std::size_t start = 0;
    for (auto nl = data.find('\n'); nl != std::string_view::npos; nl = data.find('\n', start)) {
        partial.append(data.substr(start, nl - start));
        if (!partial.empty() && partial.back() == '\r') {
            partial.pop_back();
        }
        if (partial.find_first_not_of(" \t") != std::string::npos) {
            pending.push_back(std::move(partial));
            ++lines_read;
        }
        partial.clear();
        start = nl + 1;
    }
    partial.append(data.substr(start));
    if (partial.size() > 1024 * 1024) {
        log->error("command_file {}: a line longer than 1 MiB without a newline, dropped",
                   path.string());
        partial.clear();
    }
}

void CommandFile::Impl::route() {
    if (pending.empty()) {
        return;
    }
    try {
        auto outcome = commands.submit(pending, now());
        if (!outcome.rejected.empty()) {
            // Nobody hears an answer on a pipe: say it in the log, and let the good lines go.
            std::vector<bool> bad(pending.size(), false);
            for (const auto& r : outcome.rejected) {
                log->warn("command_file: refused '{}': {}", r.command, r.error);
                bad[r.index] = true;
            }
            lines_refused += outcome.rejected.size();
            std::vector<std::string> good;
            for (std::size_t i = 0; i < pending.size(); ++i) {
                if (!bad[i]) {
                    good.push_back(std::move(pending[i]));
                }
            }
            pending = std::move(good);
            if (!pending.empty()) {
                commands.submit(pending, now());
            }
        }
        pending.clear();
    } catch (const core::Error& e) {
        if (!retry_armed) {
            log->warn("command_file: {} lines wait: {}", pending.size(), e.what());
        }
        schedule_retry();
    }
}

void CommandFile::Impl::schedule_retry() {
    if (retry_armed || stopped) {
        return;
    }
    retry_armed = true;
    retry.expires_after(std::chrono::seconds(1));
    retry.async_wait([self = shared_from_this()](const boost::system::error_code& ec) {
        self->retry_armed = false;
        if (ec || self->stopped) {
            return;
        }
        self->route();
        self->read();
    });
}

CommandFile::CommandFile(asio::io_context& io, std::filesystem::path path, CommandRouter& commands,
                         std::function<double()> now, std::size_t max_pending)
    : impl_(std::make_shared<Impl>(io, std::move(path), commands, std::move(now), max_pending)) {}

CommandFile::~CommandFile() {
    stop();
}

void CommandFile::start() {
    impl_->stopped = false;
    impl_->open();
    impl_->read();
}

void CommandFile::stop() {
    if (impl_->stopped) {
        return;
    }
    impl_->stopped = true;
    boost::system::error_code ignored;
    impl_->retry.cancel();
    impl_->pipe.cancel(ignored);
    impl_->pipe.close(ignored);
    if (!impl_->pending.empty()) {
        try {
            impl_->route();
        } catch (const std::exception&) {
        }
    }
}

std::uint64_t CommandFile::lines_read() const {
    return impl_->lines_read;
}
std::uint64_t CommandFile::lines_refused() const {
    return impl_->lines_refused;
}
std::size_t CommandFile::pending() const {
    return impl_->pending.size();
}

}  // namespace yagura::daemon
