#include <fstream>
#include <iostream>

#include <boost/asio/io_context.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <yagura/core/error.hpp>
#include <yagura/core/strings.hpp>
#include <yagura/daemon/command_input.hpp>
#include <yagura/net/client.hpp>
#include <yagura/net/codec.hpp>
#include <yagura/net/run_sync.hpp>

#include "yagura/commands.hpp"

namespace yagura::cli {

namespace asio = boost::asio;
using nlohmann::json;

namespace {

struct SendOptions {
    std::string to = "https://127.0.0.1:7773";
    std::vector<std::string> commands;
    std::string file;  // "-": standard input
    std::string host, service, output;
    int return_code = -1;
    std::string ca_cert, cert, key;
    std::string user, password;
    double timeout = 10;
};

// "https://host:port" (or http://, or host:port for https) -> endpoint and TLS.
std::pair<net::Endpoint, bool> parse_url(const std::string& url) {
    std::string rest = url;
    bool tls = true;
    if (core::starts_with(rest, "https://")) {
        rest = rest.substr(8);
    } else if (core::starts_with(rest, "http://")) {
        rest = rest.substr(7);
        tls = false;
    }
    if (auto slash = rest.find('/'); slash != std::string::npos) {
        rest = rest.substr(0, slash);
    }
    auto colon = rest.rfind(':');
    auto port = colon == std::string::npos ? std::nullopt : core::parse_int(rest.substr(colon + 1));
    if (!port || *port <= 0 || *port > 65535) {
        throw core::Error(
            core::ErrorKind::invalid_input,
            "--to: expected https://host:port or http://host:port, got '" + url + "'");
    }
    std::string host = rest.substr(0, colon);
    if (host.size() > 2 && host.front() == '[' && host.back() == ']') {
        host = host.substr(1, host.size() - 2);
    }
    return {{host, static_cast<std::uint16_t>(*port), host}, tls};
}

std::vector<std::string> lines_to_send(const SendOptions& o) {
    std::vector<std::string> lines = o.commands;
    if (o.file.empty()) {
        return lines;
    }
    std::string text;
    if (o.file == "-") {
        text.assign(std::istreambuf_iterator<char>(std::cin), {});
    } else {
        std::ifstream in(o.file);
        if (!in) {
            throw core::Error(core::ErrorKind::not_found, "cannot read " + o.file);
        }
        text.assign(std::istreambuf_iterator<char>(in), {});
    }
    for (auto& line : daemon::split_command_lines(text)) {
        lines.push_back(std::move(line));
    }
    return lines;
}

// POST /push_check_result for --host, else POST /run_external_commands.
std::pair<std::string, std::string> request_of(const SendOptions& o) {
    if (!o.host.empty()) {
        json result{{"host_name", o.host}, {"return_code", o.return_code}, {"output", o.output}};
        if (!o.service.empty()) {
            result["service_description"] = o.service;
        }
        return {"/push_check_result", result.dump()};
    }
    auto lines = lines_to_send(o);
    if (lines.empty()) {
        throw core::Error(core::ErrorKind::invalid_input,
                          "nothing to send: give a command, --file, or --host with --rc");
    }
    return {"/run_external_commands", json{{"commands", lines}}.dump()};
}

int send(const SendOptions& o) {
    auto [endpoint, tls] = parse_url(o.to);
    if (!o.host.empty() && o.return_code < 0) {
        throw core::Error(core::ErrorKind::invalid_input, "--host needs --rc (0..3)");
    }
    auto [path, body] = request_of(o);
    net::ClientSettings settings;
    settings.tls = {.use_ssl = tls, .ca_cert = o.ca_cert, .cert = o.cert, .key = o.key};
    settings.timeout = settings.data_timeout =
        std::chrono::milliseconds(static_cast<long>(o.timeout * 1000));
    net::CallOptions call;
    call.headers["content-type"] = "application/json";
    if (!o.user.empty()) {
        call.headers["authorization"] = "Basic " + net::base64_encode(o.user + ":" + o.password);
    }
    asio::io_context io;
    net::HttpClient client(io, settings);
    auto response = net::run_sync(io, client.request(endpoint, "POST", path, body, call));
    json answer;
    try {
        answer = response.json();
    } catch (const core::Error&) {
    }
    if (response.ok()) {
        std::cout << fmt::format("accepted {}\n", answer.value("accepted", 0));
        return 0;
    }
    if (answer.contains("rejected") && !answer["rejected"].empty()) {
        for (const auto& r : answer["rejected"]) {
            std::cerr << fmt::format("refused: {}\n  {}\n", r.value("command", ""),
                                     r.value("error", ""));
        }
        std::cerr << "nothing was sent on (fix the lines above and send again)\n";
    } else {
        std::cerr << fmt::format(
            "{} answered {}: {}\n", o.to, response.status,
            answer.is_object() ? answer.value("detail", response.body) : response.body);
    }
    return response.status == 503 ? 3 : 1;
}

}  // namespace

void add_send_command(CLI::App& app) {
    auto o = std::make_shared<SendOptions>();
    auto* cmd = app.add_subcommand(
        "send", "send external commands or a passive check result to a receiver or the arbiter");
    cmd->footer(
        "examples:\n"
        "  yagura send --to https://127.0.0.1:7773 \"PROCESS_SERVICE_CHECK_RESULT;h;s;0;OK\"\n"
        "  yagura send --to http://127.0.0.1:7773 --host web1 --service HTTP --rc 2 "
        "--output \"CRITICAL - down\"\n"
        "  yagura send --file - < commands.txt\n"
        "exit: 0 accepted, 1 refused or failed, 3 the daemon cannot take them now (retry)");
    cmd->add_option("commands", o->commands, "command lines: [timestamp] NAME;arg;...");
    cmd->add_option("--to", o->to, "receiver or arbiter URL")->capture_default_str();
    cmd->add_option("--file,-f", o->file, "read command lines from a file ('-': stdin)");
    cmd->add_option("--host", o->host, "passive result: host name");
    cmd->add_option("--service", o->service, "passive result: service (none: a host result)");
    cmd->add_option("--rc", o->return_code, "passive result: return code");
    cmd->add_option("--output", o->output, "passive result: plugin output");
    cmd->add_option("--cacert,--ca-cert", o->ca_cert, "CA certificate to verify the daemon with");
    cmd->add_option("--cert", o->cert, "client certificate (when the daemon asks for one)");
    cmd->add_option("--key", o->key, "client private key");
    cmd->add_option("--user,-u", o->user, "HTTP basic auth user");
    cmd->add_option("--password", o->password, "HTTP basic auth password");
    cmd->add_option("--timeout", o->timeout, "seconds")->capture_default_str();
    cmd->callback([o] {
        if (int code = send(*o); code != 0) {
            throw CLI::RuntimeError(code);
        }
    });
}

}  // namespace yagura::cli
