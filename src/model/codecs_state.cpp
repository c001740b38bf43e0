// JSON of the state records (acknowledgement, downtimes, comments, flap history).

#include "codecs.hpp"

namespace yagura::model::detail {

namespace {

// Reads members of a JSON object into a record, reporting the first mismatch.
class Reader {
public:
    explicit Reader(const json& in) : in_(in) {}

    template <class V>
    Reader& get(const char* key, V& out) {
        if (!error_.empty()) {
            return *this;
        }
        auto it = in_.find(key);
        if (it == in_.end()) {
            return *this;  // absent members keep their default
        }
        if constexpr (std::is_same_v<V, bool>) {
            if (!it->is_boolean()) {
                return fail(key, "true or false");
            }
        } else if constexpr (std::is_same_v<V, std::string>) {
            if (!it->is_string()) {
                return fail(key, "a string");
            }
        } else if constexpr (std::is_enum_v<V>) {
            if (!it->is_number_integer()) {
                return fail(key, "an integer");
            }
            out = static_cast<V>(it->template get<int>());
            return *this;
        } else {
            if (!it->is_number()) {
                return fail(key, "a number");
            }
        }
        out = it->template get<V>();
        return *this;
    }
    std::string error() const { return error_; }

private:
    Reader& fail(const char* key, const char* what) {
        error_ = std::string(key) + " expects " + what;
        return *this;
    }
    const json& in_;
    std::string error_;
};

template <class R, class Read>
std::string list_from_json(std::vector<R>& v, const json& in, Read&& read) {
    if (!in.is_array()) {
        return "expects an array";
    }
    std::vector<R> out(in.size());
    for (std::size_t i = 0; i < in.size(); ++i) {
        if (!in[i].is_object()) {
            return "expects an array of objects";
        }
        if (auto error = read(out[i], in[i]); !error.empty()) {
            return error;
        }
    }
    v = std::move(out);
    return {};
}

json downtime_json(const Downtime& d) {
    return json{{"id", d.id},
                {"entry_time", d.entry_time},
                {"start_time", d.start_time},
                {"end_time", d.end_time},
                {"fixed", d.fixed},
                {"duration", d.duration},
                {"trigger_id", d.trigger_id},
                {"author", d.author},
                {"comment", d.comment},
                {"comment_id", d.comment_id},
                {"is_in_effect", d.is_in_effect},
                {"has_been_triggered", d.has_been_triggered},
                {"real_end_time", d.real_end_time}};
}

std::string read_downtime(Downtime& d, const json& in) {
    Reader r(in);
    r.get("id", d.id)
        .get("entry_time", d.entry_time)
        .get("start_time", d.start_time)
        .get("end_time", d.end_time)
        .get("fixed", d.fixed)
        .get("duration", d.duration)
        .get("trigger_id", d.trigger_id)
        .get("author", d.author)
        .get("comment", d.comment)
        .get("comment_id", d.comment_id)
        .get("is_in_effect", d.is_in_effect)
        .get("has_been_triggered", d.has_been_triggered)
        .get("real_end_time", d.real_end_time);
    return r.error();
}

json comment_json(const Comment& c) {
    return json{{"id", c.id},
                {"entry_time", c.entry_time},
                {"author", c.author},
                {"comment", c.comment},
                {"entry_type", static_cast<int>(c.entry_type)},
                {"source", static_cast<int>(c.source)},
                {"persistent", c.persistent},
                {"expires", c.expires},
                {"expire_time", c.expire_time}};
}

std::string read_comment(Comment& c, const json& in) {
    Reader r(in);
    r.get("id", c.id)
        .get("entry_time", c.entry_time)
        .get("author", c.author)
        .get("comment", c.comment)
        .get("entry_type", c.entry_type)
        .get("source", c.source)
        .get("persistent", c.persistent)
        .get("expires", c.expires)
        .get("expire_time", c.expire_time);
    return r.error();
}

}  // namespace

// An absent acknowledgement is null.
void record_to_json(const HeapOptional<Acknowledgement>& ack, json& out) {
    if (!ack) {
        out = nullptr;
        return;
    }
    const Acknowledgement& v = *ack;
    out = json{{"author", v.author},         {"comment", v.comment},
               {"entry_time", v.entry_time}, {"expire_time", v.expire_time},
               {"sticky", v.sticky},         {"notify", v.notify},
               {"persistent", v.persistent}, {"comment_id", v.comment_id}};
}

std::string record_from_json(HeapOptional<Acknowledgement>& v, const json& in) {
    if (in.is_null()) {
        v.reset();
        return {};
    }
    if (!in.is_object()) {
        return "expects an object or null";
    }
    Acknowledgement out;
    Reader r(in);
    r.get("author", out.author)
        .get("comment", out.comment)
        .get("entry_time", out.entry_time)
        .get("expire_time", out.expire_time)
        .get("sticky", out.sticky)
        .get("notify", out.notify)
        .get("persistent", out.persistent)
        .get("comment_id", out.comment_id);
    if (r.error().empty()) {
        v = std::move(out);
    }
    return r.error();
}

// The history is written oldest first as 0/1, as Shinken's flapping_changes list.
void record_to_json(const FlapHistory& v, json& out) {
    out = json::array();
    for (int i = 0; i < v.count; ++i) {
        out.push_back(v.changed(i) ? 1 : 0);
    }
}

std::string record_from_json(FlapHistory& v, const json& in) {
    if (!in.is_array()) {
        return "expects an array of 0 and 1";
    }
    FlapHistory out;
    for (const json& item : in) {
        if (item.is_boolean()) {
            out.push(item.get<bool>());
        } else if (item.is_number_integer()) {
            out.push(item.get<int>() != 0);
        } else {
            return "expects an array of 0 and 1";
        }
    }
    v = out;
    return {};
}

void record_to_json(const std::vector<Downtime>& v, json& out) {
    out = json::array();
    for (const Downtime& d : v) {
        out.push_back(downtime_json(d));
    }
}

std::string record_from_json(std::vector<Downtime>& v, const json& in) {
    return list_from_json(v, in, read_downtime);
}

void record_to_json(const std::vector<Comment>& v, json& out) {
    out = json::array();
    for (const Comment& c : v) {
        out.push_back(comment_json(c));
    }
}

std::string record_from_json(std::vector<Comment>& v, const json& in) {
    return list_from_json(v, in, read_comment);
}

}  // namespace yagura::model::detail
