//! Node.js binding of the `claude_market` crate: its token wallet (credit,
//! debit, escrow lock/unlock per peer), kept in an in-memory SQLite database.

use std::str::FromStr;

use claude_market::wallet::{TokenBalance, Wallet as CrateWallet};
use libp2p_identity::PeerId;
use napi::{Error, Result, Status};
use napi_derive::napi;

/// Version of the wrapped `claude_market` crate.
#[napi]
pub fn version() -> &'static str {
    env!("CARGO_PKG_VERSION")
}

fn fail(e: impl std::fmt::Display) -> Error {
    Error::new(Status::GenericFailure, e.to_string())
}

fn peer(id: &str) -> Result<PeerId> {
    PeerId::from_str(id).map_err(|e| Error::new(Status::InvalidArg, format!("not a peer id: {e}")))
}

#[napi(object)]
pub struct Balance {
    pub owner: String,
    pub available: f64,
    /// Held in escrow.
    pub locked: f64,
    pub total: f64,
}

fn balance(b: TokenBalance) -> Balance {
    Balance { owner: b.owner.to_string(), available: b.available as f64, locked: b.locked as f64, total: b.total as f64 }
}

/// A wallet of per-peer token balances. The crate's methods are async over
/// a mutex-guarded SQLite connection and never wait on I/O, so they are
/// driven to completion in place.
#[napi]
pub struct Wallet {
    inner: CrateWallet,
}

#[napi]
impl Wallet {
    #[napi(constructor)]
    pub fn new() -> Result<Self> {
        futures::executor::block_on(async {
            let inner = CrateWallet::new(":memory:").await.map_err(fail)?;
            inner.init_schema().await.map_err(fail)?;
            Ok(Wallet { inner })
        })
    }

    #[napi]
    pub fn balance(&self, peer_id: String) -> Result<Balance> {
        futures::executor::block_on(self.inner.get_balance(&peer(&peer_id)?)).map(balance).map_err(fail)
    }

    #[napi]
    pub fn credit(&self, peer_id: String, amount: u32) -> Result<Balance> {
        futures::executor::block_on(self.inner.credit(&peer(&peer_id)?, amount as u64)).map(balance).map_err(fail)
    }

    #[napi]
    pub fn debit(&self, peer_id: String, amount: u32) -> Result<Balance> {
        futures::executor::block_on(self.inner.debit(&peer(&peer_id)?, amount as u64)).map(balance).map_err(fail)
    }

    /// Moves tokens from available into escrow.
    #[napi]
    pub fn lock(&self, peer_id: String, amount: u32) -> Result<Balance> {
        futures::executor::block_on(self.inner.lock_tokens(&peer(&peer_id)?, amount as u64)).map(balance).map_err(fail)
    }

    /// Moves tokens from escrow back to available.
    #[napi]
    pub fn unlock(&self, peer_id: String, amount: u32) -> Result<Balance> {
        futures::executor::block_on(self.inner.unlock_tokens(&peer(&peer_id)?, amount as u64)).map(balance).map_err(fail)
    }
}
