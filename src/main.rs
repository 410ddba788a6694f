//! The `llmkg` binary: parses the command line and hands it to the library.

// graphs of a million nodes are millions of small allocations: mimalloc makes them cheap
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    no_huge_pages();
    llmkg::main()
}

/// Turns transparent huge pages off for the process. mimalloc asks for them on its arenas, and a
/// 2 MiB page is made resident, and zeroed, whole on its first touch: the 1M Hub snapshot's
/// `stats` peaked 20 to 40 MiB higher with them, and spent 0.7 s more in the kernel. A kernel
/// that refuses (or has no huge pages) leaves nothing to do.
fn no_huge_pages() {
    #[cfg(target_os = "linux")]
    // SAFETY: PR_SET_THP_DISABLE takes one integer and changes no memory of the process
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}
