//! Node.js binding of the `geometric-langlands` crate: its classical
//! reductive groups (rank, dimension and root system of GL(n), SL(n), SO(n),
//! Sp(2n)), its Langlands-dual rule, and the Hecke-operator and automorphic
//! form bookkeeping it builds on. These are the crate's own simplified
//! formulas, reproduced as published.

use geometric_langlands::automorphic::{AutomorphicForm, AutomorphicRepresentation, HeckeOperator};
use geometric_langlands::core::ReductiveGroup;
use geometric_langlands::langlands::LanglandsCorrespondence;
use napi::{Error, Result, Status};
use napi_derive::napi;

/// Version of the wrapped `geometric-langlands` crate.
#[napi]
pub fn version() -> &'static str {
    env!("CARGO_PKG_VERSION")
}

fn invalid(message: impl Into<String>) -> Error {
    Error::new(Status::InvalidArg, message.into())
}

/// A reductive group over Q.
#[napi(object)]
pub struct Group {
    pub rank: u32,
    pub dimension: u32,
    /// Cartan type, e.g. "A2", "B3", "C2", "D4".
    pub root_system: String,
}

fn to_js(g: &ReductiveGroup) -> Group {
    Group { rank: g.rank as u32, dimension: g.dimension as u32, root_system: g.root_system.clone() }
}

fn from_js(g: &Group) -> ReductiveGroup {
    ReductiveGroup::new_reductive(g.dimension as usize, g.rank as usize, g.root_system.clone())
}

/// GL(n), SL(n), SO(n) or Sp(2n) (for "Sp", `n` is half the matrix size).
#[napi]
pub fn reductive_group(family: String, n: u32) -> Result<Group> {
    let n = n as usize;
    let group = match family.as_str() {
        "GL" if n >= 1 => ReductiveGroup::gl_n(n),
        "SL" if n >= 1 => ReductiveGroup::sl_n(n),
        "SO" if n >= 2 => ReductiveGroup::so_n(n),
        "Sp" if n >= 1 => ReductiveGroup::sp_2n(n),
        "GL" | "SL" | "Sp" => return Err(invalid(format!("{family} needs n >= 1"))),
        "SO" => return Err(invalid("SO needs n >= 2")),
        other => return Err(invalid(format!("unknown group family '{other}' (expected GL, SL, SO or Sp)"))),
    };
    Ok(to_js(&group))
}

/// The crate's dual-group rule: types A and D are self-dual, B_n and C_n are
/// exchanged (C_n's dual reported with dimension n(n+1)/2, as the crate does).
#[napi]
pub fn langlands_dual(group: Group) -> Group {
    to_js(&LanglandsCorrespondence::langlands_dual(&from_js(&group)))
}

#[napi(object)]
pub struct FormInfo {
    pub weight: u32,
    pub level: u32,
    pub conductor: u32,
    /// weight / 2.
    pub central_character: f64,
    /// weight >= 2.
    pub is_tempered: bool,
}

fn form_info(f: &AutomorphicForm) -> FormInfo {
    FormInfo {
        weight: f.weight(),
        level: f.level(),
        conductor: f.conductor(),
        central_character: f.central_character(),
        is_tempered: f.is_tempered(),
    }
}

/// An automorphic form on a group: an Eisenstein series (level 1) when
/// `level` is absent, else a cusp form of that level.
#[napi(js_name = "AutomorphicForm")]
pub struct AutomorphicFormHandle {
    inner: AutomorphicForm,
}

#[napi]
impl AutomorphicFormHandle {
    #[napi(constructor)]
    pub fn new(group: Group, weight: u32, level: Option<u32>) -> Self {
        let g = from_js(&group);
        let inner = match level {
            None => AutomorphicForm::eisenstein_series(&g, weight),
            Some(level) => AutomorphicForm::cusp_form(&g, weight, level),
        };
        AutomorphicFormHandle { inner }
    }

    #[napi]
    pub fn info(&self) -> FormInfo {
        form_info(&self.inner)
    }

    /// The crate's Hecke eigenvalue at `prime`: sqrt(p)·(1 + (weight - 2)/12).
    #[napi]
    pub fn hecke_eigenvalue(&self, prime: u32) -> Result<f64> {
        if prime < 2 {
            return Err(invalid("the Hecke operator needs a prime >= 2"));
        }
        Ok(HeckeOperator::new(&self.inner.group, prime).eigenvalue(&self.inner))
    }

    /// T_p applied to the form: same weight and level, conductor times p.
    #[napi]
    pub fn apply_hecke(&self, prime: u32) -> Result<AutomorphicFormHandle> {
        if prime < 2 {
            return Err(invalid("the Hecke operator needs a prime >= 2"));
        }
        Ok(AutomorphicFormHandle { inner: HeckeOperator::new(&self.inner.group, prime).apply(&self.inner) })
    }
}
