/* _dl_find_object for static musl programs (platforms/cc/program_link.bzl).
 *
 * The image's GCC unwinder (libgcc_eh.a, built for glibc) finds the unwind
 * tables of the code a panic unwinds through by calling glibc's
 * _dl_find_object, which musl does not have. This is the same lookup over
 * what musl does have, dl_iterate_phdr: the loaded object whose segments
 * hold `pc`, and its PT_GNU_EH_FRAME (the .eh_frame_hdr the linker writes
 * for rustc's --eh-frame-hdr). On x86-64 the structure has no eh_dbase or
 * eh_count fields. */
#define _GNU_SOURCE
#include <link.h>
#include <stddef.h>
#include <stdint.h>

struct dl_find_object {
  unsigned long long int dlfo_flags;
  void *dlfo_map_start;
  void *dlfo_map_end;
  struct link_map *dlfo_link_map;
  void *dlfo_eh_frame;
  unsigned long long int __dlfo_reserved[7];
};

struct query {
  uintptr_t pc;
  struct dl_find_object *out;
};

static int visit(struct dl_phdr_info *info, size_t size, void *data) {
  struct query *q = data;
  uintptr_t low = UINTPTR_MAX, high = 0;
  void *eh_frame = NULL;
  int holds_pc = 0;
  (void)size;
  for (size_t i = 0; i < info->dlpi_phnum; i++) {
    const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
    uintptr_t start = info->dlpi_addr + ph->p_vaddr;
    if (ph->p_type == PT_LOAD) {
      low = start < low ? start : low;
      high = start + ph->p_memsz > high ? start + ph->p_memsz : high;
      holds_pc |= q->pc >= start && q->pc < start + ph->p_memsz;
    } else if (ph->p_type == PT_GNU_EH_FRAME) {
      eh_frame = (void *)start;
    }
  }
  if (!holds_pc)
    return 0;
  q->out->dlfo_flags = 0;
  q->out->dlfo_map_start = (void *)low;
  q->out->dlfo_map_end = (void *)high;
  q->out->dlfo_link_map = NULL;
  q->out->dlfo_eh_frame = eh_frame;
  return 1;
}

int _dl_find_object(void *pc, struct dl_find_object *result) {
  struct query q = {(uintptr_t)pc, result};
  return dl_iterate_phdr(visit, &q) && result->dlfo_eh_frame ? 0 : -1;
}
