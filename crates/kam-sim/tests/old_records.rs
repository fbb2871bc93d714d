//! Files written before the engine's indices were typed (`AccountId`, `MemberId`, …) still
//! load and are written back the same: the ids are bare numbers on the wire. The result file
//! in `records/` was written by the untyped code (`demo_class`, the Chinese classroom).

use kam_sim::{AccountId, ApproachId, Decision, MemberId, ResourceId, ResourceUse, Visit};

const WRITTEN_BEFORE: &str = include_str!("records/written_before_typed_ids.ron");

#[test]
fn a_result_file_written_before_the_typed_ids_loads_and_is_written_back_the_same() {
    let record = kam_sim::record_from_str(WRITTEN_BEFORE).expect("the old file loads");
    let Some(Decision::Plan(first)) = record.decisions.first() else {
        panic!("the game opens with a plan");
    };
    // The numbers mean what they meant: the first plan's first visit and resource.
    assert_eq!(
        first.visits[0],
        Visit {
            account: AccountId(0),
            stakeholder: MemberId(0),
            approach: ApproachId(2),
        }
    );
    assert_eq!(
        first.resources[0],
        ResourceUse {
            account: AccountId(1),
            resource: ResourceId(0),
            units: 1,
        }
    );
    let again = kam_sim::record_to_string(&record).unwrap();
    assert_eq!(again.trim_end(), WRITTEN_BEFORE.trim_end());
}

/// A reading names its person by account and buying-centre position, as bare numbers in the
/// result file (RON) and in what a class client sends (JSON).
#[test]
fn a_reading_keeps_its_bare_numbers_in_ron_and_json() {
    let read = Decision::Read {
        account: AccountId(3),
        stakeholder: MemberId(1),
        reading: kam_sim::Reading::default(),
    };
    let json = serde_json::to_string(&read).unwrap();
    assert!(json.contains(r#""account":3,"stakeholder":1"#), "{json}");
    assert_eq!(serde_json::from_str::<Decision>(&json).unwrap(), read);
    let ron = ron::to_string(&read).unwrap();
    assert!(ron.contains("account:3,stakeholder:1"), "{ron}");
    assert_eq!(ron::from_str::<Decision>(&ron).unwrap(), read);
}
