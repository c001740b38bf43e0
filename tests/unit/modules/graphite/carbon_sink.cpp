#include "carbon_sink.hpp"

#include <future>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/post.hpp>

namespace yagura::modules::graphite::testing {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

CarbonSink::CarbonSink() {
    auto guard = std::make_shared<asio::executor_work_guard<asio::io_context::executor_type>>(
        io_.get_executor());
    thread_ = std::thread([this, guard] { io_.run(); });
    start();
}

CarbonSink::~CarbonSink() {
    run_on_thread([this] {
        if (acceptor_) {
            acceptor_->close();
        }
        for (auto& socket : sockets_) {
            boost::system::error_code ignored;
            socket->close(ignored);
        }
        sockets_.clear();
    });
    io_.stop();
    thread_.join();
}

void CarbonSink::run_on_thread(const std::function<void()>& work) {
    std::promise<void> done;
    asio::post(io_, [&] {
        work();
        done.set_value();
    });
    done.get_future().get();
}

void CarbonSink::start() {
    run_on_thread([this] {
        acceptor_ = std::make_unique<tcp::acceptor>(io_);
        tcp::endpoint endpoint(asio::ip::make_address("127.0.0.1"), port_);
        acceptor_->open(endpoint.protocol());
        acceptor_->set_option(tcp::acceptor::reuse_address(true));
        acceptor_->bind(endpoint);
        acceptor_->listen();
        port_ = acceptor_->local_endpoint().port();
        reading_ = true;
        accept();
    });
}

void CarbonSink::stop_reading() {
    run_on_thread([this] { reading_ = false; });
}

void CarbonSink::stop() {
    run_on_thread([this] {
        reading_ = false;
        acceptor_->close();
        for (auto& socket : sockets_) {
            // SO_LINGER 0: a reset, and what this side had not read is gone.
            boost::system::error_code ignored;
            socket->set_option(asio::socket_base::linger(true, 0), ignored);
            socket->close(ignored);
        }
        sockets_.clear();
    });
}

void CarbonSink::accept() {
    acceptor_->async_accept([this](boost::system::error_code ec, tcp::socket socket) {
        if (ec) {
            return;
        }
        auto shared = std::make_shared<tcp::socket>(std::move(socket));
        sockets_.push_back(shared);
        {
            std::lock_guard lock(mutex_);
            ++connections_;
        }
        read(shared, std::make_shared<std::string>());
        accept();
    });
}

void CarbonSink::read(std::shared_ptr<tcp::socket> socket, std::shared_ptr<std::string> partial) {
    auto buffer = std::make_shared<std::array<char, 4096>>();
    socket->async_read_some(
        asio::buffer(*buffer),
        [this, socket, partial, buffer](boost::system::error_code ec, std::size_t n) {
            if (ec) {
                return;
            }
            if (!reading_) {
                return;  // a dying carbon: the rest stays unread in the socket
            }
            partial->append(buffer->data(), n);
            std::size_t start = 0;
            for (auto end = partial->find('\n'); end != std::string::npos;
                 end = partial->find('\n', start)) {
                std::lock_guard lock(mutex_);
                lines_.push_back(partial->substr(start, end - start));
                start = end + 1;
            }
            partial->erase(0, start);
            read(socket, partial);
        });
}

std::vector<std::string> CarbonSink::lines() const {
    std::lock_guard lock(mutex_);
    return lines_;
}

std::set<std::string> CarbonSink::distinct_lines() const {
    std::lock_guard lock(mutex_);
    return {lines_.begin(), lines_.end()};
}

std::size_t CarbonSink::connections() const {
    std::lock_guard lock(mutex_);
    return connections_;
}

}  // namespace yagura::modules::graphite::testing
