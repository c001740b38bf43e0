#pragma once

// System calls for the spawned child, which runs on the daemon's memory next to the daemon's
// own thread (see spawner.hpp). libc's wrappers write errno when a call fails, and errno is
// the daemon thread's thread-local variable, read by that thread at the same moment: these
// return -errno instead and write nothing. Where no such call is written here, the child
// runs with CLONE_VFORK (the daemon thread waits) and libc's syscall() is safe.
#include <cerrno>
#include <unistd.h>

namespace yagura::exec::detail {

#if defined(__x86_64__)
inline constexpr bool kRawSyscalls = true;
[[gnu::always_inline]] inline long raw_syscall(long number, long a = 0, long b = 0, long c = 0,
                                               long d = 0) {
    long result;
    register long r10 asm("r10") = d;
    asm volatile("syscall"
                 : "=a"(result)
                 : "0"(number), "D"(a), "S"(b), "d"(c), "r"(r10)
                 : "rcx", "r11", "memory");
    return result;
}
#elif defined(__aarch64__)
inline constexpr bool kRawSyscalls = true;
[[gnu::always_inline]] inline long raw_syscall(long number, long a = 0, long b = 0, long c = 0,
                                               long d = 0) {
    register long x8 asm("x8") = number;
    register long x0 asm("x0") = a;
    register long x1 asm("x1") = b;
    register long x2 asm("x2") = c;
    register long x3 asm("x3") = d;
    asm volatile("svc #0" : "+r"(x0) : "r"(x8), "r"(x1), "r"(x2), "r"(x3) : "memory");
    return x0;
}
#else
inline constexpr bool kRawSyscalls = false;
inline long raw_syscall(long number, long a = 0, long b = 0, long c = 0, long d = 0) {
    long result = ::syscall(number, a, b, c, d);
    return result == -1 ? -errno : result;
}
#endif

}  // namespace yagura::exec::detail
