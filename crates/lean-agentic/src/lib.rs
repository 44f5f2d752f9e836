//! Node.js binding of the `lean-agentic` crate: hash-consed terms of a
//! dependent type theory and its type inference. Terms are numbers (the
//! crate's term ids): equal terms get the same number.

use std::collections::HashMap;

use lean_agentic::level::LevelArena;
use lean_agentic::term::{Binder, BinderInfo};
use lean_agentic::typechecker::TypeChecker;
use lean_agentic::{Arena, Context, Environment, SymbolTable, TermId};
use napi::{Error, Result, Status};
use napi_derive::napi;

/// Version of the wrapped `lean-agentic` crate.
#[napi]
pub fn version() -> &'static str {
    env!("CARGO_PKG_VERSION")
}

/// A term arena with its universe levels, names and type checker.
#[napi]
pub struct Kernel {
    arena: Arena,
    levels: LevelArena,
    symbols: SymbolTable,
    env: Environment,
    checker: TypeChecker,
    // The crate hands out term ids but does not let them be rebuilt from
    // numbers, so every id given to JavaScript is remembered here.
    terms: HashMap<u32, TermId>,
}

#[napi]
impl Kernel {
    #[napi(constructor)]
    pub fn new() -> Self {
        Kernel {
            arena: Arena::new(),
            levels: LevelArena::new(),
            symbols: SymbolTable::new(),
            env: Environment::new(),
            checker: TypeChecker::new(),
            terms: HashMap::new(),
        }
    }

    fn handle(&mut self, id: TermId) -> u32 {
        self.terms.insert(id.raw(), id);
        id.raw()
    }

    fn term(&self, handle: u32) -> Result<TermId> {
        self.terms
            .get(&handle)
            .copied()
            .ok_or_else(|| Error::new(Status::InvalidArg, format!("{handle} is not a term of this kernel")))
    }

    fn binder(&mut self, name: &str, ty: u32) -> Result<Binder> {
        Ok(Binder {
            name: self.symbols.intern(name),
            ty: self.term(ty)?,
            implicit: false,
            info: BinderInfo::Default,
        })
    }

    /// `Sort u`, the universe at level `level` (0 is `Type`).
    #[napi]
    pub fn sort(&mut self, level: u32) -> u32 {
        let mut l = self.levels.zero();
        for _ in 0..level {
            l = self.levels.succ(l);
        }
        let id = self.arena.mk_sort(l);
        self.handle(id)
    }

    /// The bound variable with de Bruijn index `index`.
    #[napi]
    pub fn var(&mut self, index: u32) -> u32 {
        let id = self.arena.mk_var(index);
        self.handle(id)
    }

    /// Application `f a`.
    #[napi]
    pub fn app(&mut self, f: u32, a: u32) -> Result<u32> {
        let id = self.arena.mk_app(self.term(f)?, self.term(a)?);
        Ok(self.handle(id))
    }

    /// Abstraction `λ name : ty, body`.
    #[napi]
    pub fn lam(&mut self, name: String, ty: u32, body: u32) -> Result<u32> {
        let binder = self.binder(&name, ty)?;
        let id = self.arena.mk_lam(binder, self.term(body)?);
        Ok(self.handle(id))
    }

    /// Dependent function type `Π name : ty, body`.
    #[napi]
    pub fn pi(&mut self, name: String, ty: u32, body: u32) -> Result<u32> {
        let binder = self.binder(&name, ty)?;
        let id = self.arena.mk_pi(binder, self.term(body)?);
        Ok(self.handle(id))
    }

    /// The type of a closed term; an error says why a term has none. (Types
    /// of bound variables come back unshifted, as the crate computes them:
    /// see test/addon.test.js.)
    #[napi]
    pub fn infer(&mut self, term: u32) -> Result<u32> {
        let term = self.term(term)?;
        let ty = self
            .checker
            .infer(&mut self.arena, &mut self.levels, &self.env, &Context::new(), term)
            .map_err(|e| Error::new(Status::GenericFailure, format!("{e:?}")))?;
        Ok(self.handle(ty))
    }

    /// Number of distinct terms in the arena.
    #[napi(getter)]
    pub fn term_count(&self) -> u32 {
        self.arena.terms() as u32
    }
}

impl Default for Kernel {
    fn default() -> Self {
        Self::new()
    }
}
