//! The `llmkg` binary: parses the command line and hands it to the library.

// graphs of a million nodes are millions of small allocations: mimalloc makes them cheap
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    no_huge_pages();
    purge_at_once();
    llmkg::main()
}

/// Has mimalloc hand memory freed back to the system at once rather than after a delay (10 ms,
/// times ten for its arenas). A load frees a stream of large blocks (the Parquet reader's
/// decompressed pages) that, held for their delay, added about 14 MiB to the 1M Hub snapshot's
/// peak; at once, they cost about 0.1 s more in the kernel.
fn purge_at_once() {
    // mimalloc's `mi_option_purge_delay` (15 in the option enum of both its v2 and v3, which
    // the `mimalloc` crate builds in)
    const PURGE_DELAY: std::ffi::c_int = 15;
    unsafe extern "C" {
        fn mi_option_set(option: std::ffi::c_int, value: std::ffi::c_long);
    }
    // SAFETY: mimalloc's own function, linked in with the allocator; it sets one option
    unsafe { mi_option_set(PURGE_DELAY, 0) }
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
