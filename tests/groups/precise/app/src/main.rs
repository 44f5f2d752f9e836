//! Prints the JSON number 0.10 as serde_json parses and writes it back: the
//! digits kept or not tell which build of serde_json was linked.

fn main() {
    let value: serde_json::Value = serde_json::from_str("0.10").expect("0.10 is JSON");
    println!("{value}");
}
