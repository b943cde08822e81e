//! Rebuild when a translation changes: the locales are embedded with `include_dir!`.
fn main() {
    println!("cargo:rerun-if-changed=../../locales");
}
