/* What a DLL built without the MSVC runtime still needs from it. Linked into
 * every win32-x64-msvc addon by platforms/cc/bin/x86_64-pc-windows-msvc-link.
 *
 * - _DllMainCRTStartup: the DLL entry point. When the DLL is loaded it runs
 *   the static initializers, as the MSVC runtime's entry point does: C ones
 *   in .CRT$XI*, then C++-style ones in .CRT$XC*. napi-rs registers every
 *   export of a binding from such an initializer (.CRT$XCU); without them
 *   the addon loads and exports nothing. Rust's std initialises lazily.
 * - The TLS directory (_tls_used) and its bounds: Rust's thread_local! uses
 *   implicit TLS (.tls sections) and registers destructors as TLS callbacks
 *   in .CRT$XLB, between __xl_a and __xl_z.
 * - __chkstk: the stack probe the compiler calls for frames over a page.
 * - _fltused: marks that floating point is used.
 */
#include <stdint.h>

typedef void(__stdcall *tls_callback)(void *, unsigned long, void *);
typedef int(__cdecl *c_initializer)(void);
typedef void(__cdecl *initializer)(void);

int _fltused = 0;
unsigned long _tls_index = 0;

#pragma section(".tls", read, write)
#pragma section(".tls$ZZZ", read, write)
#pragma section(".CRT$XLA", read)
#pragma section(".CRT$XLZ", read)
#pragma section(".rdata$T", read)
#pragma section(".CRT$XIA", read)
#pragma section(".CRT$XIZ", read)
#pragma section(".CRT$XCA", read)
#pragma section(".CRT$XCZ", read)

__declspec(allocate(".tls")) char _tls_start = 0;
__declspec(allocate(".tls$ZZZ")) char _tls_end = 0;
__declspec(allocate(".CRT$XLA")) tls_callback __xl_a = 0;
__declspec(allocate(".CRT$XLZ")) tls_callback __xl_z = 0;
/* The linker sorts .CRT$X?? sections by name, so what other objects put in
 * .CRT$XIB..XIY and .CRT$XCB..XCY lies between these bounds. */
__declspec(allocate(".CRT$XIA")) c_initializer __xi_a = 0;
__declspec(allocate(".CRT$XIZ")) c_initializer __xi_z = 0;
__declspec(allocate(".CRT$XCA")) initializer __xc_a = 0;
__declspec(allocate(".CRT$XCZ")) initializer __xc_z = 0;

struct tls_directory {
  uint64_t start_of_raw_data;
  uint64_t end_of_raw_data;
  uint64_t address_of_index;
  uint64_t address_of_callbacks;
  uint32_t size_of_zero_fill;
  uint32_t characteristics;
};

__declspec(allocate(".rdata$T")) const struct tls_directory _tls_used = {
    (uint64_t)&_tls_start, (uint64_t)&_tls_end, (uint64_t)&_tls_index,
    (uint64_t)(&__xl_a + 1), 0, 0};

#define DLL_PROCESS_ATTACH 1

/* Every entry between two bounds, skipping the zeros the linker may pad
 * sections with. The bounds are separate objects, so the walk goes through
 * integers, which the compiler cannot assume anything about. */
static int run_initializers(void) {
  for (uintptr_t p = (uintptr_t)(&__xi_a + 1); p < (uintptr_t)&__xi_z; p += sizeof(c_initializer)) {
    c_initializer init = *(c_initializer volatile *)p;
    if (init && init() != 0)
      return 0;
  }
  for (uintptr_t p = (uintptr_t)(&__xc_a + 1); p < (uintptr_t)&__xc_z; p += sizeof(initializer)) {
    initializer init = *(initializer volatile *)p;
    if (init)
      init();
  }
  return 1;
}

int __stdcall _DllMainCRTStartup(void *module, unsigned long reason,
                                 void *reserved) {
  (void)module;
  (void)reserved;
  return reason == DLL_PROCESS_ATTACH ? run_initializers() : 1;
}

/* Probes each page between the stack pointer and the new frame (size in rax),
 * so the guard page grows the stack in order. */
__asm__(".globl __chkstk\n"
        "__chkstk:\n"
        "  push %rcx\n"
        "  push %rax\n"
        "  cmp $0x1000, %rax\n"
        "  lea 24(%rsp), %rcx\n"
        "  jb 1f\n"
        "2:\n"
        "  sub $0x1000, %rcx\n"
        "  test %rcx, (%rcx)\n"
        "  sub $0x1000, %rax\n"
        "  cmp $0x1000, %rax\n"
        "  ja 2b\n"
        "1:\n"
        "  sub %rax, %rcx\n"
        "  test %rcx, (%rcx)\n"
        "  pop %rax\n"
        "  pop %rcx\n"
        "  ret\n");
