//! Node.js binding of the `bit-parallel-search` crate: Shift-Or substring
//! search over strings and Buffers. Offsets are byte offsets into the UTF-8
//! (or raw Buffer) text, as the crate reports them.

use bit_parallel_search::{BitParallelSearcher, MAX_PATTERN_LEN};
use napi::bindgen_prelude::{Buffer, Either};
use napi::{Error, Result, Status};
use napi_derive::napi;

// Spelled out in each exported signature: the declarations napi-derive
// writes for index.d.ts see the Rust types, not this alias.
type Bytes = Either<String, Buffer>;

fn bytes(value: &Bytes) -> &[u8] {
    match value {
        Either::A(s) => s.as_bytes(),
        Either::B(b) => b.as_ref(),
    }
}

fn non_empty(pattern: &Bytes) -> Result<&[u8]> {
    let p = bytes(pattern);
    if p.is_empty() {
        // The crate panics on an empty pattern; a JS caller gets a TypeError.
        return Err(Error::new(Status::InvalidArg, "pattern must not be empty"));
    }
    Ok(p)
}

/// Version of the wrapped `bit-parallel-search` crate.
#[napi]
pub fn version() -> &'static str {
    env!("CARGO_PKG_VERSION")
}

/// Longest pattern searched bit-parallel; longer ones fall back to a naive scan.
#[napi]
pub const MAX_PATTERN_LENGTH: u32 = MAX_PATTERN_LEN as u32;

/// Byte offset of the first occurrence of `pattern` in `text`, or null.
/// An empty pattern matches at 0.
#[napi]
pub fn find(text: Either<String, Buffer>, pattern: Either<String, Buffer>) -> Option<u32> {
    bit_parallel_search::find(bytes(&text), bytes(&pattern)).map(|i| i as u32)
}

/// Number of (overlapping) occurrences of `pattern` in `text`.
#[napi]
pub fn count(text: Either<String, Buffer>, pattern: Either<String, Buffer>) -> Result<u32> {
    Ok(BitParallelSearcher::new(non_empty(&pattern)?).count_in(bytes(&text)) as u32)
}

/// A pattern compiled once and searched in many texts.
#[napi]
pub struct Searcher {
    // The crate's searcher keeps a pointer into the pattern for long patterns,
    // so the bytes it points at are owned here, next to it, for its lifetime.
    inner: BitParallelSearcher,
    _pattern: Box<[u8]>,
}

#[napi]
impl Searcher {
    #[napi(constructor)]
    pub fn new(pattern: Either<String, Buffer>) -> Result<Self> {
        let owned: Box<[u8]> = non_empty(&pattern)?.into();
        let inner = BitParallelSearcher::new(&owned);
        Ok(Searcher { inner, _pattern: owned })
    }

    #[napi(getter)]
    pub fn pattern_length(&self) -> u32 {
        self.inner.pattern_len() as u32
    }

    /// Byte offset of the first match in `text`, or null.
    #[napi]
    pub fn find_in(&self, text: Either<String, Buffer>) -> Option<u32> {
        self.inner.find_in(bytes(&text)).map(|i| i as u32)
    }

    /// Byte offsets of every (overlapping) match in `text`.
    #[napi]
    pub fn find_all_in(&self, text: Either<String, Buffer>) -> Vec<u32> {
        self.inner.find_all_in(bytes(&text)).map(|i| i as u32).collect()
    }

    #[napi]
    pub fn count_in(&self, text: Either<String, Buffer>) -> u32 {
        self.inner.count_in(bytes(&text)) as u32
    }

    #[napi]
    pub fn exists_in(&self, text: Either<String, Buffer>) -> bool {
        self.inner.exists_in(bytes(&text))
    }
}
