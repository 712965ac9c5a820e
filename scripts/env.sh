# Puts the project's own tools first on PATH. Source it: `. scripts/env.sh`.
# Cargo-installed tools (trunk, wasm-bindgen) and npm tools (wasm-opt from
# binaryen, playwright) are found here, never a system copy of another version.
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$root/node_modules/.bin:$PATH"
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
unset root
