# Helpers that keep every module, test and benchmark declared the same way.

# yagura_module(<name> SOURCES ... [PUBLIC_DEPS ...] [PRIVATE_DEPS ...])
# Builds the static library yagura_<name> (with '/' in <name> turned into '_').
function(yagura_module name)
    cmake_parse_arguments(ARG "" "" "SOURCES;PUBLIC_DEPS;PRIVATE_DEPS" ${ARGN})
    string(REPLACE "/" "_" target_name "yagura_${name}")
    add_library(${target_name} STATIC ${ARG_SOURCES})
    target_include_directories(${target_name} PUBLIC ${PROJECT_SOURCE_DIR}/include
                                              PRIVATE ${CMAKE_CURRENT_SOURCE_DIR})
    target_link_libraries(${target_name} PUBLIC ${ARG_PUBLIC_DEPS}
                                         PRIVATE yagura_warnings ${ARG_PRIVATE_DEPS})
endfunction()

# yagura_unit_test(<name> SOURCES ... DEPS ... [LABELS ...])
# A GoogleTest executable whose tests are discovered when ctest runs (no run at build time).
function(yagura_unit_test name)
    cmake_parse_arguments(ARG "" "TIMEOUT" "SOURCES;DEPS;LABELS" ${ARGN})
    add_executable(${name} ${ARG_SOURCES})
    target_link_libraries(${name} PRIVATE ${ARG_DEPS} yagura_warnings GTest::gmock GTest::gtest_main)
    if(NOT ARG_LABELS)
        set(ARG_LABELS unit)
    endif()
    if(NOT ARG_TIMEOUT)
        set(ARG_TIMEOUT 120)
    endif()
    gtest_discover_tests(${name} DISCOVERY_MODE PRE_TEST
        PROPERTIES LABELS "${ARG_LABELS}" TIMEOUT ${ARG_TIMEOUT}
        WORKING_DIRECTORY ${PROJECT_BINARY_DIR})
endfunction()

# yagura_fuzz_target(<name> SOURCES ... DEPS ... [CORPUS dir])
# With YAGURA_FUZZ (clang) it is a libFuzzer binary; otherwise it links a standalone driver
# that replays the corpus and a bounded number of mutations, registered as a 'fuzz-smoke' test.
function(yagura_fuzz_target name)
    cmake_parse_arguments(ARG "" "CORPUS;SMOKE_RUNS" "SOURCES;DEPS" ${ARGN})
    add_executable(${name} ${ARG_SOURCES})
    target_link_libraries(${name} PRIVATE ${ARG_DEPS} yagura_warnings)
    if(YAGURA_FUZZ)
        target_compile_options(${name} PRIVATE -fsanitize=fuzzer,address,undefined)
        target_link_options(${name} PRIVATE -fsanitize=fuzzer,address,undefined)
    else()
        target_link_libraries(${name} PRIVATE yagura_fuzz_driver)
        if(NOT ARG_SMOKE_RUNS)
            set(ARG_SMOKE_RUNS 20000)
        endif()
        add_test(NAME ${name}.smoke COMMAND ${name} --runs=${ARG_SMOKE_RUNS} ${ARG_CORPUS})
        set_tests_properties(${name}.smoke PROPERTIES LABELS "fuzz-smoke" TIMEOUT 300)
    endif()
endfunction()

# yagura_daemon_executable(<role> ROLE_SOURCES ... MAIN main.cpp [DEPS ...])
# The role's wiring as the library yagura_<role>_role (so tests can link it) and the
# executable yagura-<role> built from its thin main.
function(yagura_daemon_executable role)
    cmake_parse_arguments(ARG "" "MAIN" "ROLE_SOURCES;DEPS" ${ARGN})
    add_library(yagura_${role}_role STATIC ${ARG_ROLE_SOURCES})
    target_include_directories(yagura_${role}_role PUBLIC ${PROJECT_SOURCE_DIR}/daemons)
    target_link_libraries(yagura_${role}_role PUBLIC yagura_daemon ${ARG_DEPS}
                                              PRIVATE yagura_warnings)
    add_executable(yagura-${role} ${ARG_MAIN})
    target_link_libraries(yagura-${role} PRIVATE yagura_${role}_role yagura_daemon_main
                                                 yagura_warnings)
endfunction()
