/* Windows file systems ignore case, and some C sources (libgit2's
 * Windows path code) include this header in capitals; mingw-w64 names it
 * shlwapi.h. */
#include <shlwapi.h>
