//! Timing marks for the benchmark: the app records how long its work takes
//! (mostly main-thread work; `vf:start` of a shared board and
//! `vf:export:link` also wait for the browser's zlib) as User Timing
//! measures (`performance.measure`), which the benchmark script and the
//! browser's own profiler both read.

use wasm_bindgen::JsValue;

/// Most measures kept per name, so a long session does not grow memory.
const KEEP: u32 = 200;

/// Runs `work` and records its duration as a measure called `name`.
pub fn time<T>(name: &str, work: impl FnOnce() -> T) -> T {
    let start = now();
    let result = work();
    record(name, start);
    result
}

/// The page's clock in milliseconds (`performance.now()`).
pub fn now() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

/// Records the time from `start` (a [`now`]) until now as a measure called
/// `name`, for work that spans several tasks.
pub fn record(name: &str, start: f64) {
    let Some(performance) = web_sys::window().and_then(|w| w.performance()) else {
        return;
    };
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"start".into(), &JsValue::from_f64(start));
    let _ = js_sys::Reflect::set(
        &options,
        &"end".into(),
        &JsValue::from_f64(performance.now()),
    );
    if let Ok(measure) = js_sys::Reflect::get(&performance, &"measure".into()) {
        let measure = js_sys::Function::from(measure);
        let _ = measure.call2(&performance, &name.into(), &options);
    }
    if performance.get_entries_by_name(name).length() > KEEP {
        performance.clear_measures_with_measure_name(name);
    }
}

/// The size of the app's WebAssembly memory in bytes, for the memory
/// benchmark (`window.wasmBindings.vf_wasm_memory_bytes()`). Linear memory
/// only grows, so a steady figure across cycles means no leak in Rust.
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn vf_wasm_memory_bytes() -> f64 {
    use wasm_bindgen::JsCast as _;
    wasm_bindgen::memory()
        .dyn_into::<js_sys::WebAssembly::Memory>()
        .map_or(0.0, |memory| {
            memory
                .buffer()
                .dyn_into::<js_sys::ArrayBuffer>()
                .map_or(0.0, |buffer| f64::from(buffer.byte_length()))
        })
}
