//! Build script of the runner: link options for the `typescript-eval-runner` binary.
//!
//! Performance decision (peak RSS, docs/PERFORMANCE.md "Startup pages of the binary"): the
//! binary is position-independent, and its tables of pointers (vtables, built-in function
//! tables, string slices in statics) need one relative relocation each, about 20,000 of them.
//! With classic `RELA` records the relocation table alone was 470 KB, all of it read by the
//! dynamic loader at every start, so every program paid for it in resident pages. The
//! `-z pack-relative-relocs` option of GNU ld (2.38 and later) stores relative relocations as
//! compact `RELR` bitmaps, which glibc 2.36 and later apply; the table shrinks to a few
//! kilobytes. It is passed only for GNU/Linux targets, where the linker and C library are known
//! to support it.

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let target_os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    let target_env = std::env::var("CARGO_CFG_TARGET_ENV").unwrap_or_default();
    if target_os == "linux" && target_env == "gnu" {
        println!("cargo:rustc-link-arg-bins=-Wl,-z,pack-relative-relocs");
    }
}
