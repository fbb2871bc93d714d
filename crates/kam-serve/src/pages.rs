//! The instructor's pages, rendered on the server with maud (which escapes every value by
//! construction): the form that creates a class, the live dashboard and one trainee's game.

use kam_sim::engine::{Decision, Game};
use kam_sim::explain;
use kam_sim::scenario::Difficulty;
use maud::{DOCTYPE, Markup, html};

use crate::class::{ClassView, RosterLine, SeatStatus};

/// The page frame: styles and scripts are served by the binary itself (no CDN), so a class
/// on a LAN without internet works.
pub fn frame(title: &str, body: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " · kam-trainer class" }
                link rel="stylesheet" href="/assets/style.css";
                script src="/assets/dashboard.js" defer {}
            }
            body { (body) }
        }
    }
}

/// What the create form was filled with, to show it again beside its errors.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct CreateForm {
    #[serde(default)]
    pub bundled: String,
    #[serde(default)]
    pub scenario_file: String,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub seed: String,
    #[serde(default)]
    pub pacing: String,
    #[serde(default)]
    pub show_scores: Option<String>,
    /// "on" for practice; absent (an unticked box) for an exam. A fresh form is practice.
    #[serde(default)]
    pub coach: Option<String>,
    /// "easy", "normal" or "hard"; empty: the scenario's own.
    #[serde(default)]
    pub difficulty: String,
    #[serde(default)]
    pub round_minutes: String,
}

/// A difficulty as the instructor's pages name it.
fn difficulty_label(difficulty: Difficulty) -> &'static str {
    match difficulty {
        Difficulty::Easy => "Easy",
        Difficulty::Normal => "Normal",
        Difficulty::Hard => "Hard",
    }
}

pub fn create_page(form: &CreateForm, errors: Option<&str>) -> Markup {
    let bundled = kam_sim::bundled::names();
    let chosen = if form.bundled.is_empty() {
        "classroom_en"
    } else {
        form.bundled.as_str()
    };
    let rounds = form.pacing == "rounds";
    frame(
        "Run a class",
        html! {
            main.narrow {
                h1 { "Run a class" }
                p.lead { "Create a class session, then give the join code to your trainees: they choose "
                    b { "Join a class" } " on the game's title screen." }
                @if let Some(errors) = errors {
                    section.errors role="alert" {
                        h2 { "The class was not created" }
                        pre { (errors) }
                    }
                }
                form method="post" action="/sessions" {
                    fieldset {
                        legend { "Scenario" }
                        label { "Bundled scenario "
                            select name="bundled" {
                                @for name in &bundled {
                                    option value=(name) selected[*name == chosen] { (name) }
                                }
                            }
                        }
                        label for="scenario_file" { "…or a scenario file of your own (it replaces the bundled one):" }
                        input type="file" id="scenario_picker" accept=".ron,text/plain";
                        textarea id="scenario_file" name="scenario_file" rows="6" placeholder="Paste a scenario (RON) here, or pick a file above" { (form.scenario_file) }
                    }
                    fieldset {
                        legend { "Class" }
                        label { "Title " input type="text" name="title" maxlength="120" value=(form.title); }
                        label { "Seed or class code " input type="text" name="seed" maxlength="40" value=(form.seed) placeholder="the scenario's own"; }
                        label { input type="radio" name="pacing" value="free" checked[!rounds]; " Free: everyone plays at their own pace" }
                        label { input type="radio" name="pacing" value="rounds" checked[rounds]; " Rounds: everyone plays month N; results are released together" }
                        label { "Round deadline in minutes (0: release by hand or when all have played) "
                            input type="number" name="round_minutes" min="0" max="1440" value=(if form.round_minutes.is_empty() { "0" } else { form.round_minutes.as_str() }); }
                        label { input type="checkbox" name="show_scores" value="on" checked[form.show_scores.is_some()]; " Trainees see their scores during play" }
                        label { input type="checkbox" name="coach" value="on" checked[form.coach.is_some() || form.bundled.is_empty()]; " Practice: the game previews each plan and hints at missed teaching points (untick for an exam)" }
                        label { "Difficulty "
                            select name="difficulty" {
                                option value="" selected[form.difficulty.is_empty()] { "the scenario's own" }
                                @for difficulty in Difficulty::ALL {
                                    option value=(difficulty.name()) selected[form.difficulty == difficulty.name()] { (difficulty_label(difficulty)) }
                                }
                            }
                        }
                        p.muted { "Easy shows each buyer's style and need; Normal hides them behind cues and reactions; Hard also hides the fit words, the plan preview and the hints." }
                    }
                    button.primary type="submit" { "Create the class" }
                }
            }
        },
    )
}

/// The dashboard page: what never changes, around the live part.
pub fn dashboard_page(view: &ClassView) -> Markup {
    frame(
        &view.title,
        html! {
            header.bar {
                div {
                    h1 { (view.title) }
                    p.sub { (view.scenario) " · seed " (view.seed) " · " (view.pacing.as_str()) " pacing · "
                        (if view.coach { "practice" } else { "exam" }) " · " (difficulty_label(view.difficulty))
                        @if view.scenario_difficulty { " (the scenario's own)" } }
                }
                div.code {
                    span { "Join code" }
                    strong #join-code { (view.code) }
                }
            }
            nav.actions {
                form method="post" action={"/i/" (view.id) "/release"} {
                    button #release type="submit" disabled[view.ended || view.pacing.as_str() == "free"] { "Release the round" }
                }
                // A round without a deadline gets one from this form: say so, and ask first.
                @let no_deadline = view.deadline_in.is_none();
                form method="post" action={"/i/" (view.id) "/extend"}
                    data-confirm=[no_deadline.then_some("This round has no deadline. Set one, so that the round is released automatically when it passes?")] {
                    input type="number" name="minutes" min="1" max="1440" value="5" aria-label="minutes";
                    button type="submit" disabled[view.ended || view.pacing.as_str() == "free"] {
                        (if no_deadline { "Set a deadline (minutes)" } else { "Extend the deadline" }) }
                }
                form method="post" action={"/i/" (view.id) "/end"} data-confirm="End the session? Trainees can no longer submit." {
                    button.danger type="submit" disabled[view.ended] { "End the session" }
                }
                a href={"/i/" (view.id) "/report.html"} { "Class report" }
                a href={"/i/" (view.id) "/report.csv"} { "Gradebook CSV" }
                a href={"/i/" (view.id) "/results.tar"} { "All result files" }
                span #connection data-live={"/i/" (view.id) "/events"} { "connecting…" }
            }
            p.link { a href={"/i/" (view.id) "/link"} { "Instructor link" }
                " (keep it: it is the only way back to this dashboard from another browser)" }
            main #live { (live(view)) }
        },
    )
}

fn pct(x: f64) -> String {
    format!("{x:.1}")
}

/// Up to this many trainees holding the open round, the dashboard names them.
const FEW_HOLDING: usize = 5;

/// The part of the dashboard that updates live.
pub fn live(view: &ClassView) -> Markup {
    let board = view.leaderboard();
    // Who holds the round is named while the class waits for a few: when most are still
    // playing the open month, "planning" says it already.
    let few_holding = view.roster.iter().filter(|l| l.holds_round).count() <= FEW_HOLDING;
    html! {
        section.round {
            @if view.ended {
                p.state { "The session has ended." }
                @if let Some(days) = view.deleted_in_days {
                    p.deadline { "This class and its results are deleted from the server in "
                        (days) (if days == 1 { " day" } else { " days" })
                        ": download the class report and all result files before then." }
                }
            } @else if view.pacing.as_str() == "rounds" {
                @let open = (view.released + 1).min(view.months);
                p.state { "Month " strong #open-month { (open) } " of " (view.months) " is open; "
                    (view.released) " released." }
                @let holding: Vec<&RosterLine> = view.roster.iter().filter(|l| l.holds_round).collect();
                @if view.released < view.months {
                    @if holding.is_empty() {
                        p.holding #holding { "Nobody holds month " (open) " back: it is released at the next submission." }
                    } @else if holding.len() > FEW_HOLDING {
                        p.holding #holding { "Month " (open) " is released when the " (holding.len())
                            " trainees still playing it have submitted it (or you excuse them)." }
                    } @else {
                        p.holding #holding { "Month " (open) " is released when these trainees submit it (or you excuse them): "
                            @for (i, line) in holding.iter().enumerate() {
                                @if i > 0 { ", " }
                                strong { (line.name) } " (" (line.months_played) " played)"
                            }
                            "." }
                    }
                }
                @if let Some(seconds) = view.deadline_in {
                    p.deadline { "Released automatically in " (seconds / 60) " min " (seconds % 60) " s." }
                }
            } @else {
                p.state { "Free pacing: " (view.months) " months, each trainee at their own pace." }
            }
            p { strong #seat-count { (view.roster.len()) } " trainees joined." }
        }
        div.grid {
            section {
                h2 { "Leaderboard" }
                table #leaderboard {
                    thead { tr { th { "#" } th { "Trainee" } th title="Months played and sent" { "Played" } th.num { "Score" }
                        th.num title="The score against the expert's on the same seed after as many months played: the ranking" { "vs expert" } } }
                    tbody {
                        @for (i, line) in board.iter().enumerate() {
                            tr {
                                td { @if line.started { (i + 1) } }
                                td { a href={"/i/" (view.id) "/seat/" (line.seat)} { (line.name) } }
                                td { (line.months_played) " of " (view.months) }
                                @if line.started {
                                    td.num { (pct(line.composite)) }
                                    td.num.(if line.against_expert >= 0.0 { "up" } else { "down" }) { (format!("{:+.1}", line.against_expert)) }
                                } @else {
                                    td.num.muted colspan="2" { "not started" }
                                }
                            }
                        }
                        tr.expert { td { "—" } td { "expert (same seed, final)" } td { (view.months) " of " (view.months) } td.num { (pct(view.expert_final)) } td {} }
                    }
                }
            }
            section {
                h2 { "Roster" }
                table #roster {
                    thead { tr { th { "Seat" } th { "Trainee" } th title="Months played and sent" { "Played" } th { "Status" } th { "Seat actions" } } }
                    tbody {
                        @for line in &view.roster {
                            tr data-status=(format!("{:?}", line.status).to_lowercase()) {
                                td { (line.seat) }
                                td { (line.name) }
                                td { (line.months_played) " of " (view.months) }
                                td { span.(status_class(line.status)) { (line.status.label()) }
                                    @if line.excused { " " span.st-excused { "excused" } }
                                    @if line.holds_round && few_holding { " " span.st-holding title="The open month is not released until this trainee submits it" { "holds the round" } } }
                                td.seat-actions {
                                    @if !view.ended {
                                        @let base = format!("/i/{}/seat/{}", view.id, line.seat);
                                        @if line.excused {
                                            form method="post" action={(base) "/unexcuse"} {
                                                button type="submit" title="This seat holds back rounds again" { "Wait for" }
                                            }
                                        } @else {
                                            form method="post" action={(base) "/excuse"} {
                                                button type="submit" title="Rounds are released without waiting for this seat" { "Excuse" }
                                            }
                                        }
                                        form method="post" action={(base) "/remove"}
                                            data-confirm={"Remove " (line.name) " from the class? Their seat and results leave the roster and the report, and the name is free to join again."} {
                                            button.danger type="submit" { "Remove" }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            section {
                h2 { "Accounts across the class" }
                table {
                    thead { tr { th { "Account" } th { "Tier" } th.num { "Kept" } th.num { "Mean satisfaction" } } }
                    tbody {
                        @for a in &view.accounts {
                            tr { td { (a.name) } td { (a.tier) } td.num { (a.kept) " / " (a.of) } td.num { (pct(a.mean_satisfaction)) } }
                        }
                    }
                }
            }
            section {
                h2 { "Teaching points most missed" }
                @if view.lessons.is_empty() {
                    p.muted { "Shown once trainees finish their games." }
                } @else {
                    table {
                        thead { tr { th { "Teaching point" } th.num { "Missed" } } }
                        tbody {
                            @for l in &view.lessons {
                                tr { td { (l.lesson) } td.num { (l.missed) " of " (l.of) } }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn status_class(status: SeatStatus) -> &'static str {
    match status {
        SeatStatus::Planning => "st-planning",
        SeatStatus::Waiting => "st-waiting",
        SeatStatus::Finished => "st-finished",
        SeatStatus::Offline => "st-offline",
    }
}

/// One trainee's game, month by month, with the causes the engine recorded and the debrief.
pub fn seat_page(session_id: &str, name: &str, game: &Game) -> Markup {
    let scenario = game.scenario();
    let lang = scenario.language;
    let debrief = game
        .is_finished()
        .then(|| kam_sim::debrief::debrief(game, lang));
    let scores = kam_sim::score::score(game);
    let months = game.turn().saturating_sub(1).min(scenario.turns);
    frame(
        name,
        html! {
            main {
                p { a href={"/i/" (session_id)} { "← back to the dashboard" } }
                h1 { (name) }
                p.sub { (months) " of " (scenario.turns) " months played · score " (pct(scores.composite))
                    " (retention " (pct(scores.retention)) ", profit " (pct(scores.profit_score)) ", satisfaction " (pct(scores.satisfaction)) ")" }
                h2 { "Decisions" }
                ol.decisions {
                    @for line in decision_lines(game) { li { (line) } }
                }
                h2 { "Month by month" }
                @for month in 1..=months {
                    details open[month == months] {
                        summary { "Month " (month) }
                        @for (a, account) in scenario.accounts.iter().enumerate() {
                            @if let Some(record) = game.history(a).iter().find(|r| r.turn == month) {
                                h3 { (account.name) }
                                ul.causes {
                                    @for cause in &record.causes {
                                        li {
                                            (explain::metric_name(cause.metric, lang)) " "
                                            (format!("{:+.1}", cause.delta * explain::shown_scale(cause.metric)))
                                            ": " (explain::cause_text(game, a, cause, lang))
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
                @if let Some(debrief) = debrief {
                    h2 { "Debrief" }
                    ul.lessons {
                        @for l in &debrief.lessons {
                            li.(if l.met { "met" } else { "missed" }) {
                                strong { (kam_sim::debrief::lesson_name(l.lesson, lang)) }
                                (if l.met { " — met: " } else { " — missed: " }) (l.evidence)
                            }
                        }
                    }
                    h3 { "Accounts" }
                    ul {
                        @for story in &debrief.accounts {
                            li { strong { (story.name) } (if story.retained { " kept" } else { " lost" })
                                ", satisfaction " (format!("{:+.1}", story.satisfaction_change)) }
                        }
                    }
                }
            }
        },
    )
}

/// Each decision of the game's log in words; an event's answer names the event, its account
/// and the answer in the scenario's words (the k-th answer of the log is the game's k-th
/// recorded choice).
fn decision_lines(game: &Game) -> Vec<String> {
    let mut answers = game.choices().iter();
    game.log()
        .iter()
        .map(|d| match d {
            Decision::Choose(_) => answers
                .next()
                .map_or_else(|| decision_text(game, d), |r| answer_text(game, r)),
            _ => decision_text(game, d),
        })
        .collect()
}

fn answer_text(game: &Game, record: &kam_sim::engine::ChoiceRecord) -> String {
    let scenario = game.scenario();
    let event = scenario.events.get(record.event);
    let account = scenario
        .accounts
        .get(record.account)
        .map_or("?", |a| a.name.as_str());
    let answer = event
        .and_then(|e| e.choices.get(record.choice))
        .map_or("?", |c| c.label.as_str());
    format!(
        "Month {}, {account}: answered “{}” with “{answer}”",
        record.turn,
        event.map_or("?", |e| e.title.as_str())
    )
}

fn decision_text(game: &Game, decision: &Decision) -> String {
    let scenario = game.scenario();
    match decision {
        Decision::Plan(plan) => {
            let visits: Vec<String> = plan
                .visits
                .iter()
                .map(|v| {
                    let account = scenario.accounts.get(v.account);
                    let person = account
                        .and_then(|a| a.stakeholders.get(v.stakeholder))
                        .map_or("?", |s| s.name.as_str());
                    format!("{} ({})", person, account.map_or("?", |a| a.name.as_str()))
                })
                .collect();
            let visits = if visits.is_empty() {
                "no visits".to_owned()
            } else {
                format!("{} visit(s): {}", visits.len(), visits.join(", "))
            };
            format!("Plan: {visits}; {} resource use(s)", plan.resources.len())
        }
        Decision::Choose(c) => format!("Answered an event with choice {}", c + 1),
        Decision::Offer(offer) => format!(
            "Offered {}",
            offer
                .iter()
                .map(|o| (o + 1).to_string())
                .collect::<Vec<_>>()
                .join("/")
        ),
        Decision::WalkAway => "Walked away from the negotiation".to_owned(),
        Decision::Read {
            account,
            stakeholder,
            ..
        } => {
            let account = scenario.accounts.get(*account);
            let person = account
                .and_then(|a| a.stakeholders.get(*stakeholder))
                .map_or("?", |s| s.name.as_str());
            format!(
                "Noted a reading of {person} ({})",
                account.map_or("?", |a| a.name.as_str())
            )
        }
    }
}

/// The instructor link on its own page, opened on purpose from the dashboard.
pub fn link_page(session_id: &str, link: &str) -> Markup {
    frame(
        "Instructor link",
        html! {
            main.narrow {
                h1 { "Your instructor link" }
                p { "It opens this class's dashboard in any browser. Keep it where you keep passwords: whoever has it controls the class. It cannot be shown again once this browser forgets it (after 12 hours)." }
                p { code { (link) } }
                p { a href={"/i/" (session_id)} { "← back to the dashboard" } }
            }
        },
    )
}

/// A refusal as a page (for the browser's forms and links).
pub fn error_page(status: u16, message: &str) -> Markup {
    frame(
        "Not possible",
        html! {
            main.narrow {
                h1 { "Not possible (" (status) ")" }
                p { (message) }
                p { a href="/" { "Run a new class" } }
            }
        },
    )
}

pub const STYLE: &str = include_str!("assets/style.css");
pub const SCRIPT: &str = include_str!("assets/dashboard.js");
