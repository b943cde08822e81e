//! Generates Tauri's context (config, icons, embedded UI) at build time.
fn main() {
    tauri_build::build()
}
