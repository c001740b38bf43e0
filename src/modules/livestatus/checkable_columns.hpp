#pragma once

#include "column_declarer.hpp"

namespace yagura::modules::livestatus {

// The columns hosts and services share (state, check times, switches, contacts, ...).
void declare_checkable_columns(ColumnDeclarer<Checkable>& declarer);

template <class Object>
Projection<Checkable> as_checkable(Projection<Object> project) {
    return [project = std::move(project)](Row row) -> const Checkable* { return project(row); };
}

}  // namespace yagura::modules::livestatus
