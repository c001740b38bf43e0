#include "macros.hpp"

namespace yagura::modules::livestatus {

std::string_view expand_macros(
    const std::string& text,
    std::initializer_list<std::pair<std::string_view, std::string_view>> macros) {
    thread_local std::string buffer;
    buffer = text;
    if (buffer.find('$') == std::string::npos) {
        return buffer;
    }
    for (const auto& [macro, value] : macros) {
        for (auto at = buffer.find(macro); at != std::string::npos;
             at = buffer.find(macro, at + value.size())) {
            buffer.replace(at, macro.size(), value);
        }
    }
    return buffer;
}

const std::vector<ExpandedUrlField>& expanded_url_fields() {
    static const std::vector<ExpandedUrlField> fields = {
        {"notes_expanded", "Notes with macros expanded", &Checkable::notes},
        {"notes_url_expanded", "Notes URL with macros expanded", &Checkable::notes_url},
        {"action_url_expanded", "Action URL with macros expanded", &Checkable::action_url},
        {"icon_image_expanded", "Icon file name with macros expanded", &Checkable::icon_image},
    };
    return fields;
}

}  // namespace yagura::modules::livestatus
