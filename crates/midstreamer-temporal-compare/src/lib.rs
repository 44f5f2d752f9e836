//! Node.js binding of the `midstreamer-temporal-compare` crate: distances
//! between sequences by dynamic time warping, longest common subsequence,
//! edit distance and positional mismatch.

use midstreamer_temporal_compare::{ComparisonAlgorithm, Sequence, TemporalComparator};
use napi::{Error, Result, Status};
use napi_derive::napi;

/// Version of the wrapped `midstreamer-temporal-compare` crate.
#[napi]
pub fn version() -> &'static str {
    env!("CARGO_PKG_VERSION")
}

/// The outcome of comparing two sequences.
#[napi(object)]
pub struct Comparison {
    pub distance: f64,
    /// For "dtw": the warping path as [index in a, index in b] pairs; absent otherwise.
    pub alignment: Option<Vec<Vec<u32>>>,
}

fn algorithm(name: &str) -> Result<ComparisonAlgorithm> {
    match name {
        "dtw" => Ok(ComparisonAlgorithm::DTW),
        "lcs" => Ok(ComparisonAlgorithm::LCS),
        "edit" => Ok(ComparisonAlgorithm::EditDistance),
        "euclidean" => Ok(ComparisonAlgorithm::Euclidean),
        other => Err(Error::new(
            Status::InvalidArg,
            format!("unknown algorithm '{other}' (expected dtw, lcs, edit or euclidean)"),
        )),
    }
}

fn sequence(values: Vec<String>) -> Sequence<String> {
    let mut seq = Sequence::new();
    for (i, value) in values.into_iter().enumerate() {
        seq.push(value, i as u64);
    }
    seq
}

/// Distance between sequences `a` and `b` of symbols, by `algorithm`:
/// "dtw" (0/1 cost per pair), "lcs" (|a| + |b| - 2·LCS), "edit" (Levenshtein)
/// or "euclidean" (square root of the mismatches over the common prefix).
#[napi]
pub fn compare(a: Vec<String>, b: Vec<String>, algorithm_name: String) -> Result<Comparison> {
    let algorithm = algorithm(&algorithm_name)?;
    let max = a.len().max(b.len()).max(1);
    // A fresh comparator per call: the crate caches results under a key made
    // of the two lengths alone, so a long-lived one would answer a second pair
    // of equally long sequences with the first pair's distance.
    let comparator = TemporalComparator::<String>::new(1, max);
    let result = comparator
        .compare(&sequence(a), &sequence(b), algorithm)
        .map_err(|e| Error::new(Status::GenericFailure, e.to_string()))?;
    Ok(Comparison {
        distance: result.distance,
        alignment: result
            .alignment
            .map(|pairs| pairs.into_iter().map(|(i, j)| vec![i as u32, j as u32]).collect()),
    })
}
