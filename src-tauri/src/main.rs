//! The Gõ Cửa desktop app's entry point.

// No console window behind the app on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() -> anyhow::Result<()> {
    gocua_desktop_lib::run()
}
