//! Entry point of the web app; all the work happens in the library.

fn main() {
    #[cfg(target_arch = "wasm32")]
    value_flywheel::ui::start();
}
