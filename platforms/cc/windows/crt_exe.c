/* The entry point of a console program built without the MSVC runtime: a
 * object linked into win32-x64-msvc programs only (tools/rules/program.bzl),
 * not a part of the toolchain, so addons and build scripts are unaffected.
 *
 * As the MSVC runtime's mainCRTStartup, it runs the static initializers
 * first, between the bounds crt_shim.c (linked into everything) places:
 * C ones in .CRT$XI*, then C++-style ones in .CRT$XC*. Rust's std reads the
 * command line itself (GetCommandLineW), so the C `main` rustc generates is
 * given no arguments. exit() is the Universal CRT's: it ends the process,
 * other threads included, with main's status. */
#include <stdint.h>

typedef int(__cdecl *c_initializer)(void);
typedef void(__cdecl *initializer)(void);

extern c_initializer __xi_a, __xi_z;
extern initializer __xc_a, __xc_z;

int __cdecl main(int argc, char **argv);
__declspec(noreturn) void __cdecl exit(int status);

/* The walk goes through integers: the bounds are separate objects, which
 * the compiler cannot assume anything about (as in crt_shim.c). */
void __cdecl mainCRTStartup(void) {
  for (uintptr_t p = (uintptr_t)(&__xi_a + 1); p < (uintptr_t)&__xi_z; p += sizeof(c_initializer)) {
    c_initializer init = *(c_initializer volatile *)p;
    if (init && init() != 0)
      exit(255);
  }
  for (uintptr_t p = (uintptr_t)(&__xc_a + 1); p < (uintptr_t)&__xc_z; p += sizeof(initializer)) {
    initializer init = *(initializer volatile *)p;
    if (init)
      init();
  }
  exit(main(0, 0));
}
