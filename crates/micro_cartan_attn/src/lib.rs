//! Node.js binding of the `micro_cartan_attn` crate's Lie theory: Cartan
//! matrices of the classical types A, B, C and D, built from simple roots.
//!
//! Left out on purpose, as this version computes them: E8 (its matrix comes
//! out as A8's, without the branch), the positive roots (wrong counts, e.g.
//! 9 for A1), and ranks above 4 (every matrix enumerates roots when it is
//! built, which takes seconds at rank 5 and longer than a minute at rank 6).

use micro_cartan_attn::{CartanMatrix, CartanType};
use napi::{Error, Result, Status};
use napi_derive::napi;

/// Version of the wrapped `micro_cartan_attn` crate.
#[napi]
pub fn version() -> &'static str {
    env!("CARGO_PKG_VERSION")
}

/// Largest rank served (see the crate notes above).
#[napi]
pub const MAX_RANK: u32 = 4;

/// A Cartan matrix and the dimension of its Lie algebra.
#[napi(object)]
pub struct Cartan {
    pub rank: u32,
    /// C[i][j] = 2(αi·αj)/(αj·αj) over the simple roots αi.
    pub matrix: Vec<Vec<f64>>,
    pub algebra_dimension: u32,
}

/// The Cartan matrix of type `kind` ("A", "B", "C" or "D") and rank `n`.
#[napi]
pub fn cartan(kind: String, n: u32) -> Result<Cartan> {
    if n > MAX_RANK {
        return Err(Error::new(Status::InvalidArg, format!("rank {n} is above {MAX_RANK}")));
    }
    let r = n as usize;
    let (built, ty) = match kind.as_str() {
        "A" => (CartanMatrix::a_type(r), CartanType::A(r)),
        "B" => (CartanMatrix::b_type(r), CartanType::B(r)),
        "C" => (CartanMatrix::c_type(r), CartanType::C(r)),
        "D" => (CartanMatrix::d_type(r), CartanType::D(r)),
        other => {
            return Err(Error::new(
                Status::InvalidArg,
                format!("unknown Cartan type '{other}' (expected A, B, C or D)"),
            ))
        }
    };
    let m = built.map_err(|e| Error::new(Status::InvalidArg, format!("{e:?}")))?;
    let rank = m.rank();
    Ok(Cartan {
        rank: rank as u32,
        matrix: (0..rank).map(|i| (0..rank).map(|j| m.entry(i, j) as f64).collect()).collect(),
        algebra_dimension: ty.dimension() as u32,
    })
}
