//! kam-game: the Bevy + egui game, a thin layer over kam-sim.
//!
//! Bevy owns the window, the frame loop and the screen state; egui draws every screen. Each
//! screen is a plugin in [`screens`] whose view is a plain function over the [`Session`] view
//! model, so the views are tested with egui_kittest without a GPU and the screen flow with
//! `MinimalPlugins` without a window.

pub mod automation;
pub mod class;
pub mod guide;
pub mod i18n;
mod idle;
mod screens;
pub mod session;
mod startup;
pub mod ui;
mod watch;
mod window_title;

use std::process::ExitCode;
use std::time::{Duration, Instant};

use bevy::prelude::*;
use bevy::window::WindowResolution;
use bevy::winit::{UpdateMode, WinitSettings};
use bevy_egui::EguiPlugin;
use kam_sim::StrategyId;

pub use session::{Action, Actions, Screen, Session, core_plugin};

/// When the process started, for the start-up benchmark.
#[derive(Resource, Clone, Copy)]
pub struct Started(pub Instant);

/// How the game was asked to start (`kam play`'s options; the binary fills it from the
/// command line, so the game knows nothing of the command-line crate).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PlayOptions {
    /// Scenario file (RON) or bundled scenario name; without it, the title screen.
    pub scenario: Option<std::path::PathBuf>,
    /// Reload the scenario whenever the file changes.
    pub watch: bool,
    /// Save a screenshot of the window to this PNG file and exit.
    pub screenshot: Option<std::path::PathBuf>,
    /// Play the whole game with a built-in strategy.
    pub autoplay: Option<String>,
    /// UI language: zh or en.
    pub lang: Option<String>,
    /// Player name written into saves and results.
    pub player: Option<String>,
    /// Seed or class code.
    pub seed: Option<String>,
    /// The screen to open at (`briefing`, `turn`, `event`, `negotiation`, `report`,
    /// `debrief`), playing there with `autoplay` (or `expert`) when it lies ahead.
    pub screen: Option<String>,
    /// Play at this difficulty instead of the scenario's own.
    pub difficulty: Option<kam_sim::scenario::Difficulty>,
}

/// Where `kam play FILE` opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Opening {
    At(Screen),
    /// The turn screen of month 2 after a month played by a weak strategy: the coach's
    /// preview and hints at work.
    Coach,
    /// The debrief of a what-if from month 2, beside the original game.
    WhatIf,
    /// The debrief with the month-by-month comparison with the expert open.
    ExpertCompare,
}

/// The briefing for a person; for automation (a screenshot or autoplay) the turn screen or
/// the debrief, unless `--screen` says.
fn opening_screen(options: &PlayOptions) -> Result<Opening, String> {
    let at = |screen| Ok(Opening::At(screen));
    match options.screen.as_deref() {
        Some("briefing") => at(Screen::Briefing),
        Some("turn") => at(Screen::Turn),
        Some("event") => at(Screen::Event),
        Some("negotiation") => at(Screen::Negotiation),
        Some("report") => at(Screen::Report),
        Some("debrief") => at(Screen::Debrief),
        Some("coach") => Ok(Opening::Coach),
        Some("what-if") => Ok(Opening::WhatIf),
        Some("expert-compare") => Ok(Opening::ExpertCompare),
        Some(other) => Err(format!(
            "no screen called `{other}`: briefing, turn, event, negotiation, report, debrief, coach, what-if or expert-compare"
        )),
        None if options.autoplay.is_some() => at(Screen::Debrief),
        None if options.screenshot.is_some() || options.watch => at(Screen::Turn),
        None => at(Screen::Briefing),
    }
}

/// Exit status for a usage error (the same as the command line's).
pub const USAGE: u8 = 2;

/// Opens the game window as `kam play` asked.
pub fn run(args: PlayOptions) -> ExitCode {
    let started = Instant::now();
    let session = match prepare_session(&args) {
        Ok(session) => session,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(USAGE);
        }
    };
    startup::install_panic_message();
    let mut app = build_app(session, &args, started);
    match app.run() {
        AppExit::Success => ExitCode::SUCCESS,
        AppExit::Error(code) => ExitCode::from(code.get()),
    }
}

/// The session `kam play` opens with: the options applied, and the scenario started and
/// played to the screen asked for. `Err` is a usage error, said in one line.
fn prepare_session(args: &PlayOptions) -> Result<Session, String> {
    let mut session = Session::new(session::data_dir());
    if args.screenshot.is_some() || args.autoplay.is_some() {
        // Automation never overwrites the player's autosave.
        session.settings.data_dir = None;
    }
    if let Some(code) = &args.lang {
        let lang = i18n::parse_lang(code)
            .ok_or_else(|| format!("kam play: unknown language `{code}`; use zh or en"))?;
        session.lang = lang;
        session.title.form.lang = Some(lang);
        session.settings.lang_fixed = true;
    }
    let form = &mut session.title.form;
    if let Some(player) = &args.player {
        form.player = player.clone();
    }
    if let Some(seed) = &args.seed {
        form.seed = seed.clone();
    }
    form.difficulty = args.difficulty;
    if let Some(name) = &args.autoplay
        && let Err(unknown) = name.parse::<kam_sim::StrategyId>()
    {
        let known: Vec<&str> = kam_sim::StrategyId::ALL.iter().map(|s| s.name()).collect();
        return Err(format!("kam play: {unknown}; known: {}", known.join(", ")));
    }
    // Said before any work, in one line, instead of a panic from winit once the game starts.
    if let Some(reason) = startup::no_display_reason() {
        return Err(reason);
    }
    if let Some(arg) = &args.scenario {
        open_scenario(&mut session, args, session::ScenarioSource::from_arg(arg))?;
    }
    Ok(session)
}

/// Starts the command line's scenario and plays it to the opening asked for.
fn open_scenario(
    session: &mut Session,
    args: &PlayOptions,
    source: session::ScenarioSource,
) -> Result<(), String> {
    let form = &mut session.title.form;
    // The path field is for files; a bundled scenario is picked in the catalogue instead
    // (a playtest found "tutorial" left in the path field).
    if let session::ScenarioSource::File(_) = &source {
        form.file_path = source.label();
    }
    form.selected = match &source {
        session::ScenarioSource::Bundled(_) => session
            .title
            .catalog
            .iter()
            .position(|e| e.source == source),
        session::ScenarioSource::File(_) | session::ScenarioSource::Class(_) => None,
    };
    session.settings.opened = Some(source.clone());
    let (seed, player) = (form.seed.clone(), form.player.clone());
    if session.start(source, &seed, &player) {
        let opening = opening_screen(args).map_err(|e| format!("kam play: {e}"))?;
        play_to_opening(session, args, opening).map_err(|e| format!("kam play: {e}"))?;
    } else if args.screenshot.is_some() && !args.watch {
        // Automation must not hang on a broken file: say why and still shoot the window.
        if let Some(e) = &session.title.error {
            for line in &e.lines {
                eprintln!("{line}");
            }
        }
    }
    Ok(())
}

/// Plays the game just started to `opening`, with the strategy `--autoplay` names (the
/// expert's, or a weak one where the opening is about mistakes).
fn play_to_opening(
    session: &mut Session,
    args: &PlayOptions,
    opening: Opening,
) -> Result<(), String> {
    let asked = match args.autoplay.as_deref().map(str::parse::<StrategyId>) {
        Some(Ok(id)) => Some(id),
        Some(Err(unknown)) => return Err(unknown.to_string()),
        None => None,
    };
    let strategy = asked.unwrap_or(StrategyId::Expert);
    let weak = asked.unwrap_or(StrategyId::Even);
    match opening {
        Opening::Coach => {
            session.screen = Screen::Turn;
            session.autoplay_until(weak, Screen::Report)?;
            session.apply(session::Action::Continue);
            while session.screen != Screen::Turn && session.game().is_some_and(|g| !g.is_finished())
            {
                session.apply(session::Action::Continue);
            }
            // The coach speaks about the plan on the table: start one, with a visit pitched
            // against the first person's style.
            if let Some(visit) = session.game().and_then(first_mispitched_visit) {
                session.apply(session::Action::AddVisit(visit));
            }
            Ok(())
        }
        Opening::WhatIf => {
            // The original with the strategy asked for (or a weak one), then a what-if from
            // month 2 played by the expert.
            session.screen = Screen::Turn;
            session.autoplay(weak)?;
            session.apply(session::Action::WhatIf(2));
            session.autoplay(StrategyId::Expert)
        }
        Opening::ExpertCompare => {
            if let Some(play) = &mut session.play {
                play.show_expert_months = true;
            }
            session.autoplay(weak)
        }
        Opening::At(Screen::Briefing) => Ok(()),
        Opening::At(Screen::Turn) => {
            session.screen = Screen::Turn;
            Ok(())
        }
        Opening::At(Screen::Debrief) => session.autoplay(strategy),
        Opening::At(ahead) => {
            session.screen = Screen::Turn;
            session.autoplay_until(strategy, ahead)
        }
    }
}

/// The Bevy app around `session`: the window, the frame pacing, the game's plugins, and the
/// file watch and automation `kam play` asked for.
fn build_app(session: Session, args: &PlayOptions, started: Instant) -> App {
    let mut app = App::new();
    let automated = args.screenshot.is_some() || automation::bench_frames().is_some();
    app.add_plugins(
        DefaultPlugins
            .set(WindowPlugin {
                primary_window: Some(Window {
                    title: i18n::K::AppTitle.t(session.lang).to_owned(),
                    resolution: WindowResolution::new(1280, 800),
                    present_mode: automation::present_mode(automated),
                    ..default()
                }),
                ..default()
            })
            .set(bevy::log::LogPlugin {
                filter: "warn,kam_game=info".into(),
                fmt_layer: automation::log_layer,
                ..default()
            }),
    );
    app.insert_resource(ClearColor(Color::srgb(0.95, 0.95, 0.96)));
    app.insert_resource(if automated {
        WinitSettings {
            focused_mode: UpdateMode::Continuous,
            unfocused_mode: UpdateMode::Continuous,
        }
    } else if args.watch {
        // Wake up twice a second to pick up file changes; still idle between.
        WinitSettings {
            focused_mode: UpdateMode::reactive(Duration::from_millis(500)),
            unfocused_mode: UpdateMode::reactive_low_power(Duration::from_millis(500)),
        }
    } else {
        idle_settings()
    });
    let watched = session.settings.opened.clone();
    app.insert_resource(Started(started));
    app.insert_resource(session);
    app.add_plugins((EguiPlugin::default(), idle::plugin));
    app.add_plugins(game_plugin);
    if args.watch {
        if let Some(session::ScenarioSource::File(path)) = watched {
            watch::install(&mut app, path);
        } else {
            eprintln!("kam play: --watch needs a scenario file");
        }
    }
    automation::install(&mut app, args.screenshot.clone());
    app
}

/// Reactive updates: a frame only for input, window events or a redraw request (at most one
/// every 5 s otherwise). Device events (raw mouse motion anywhere on the desktop) do not wake
/// the game, unlike `WinitSettings::desktop_app`.
pub fn idle_settings() -> WinitSettings {
    WinitSettings {
        focused_mode: UpdateMode::reactive_low_power(Duration::from_secs(5)),
        unfocused_mode: UpdateMode::reactive_low_power(Duration::from_secs(60)),
    }
}

/// Everything but the window: session, screens, fonts and keyboard.
fn game_plugin(app: &mut App) {
    app.add_plugins(core_plugin);
    app.add_systems(Startup, spawn_camera);
    app.add_plugins((ui::plugin, screens::plugin, window_title::plugin));
}

fn spawn_camera(mut commands: Commands) {
    commands.spawn(Camera2d);
}

/// A visit to the first account's first present person with the pitch that fits them worst:
/// the plan `--screen coach` starts so the coach has something to speak about.
fn first_mispitched_visit(game: &kam_sim::Game) -> Option<kam_sim::Visit> {
    let approaches = &game.scenario().approaches;
    let (account, state) = game
        .accounts()
        .iter()
        .enumerate()
        .find(|(_, a)| !a.churned)?;
    let (stakeholder, person) = state.people.iter().enumerate().find(|(_, p)| p.present)?;
    let approach = (0..approaches.len()).min_by(|&x, &y| {
        kam_sim::model::fit(&approaches[x], &person.person)
            .total_cmp(&kam_sim::model::fit(&approaches[y], &person.person))
    })?;
    Some(kam_sim::Visit {
        account: kam_sim::AccountId(account),
        stakeholder: kam_sim::MemberId(stakeholder),
        approach: kam_sim::ApproachId(approach),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kam_play_opens_at_the_briefing_unless_automation_or_screen_says_otherwise() {
        let person = PlayOptions::default();
        assert_eq!(opening_screen(&person), Ok(Opening::At(Screen::Briefing)));
        let shot = PlayOptions {
            screenshot: Some("x.png".into()),
            ..PlayOptions::default()
        };
        assert_eq!(opening_screen(&shot), Ok(Opening::At(Screen::Turn)));
        let auto = PlayOptions {
            autoplay: Some("expert".into()),
            ..PlayOptions::default()
        };
        assert_eq!(opening_screen(&auto), Ok(Opening::At(Screen::Debrief)));
        let report = PlayOptions {
            screenshot: Some("x.png".into()),
            screen: Some("report".into()),
            ..PlayOptions::default()
        };
        assert_eq!(opening_screen(&report), Ok(Opening::At(Screen::Report)));
        let coach = PlayOptions {
            screen: Some("coach".into()),
            ..PlayOptions::default()
        };
        assert_eq!(opening_screen(&coach), Ok(Opening::Coach));
        for (name, opening) in [
            ("what-if", Opening::WhatIf),
            ("expert-compare", Opening::ExpertCompare),
        ] {
            let options = PlayOptions {
                screen: Some(name.into()),
                ..PlayOptions::default()
            };
            assert_eq!(opening_screen(&options), Ok(opening));
        }
        let wrong = PlayOptions {
            screen: Some("lobby".into()),
            ..PlayOptions::default()
        };
        assert!(
            opening_screen(&wrong)
                .unwrap_err()
                .contains("briefing, turn")
        );
    }
}
