//! Any bytes given to the scenario loader must come back as a scenario or as located errors,
//! never as a panic; a scenario that loads must also survive a short game.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    match kam_sim::load_bytes("fuzz.ron", bytes) {
        Ok((prepared, _warnings)) => {
            let _ = kam_sim::play(&prepared, "random", 0);
        }
        Err(errors) => assert!(errors.iter().all(|e| e.line >= 1 && e.col >= 1)),
    }
});
