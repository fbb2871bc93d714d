//! The model's numbers are pinned: a fingerprint of every strategy's scores on every bundled
//! scenario over a run of seeds, committed in `tests/golden/fingerprints.ron` with the model
//! version that made them. Each fingerprint is keyed by the scenario's content hash too, so a
//! changed scenario (its results carry the new hash and are told apart anyway) is re-blessed
//! without touching the model's version, while a change to any number of the model for the
//! same scenario fails until it is made deliberate: bump `model::MODEL_VERSION` (result files
//! of the old model are then reported as such instead of as tampered) and re-bless with
//! `KAM_BLESS=1 cargo test -p kam-sim --test golden`.

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

fn fingerprints() -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for (name, prepared) in common::bundled() {
        let content = kam_sim::record::scenario_hash(&prepared);
        let name = format!("{name}@{}", &content[..12]);
        for strategy in kam_sim::strategy::all_names() {
            let mut hash = Sha256::new();
            for s in kam_sim::batch::scores(&prepared, strategy, 0, SEEDS).unwrap() {
                for v in [s.composite, s.retention, s.profit, s.satisfaction] {
                    hash.update(v.to_bits().to_le_bytes());
                }
            }
            let hex: String = hash.finalize()[..12]
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect();
            out.insert(format!("{name} {strategy}"), hex);
        }
    }
    out
}

#[test]
fn the_models_numbers_change_only_with_its_version() {
    let now = Golden {
        model: MODEL_VERSION,
        fingerprints: fingerprints(),
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
        return;
    }
    let committed = committed.expect("tests/golden/fingerprints.ron is missing: bless it");
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
        "the numbers changed for {changed:?} (a key with a new @hash is a changed scenario: re-bless; the same key with new numbers is a model change: bump model::MODEL_VERSION first), with KAM_BLESS=1 cargo test -p kam-sim --test golden"
    );
}
