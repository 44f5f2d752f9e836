"""What a program's link needs beyond an addon's, kept out of the C
toolchains (whose files every addon and build script takes as inputs).

`static_unwind`: a directory holding `libunwind.a` for static musl programs.
Rust's std on musl, linked statically (`+crt-static`), asks for a static
`-lunwind`. The image has no LLVM libunwind; GCC's static unwinder
(libgcc_eh.a) provides the same _Unwind_* functions, with one call into
glibc that musl lacks, _dl_find_object, which musl/dl_find_object.c
provides over musl's dl_iterate_phdr. Both in one archive under the name
the link looks for. Only programs use it: addons link musl dynamically,
with libgcc_s.

`windows_program_entry`: the object of a Windows console program's entry
point (windows/crt_exe.c).
"""

def _static_unwind_impl(ctx):
    out = ctx.actions.declare_directory(ctx.label.name)
    ctx.actions.run_shell(
        inputs = [ctx.file.dl_find_object],
        outputs = [out],
        # GCC finds its own parts through PATH.
        use_default_shell_env = True,
        # The image holds one GCC (tools/image/packages.txt): one match.
        command = " && ".join([
            'set -- /usr/lib/gcc/x86_64-linux-gnu/*/libgcc_eh.a "$1" "$2"',
            "[ $# = 3 ]",
            'cp "$1" "$3/libunwind.a"',
            'chmod u+w "$3/libunwind.a"',
            '/usr/bin/musl-gcc -O2 -fPIC -c "$2" -o "$3/dl_find_object.o"',
            'ar rcsD "$3/libunwind.a" "$3/dl_find_object.o"',
            'rm "$3/dl_find_object.o"',
        ]),
        arguments = [ctx.file.dl_find_object.path, out.path],
        mnemonic = "StaticUnwind",
        progress_message = "Making %{output}/libunwind.a",
    )
    return [DefaultInfo(files = depset([out]))]

static_unwind = rule(
    implementation = _static_unwind_impl,
    attrs = {"dl_find_object": attr.label(mandatory = True, allow_single_file = [".c"])},
    doc = "A directory with libunwind.a (GCC's libgcc_eh.a) for `-lunwind` in static musl links.",
)

def _windows_program_entry_impl(ctx):
    out = ctx.actions.declare_file(ctx.label.name + ".obj")

    # As the win32 linker compiles crt_shim.c (platforms/cc/bin).
    ctx.actions.run(
        executable = "/usr/bin/clang",
        arguments = ["--target=x86_64-pc-windows-msvc", "-O2", "-c", ctx.file.src.path, "-o", out.path],
        inputs = [ctx.file.src],
        outputs = [out],
        mnemonic = "WindowsProgramEntry",
        progress_message = "Compiling %{input}",
    )
    return [DefaultInfo(files = depset([out]))]

windows_program_entry = rule(
    implementation = _windows_program_entry_impl,
    attrs = {"src": attr.label(mandatory = True, allow_single_file = [".c"])},
    doc = "The object file of a Windows console program's entry point (windows/crt_exe.c).",
)
