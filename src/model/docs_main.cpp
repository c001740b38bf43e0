// yagura-model-docs: prints docs/objects.md, generated from the field declarations.

#include <iostream>

#include <yagura/model/docs.hpp>

int main() {
    std::cout << yagura::model::objects_reference_markdown();
    return std::cout ? 0 : 1;
}
