//! The `kam` binary end to end: exit statuses, what goes to stdout and what to stderr.

use std::process::{Command, Output};

fn kam(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kam"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn validate_exit_statuses_and_streams() {
    let ok = kam(&[
        "validate",
        "scenarios/tutorial.ron",
        "scenarios/classroom_zh.ron",
        "scenarios/classroom_en.ron",
    ]);
    assert_eq!(ok.status.code(), Some(0), "{}", text(&ok.stderr));

    let broken = kam(&[
        "validate",
        "scenarios/tutorial.ron",
        "tests/broken_scenarios/unknown_field.ron",
    ]);
    assert_eq!(broken.status.code(), Some(1));
    let err = text(&broken.stderr);
    assert!(
        err.contains(
            "tests/broken_scenarios/unknown_field.ron:42:13: error: unknown field `satisfation`"
        ),
        "{err}"
    );
    assert!(
        !text(&broken.stdout).contains("error"),
        "errors belong on stderr"
    );

    let missing = kam(&["validate", "no/such/file.ron"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(text(&missing.stderr).contains("cannot read"));

    assert_eq!(
        kam(&["validate"]).status.code(),
        Some(2),
        "no file is a usage error"
    );
}

#[test]
fn help_explains_every_command() {
    let help = kam(&["--help"]);
    assert_eq!(help.status.code(), Some(0));
    let out = text(&help.stdout);
    for command in [
        "play",
        "validate",
        "simulate",
        "replay",
        "strategies",
        "new",
        "balance",
        "report",
    ] {
        assert!(
            out.contains(command),
            "`kam --help` does not mention {command}:\n{out}"
        );
        let sub = kam(&[command, "--help"]);
        assert_eq!(sub.status.code(), Some(0), "kam {command} --help");
        assert!(
            text(&sub.stdout).contains("Usage: kam"),
            "kam {command} --help"
        );
    }
    assert_eq!(kam(&["frobnicate"]).status.code(), Some(2));
}

/// `--help` and usage errors follow `--lang`, else the locale (`LANG`), as every command's
/// output does.
#[test]
fn help_and_usage_errors_speak_the_chosen_language() {
    let run = |lang: &str, args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_kam"))
            .args(args)
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env("LANG", lang)
            .output()
            .unwrap()
    };
    let help = run("zh_CN.UTF-8", &["validate", "--help"]);
    assert_eq!(help.status.code(), Some(0));
    assert!(
        text(&help.stdout).contains("用法：kam validate"),
        "{}",
        text(&help.stdout)
    );
    let english = run("zh_CN.UTF-8", &["validate", "--help", "--lang", "en"]);
    assert!(text(&english.stdout).contains("Usage: kam validate"));
    let refused = run("C", &["--lang", "zh", "validate"]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(
        text(&refused.stderr).starts_with("错误：缺少必需的参数"),
        "{}",
        text(&refused.stderr)
    );
}

#[test]
fn simulate_json_round_trips_through_a_real_process() {
    let out = kam(&[
        "simulate",
        "scenarios/classroom_en.ron",
        "--strategy",
        "expert",
        "--runs",
        "3",
        "--json",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let json = text(&out.stdout);
    for key in [
        "\"scenario\"",
        "\"runs\": 3",
        "\"seed\"",
        "\"strategies\"",
        "\"strategy\": \"expert\"",
        "\"p90\"",
    ] {
        assert!(json.contains(key), "{key} missing from {json}");
    }
}

#[test]
fn the_game_without_a_display_says_so_in_one_line() {
    let out = Command::new(env!("CARGO_BIN_EXE_kam"))
        .args(["play", "tutorial"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .env_remove("RUST_BACKTRACE")
        .env(
            "KAM_TRAINER_DATA",
            std::env::temp_dir().join("kam-no-display-test"),
        )
        .output()
        .unwrap();
    let err = text(&out.stderr);
    assert!(!out.status.success(), "exits non-zero");
    assert_eq!(err.trim_end().lines().count(), 1, "one line: {err}");
    assert!(err.contains("DISPLAY") && err.contains("xvfb-run"), "{err}");
    assert!(
        !err.contains("panicked") && !err.contains("backtrace"),
        "{err}"
    );
}

#[test]
fn serve_refuses_a_database_it_cannot_use_in_one_line() {
    let out = kam(&[
        "serve",
        "--db",
        "mysql://nobody@nowhere/x",
        "--addr",
        "127.0.0.1:0",
    ]);
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(err.contains("not a database address"), "{err}");
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert!(!err.contains("panicked"));
}

#[test]
fn replay_rescores_an_earlier_models_result_into_one_replay_and_report_verify() {
    use kam_sim::model::MODEL_VERSION;

    let dir = tempfile::tempdir().unwrap();
    let (prepared, _) = kam_sim::load_file(std::path::Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/scenarios/tutorial.ron"
    )))
    .unwrap();
    let game = kam_sim::play(&prepared, kam_sim::StrategyId::Expert, 11).unwrap();
    let mut result = kam_sim::record_game(&game, "Wang");
    result.model = MODEL_VERSION - 1;
    result.scores.composite = 33.0;
    let old = dir.path().join("wang.ron");
    kam_sim::write_record_atomic(&old, &result).unwrap();
    let path = |p: &std::path::Path| p.to_str().unwrap().to_owned();

    // Plain replay names the model, and does not call the result tampered.
    let plain = kam(&["replay", &path(&old)]);
    assert_eq!(plain.status.code(), Some(1));
    let err = text(&plain.stderr);
    assert!(
        err.contains(&format!("made with model {}", MODEL_VERSION - 1))
            && !err.contains("does not match"),
        "{err}"
    );

    let new = dir.path().join("model").join("wang.ron");
    let rescored = kam(&["replay", "--rescore", &path(&old), "--out", &path(&new)]);
    assert_eq!(
        rescored.status.code(),
        Some(0),
        "{}",
        text(&rescored.stderr)
    );
    assert!(
        text(&rescored.stdout).contains(&format!("to model {MODEL_VERSION}")),
        "{}",
        text(&rescored.stdout)
    );
    let written = kam_sim::read_record(&new).unwrap();
    assert_eq!(written.model, MODEL_VERSION);
    assert_eq!(written.scores, kam_sim::score_game(&game));
    let verified = kam(&["replay", &path(&new)]);
    assert_eq!(
        verified.status.code(),
        Some(0),
        "{}",
        text(&verified.stderr)
    );
    let report = kam(&["report", &path(&new)]);
    assert_eq!(report.status.code(), Some(0), "{}", text(&report.stderr));

    // A log this model refuses: the decision is named and nothing is written.
    let k = result
        .decisions
        .iter()
        .position(|d| matches!(d, kam_sim::Decision::Choose(_)))
        .unwrap();
    result.decisions[k] = kam_sim::Decision::Choose(42);
    kam_sim::write_record_atomic(&old, &result).unwrap();
    let refused_out = dir.path().join("refused.ron");
    let refused = kam(&[
        "replay",
        "--rescore",
        &path(&old),
        "--out",
        &path(&refused_out),
    ]);
    assert_eq!(refused.status.code(), Some(1));
    let err = text(&refused.stderr);
    assert!(
        err.contains(&format!("decision {} of {}", k + 1, result.decisions.len()))
            && err.contains("choice number 42")
            && err.contains("nothing written")
            && !err.contains("panicked"),
        "{err}"
    );
    assert!(!refused_out.exists());
}
