//! Rebuild when a migration is added: they are embedded with `include_dir!`.
fn main() {
    println!("cargo:rerun-if-changed=migrations/");
}
