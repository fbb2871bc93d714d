//! The model's numbers are pinned: a fingerprint of every strategy's scores on every bundled
//! scenario over a run of seeds, committed in `tests/golden/fingerprints.ron` with the model
//! version that made them. Each fingerprint is keyed by the scenario's content hash too, so a
//! changed scenario (its results carry the new hash and are told apart anyway) is re-blessed
//! without touching the model's version, while a change to any number of the model for the
//! same scenario fails until it is made deliberate: bump `model::MODEL_VERSION` (result files
//! of the old model are then reported as such instead of as tampered) and re-bless with
//! `KAM_BLESS=1 cargo test -p kam-sim --test golden`.
//!
//! Beside the fingerprints, `tests/golden/means.txt` holds what they stand for in a form a
//! person reads: each strategy's mean scores on each scenario. When a fingerprint fails, the
//! lines of that table that moved are in the failure, so it says which number changed and by
//! how much (a move below the table's four decimals is said to be one).

mod common;

use std::collections::BTreeMap;
use std::path::PathBuf;

use kam_sim::model::MODEL_VERSION;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

const SEEDS: u64 = 20;

#[derive(Debug, Serialize, Deserialize, PartialEq)]
struct Golden {
    model: u32,
    fingerprints: BTreeMap<String, String>,
}

fn path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/golden/fingerprints.ron")
}

/// Each strategy's fingerprint and mean scores on each bundled scenario, keyed
/// `file@hash strategy`.
struct Measured {
    fingerprints: BTreeMap<String, String>,
    /// Mean composite, retention, profit and satisfaction over the seeds.
    means: BTreeMap<String, [f64; 4]>,
}

fn measure() -> Measured {
    let mut measured = Measured {
        fingerprints: BTreeMap::new(),
        means: BTreeMap::new(),
    };
    for (name, prepared) in common::bundled() {
        let content = kam_sim::scenario_hash(&prepared);
        let name = format!("{name}@{}", &content[..12]);
        for strategy in kam_sim::StrategyId::ALL {
            let mut hash = Sha256::new();
            let mut sums = [0.0; 4];
            for s in kam_sim::score_runs(&prepared, strategy, 0, SEEDS).unwrap() {
                let figures = [s.composite, s.retention, s.profit, s.satisfaction];
                for (sum, v) in sums.iter_mut().zip(figures) {
                    hash.update(v.to_bits().to_le_bytes());
                    *sum += v;
                }
            }
            let hex: String = hash.finalize()[..12]
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect();
            let key = format!("{name} {strategy}");
            measured.fingerprints.insert(key.clone(), hex);
            measured
                .means
                .insert(key, sums.map(|sum| sum / SEEDS as f64));
        }
    }
    measured
}

fn means_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/golden/means.txt")
}

/// The means as the committed table: a header, then one line per scenario and strategy.
fn means_table(means: &BTreeMap<String, [f64; 4]>) -> String {
    let mut text = format!(
        "# Mean scores of each built-in strategy on each bundled scenario over seeds 0..{SEEDS},\n\
         # model {MODEL_VERSION}: what tests/golden/fingerprints.ron pins, in a form a person reads.\n\
         # Re-blessed with it: KAM_BLESS=1 cargo test -p kam-sim --test golden\n\
         # scenario@content-hash strategy: composite retention profit satisfaction\n"
    );
    for (key, [composite, retention, profit, satisfaction]) in means {
        text += &format!("{key}: {composite:.4} {retention:.4} {profit:.4} {satisfaction:.4}\n");
    }
    text
}

/// The lines of the committed means table that differ from `now`'s, old above new.
fn moved_lines(committed: &str, now: &str) -> String {
    let figures = |text: &str| -> BTreeMap<String, String> {
        text.lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| l.split_once(": "))
            .map(|(k, v)| (k.to_owned(), v.to_owned()))
            .collect()
    };
    let (old, new) = (figures(committed), figures(now));
    let mut moved = String::new();
    for key in old
        .keys()
        .chain(new.keys().filter(|k| !old.contains_key(*k)))
    {
        let (o, n) = (old.get(key), new.get(key));
        if o != n {
            let show = |v: Option<&String>| v.map_or("(none)".to_owned(), String::clone);
            moved += &format!("  {key}\n    was {}\n    now {}\n", show(o), show(n));
        }
    }
    if moved.is_empty() {
        "  (no mean moved by 0.0001: the change is in single games or below four decimals)\n"
            .to_owned()
    } else {
        moved
    }
}

#[test]
fn the_models_numbers_change_only_with_its_version() {
    let measured = measure();
    let table = means_table(&measured.means);
    let now = Golden {
        model: MODEL_VERSION,
        fingerprints: measured.fingerprints,
    };
    let committed: Option<Golden> = std::fs::read_to_string(path())
        .ok()
        .and_then(|t| ron::from_str(&t).ok());
    if std::env::var_os("KAM_BLESS").is_some() {
        if let Some(old) = &committed {
            // Only the same scenario's numbers are compared: a changed scenario has new keys.
            let changed: Vec<&String> = now
                .fingerprints
                .iter()
                .filter(|(k, v)| old.fingerprints.get(*k).is_some_and(|o| o != *v))
                .map(|(k, _)| k)
                .collect();
            assert!(
                old.model != MODEL_VERSION || changed.is_empty(),
                "the numbers changed for {changed:?} but model::MODEL_VERSION is still {MODEL_VERSION}: bump it first"
            );
        }
        let text = ron::ser::to_string_pretty(&now, ron::ser::PrettyConfig::new()).unwrap();
        std::fs::write(path(), text).unwrap();
        std::fs::write(means_path(), &table).unwrap();
        return;
    }
    let committed = committed.expect("tests/golden/fingerprints.ron is missing: bless it");
    let committed_table = std::fs::read_to_string(means_path()).unwrap_or_default();
    let moved = moved_lines(&committed_table, &table);
    assert_eq!(
        committed.model, MODEL_VERSION,
        "model::MODEL_VERSION changed: re-bless with KAM_BLESS=1 cargo test -p kam-sim --test golden"
    );
    let changed: Vec<&String> = now
        .fingerprints
        .iter()
        .filter(|(k, v)| committed.fingerprints.get(*k) != Some(v))
        .map(|(k, _)| k)
        .collect();
    assert!(
        changed.is_empty() && committed.fingerprints.len() == now.fingerprints.len(),
        "the numbers changed for {changed:?} (a key with a new @hash is a changed scenario: re-bless; the same key with new numbers is a model change: bump model::MODEL_VERSION first), with KAM_BLESS=1 cargo test -p kam-sim --test golden\nThe means that moved (tests/golden/means.txt):\n{moved}"
    );
    assert!(
        committed_table == table,
        "tests/golden/means.txt does not match the fingerprints' games:\n{moved}"
    );
}
