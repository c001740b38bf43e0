#include <nlohmann/json.hpp>

#include <yagura/modules/common/brok.hpp>

namespace yagura::modules {

namespace {

const nlohmann::json& empty_object() {
    static const nlohmann::json empty = nlohmann::json::object();
    return empty;
}

}  // namespace

Brok::Brok(std::shared_ptr<const nlohmann::json> batch, std::size_t index)
    : batch_(std::move(batch)), brok_(&(*batch_)[index]) {}

Brok Brok::single(nlohmann::json brok) {
    auto batch = std::make_shared<nlohmann::json>(nlohmann::json::array());
    batch->push_back(std::move(brok));
    return Brok(std::move(batch), 0);
}

std::string_view Brok::type() const {
    if (!brok_->is_object()) {
        return {};
    }
    auto it = brok_->find("type");
    if (it == brok_->end() || !it->is_string()) {
        return {};
    }
    return it->get_ref<const std::string&>();
}

int Brok::instance_id() const {
    if (!brok_->is_object()) {
        return 0;
    }
    auto it = brok_->find("instance_id");
    if (it == brok_->end() || !it->is_number_integer()) {
        return 0;
    }
    return it->get<int>();
}

const nlohmann::json& Brok::data() const {
    if (!brok_->is_object()) {
        return empty_object();
    }
    auto it = brok_->find("data");
    if (it == brok_->end() || !it->is_object()) {
        return empty_object();
    }
    return *it;
}

std::vector<Brok> broks_of(const std::shared_ptr<const nlohmann::json>& batch) {
    std::vector<Brok> broks;
    if (!batch || !batch->is_array()) {
        return broks;
    }
    broks.reserve(batch->size());
    for (std::size_t i = 0; i < batch->size(); ++i) {
        broks.emplace_back(batch, i);
    }
    return broks;
}

}  // namespace yagura::modules
