//! The `llmkg` binary: parses the command line and hands it to the library.

// graphs of a million nodes are millions of small allocations: mimalloc makes them cheap
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    llmkg::main()
}
