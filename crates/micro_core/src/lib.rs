//! Node.js binding of the `micro_core` crate: 32-dimensional root vectors and
//! the projection of inputs onto the Cartan root space.

use micro_core::{embed_from_root, project_to_root, RootSpace, RootVector};
use napi::{Error, Result, Status};
use napi_derive::napi;

/// Version of the wrapped `micro_core` crate.
#[napi]
pub fn version() -> &'static str {
    env!("CARGO_PKG_VERSION")
}

/// Dimension of every root vector.
#[napi]
pub const ROOT_DIMENSION: u32 = 32;

fn root_vector(values: &[f64]) -> Result<RootVector> {
    if values.len() > 32 {
        return Err(Error::new(
            Status::InvalidArg,
            format!("a root vector has at most 32 components, got {}", values.len()),
        ));
    }
    let mut v = RootVector::zero();
    for (i, x) in values.iter().enumerate() {
        v.data[i] = *x as f32;
    }
    Ok(v)
}

fn to_js(v: &RootVector) -> Vec<f64> {
    v.data.iter().map(|&x| x as f64).collect()
}

/// Dot product of two vectors of up to 32 components (missing ones are 0).
#[napi]
pub fn dot(a: Vec<f64>, b: Vec<f64>) -> Result<f64> {
    Ok(root_vector(&a)?.dot(&root_vector(&b)?) as f64)
}

/// Euclidean length of a vector of up to 32 components.
#[napi]
pub fn magnitude(v: Vec<f64>) -> Result<f64> {
    Ok(root_vector(&v)?.magnitude() as f64)
}

/// The vector scaled to unit length (the zero vector stays zero), 32 components.
#[napi]
pub fn normalize(v: Vec<f64>) -> Result<Vec<f64>> {
    let mut r = root_vector(&v)?;
    r.normalize();
    Ok(to_js(&r))
}

/// Coordinates of `input` (its first 32 components) in the standard root
/// space, whose basis vectors have Cartan norm ⟨αᵢ, αᵢ⟩ = 2.
#[napi]
pub fn project(input: Vec<f64>) -> Vec<f64> {
    let input: Vec<f32> = input.iter().map(|&x| x as f32).collect();
    to_js(&project_to_root(&input, &RootSpace::new()))
}

/// Back from root-space coordinates to a vector of `targetDim` components.
#[napi]
pub fn embed(root: Vec<f64>, target_dim: u32) -> Result<Vec<f64>> {
    let out = embed_from_root(&root_vector(&root)?, &RootSpace::new(), target_dim as usize);
    Ok(out.into_iter().map(|x| x as f64).collect())
}
