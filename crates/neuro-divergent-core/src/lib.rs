//! Node.js binding of the `neuro-divergent-core` crate.
//!
//! Written once by `ruvio generate` as a starting point; from here on this
//! file is the binding's own and is never regenerated. Expose the crate's
//! functions and types with `#[napi]`, and test them in test/addon.test.js.

use napi_derive::napi;

/// Version of the wrapped `neuro-divergent-core` crate.
#[napi]
pub fn version() -> &'static str {
    env!("CARGO_PKG_VERSION")
}
